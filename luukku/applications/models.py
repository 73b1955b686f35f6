"""Social-services applications: the application, its thread, attachments, the service-need assessment
and the decision (signed PDF). Record types for the retention schedule are listed in the report."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Application(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        IN_PROCESS = "in_process", _("in process")
        INFO_REQUESTED = "info_requested", _("additional information requested")
        DECIDED = "decided", _("decision made")

    class OnBehalf(models.TextChoices):
        SELF = "self", _("for oneself")
        GUARDIAN = "guardian", _("as guardian")
        MANDATE = "mandate", _("with a mandate")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True, blank=True)
    kind = models.SlugField(max_length=60)  # the application type's key (= its form's key)
    person = models.ForeignKey("identity.Resident", on_delete=models.PROTECT, related_name="applications")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf = models.CharField(max_length=10, choices=OnBehalf.choices, default=OnBehalf.SELF)
    response = models.OneToOneField(
        "questionnaires.Response", on_delete=models.PROTECT, related_name="application"
    )
    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.RECEIVED)
    urgent = models.BooleanField(default=False)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(default=timezone.now)
    assessment_due = models.DateField()
    assessment_due_statutory = models.BooleanField(default=True)
    decision_due = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    service_due = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["unit", "status"], name="application_unit_status")]

    def __str__(self) -> str:
        return self.reference or str(self.public_id)

    @property
    def service_event(self) -> str:
        """The service event of the access policy: the application type (a minor's own decision)."""
        return self.kind


class ThreadMessage(models.Model):
    """The application's thread: requests for more information and the resident's answers."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="thread")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_resident = models.BooleanField(default=False)
    body = models.TextField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} {self.at:%Y-%m-%d}"


class Attachment(models.Model):
    """A picture (JPEG/PNG re-encoded by web.images) or a checked PDF added to the application."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="applications/%Y/%m/")
    content_type = models.CharField(max_length=40)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.file.name


class Assessment(models.Model):
    """The service-need assessment (Social Welfare Act § 36-37): functional ability in the handler's
    words, and an external RAI assessment's scales entered by hand or received through the adapter."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("entered by hand")
        ADAPTER = "adapter", _("received from the RAI system")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="assessment")
    functional_ability = models.TextField()
    rai_source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    rai_scores = models.JSONField(default=dict, blank=True)  # {"MAPLe": 3, "ADLH": 2, "CPS": 1, ...}
    rai_assessed_on = models.DateField(null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.application} assessment"


class Decision(models.Model):
    class Outcome(models.TextChoices):
        GRANTED = "granted", _("granted")
        PARTLY = "partly", _("partly granted")
        REFUSED = "refused", _("refused")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    body = models.TextField()
    legal_basis = models.TextField()
    appeal = models.TextField()
    language = models.CharField(max_length=2, default="fi")
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    signed_pdf = models.BinaryField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"{self.application} {self.outcome}"
