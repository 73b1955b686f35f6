"""Write-back to the care record (EHR): what is queued for it, and the demo's local copy of the record."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WriteBack(models.Model):
    """A resource to push to the EHR. Only the key is stored: the resource is built from the current data
    when it is sent, and sent as a conditional update by its identifier, so a retry or a second push of
    the same resource changes nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    resource_type = models.CharField(max_length=40)
    resource_key = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    sent_version = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="writeback_status")]

    def __str__(self) -> str:
        return f"{self.resource_type}/{self.resource_key} {self.status}"


class LocalEhrRecord(models.Model):
    """The demo's EHR: the last version of each resource written back, by its identifier."""

    resource_type = models.CharField(max_length=40)
    identifier = models.CharField(max_length=200)
    resource = models.JSONField()
    writes = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource_type", "identifier"], name="one_local_ehr_record")
        ]

    def __str__(self) -> str:
        return f"{self.resource_type}?identifier={self.identifier}"


class SmartClient(models.Model):
    """A machine client (SMART Backend Services): authenticates with a JWT signed by a key in its JWKS
    and acts as `user`, a service account whose roles the access policy decides on like anyone's; its
    scopes (e.g. system/Appointment.rs) only narrow what that account may do."""

    client_id = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=150)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    jwks = models.JSONField(help_text=_("Public keys (JWKS) that verify the client's assertions"))
    scopes = models.JSONField(default=list, help_text=_("Scopes the client may be granted"))
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class SmartToken(models.Model):
    """An access token issued to a machine client; only its SHA-256 is stored."""

    digest = models.CharField(max_length=64, unique=True)
    client = models.ForeignKey(SmartClient, on_delete=models.CASCADE, related_name="tokens")
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.client} until {self.expires_at:%H:%M}"


class UsedAssertion(models.Model):
    """A client assertion's jti, kept until the assertion expires: an assertion is used once."""

    client = models.ForeignKey(SmartClient, on_delete=models.CASCADE, related_name="+")
    jti = models.CharField(max_length=200)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "jti"], name="one_use_per_assertion")]

    def __str__(self) -> str:
        return self.jti


class OmaoloAssessment(models.Model):
    """A symptom or service assessment a resident made in the national Omaolo service, as it arrived
    (a QuestionnaireResponse), and the queue item it became. Stored once per Omaolo id: importing the
    same assessment again changes nothing."""

    class Urgency(models.TextChoices):
        EMERGENCY = "emergency", _("emergency")
        URGENT = "urgent", _("urgent")
        NON_URGENT = "non-urgent", _("non-urgent")
        SELF_CARE = "self-care", _("self-care")

    omaolo_id = models.CharField(max_length=64, unique=True)
    person = models.ForeignKey("identity.Resident", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    urgency = models.CharField(max_length=12, choices=Urgency.choices)
    resource = models.JSONField()
    authored_at = models.DateTimeField()
    imported_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"omaolo:{self.omaolo_id}"


class Subscription(models.Model):
    """An EHR's standing request (FHIR R4 Subscription, rest-hook): when an appointment matching
    `criteria` is booked, POST to `endpoint` with `headers`; an empty body, or an id-only notification
    Bundle when `payload` is application/fhir+json. Owned by the machine client that created it."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        ERROR = "error", _("error")
        OFF = "off", _("off")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(SmartClient, on_delete=models.CASCADE, related_name="subscriptions")
    criteria = models.CharField(max_length=500)
    reason = models.CharField(max_length=200)
    endpoint = models.URLField(max_length=500)
    headers = models.JSONField(default=list, blank=True)
    payload = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    end = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    base_url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.criteria} -> {self.endpoint}"
