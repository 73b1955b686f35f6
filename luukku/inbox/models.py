"""The resident's inbox: threads of messages from every part of Luukku, read state, replies, notices.

A thread belongs to one person (whose matter it is: the resident or someone they act for) and carries
the category and service event of its content, so the access policy decides who sees it (a minor's
own service events are hidden from the guardians). Messages arrive through `services.deliver()`.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Thread(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("identity.Resident", on_delete=models.CASCADE, related_name="inbox_threads")
    key = models.CharField(max_length=120, help_text=_("What the thread is about, e.g. appointment:<id>"))
    subject = models.CharField(max_length=200)
    category = models.CharField(max_length=20, default="health")
    service_event = models.CharField(max_length=100, blank=True)
    unit = models.ForeignKey(
        "identity.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="inbox_threads"
    )
    replies_allowed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-last_message_at"]
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="inbox_one_thread_per_key")]

    def __str__(self) -> str:
        return self.subject


class Message(models.Model):
    class Kind(models.TextChoices):
        MESSAGE = "message", _("message")
        CONFIRMATION = "confirmation", _("booking confirmation")
        CHANGE = "change", _("change")
        CANCELLATION = "cancellation", _("cancellation")
        REMINDER = "reminder", _("reminder")
        FORM = "form", _("form to fill in")
        SUMMARY = "summary", _("chat summary")
        DECISION = "decision", _("decision")
        INVOICE = "invoice", _("invoice")
        RECEIPT = "receipt", _("receipt")
        REPLY = "reply", _("reply")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MESSAGE)
    body = models.TextField()
    link = models.CharField(max_length=300, blank=True)
    sender = models.CharField(max_length=150, blank=True, help_text=_("Who it is from, as shown"))
    from_resident = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The same source event delivers once: a retried receiver or task adds nothing.
    dedupe_key = models.CharField(max_length=150, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    letter = models.BooleanField(
        default=False, help_text=_("A decision or letter: also to Suomi.fi Messages")
    )
    # A picture the resident sent (web.images: re-encoded JPEG/PNG under a generated name).
    attachment = models.FileField(upload_to="inbox/%Y/%m/", blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "read_at"], name="inbox_unread")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class Preferences(models.Model):
    """How the resident wants to hear of new messages. Quiet hours hold notices until they end."""

    person = models.OneToOneField(
        "identity.Resident", on_delete=models.CASCADE, related_name="inbox_preferences"
    )
    by_sms = models.BooleanField(default=True)
    by_email = models.BooleanField(default=False)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    quiet_from = models.TimeField(null=True, blank=True, default=dt.time(21, 0))
    quiet_until = models.TimeField(null=True, blank=True, default=dt.time(8, 0))

    def __str__(self) -> str:
        return f"preferences {self.person_id}"


class Notice(models.Model):
    """A "new message in Luukku" notice owed to a person: an outbox row, so a crash loses nothing."""

    person = models.ForeignKey("identity.Resident", on_delete=models.CASCADE, related_name="inbox_notices")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="notices")
    due_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    channels = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "person"], name="inbox_one_notice_per_message_person")
        ]
        indexes = [
            models.Index(fields=["due_at"], condition=Q(sent_at__isnull=True), name="inbox_notice_due")
        ]

    def __str__(self) -> str:
        return f"notice {self.message_id}"


class ServiceInstructions(models.Model):
    """Exam or procedure instructions of a booking service, added to its confirmations and reminders."""

    service_code = models.SlugField(max_length=50, unique=True, verbose_name=_("service code"))
    text_fi = models.TextField(verbose_name=_("instructions in Finnish"))
    text_sv = models.TextField(blank=True, verbose_name=_("instructions in Swedish"))
    text_en = models.TextField(blank=True, verbose_name=_("instructions in English"))
    replies_allowed = models.BooleanField(
        default=False, verbose_name=_("the client may send messages to the unit about the booking")
    )

    class Meta:
        verbose_name = _("service instructions")
        verbose_name_plural = _("service instructions")

    def __str__(self) -> str:
        return self.service_code

    def text(self, language: str) -> str:
        return getattr(self, f"text_{language}", "") or self.text_fi


class SuomiFiDispatch(models.Model):
    """A letter's way to Suomi.fi Messages (or to paper mail): an outbox row with its own retries."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent electronically")
        RECEIVED = "received", _("received")
        READ = "read", _("read")
        PAPER = "paper", _("sent as a printed letter")
        FAILED = "failed", _("failed")

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="suomifi")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    provider_id = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.message_id} {self.status}"
