import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .fhirq import localized


class Purpose(models.TextChoices):
    PRE_INFORMATION = "pre_information", _("pre-information")
    SELF_ASSESSMENT = "self_assessment", _("self-assessment")
    NOTIFICATION = "notification", _("notification or application")


class Definition(models.Model):
    """One version of a questionnaire: a FHIR R4 Questionnaire resource. Versions are never edited."""

    key = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    resource = models.JSONField()
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    instruments = models.JSONField(default=list, blank=True)
    anonymous_allowed = models.BooleanField(default=False)
    recipient_unit = models.ForeignKey("identity.OrgUnit", null=True, blank=True, on_delete=models.PROTECT)
    current = models.BooleanField(default=True)
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="one_definition_version"),
            models.UniqueConstraint(fields=["key"], condition=Q(current=True), name="one_current_version"),
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"

    @property
    def title(self) -> str:
        return localized(self.resource, "title", (get_language() or "fi")[:2])

    @property
    def description(self) -> str:
        return localized(self.resource, "description", (get_language() or "fi")[:2])


class Response(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in-progress", _("in progress")
        COMPLETED = "completed", _("sent")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    definition = models.ForeignKey(Definition, on_delete=models.PROTECT, related_name="responses")
    person = models.ForeignKey(
        "identity.Resident",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questionnaire_responses",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    answers = models.JSONField(default=dict, blank=True)
    scores = models.JSONField(default=list, blank=True)
    step = models.PositiveSmallIntegerField(default=0)
    recipient_unit = models.ForeignKey(
        "identity.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="inbox"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["person", "definition", "status"], name="response_person_status"),
            models.Index(fields=["recipient_unit", "status", "handled_at"], name="response_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.definition} {self.get_status_display()}"


class Activation(models.Model):
    """A form put on a resident's page to be answered, e.g. before an appointment."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")
        CANCELLED = "cancelled", _("cancelled")

    key = models.SlugField(max_length=60)
    person = models.ForeignKey("identity.Resident", on_delete=models.CASCADE, related_name="form_activations")
    reason = models.CharField(max_length=200, blank=True)
    source = models.CharField(
        max_length=100, blank=True, help_text=_("What activated it, e.g. an appointment")
    )
    activated_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    response = models.ForeignKey(Response, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "key"], condition=Q(status="open"), name="one_open_activation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.get_status_display()}"
