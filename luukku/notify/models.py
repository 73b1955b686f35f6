from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundMessage(models.Model):
    """An SMS or e-mail to a resident. Kept as a record of what was sent; delivered by a background task."""

    class Channel(models.TextChoices):
        SMS = "sms", _("text message")
        EMAIL = "email", _("e-mail")

    channel = models.CharField(max_length=5, choices=Channel.choices)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    kind = models.CharField(max_length=60, db_index=True)
    recipient = models.ForeignKey(
        "identity.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages_sent"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    provider_id = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"
