"""Feedback and customer experience: targets, survey invitations and answers, free-form feedback.

Survey answers are not client data: they are stored without the answerer's identity. An invitation
keeps the person only to enforce the frequency cap; the answer does not point to its invitation, and
the invitation records only the day it was answered (so answers cannot be joined back by the
second). Free-form feedback from a signed-in resident, and every formal complaint, is client data of
the target unit's category (client_data.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FeedbackTarget(models.Model):
    """Something a resident gives feedback about: a unit, a service or a team, named in fi/sv/en.

    `unit` is the organisation unit whose named handlers receive the feedback; survey answers and
    invitations count in the target's `cost_centre` when it has one (the lowest reporting level, under
    `unit`), else in `unit`; `search_key` is the folded, accent-free text the predictive search matches."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("unit")
        SERVICE = "service", _("service")
        TEAM = "team", _("team")

    code = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=200)
    name_sv = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="feedback_targets")
    cost_centre = models.ForeignKey(
        "identity.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cost_centre_targets",
        limit_choices_to={"level": "cost_centre"},
    )
    service_code = models.SlugField(max_length=50, blank=True)  # booking.Service.code, chat:<queue>
    survey_key = models.SlugField(max_length=60, default="palaute")
    search_key = models.CharField(max_length=700, blank=True, editable=False)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["unit", "active"], name="feedback_target_unit")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        from .search import search_key

        self.search_key = search_key(self.name, self.name_sv, self.name_en)[:700]
        super().save(*args, **kwargs)

    @property
    def reporting_unit_id(self) -> int:
        """The organisation unit the target's survey figures count in (the cost centre, else the unit)."""
        return self.cost_centre_id or self.unit_id

    def shown_name(self, language: str) -> str:
        return {"sv": self.name_sv, "en": self.name_en}.get(language, "") or self.name


class Handler(models.Model):
    """A named handler of a unit's feedback: free-form feedback is assigned to them in the work queue."""

    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.CASCADE, related_name="feedback_handlers")
    professional = models.ForeignKey(
        "identity.Professional", on_delete=models.CASCADE, related_name="feedback_units"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "professional"], name="one_handler_per_unit")]

    def __str__(self) -> str:
        return f"{self.professional} @ {self.unit}"


class Channel(models.TextChoices):
    SMS = "sms", _("text message")
    EMAIL = "email", _("e-mail")
    WEB = "web", _("web form")
    KIOSK = "kiosk", _("kiosk")
    PAPER = "paper", _("paper form")


class Invitation(models.Model):
    """A one-time link to a survey, sent after a service event. Only the token's digest is stored."""

    token_digest = models.CharField(max_length=64, unique=True)
    target = models.ForeignKey(FeedbackTarget, on_delete=models.PROTECT, related_name="invitations")
    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "identity.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phone_digest = models.CharField(max_length=64, blank=True, db_index=True)  # for the frequency cap
    email_digest = models.CharField(max_length=64, blank=True, db_index=True)
    trigger = models.CharField(max_length=40)
    survey_key = models.SlugField(max_length=60, blank=True)
    source = models.CharField(max_length=100)  # e.g. appointment:<id>: one invitation per source
    channel = models.CharField(max_length=5, choices=Channel.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source"], name="one_invitation_per_source")]
        indexes = [models.Index(fields=["person", "created_at"], name="feedback_invitation_person")]

    def __str__(self) -> str:
        return f"{self.trigger} {self.created_at:%Y-%m-%d}"


class SurveyAnswer(models.Model):
    """One answered survey: the answers as the questionnaire engine keeps them, NPS pulled out."""

    definition = models.ForeignKey("questionnaires.Definition", on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(FeedbackTarget, on_delete=models.PROTECT, related_name="answers")
    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="+")
    invited = models.BooleanField(default=False)  # came through an invitation (not which one)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    language = models.CharField(max_length=2, default="fi")
    answers = models.JSONField(default=dict)
    nps = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-10
    comment = models.TextField(blank=True)  # screened: no henkilötunnus or phone numbers
    sentiment = models.CharField(max_length=8, blank=True)
    topics = models.JSONField(default=list, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["unit", "answered_at"], name="feedback_answer_unit_time")]

    def __str__(self) -> str:
        return f"{self.channel} {self.nps} {self.answered_at:%Y-%m-%d}"


class Feedback(models.Model):
    """Free-form feedback or a formal complaint (muistutus), handled in the target unit's work queue."""

    class Kind(models.TextChoices):
        PRAISE = "praise", _("praise")
        SUGGESTION = "suggestion", _("suggestion")
        COMPLAINT = "complaint", _("complaint")
        FORMAL = "formal", _("formal complaint (muistutus)")

    class Status(models.TextChoices):
        NEW = "new", _("received")
        IN_PROGRESS = "in_progress", _("being handled")
        ESCALATED = "escalated", _("escalated")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    target = models.ForeignKey(FeedbackTarget, on_delete=models.PROTECT, related_name="feedback")
    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "identity.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="feedback_given"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    text_screened = models.TextField(blank=True)
    language = models.CharField(max_length=2, default="fi")
    wants_reply = models.BooleanField(default=False)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    deadline_at = models.DateTimeField(null=True, blank=True)  # formal complaint: the written decision
    escalated_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(max_length=12, blank=True)  # formal: well_founded / partly / unfounded
    sentiment = models.CharField(max_length=8, blank=True)
    topics = models.JSONField(default=list, blank=True)
    public_action = models.TextField(blank=True)  # "you said, we did": what the unit changed
    published = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["unit", "status"], name="feedback_unit_status"),
            models.Index(fields=["person", "received_at"], name="feedback_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="formal") | Q(deadline_at__isnull=False), name="formal_has_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_at:%Y-%m-%d}"


class MonthSummary(models.Model):
    """A closed month's figures of one unit (its own, not those of the units under it), stored by
    `reports.close_month` so that reports over many months read a few rows instead of every answer."""

    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month (Europe/Helsinki)
    distribution = models.JSONField(default=list)  # answers with each score 0-10
    invitations = models.PositiveIntegerField(default=0)
    invited_answers = models.PositiveIntegerField(default=0)
    handled = models.PositiveIntegerField(default=0)
    handling_hours = models.FloatField(default=0)
    wait_days_sum = models.FloatField(default=0)
    wait_count = models.PositiveIntegerField(default=0)
    queue_minutes_sum = models.FloatField(default=0)
    queue_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="one_summary_per_unit_month")]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%Y-%m}"


class ClosedMonth(models.Model):
    """A month whose figures are stored in MonthSummary (closed once its invitations have expired)."""

    month = models.DateField(unique=True)
    closed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"
