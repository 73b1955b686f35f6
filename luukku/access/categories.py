"""What kind of client data is asked for, and what is done with it.

Each app declares the category of its own data when it asks the policy (Client Data Act 703/2023
§ 4: social welfare and health care client data are kept in separate registers; § 15-17 disclosure
across them needs the client's consent or a legal basis).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    BASIC = "basic", _("basic data")
    HEALTH = "health", _("health care data")
    SOCIAL = "social", _("social care data")
    # Data that exists because a minor decides alone in a service event (the maturity assessment
    # itself): only the minor and professionals see it, never the guardians (Act 785/1992 § 9).
    CONFIDENTIAL_MINOR = "confidential_minor", _("a minor's own decision")


class Action(models.TextChoices):
    READ = "read", _("read")
    WRITE = "write", _("write")


class Sector(models.TextChoices):
    HEALTH = "health", _("health care")
    SOCIAL = "social", _("social care")
