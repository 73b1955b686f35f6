"""The county's retention schedule (tiedonohjaussuunnitelma, TOS) and what records management did.

A record class follows the JHS 191 task classification (the code) and carries the SÄHKE2 metadata the
archive needs: retention period and its legal basis, publicity and the secrecy ground, whether it holds
personal data, and whether records are destroyed or archived at the end. Nothing here stores personal
data except a legal hold's person (the reason why records must be kept).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Register(models.TextChoices):
    """The registers (GDPR filing systems) the county keeps in Luukku; each has a privacy notice."""

    PATIENT = "patient", _("Patient register (health care)")
    SOCIAL = "social", _("Social welfare client register")
    FEES = "fees", _("Client fees and invoicing register")
    FEEDBACK = "feedback", _("Feedback and complaints register")
    ESERVICES = "eservices", _("E-services and messages register")


class Publicity(models.TextChoices):
    PUBLIC = "public", _("public")
    SECRET = "secret", _("secret")


class Disposal(models.TextChoices):
    DESTROY = "destroy", _("destroy at the end of retention")
    ARCHIVE = "archive", _("transfer to the archive at the end of retention")


class RecordClass(models.Model):
    """One line of the retention schedule (edited in the admin by the records officer's request)."""

    code = models.CharField(_("class code"), max_length=20, unique=True)  # JHS 191, e.g. 05.01.02
    name_fi = models.CharField(max_length=200)
    name_sv = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    register = models.CharField(max_length=20, choices=Register.choices)
    # None: kept permanently (never destroyed by the retention job).
    retention_years = models.PositiveSmallIntegerField(null=True, blank=True)
    retention_start = models.CharField(max_length=200, help_text="When the retention period starts, in words")
    # Counted from the end of the start's calendar year (accounting vouchers: 1336/1997 ch. 2 § 10).
    counted_from_year_end = models.BooleanField(default=False)
    legal_basis = models.CharField(max_length=300)
    publicity = models.CharField(max_length=10, choices=Publicity.choices, default=Publicity.SECRET)
    secrecy_ground = models.CharField(max_length=200, blank=True)
    personal_data = models.BooleanField(default=True)
    disposal = models.CharField(max_length=10, choices=Disposal.choices, default=Disposal.DESTROY)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(publicity="secret", secrecy_ground=""), name="records_secret_has_ground"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        language = (get_language() or "fi")[:2]
        return {"sv": self.name_sv, "en": self.name_en}.get(language, self.name_fi)


class LegalHold(models.Model):
    """Records that must be kept past their retention (a complaint, a claim, a court case, an
    investigation): on everything of one person, or on one record. Held records are never destroyed."""

    class Scope(models.TextChoices):
        PERSON = "person", _("all records of a person")
        RECORD = "record", _("one record")

    scope = models.CharField(max_length=10, choices=Scope.choices)
    person = models.ForeignKey(
        "identity.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="legal_holds"
    )
    record_type = models.CharField(max_length=60, blank=True)
    record_id = models.CharField(max_length=64, blank=True)
    reason = models.TextField(max_length=1000)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-placed_at"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(scope="person", person__isnull=False))
                | (models.Q(scope="record") & ~models.Q(record_type="") & ~models.Q(record_id="")),
                name="records_hold_has_target",
            )
        ]

    def __str__(self) -> str:
        return f"hold #{self.pk} ({self.scope})"

    @property
    def in_force(self) -> bool:
        return self.lifted_at is None


class RetentionRun(models.Model):
    """One run of the retention job (or a dry run that changed nothing)."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    dry_run = models.BooleanField(default=False)
    today = models.DateField()  # the day (Europe/Helsinki) the retention was computed for
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    trigger = models.CharField(max_length=20, default="command")  # command, task, desk

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"run #{self.pk} ({self.today})"


class DestructionLogEntry(models.Model):
    """What a run did to one record type of one class: counts only, never personal data."""

    class Action(models.TextChoices):
        DESTROYED = "destroyed", _("destroyed")
        ARCHIVED = "archived", _("archived")
        BLOCKED = "blocked", _("kept: other records depend on them")

    run = models.ForeignKey(RetentionRun, on_delete=models.PROTECT, related_name="entries")
    record_class = models.ForeignKey(RecordClass, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=60)
    action = models.CharField(max_length=10, choices=Action.choices)
    count = models.PositiveIntegerField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "record_type"]

    def __str__(self) -> str:
        return f"{self.record_type}: {self.action} {self.count}"
