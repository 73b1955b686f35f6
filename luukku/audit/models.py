from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    CARE = "care", _("providing care or service")
    CLIENT_SERVICE = "client_service", _("client service and guidance")
    SOCIAL_WORK = "social_work", _("social work client process")
    SUPERVISION = "supervision", _("supervision and quality assurance")
    AUDIT = "audit", _("access log audit")


WHAT_LABELS = {
    "basic_data": _("basic data"),
    "access_log": _("access log"),
    "booking": _("booking an appointment"),
    "appointments": _("appointments"),
    "questionnaire_response": _("answers to a form"),
    "care_path": _("care path"),
    "notification": _("a notification about the client"),
    "client_360": _("the whole picture of the client"),
    "health": _("health care"),
    "social": _("social care"),
    "client_search": _("client look-up"),
    "work_item": _("work in the queue"),
    "chat": _("chat"),
    "chat_attachment": _("a picture sent in a chat"),
    "chat_transfer": _("chat transferred"),
    "chat_close": _("chat ended"),
    "chat_consult": _("colleague consulted in a chat"),
    "assessment": _("care-need assessment"),
    "responsible_worker": _("responsible worker"),
    "service_chain": _("service chain"),
    "maturity_assessment": _("maturity assessment of a minor"),
    "inbox_thread": _("messages with the client"),
    "invoice": _("client fee invoices"),
    "feedback": _("feedback or a complaint"),
    "voucher": _("service voucher"),
    "voucher_service": _("services delivered with a voucher"),
    "voucher_clients": _("a voucher provider's client list"),
    "homecare_visit": _("home-care visits"),
    "door_opening": _("door openings of home care"),
}


class AccessLogEntry(models.Model):
    """One use of a resident's personal data by a professional: who, whom, what, why, on what basis,
    when; refused attempts too (`allowed` False). Client Data Act 703/2023 § 18.

    Names and roles are copied at read time so the log stays true if the people or units change later.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=150)
    actor_role = models.CharField(max_length=50, blank=True, help_text=_("Role code, e.g. nurse"))
    actor_unit = models.CharField(max_length=150, blank=True)
    subject = models.ForeignKey("identity.Resident", on_delete=models.PROTECT, related_name="access_log")
    what = models.CharField(max_length=100)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    allowed = models.BooleanField(default=True)
    basis = models.CharField(max_length=60, blank=True, help_text=_("Basis of access, e.g. serving_role"))
    action = models.CharField(max_length=10, default="read")
    category = models.CharField(max_length=20, blank=True)
    service_event = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["subject", "-at"]), models.Index(fields=["actor", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.what}"

    @property
    def what_label(self) -> str:
        """What was read, in the reader's language; the parts of a client 360 view are listed."""
        main, _sep, parts = self.what.partition(":")
        label = str(WHAT_LABELS.get(main, main))
        if parts:
            label += " (" + ", ".join(str(WHAT_LABELS.get(p, p)) for p in parts.split("+")) + ")"
        return label

    @property
    def role_label(self) -> str:
        """The role in the reader's language; the log keeps the code."""
        from luukku.identity.models import Role

        return Role(self.actor_role).label if self.actor_role in Role.values else self.actor_role


class Event(models.Model):
    """A state change that matters to a resident, kept for analytics (indicators read these)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=60, db_index=True)
    subject = models.ForeignKey(
        "identity.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"

    @property
    def label(self) -> str:
        from .services import event_label

        return event_label(self.kind)
