import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from luukku.registry.hetu import age_on
from luukku.registry.municipalities import KANTA_HAME


class OrgUnit(models.Model):
    """County > division > result area > unit > cost centre.

    A unit with no municipalities of its own serves those of its parent. A cost centre (kustannuspaikka)
    is the lowest level of the county's reporting (feedback, knowledge management): a service point or
    team of a unit, with no staff or queue of its own; its work goes to the unit above it.
    """

    class Level(models.TextChoices):
        COUNTY = "county", _("county")
        DIVISION = "division", _("division")
        RESULT_AREA = "result_area", _("result area")
        UNIT = "unit", _("unit")
        COST_CENTRE = "cost_centre", _("cost centre")

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=150)
    name_sv = models.CharField(max_length=150, blank=True)
    level = models.CharField(max_length=12, choices=Level.choices)
    oid = models.CharField(
        _("SOTE organisation register OID"),
        max_length=64,
        blank=True,
        validators=[
            RegexValidator(
                r"^1\.2\.246\.10(\.(0|[1-9][0-9]*))+$",
                _("An OID of THL's SOTE organisation register, e.g. 1.2.246.10.2085212.10.1306."),
            )
        ],
        help_text=_(
            "The unit's identifier in THL's SOTE organisation register; FHIR and Kanta name it by this."
        ),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    municipality_codes = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("organisational unit")

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The unit's name in the reader's language: its Swedish name in Swedish where it has one (the
        official names are Finnish and Swedish; English readers see the Finnish one)."""
        return self.name_sv if self.name_sv and (get_language() or "")[:2] == "sv" else self.name

    def ancestors_and_self(self) -> list["OrgUnit"]:
        chain, unit = [], self
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return chain

    def served_municipalities(self) -> set[str]:
        for unit in self.ancestors_and_self():
            if unit.municipality_codes:
                return set(unit.municipality_codes)
        return {m.code for m in KANTA_HAME}


class Role(models.TextChoices):
    NURSE = "nurse", _("nurse")
    DOCTOR = "doctor", _("doctor")
    SOCIAL_WORKER = "social_worker", _("social worker")
    UNIT_MANAGER = "unit_manager", _("unit manager")
    ADMINISTRATOR = "administrator", _("administrator")
    AUDITOR = "auditor", _("data protection auditor")
    RECORDS_OFFICER = "records_officer", _("records officer")  # retention schedule, holds; no client data


CLIENT_WORK_ROLES = {Role.NURSE, Role.DOCTOR, Role.SOCIAL_WORKER, Role.UNIT_MANAGER}


class Professional(models.Model):
    """A person who works for the county. In production the county's identity management provisions
    these over SCIM (`identity.scim`) and they sign in through the county's OpenID provider."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="professional"
    )
    title = models.CharField(max_length=100, blank=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # the SCIM id
    external_id = models.CharField(max_length=255, blank=True)  # the identity management's own id
    employee_number = models.CharField(max_length=50, null=True, blank=True, unique=True)
    oidc_subject = models.CharField(max_length=255, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Removed by the identity management (SCIM DELETE): the account is closed, its history kept.
    removed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username


class RoleAssignment(models.Model):
    professional = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="role_assignments")
    valid_from = models.DateField(default=timezone.localdate)
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["professional", "role", "unit", "valid_from"], name="unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} / {self.unit}"

    @staticmethod
    def in_force(on) -> Q:
        return Q(valid_from__lte=on) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))


class Resident(models.Model):
    """A person Luukku serves, mirrored from the population register.

    The henkilötunnus stays inside the database: URLs and logs use `public_id`.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hetu = models.CharField(max_length=11, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="resident"
    )
    first_names = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    birth_date = models.DateField()
    date_of_death = models.DateField(null=True, blank=True)
    municipality_code = models.CharField(max_length=3, blank=True)
    address_protected = models.BooleanField(default=False)
    language = models.CharField(max_length=2, default="fi")
    register_synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("resident")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_name}"

    @property
    def calling_name(self) -> str:
        return self.first_names.split(" ")[0]

    @property
    def is_deceased(self) -> bool:
        return self.date_of_death is not None

    def age(self, on=None) -> int:
        return age_on(self.birth_date, on or timezone.localdate())


class MaturityAssessment(models.Model):
    """A professional's judgement that a 12-17-year-old decides alone in one service event.

    While it stands, the guardians cannot act for the minor in that service event.
    """

    minor = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="maturity_assessments")
    service_event = models.CharField(max_length=100, help_text=_("Identifier of the service event"))
    decides_alone = models.BooleanField(default=True)
    assessed_by = models.ForeignKey(Professional, null=True, on_delete=models.SET_NULL)
    assessed_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    # The last day it stands (a professional may set it, e.g. until the next visit); none: until the
    # minor turns 18, when guardianship ends anyway.
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["minor", "service_event"], name="one_assessment_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.minor} / {self.service_event}"

    @staticmethod
    def in_force(on: "dt.date | None" = None) -> Q:
        """Assessments that stand on the day (Helsinki): no end date, or one not yet passed."""
        return Q(valid_until__isnull=True) | Q(valid_until__gte=on or timezone.localdate())


class MandateGrant(models.Model):
    """A mandate Luukku has learned from the mandate service (Suomi.fi-valtuudet or the local one)."""

    agent = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="mandates_held")
    principal = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="mandates_given")
    issue = models.CharField(max_length=100)
    valid_until = models.DateField(null=True, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agent", "principal", "issue"], name="unique_mandate_grant"),
        ]

    def __str__(self) -> str:
        return f"{self.agent} → {self.principal} ({self.issue})"


class LocalMandate(models.Model):
    """The development stand-in for Suomi.fi-valtuudet's register of mandates between persons."""

    principal_hetu = models.CharField(max_length=11)
    agent_hetu = models.CharField(max_length=11, db_index=True)
    issue = models.CharField(max_length=100, default="sote-asiointi")
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.issue} {self.valid_from}...{self.valid_until or ''}"
