"""The Assi knowledge base (topics in fi/sv/en, edited by content owners with a review step) and the
log of what residents asked (the learning loop), kept without personal data."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGES = (("fi", "suomi"), ("sv", "svenska"), ("en", "English"))


class Topic(models.Model):
    """One topic in one language; the fi, sv and en versions share `key`."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")

    key = models.SlugField(max_length=80)
    language = models.CharField(max_length=2, choices=LANGUAGES)
    area = models.SlugField(max_length=40, blank=True, help_text=_("The topic library it belongs to"))
    title = models.CharField(_("title"), max_length=150)
    phrasings = models.TextField(_("phrasings"), help_text=_("Ways residents ask this, one a line"))
    answer = models.TextField(_("answer"))
    links = models.JSONField(_("links"), default=list, blank=True, help_text=_("[[label, url], …]"))
    owner_unit = models.ForeignKey(
        "identity.OrgUnit", on_delete=models.PROTECT, related_name="assistant_topics", verbose_name=_("owner")
    )
    review_date = models.DateField(_("review by"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    symptom = models.BooleanField(
        default=False, help_text=_("About symptoms: the answer points to the care-need assessment")
    )
    handover_queue = models.SlugField(blank=True, help_text=_("Chat queue that fits this topic"))
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="assistant_topic_key_language")
        ]
        ordering = ["area", "key", "language"]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"

    def phrasing_list(self) -> list[str]:
        return [line.strip() for line in self.phrasings.splitlines() if line.strip()]


class Exchange(models.Model):
    """One question and what Assi did with it. The question is stored masked (no henkilötunnus, phone
    numbers or e-mail addresses); the conversation is known only by a random id held in the browser's
    session, never by the person."""

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("answered")
        CLARIFY = "clarify", _("asked to clarify")
        REFUSED = "refused", _("no answer")
        EMERGENCY = "emergency", _("emergency")

    conversation = models.UUIDField(default=uuid.uuid4, db_index=True)
    asked_at = models.DateTimeField(default=timezone.now)
    language = models.CharField(max_length=2, choices=LANGUAGES)
    question = models.CharField(max_length=500)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    topic_key = models.SlugField(max_length=80, blank=True)
    offered = models.JSONField(default=list, blank=True)
    confidence = models.FloatField(default=0.0)
    rating = models.SmallIntegerField(null=True, blank=True, help_text=_("1 helpful, -1 not helpful"))
    handover = models.CharField(max_length=12, blank=True, help_text=_("chat, call_back or message"))
    handled = models.BooleanField(default=False, help_text=_("A content owner has dealt with it"))

    class Meta:
        ordering = ["-asked_at"]
        indexes = [models.Index(fields=["outcome", "handled", "asked_at"], name="assistant_learning")]

    def __str__(self) -> str:
        return f"{self.outcome} {self.asked_at:%Y-%m-%d %H:%M}"
