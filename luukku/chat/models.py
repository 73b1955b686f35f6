import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.web.models import Translated


class ChatQueue(Translated):
    code = models.SlugField(unique=True)
    unit = models.ForeignKey("identity.OrgUnit", on_delete=models.PROTECT, related_name="chat_queues")
    hours = models.JSONField(
        default=dict, help_text=_('Opening hours by weekday 0-6, e.g. {"0": ["08:00", "20:00"]}')
    )
    open_on_holidays = models.BooleanField(default=False)
    alternative = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("Where to go when this queue is closed"),
    )

    def __str__(self) -> str:
        return self.name


class Conversation(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        ACTIVE = "active", _("in progress")
        CLOSED = "closed", _("closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    queue = models.ForeignKey(ChatQueue, on_delete=models.PROTECT, related_name="conversations")
    person = models.ForeignKey(
        "identity.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="conversations"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="chats"
    )
    consultants = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="consultations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    context = models.JSONField(default=dict, blank=True, help_text=_("Where the resident came from"))
    created_at = models.DateTimeField(default=timezone.now)
    taken_at = models.DateTimeField(null=True, blank=True)  # first answered: the end of the queue wait
    closed_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(blank=True)
    # Fixed when the conversation starts and kept through transfers: what is said in a health care chat
    # stays health care data, and a minor's decision about that chat covers it wherever it moves.
    category = models.CharField(max_length=20, blank=True)
    service_event = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [models.Index(fields=["queue", "status", "created_at"], name="chat_waiting")]

    def __str__(self) -> str:
        return f"{self.queue} {self.get_status_display()}"


class ChatMessage(models.Model):
    class Sender(models.TextChoices):
        RESIDENT = "resident", _("resident")
        PROFESSIONAL = "professional", _("professional")
        SYSTEM = "system", _("system")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sender = models.CharField(max_length=12, choices=Sender.choices)
    internal = models.BooleanField(default=False, help_text=_("A consultation between professionals"))
    body = models.TextField(blank=True)
    attachment = models.FileField(upload_to="chat/%Y/%m/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.sender} {self.created_at:%H:%M}"
