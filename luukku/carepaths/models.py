"""Care path templates (administrator-editable) and each client's own, tailored copy."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from luukku.web.models import Translated


class Phase(models.TextChoices):
    ASSESSMENT = "assessment", _("assessment")
    SELF_CARE = "self_care", _("self-care")
    WITH_PROFESSIONAL = "with_professional", _("with a professional")


class TaskKind(models.TextChoices):
    READ = "read", _("read")
    QUESTIONNAIRE = "questionnaire", _("answer a questionnaire")
    MEASUREMENT = "measurement", _("record a measurement")
    BOOKING = "booking", _("book an appointment")


class MeasurementKind(models.TextChoices):
    BLOOD_PRESSURE = "blood_pressure", _("blood pressure")
    PEF = "pef", _("peak expiratory flow (PEF)")
    WEIGHT = "weight", _("weight")
    WAIST = "waist", _("waist circumference")
    GLUCOSE = "glucose", _("blood glucose")
    PAIN = "pain", _("pain (0-10)")


class Anchor(models.TextChoices):
    START = "start", _("from the start of the path")
    PHASE = "phase", _("from entering the task's phase")


class PathTemplate(Translated):
    code = models.SlugField(unique=True)
    self_enrolling = models.BooleanField(
        default=False, help_text=_("Residents can start this path themselves.")
    )
    team = models.ForeignKey(
        "identity.OrgUnit",
        on_delete=models.PROTECT,
        related_name="path_templates",
        help_text=_("The responsible team: receives reminders, routings and messages."),
    )
    routing_questionnaire = models.SlugField(blank=True)
    routing_instrument = models.SlugField(blank=True)
    routing_threshold = models.DecimalField(
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("A score at least this routes the client to a professional."),
    )
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class TemplateTask(Translated):
    """A step of the template; `name` is the task's title and `description` its instructions page."""

    template = models.ForeignKey(PathTemplate, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=15, choices=TaskKind.choices)
    phase = models.CharField(
        max_length=20,
        choices=Phase.choices,
        blank=True,
        help_text=_("Only in this phase; empty for every phase."),
    )
    questionnaire = models.SlugField(blank=True)
    measurement = models.CharField(max_length=20, choices=MeasurementKind.choices, blank=True)
    service = models.SlugField(blank=True, help_text=_("Bookable service code for booking tasks"))
    anchor = models.CharField(max_length=10, choices=Anchor.choices, default=Anchor.START)
    due_days = models.PositiveIntegerField(default=0)
    remind = models.BooleanField(default=False, help_text=_("Remind the client and the team when due."))

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class ClientPath(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    template = models.ForeignKey(PathTemplate, on_delete=models.PROTECT, related_name="paths")
    person = models.ForeignKey("identity.Resident", on_delete=models.PROTECT, related_name="care_paths")
    team = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="care_paths")
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.SELF_CARE)
    phase_since = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    self_enrolled = models.BooleanField(default=False)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "template"],
                condition=models.Q(status="active"),
                name="one_active_path_per_template",
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} / {self.get_status_display()}"


class ClientTask(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("to do")
        DONE = "done", _("done")
        REMOVED = "removed", _("removed")

    path = models.ForeignKey(ClientPath, on_delete=models.CASCADE, related_name="tasks")
    template_task = models.ForeignKey(TemplateTask, null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=15, choices=TaskKind.choices)
    title = models.CharField(max_length=200, blank=True, help_text=_("For tasks added for this client only"))
    instructions = models.TextField(blank=True)
    questionnaire = models.SlugField(blank=True)
    measurement = models.CharField(max_length=20, choices=MeasurementKind.choices, blank=True)
    service = models.SlugField(blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    remind = models.BooleanField(default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or (self.template_task.local_name if self.template_task else "")

    @property
    def display_instructions(self) -> str:
        return self.instructions or (self.template_task.local_description if self.template_task else "")


class PathMessage(models.Model):
    """The secure thread between the client (or whoever acts for them) and the care team."""

    path = models.ForeignKey(ClientPath, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_team = models.BooleanField(default=False)
    automatic = models.BooleanField(default=False)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.path} {self.created_at:%Y-%m-%d %H:%M}"


def routed_words(score: dict) -> str:
    """Why a client was routed to the team, e.g. "AUDIT 12 points (limit 8): contact the client"."""
    return gettext("%(instrument)s %(total)s points (limit %(limit)s): contact the client") % score


class TeamTask(models.Model):
    """Something the responsible team must act on: a routing, a due reminder, a client's message."""

    class Kind(models.TextChoices):
        ROUTED = "routed", _("routed to a professional")
        REMINDER = "reminder", _("reminder")
        MESSAGE = "message", _("message from the client")
        TASK_DONE = "task_done", _("the client completed a task")

    path = models.ForeignKey(ClientPath, on_delete=models.CASCADE, related_name="team_tasks")
    team = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="team_tasks")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    summary = models.CharField(max_length=300)  # as written when made: the fallback of shown_summary
    task = models.ForeignKey("ClientTask", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    score = models.JSONField(null=True, blank=True)  # a routing's score: instrument, total, limit
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["team", "handled_at"], name="team_task_open")]

    def __str__(self) -> str:
        return self.summary

    @property
    def shown_summary(self) -> str:
        """The summary in the reader's language (stored text is translated when shown)."""
        person = self.path.person.full_name
        if self.kind == self.Kind.ROUTED:
            if self.score:
                return routed_words(self.score)
            return self.summary or _("Routed to a professional")  # a reason given in words, else the default
        if self.kind == self.Kind.MESSAGE:
            return _("Message from %(person)s") % {"person": person}
        if self.task is not None and self.kind == self.Kind.TASK_DONE:
            return _("%(person)s: %(task)s done") % {"person": person, "task": self.task.display_title}
        if self.task is not None and self.kind == self.Kind.REMINDER:
            return _("%(person)s: %(task)s is due") % {"person": person, "task": self.task.display_title}
        return self.summary
