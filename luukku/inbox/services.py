"""The inbox's rules: delivering messages into threads, reading them through the access policy,
replying to the unit (into the desk's work queue), and telling the resident that something arrived.

Other apps deliver with `deliver()` or the inbox subscribes to their typed events (`sources.py`);
this module imports none of them. A notice by text message or e-mail says only that there is a new
message in Luukku, never what it is about: an SMS is not a secure channel for health or social care
information (Client Data Act 703/2023 § 4: confidentiality; the Data Protection Ombudsman's guidance
on unencrypted e-mail and SMS), and the resident reads the message after strong identification.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from luukku.access.categories import Action
from luukku.access.policy import decide, readable, require
from luukku.audit.models import Purpose
from luukku.audit.services import record_event
from luukku.identity.models import OrgUnit, Resident
from luukku.identity.services import acting_options
from luukku.web import events
from luukku.web.text import clean_message

from .events import MessageDelivered, ResidentWrote
from .models import Message, Notice, Preferences, SuomiFiDispatch, Thread

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
SEARCH_MAX = 100


# --- Delivering -------------------------------------------------------------------------------------


def deliver(
    person: Resident,
    *,
    key: str,
    subject: str,
    body: str,
    kind: str = Message.Kind.MESSAGE,
    category: str = "health",
    service_event: str = "",
    unit: OrgUnit | None = None,
    sender: str = "",
    link: str = "",
    replies_allowed: bool | None = None,
    dedupe_key: str | None = None,
    letter: bool = False,
    notify: bool = True,
    author: AbstractBaseUser | None = None,
) -> Message:
    """Put a message in the person's thread `key` (made on first use) and owe them a notice.

    `category` and `service_event` are the access policy's scope of the content (a guardian never
    sees a minor's own service event). With `dedupe_key` the same source event delivers once: a
    retried receiver returns the message already delivered. A `letter` (a decision, an invoice) also
    goes to Suomi.fi Messages for those who have activated it, else to printed mail.
    """
    if dedupe_key:
        existing = Message.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    now = timezone.now()
    with transaction.atomic():
        thread, created = Thread.objects.get_or_create(
            person=person,
            key=key,
            defaults={
                "subject": subject[:200],
                "category": category,
                "service_event": service_event,
                "unit": unit,
                "replies_allowed": bool(replies_allowed),
                "created_at": now,
                "last_message_at": now,
            },
        )
        if not created:
            thread.last_message_at = now
            fields = ["last_message_at"]
            if replies_allowed is not None and replies_allowed != thread.replies_allowed:
                thread.replies_allowed = replies_allowed
                fields.append("replies_allowed")
            if unit is not None and thread.unit_id is None:
                thread.unit = unit
                fields.append("unit")
            thread.save(update_fields=fields)
        try:
            with transaction.atomic():
                message = Message.objects.create(
                    thread=thread,
                    kind=kind,
                    body=body,
                    link=link,
                    sender=sender[:150],
                    author=author if author is not None and author.is_authenticated else None,
                    dedupe_key=dedupe_key,
                    created_at=now,
                    letter=letter,
                )
        except IntegrityError:  # delivered by a concurrent retry
            return Message.objects.get(dedupe_key=dedupe_key)
        record_event(
            "inbox.delivered",
            subject=person,
            message=str(message.public_id),
            kind=kind,
            source=key.partition(":")[0],
            category=category,
            service_event=service_event,
            letter=letter,
        )
        if notify:
            owe_notice(message)
        if letter:
            SuomiFiDispatch.objects.create(message=message)
            from .tasks import dispatch_letter

            transaction.on_commit(lambda: dispatch_letter.enqueue(message.pk))
        events.publish(MessageDelivered(message.pk))
    return message


# --- Notices ----------------------------------------------------------------------------------------


def preferences_of(person: Resident) -> Preferences:
    preferences = Preferences.objects.filter(person=person).first()
    return preferences or Preferences(person=person)


def save_preferences(person: Resident, actor: AbstractBaseUser, **values: object) -> Preferences:
    """The resident's own channel choices (only the person themselves sets them)."""
    if getattr(actor, "resident", None) is None or actor.resident.pk != person.pk:
        raise PermissionDenied(_("Only the person themselves can change how they are notified."))
    if values.get("by_sms") and not values.get("phone"):
        raise ValidationError(_("Give a phone number for text messages."))
    if values.get("by_email") and not values.get("email"):
        raise ValidationError(_("Give an e-mail address for e-mail notices."))
    if (values.get("quiet_from") is None) != (values.get("quiet_until") is None):
        raise ValidationError(_("Give both the start and the end of the quiet hours, or neither."))
    preferences, _created = Preferences.objects.update_or_create(person=person, defaults=values)
    record_event("inbox.preferences_changed", subject=person, actor=actor)
    return preferences


def notice_due(now: dt.datetime, quiet_from: dt.time | None, quiet_until: dt.time | None) -> dt.datetime:
    """When a notice of a message arriving at `now` may go out: at once, or when the quiet hours end.

    Quiet hours are the resident's own (default 21-08, Helsinki time); a window may span midnight.
    The start is quiet, the end is not (at 08.00 sharp the notice goes). Equal ends mean no quiet hours.
    """
    if quiet_from is None or quiet_until is None or quiet_from == quiet_until:
        return now
    local = now.astimezone(HELSINKI)
    t = local.time().replace(tzinfo=None)
    if quiet_from < quiet_until:
        quiet = quiet_from <= t < quiet_until
        end_day = local.date()
    else:
        quiet = t >= quiet_from or t < quiet_until
        end_day = local.date() if t < quiet_until else local.date() + dt.timedelta(days=1)
    if not quiet:
        return now
    end = dt.datetime.combine(end_day, quiet_until)
    return timezone.make_aware(end, HELSINKI).astimezone(dt.UTC)


def notice_recipients(thread: Thread) -> list[Resident]:
    """Who is told that a message arrived: the person, and for a child the guardians who may read it.

    A guardian handles a child's matters (a child under 12 seldom has a phone of their own), so a
    guardian who has used Luukku gets the notice by their own channels and quiet hours. Whether the
    guardian may read it is the access policy's (as when they open it): a 12-17-year-old's own service
    event, or a confidential matter, tells the guardian nothing, not even that a message came.
    """
    from luukku.identity.rules import MAJORITY_AGE
    from luukku.registry.adapters import population_register

    person = thread.person
    if person.age() >= MAJORITY_AGE:
        return [person]
    records = population_register().guardians(person.hetu, timezone.localdate())
    guardians = Resident.objects.filter(hetu__in=[r.hetu for r in records], user__isnull=False)
    may_read = [
        guardian
        for guardian in guardians.select_related("user")
        if decide(
            guardian.user,
            person,
            thread.category,
            what="inbox_thread",
            service_event=thread.service_event,
            log=False,
        )
    ]
    return [person, *may_read]


def owe_notice(message: Message) -> list[Notice]:
    """The notices a delivered message owes (outbox rows, sent by a task or the sweep)."""
    from .tasks import send_notice

    notices = []
    for person in notice_recipients(message.thread):
        preferences = preferences_of(person)
        due = notice_due(timezone.now(), preferences.quiet_from, preferences.quiet_until)
        notice = Notice.objects.create(person=person, message=message, due_at=due)
        transaction.on_commit(lambda pk=notice.pk, due=due: send_notice.using(run_after=due).enqueue(pk))
        notices.append(notice)
    return notices


def notice_text(language: str) -> str:
    """The whole notice: that a message arrived and where to read it. Nothing of its content."""
    with translation.override(language):
        url = settings.LUUKKU_PUBLIC_URL.rstrip("/") + reverse("inbox:list")
        return _("You have a new message in Luukku. Sign in to read it: %(url)s") % {"url": url}


def _phone_of(person: Resident, preferences: Preferences) -> str:
    if preferences.phone:
        return preferences.phone
    from luukku.desk.registry import known_phone

    return known_phone(person)


def send_notice(notice_id: int) -> str:
    """Send one owed notice by the person's channels; a notice is sent once whatever the retries.

    The channels' own delivery (and its retries) is the notify outbox's. Several messages arriving
    before the notice goes out make one notice: the later ones find an unread message already notified
    of within the hour and are marked sent without a text.
    """
    from luukku.notify.services import queue_message

    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update()
            .select_related("person", "message")
            .filter(pk=notice_id, sent_at__isnull=True)
            .first()
        )
        if notice is None:
            return "already sent"
        if notice.due_at > timezone.now():
            return "not yet"
        now = timezone.now()
        person = notice.person
        recent = Notice.objects.filter(
            person=person, sent_at__gte=now - dt.timedelta(hours=1), message__read_at__isnull=True
        ).exclude(channels="")
        preferences = preferences_of(person)
        channels = []
        if notice.message.read_at is None and not recent.exists():
            body = notice_text(person.language)
            phone = _phone_of(person, preferences) if preferences.by_sms else ""
            if phone:
                queue_message("sms", phone, body, "inbox.notice", recipient=person)
                channels.append("sms")
            if preferences.by_email and preferences.email:
                queue_message(
                    "email", preferences.email, body, "inbox.notice", subject="Luukku", recipient=person
                )
                channels.append("email")
        notice.sent_at = now
        notice.channels = ",".join(channels)
        notice.save(update_fields=["sent_at", "channels"])
    return ",".join(channels) or "nothing to send"


def send_due_notices(now: dt.datetime | None = None) -> int:
    """The sweep that makes the outbox safe: notices past due and unsent (a worker died after the
    commit but before its task ran) are sent now. Run by the `inbox_sweep` command."""
    due = Notice.objects.filter(sent_at__isnull=True, due_at__lte=now or timezone.now())
    return sum(1 for pk in due.values_list("pk", flat=True) if send_notice(pk) != "already sent")


# --- Reading ----------------------------------------------------------------------------------------


def scope(thread: Thread) -> tuple[str, str]:
    return thread.category, thread.service_event


@dataclass(frozen=True)
class Box:
    """One person's threads the reader may see, labelled with whose they are."""

    person: Resident
    basis: str  # self, guardian, mandate
    threads: list[Thread]


def persons_for(user: AbstractBaseUser) -> list[tuple[Resident, str]]:
    if getattr(user, "resident", None) is None:
        return []
    return [(option.person, option.basis) for option in acting_options(user)]


def threads_of(person: Resident) -> QuerySet[Thread]:
    return (
        Thread.objects.filter(person=person)
        .select_related("unit", "person")
        .annotate(
            unread=Count("messages", filter=Q(messages__read_at__isnull=True, messages__from_resident=False))
        )
        .order_by("-last_message_at")
    )


def visible_threads(
    user: AbstractBaseUser, person: Resident, threads: QuerySet[Thread] | None = None
) -> list:
    """The person's threads that the reader may see (a resident's own reads are not access-logged)."""
    return readable(
        user,
        person,
        threads if threads is not None else threads_of(person),
        scope,
        what="inbox_thread",
        log=False,
    )


def boxes(user: AbstractBaseUser, query: str = "") -> list[Box]:
    """Every inbox the resident reads: their own first, then those they act for, searched by `query`."""
    found = []
    for person, basis in persons_for(user):
        threads = threads_of(person)
        if query:
            matching = Message.objects.filter(body__icontains=query).values("thread")
            threads = threads.filter(Q(subject__icontains=query) | Q(pk__in=matching))
        found.append(Box(person, basis, visible_threads(user, person, threads[:SEARCH_MAX])))
    return found


def unread_count(user: AbstractBaseUser) -> int:
    """Unread messages in every inbox the resident may read (the badge in the navigation)."""
    if getattr(user, "resident", None) is None:
        return 0
    # Only threads with something unread are loaded and put through the access policy (usually none):
    # the badge is on every resident page, and a long-time resident has hundreds of threads.
    return sum(
        thread.unread
        for person, _basis in persons_for(user)
        for thread in visible_threads(user, person, threads_of(person).filter(unread__gt=0))
    )


def thread_for_resident(user: AbstractBaseUser, public_id: str) -> Thread:
    thread = Thread.objects.select_related("person", "unit").filter(public_id=public_id).first()
    if thread is None or not decide(
        user,
        thread.person,
        thread.category,
        what="inbox_thread",
        service_event=thread.service_event,
        log=False,
    ):
        raise PermissionDenied(_("You do not have the right to see this message."))
    return thread


def mark_read(thread: Thread, user: AbstractBaseUser) -> int:
    """Opening a thread reads its messages (by the person or whoever acts for them)."""
    read = thread.messages.filter(read_at__isnull=True, from_resident=False).update(read_at=timezone.now())
    if read:
        record_event(
            "inbox.read", subject=thread.person, actor=user, count=read, source=thread.key.partition(":")[0]
        )
    return read


def messages_of(thread: Thread) -> QuerySet[Message]:
    return thread.messages.select_related("suomifi").order_by("created_at", "pk")


# --- Writing to the unit ---------------------------------------------------------------------------

WORK_PREFIX = "inbox"


def write_to_unit(thread: Thread, user: AbstractBaseUser, body: str, picture=None) -> Message:
    """The resident's secure message to the unit, where the service allows it: into the thread and
    the unit's work queue (one open queue item per thread). `picture` is a file already cleaned by
    `web.images.clean_picture` (re-encoded, generated name)."""
    from luukku.desk import services as desk
    from luukku.desk.models import WorkItem

    if not thread.replies_allowed or thread.unit is None:
        raise PermissionDenied(_("Messages cannot be sent in this thread."))
    if not decide(
        user,
        thread.person,
        thread.category,
        what="inbox_thread",
        action=Action.WRITE,
        service_event=thread.service_event,
        log=False,
    ):
        raise PermissionDenied(_("You do not have the right to see this message."))
    text = clean_message(body)
    with transaction.atomic():
        message = Message.objects.create(
            thread=thread,
            kind=Message.Kind.MESSAGE,
            body=text,
            from_resident=True,
            author=user,
            sender=user.get_full_name(),
            read_at=timezone.now(),
            attachment=picture,
        )
        Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at)
        desk.submit(
            WorkItem.Kind.MESSAGE,
            f"{WORK_PREFIX}:{thread.pk}",
            thread.unit,
            _("Message from %(person)s: %(subject)s")
            % {"person": thread.person.full_name, "subject": thread.subject},
            reverse("inbox:professional_thread", args=[thread.public_id]),
            client=thread.person,
        )
        record_event(
            "inbox.resident_wrote", subject=thread.person, actor=user, source=thread.key.partition(":")[0]
        )
        events.publish(ResidentWrote(message.pk))
    return message


def thread_for_professional(user: AbstractBaseUser, public_id: str, action: str = Action.READ) -> Thread:
    """A professional opens a thread: the access policy decides and logs (refusals too)."""
    from django.http import Http404

    thread = Thread.objects.select_related("person", "unit").filter(public_id=public_id).first()
    if thread is None:
        raise Http404
    require(
        user,
        thread.person,
        thread.category,
        what="inbox_thread",
        action=action,
        purpose=Purpose.CLIENT_SERVICE if action == Action.WRITE else Purpose.CARE,
        service_event=thread.service_event,
    )
    return thread


def answer(thread: Thread, user: AbstractBaseUser, body: str) -> Message:
    """A professional answers the resident in the thread; the queue item of the thread is done."""
    from luukku.desk import services as desk

    require(
        user,
        thread.person,
        thread.category,
        what="inbox_thread",
        action=Action.WRITE,
        purpose=Purpose.CLIENT_SERVICE,
        service_event=thread.service_event,
    )
    unit = thread.unit.name if thread.unit else ""
    message = deliver(
        thread.person,
        key=thread.key,
        subject=thread.subject,
        body=clean_message(body),
        kind=Message.Kind.REPLY,
        category=thread.category,
        service_event=thread.service_event,
        sender=f"{user.get_full_name()}, {unit}" if unit else user.get_full_name(),
        author=user,
    )
    desk.close_source(f"{WORK_PREFIX}:{thread.pk}", user)
    return message


def close_at_origin(pk: str, user: AbstractBaseUser | None) -> None:
    """The queue item of a thread was marked done: the thread itself stays open for the next message."""


# --- Letters to Suomi.fi Messages -------------------------------------------------------------------


def letter_pdf(message: Message) -> bytes:
    """The message as a PDF letter in the recipient's language."""
    from .documents import Document, render

    person = message.thread.person
    with translation.override(person.language):
        document = Document(
            title=message.thread.subject,
            language=person.language,
            sender=message.sender or _("Kanta-Häme wellbeing services county"),
            recipient_lines=[person.full_name],
            paragraphs=message.body.split("\n\n"),
            created=timezone.localtime(message.created_at),
        )
    return render(document)


def letter_of(message: Message):
    from .adapters import Letter
    from .registry import document_for

    person = message.thread.person
    return Letter(
        external_id=str(message.public_id),
        recipient_id=person.hetu,
        recipient_name=person.full_name,
        title=message.thread.subject,
        body=_("A letter from Kanta-Häme wellbeing services county. It is also in your Luukku inbox."),
        pdf=document_for(message) or letter_pdf(message),  # a signed decision goes as it was signed
        file_name=f"{message.get_kind_display()}-{message.created_at:%Y%m%d}.pdf",
    )


LETTER_EVENTS = {
    "sent": "inbox.letter_sent",
    "paper": "inbox.letter_paper",
    "received": "inbox.letter_received",
    "read": "inbox.letter_read",
}


def poll_dispatches() -> int:
    """Read the service's delivery events and move each letter's status forward (never backward)."""
    from .adapters import messages_service

    order = ["queued", "sent", "paper", "received", "read"]
    events_found, _token = messages_service().events("")
    moved = 0
    for event in events_found:
        dispatch = SuomiFiDispatch.objects.filter(provider_id=event.provider_id).first()
        if dispatch is None or dispatch.status not in order or event.status not in order:
            continue
        if order.index(event.status) <= order.index(dispatch.status):
            continue
        SuomiFiDispatch.objects.filter(pk=dispatch.pk).update(status=event.status, updated_at=timezone.now())
        record_event(LETTER_EVENTS[event.status], subject=dispatch.message.thread.person)
        moved += 1
    return moved


def message_for_resident(user: AbstractBaseUser, public_id: str) -> Message:
    message = Message.objects.select_related("thread__person").filter(public_id=public_id).first()
    if message is None:
        raise PermissionDenied(_("You do not have the right to see this message."))
    thread_for_resident(user, str(message.thread.public_id))
    return message


def message_with_attachment(user: AbstractBaseUser, public_id: str) -> Message | None:
    """The message whose picture the user asks for, if they may read its thread (residents by the
    proxy rules, professionals through the access policy, logged); None when there is none."""
    message = (
        Message.objects.select_related("thread__person", "thread__unit")
        .filter(public_id=public_id)
        .exclude(attachment="")
        .first()
    )
    if message is None:
        return None
    if getattr(user, "resident", None) is not None:
        thread_for_resident(user, str(message.thread.public_id))
    else:
        thread_for_professional(user, str(message.thread.public_id))
    return message
