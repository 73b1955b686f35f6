"""The professional desktop: one work queue for everything addressed to a professional or a unit,
named responsible workers, and service chains."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.identity.models import Role

from .queryset import WorkItemQuerySet


class WorkItem(models.Model):
    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("notification")
        CARE_PATH = "care_path", _("care path")
        FORM_REVIEW = "form_review", _("form to review")
        CALL_BACK = "call_back", _("call-back request")
        CHAT = "chat", _("chat")
        MESSAGE = "message", _("message")
        FEEDBACK = "feedback", _("feedback")
        APPLICATION = "application", _("application")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        IN_PROGRESS = "in_progress", _("in progress")
        WAITING = "waiting", _("waiting for the client")
        DONE = "done", _("done")

    class Priority(models.IntegerChoices):
        URGENT = 1, _("urgent")
        HIGH = 2, _("high")
        NORMAL = 3, _("normal")
        LOW = 4, _("low")

    kind = models.CharField(max_length=15, choices=Kind.choices)
    source = models.CharField(max_length=100, help_text=_("What the item is about, e.g. response:<id>"))
    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="work_items")
    client = models.ForeignKey(
        "identity.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="work_items"
    )
    title = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="work_items"
    )
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_phone = models.CharField(max_length=25, blank=True)
    note = models.TextField(blank=True)

    objects = WorkItemQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "due_at", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source"], condition=~Q(status="done"), name="one_open_item_per_source"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "status"], name="work_item_unit_status"),
            models.Index(fields=["assignee", "status"], name="work_item_assignee_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_title(self) -> str:
        """The title in the reader's language (stored text is translated when shown: desk.registry)."""
        from django.utils.translation import get_language

        from .registry import work_title

        named = getattr(self, "localized_title", None)  # (language, title) from registry.name_items
        return named[1] if named and named[0] == get_language() else work_title(self)

    @property
    def overdue(self) -> bool:
        return self.status != self.Status.DONE and self.due_at is not None and self.due_at < timezone.now()


class WorkItemHistory(models.Model):
    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    change = models.CharField(max_length=300)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return self.change


class ResponsibleWorker(models.Model):
    class Kind(models.TextChoices):
        OWN_DOCTOR = "own_doctor", _("own doctor")
        OWN_NURSE = "own_nurse", _("own nurse")
        SOCIAL_WORKER = "social_worker", _("responsible social worker")

    client = models.ForeignKey(
        "identity.Resident", on_delete=models.CASCADE, related_name="responsible_workers"
    )
    kind = models.CharField(max_length=15, choices=Kind.choices)
    professional = models.ForeignKey(
        "identity.Professional", on_delete=models.CASCADE, related_name="clients"
    )
    since = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "kind"], name="one_worker_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.professional}"


class ChainTemplate(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class ChainTemplateStep(models.Model):
    template = models.ForeignKey(ChainTemplate, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    owner_role = models.CharField(max_length=20, choices=Role.choices)
    owner_unit = models.ForeignKey("identity.OrgUnit", null=True, blank=True, on_delete=models.PROTECT)
    expected_days = models.PositiveSmallIntegerField(default=14)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title


class ClientChain(models.Model):
    template = models.ForeignKey(ChainTemplate, on_delete=models.PROTECT)
    client = models.ForeignKey("identity.Resident", on_delete=models.PROTECT, related_name="service_chains")
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return str(self.template)

    @property
    def next_step(self):
        return self.steps.filter(done_at__isnull=True).order_by("order").first()


class ClientChainStep(models.Model):
    chain = models.ForeignKey(ClientChain, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    owner_role = models.CharField(max_length=20, choices=Role.choices)
    owner_unit = models.ForeignKey("identity.OrgUnit", null=True, blank=True, on_delete=models.PROTECT)
    owner = models.ForeignKey("identity.Professional", null=True, blank=True, on_delete=models.SET_NULL)
    due_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title
