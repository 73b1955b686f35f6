from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    HEALTH_TO_SOCIAL = "health_to_social", _("Social care professionals may see my health care information")
    SOCIAL_TO_HEALTH = "social_to_health", _("Health care professionals may see my social care information")


class Consent(models.Model):
    """A resident's consent to disclose one kind of information, possibly only to one unit, for a time."""

    person = models.ForeignKey("identity.Resident", on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(max_length=20, choices=Scope.choices)
    unit = models.ForeignKey(
        "identity.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Only this unit; empty for every unit of the county"),
    )
    purpose = models.CharField(max_length=300, blank=True)
    valid_from = models.DateField(default=timezone.localdate)
    valid_until = models.DateField(null=True, blank=True)
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return self.get_scope_display()

    @staticmethod
    def in_force(on) -> Q:
        return Q(revoked_at__isnull=True, valid_from__lte=on) & (
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )

    @property
    def active(self) -> bool:
        today = timezone.localdate()
        return (
            self.revoked_at is None
            and self.valid_from <= today
            and (self.valid_until is None or self.valid_until >= today)
        )
