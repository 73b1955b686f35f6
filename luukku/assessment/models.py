from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("emergency: call 112 now")
    URGENT = "urgent", _("urgent: today")
    NON_URGENT = "non_urgent", _("non-urgent")
    SELF_CARE = "self_care", _("self-care")


class RuleSet(models.Model):
    """The assessment's rules as data: an ordered list; the first rule whose conditions hold decides.

    A rule: {"name": ..., "when": [{"question": linkId, "any_of": [codes]}...], "urgency": ...,
    "route": "call_112" | "chat:<queue code>" | "booking:<service code>" | "self_care" | "hyte"}.
    Conditions in "when" must all hold; a rule without "when" always matches (put it last).
    """

    version = models.PositiveIntegerField(unique=True)
    rules = models.JSONField()
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["active"], condition=Q(active=True), name="one_active_rule_set")
        ]

    def __str__(self) -> str:
        return f"v{self.version}"


class Result(models.Model):
    response = models.OneToOneField(
        "questionnaires.Response", on_delete=models.PROTECT, related_name="assessment"
    )
    person = models.ForeignKey(
        "identity.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT)
    rule = models.CharField(max_length=100)
    urgency = models.CharField(max_length=12, choices=Urgency.choices)
    route = models.CharField(max_length=100)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_professional = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.get_urgency_display()} → {self.route}"
