"""The rules of feedback: invitations and their frequency cap, survey answers, free-form feedback and
formal complaints with their deadlines, handling, replies and escalation."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from luukku.access.categories import Action
from luukku.access.policy import require, work_roles
from luukku.audit.services import record_event
from luukku.desk import services as desk
from luukku.desk.models import WorkItem
from luukku.desk.registry import known_phone
from luukku.identity.models import OrgUnit, Professional, Resident
from luukku.identity.services import units_below
from luukku.notify.services import queue_message
from luukku.questionnaires import engine
from luukku.web import events, throttle

from . import analysis, client_data, registry, reports, screening, surveys
from .events import FeedbackReceived, FeedbackReplied
from .models import Channel, Feedback, FeedbackTarget, Handler, Invitation, SurveyAnswer

# --- Rules with their sources --------------------------------------------------------------------------

# The frequency cap: one invitation per person (or phone number / e-mail address) in 30 days. No statute
# sets it; it is the county's choice, following the national customer-feedback model's advice not to
# ask the same person after every contact (answer fatigue lowers the response rate).
INVITATION_INTERVAL = dt.timedelta(days=30)
INVITATION_VALID = dt.timedelta(days=14)  # the one-time link works this long

# Free-form feedback: the county's service promise is a reply within 14 days when one is asked for
# (no statute; the unit's managers see what is overdue in the work queue).
REPLY_TARGET = dt.timedelta(days=14)

# A formal complaint (muistutus): Patient Act 785/1992 § 10 (health care) and Social Welfare Client Act
# 812/2000 § 23 (social care) require it to be handled properly and a written, reasoned answer to be
# given "within a reasonable time" (kohtuullisessa ajassa). The Acts name no number of days; established
# practice, as the supervisory authorities' and the counties' own guidance describe it, treats one to
# four weeks as reasonable. The county's target is therefore a written decision within 4 weeks (28 days)
# of receipt; the work item falls due - and escalates to the unit's managers - at 3 weeks (21 days),
# leaving a week to finish the decision.
FORMAL_DEADLINE = dt.timedelta(days=28)
FORMAL_ESCALATION = dt.timedelta(days=21)

# Anonymous feedback is throttled per address, like other anonymous forms (web/throttle.py).
FEEDBACK_PER_ADDRESS = throttle.Limit("feedback.give.address", 10, dt.timedelta(minutes=10))
ANSWERS_PER_ADDRESS = throttle.Limit("feedback.answer.address", 30, dt.timedelta(minutes=10))

DECISIONS = ("well_founded", "partly", "unfounded")

WORK_PREFIX = "feedback"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- Targets --------------------------------------------------------------------------------------


def unit_target(unit: OrgUnit) -> FeedbackTarget:
    """The unit's own feedback target, made from the organisation the first time it is needed."""
    target, _created = FeedbackTarget.objects.get_or_create(
        code=unit.code,
        defaults={
            "kind": FeedbackTarget.Kind.UNIT,
            "name": unit.name,
            "name_sv": unit.name_sv,
            "name_en": unit.name,
            "unit": unit,
        },
    )
    return target


def target_for(unit: OrgUnit, service_code: str = "") -> FeedbackTarget:
    """The service's own target when there is one, else the unit's."""
    if service_code:
        found = FeedbackTarget.objects.filter(service_code=service_code, active=True).first()
        if found is not None:
            return found
    return unit_target(unit)


def targets_of_unit(unit: OrgUnit) -> QuerySet[FeedbackTarget]:
    return FeedbackTarget.objects.filter(unit_id__in=units_below([unit]), active=True)


# --- Invitations ----------------------------------------------------------------------------------------


def _recently_invited(person: Resident | None, phone: str, email: str, now: dt.datetime) -> bool:
    since = now - INVITATION_INTERVAL
    recent = Invitation.objects.filter(created_at__gt=since)
    who = Q(pk__in=[])
    if person is not None:
        who |= Q(person=person)
    if phone:
        who |= Q(phone_digest=_digest(phone))
    if email:
        who |= Q(email_digest=_digest(email.lower()))
    return recent.filter(who).exists()


def service_event(kind: str, source_id: str) -> None:
    """A registered trigger's service event happened (or was booked): schedule the invitation for when
    it has ended. Called from the event receivers feedback and other apps register."""
    from .tasks import send_invitation

    found = registry.trigger(kind)
    happened = found.resolve(source_id) if found else None
    if happened is None:
        return
    due = max(happened.ends_at + found.delay, timezone.now())
    transaction.on_commit(lambda: send_invitation.using(run_after=due).enqueue(kind, source_id))


def invite_after(kind: str, source_id: str, now: dt.datetime | None = None) -> Invitation | None:
    """Send the invitation for a service event that has ended, if it still stands, the person has a
    phone or e-mail and was not invited within INVITATION_INTERVAL. None when nothing was sent."""
    now = now or timezone.now()
    found = registry.trigger(kind)
    happened = found.resolve(source_id) if found else None
    if happened is None or happened.ends_at > now or not (happened.phone or happened.email):
        return None
    source = f"{kind}:{source_id}"
    if Invitation.objects.filter(source=source).exists():
        return None
    if _recently_invited(happened.person, happened.phone, happened.email, now):
        record_event("feedback.invitation_capped", trigger=kind, unit=happened.unit.code)
        return None
    target = target_for(happened.unit, happened.service_code)
    token = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        token_digest=_digest(token),
        target=target,
        unit_id=target.reporting_unit_id,
        person=happened.person,
        phone_digest=_digest(happened.phone) if happened.phone else "",
        email_digest=_digest(happened.email.lower()) if happened.email else "",
        trigger=kind,
        survey_key=found.survey_key,
        source=source,
        channel=Channel.SMS if happened.phone else Channel.EMAIL,
        created_at=now,
        expires_at=now + INVITATION_VALID,
    )
    link = settings.LUUKKU_PUBLIC_URL.rstrip("/") + reverse("feedback:invitation", args=[token])
    with translation.override(happened.language if happened.language in ("fi", "sv", "en") else "fi"):
        # The text names no unit or service: after a visit it would tell anyone who sees the phone what
        # care the person got (issue 23: no health content in SMS). The survey page names the target.
        body = _(
            "How did we do at your recent visit? Tell us in a minute - the link works once, for 14 days: "
            "%(link)s Do not reply to this message."
        ) % {"link": link}
        subject = _("Your feedback on your recent visit")
    if happened.phone:
        queue_message("sms", happened.phone, body, "feedback.invitation", recipient=happened.person)
    elif happened.email:
        queue_message(
            "email", happened.email, body, "feedback.invitation", subject=subject, recipient=happened.person
        )
    record_event("feedback.invited", trigger=kind, unit=target.unit.code, channel=invitation.channel)
    return invitation


def open_invitation(token: str, now: dt.datetime | None = None) -> Invitation | None:
    """The invitation the link's token opens: unanswered and not expired, else None."""
    if not token or len(token) > 64:
        return None
    now = now or timezone.now()
    return (
        Invitation.objects.select_related("target", "target__unit")
        .filter(token_digest=_digest(token), answered_at__isnull=True, expires_at__gt=now)
        .first()
    )


# --- Survey answers -------------------------------------------------------------------------------


def survey_key_for(target: FeedbackTarget, invitation: Invitation | None = None) -> str:
    key = invitation.survey_key if invitation and invitation.survey_key else target.survey_key
    return key if key in surveys.SURVEYS else surveys.CORE_KEY


def answer_survey(
    target: FeedbackTarget,
    raw: dict[str, list[str]],
    channel: str,
    *,
    language: str = "fi",
    invitation: Invitation | None = None,
    entered_by: AbstractBaseUser | None = None,
    answered_at: dt.datetime | None = None,
) -> tuple[SurveyAnswer | None, dict[str, engine.ItemError]]:
    """Validate the answers with the questionnaire engine and store them without the answerer's
    identity. A one-time invitation is used up here: a second answer through it is refused."""
    definition = surveys.definition(survey_key_for(target, invitation))
    answers, errors = engine.clean(definition.resource, raw)
    if errors:
        return None, errors
    comment = " ".join(str(v) for v in answers.get(surveys.COMMENT_LINK, []))
    screened = screening.screen(comment)
    if screened != comment:
        answers[surveys.COMMENT_LINK] = [screened]
    found = analysis.analyse(screened, language) if screened.strip() else None
    now = timezone.now()
    with transaction.atomic():
        if invitation is not None:
            day = now.replace(hour=0, minute=0, second=0, microsecond=0)  # no finer: see models.py
            used = Invitation.objects.filter(pk=invitation.pk, answered_at__isnull=True).update(
                answered_at=day
            )
            if not used:
                raise ValidationError(_("This feedback link has already been used."))
        answer = SurveyAnswer.objects.create(
            definition=definition,
            target=target,
            unit_id=target.reporting_unit_id,
            invited=invitation is not None,
            channel=channel,
            language=language if language in ("fi", "sv", "en") else "fi",
            answers=answers,
            nps=int(answers[surveys.NPS_LINK][0]),
            comment=screened,
            sentiment=found.sentiment if found else "",
            topics=found.topics if found else [],
            answered_at=answered_at or now,
            entered_by=entered_by if entered_by and entered_by.is_authenticated else None,
        )
        if answered_at is not None:
            reports.reopen(answered_at)
        record_event("feedback.answered", unit=target.unit.code, channel=channel)
    return answer, {}


# --- Free-form feedback and formal complaints --------------------------------------------------------


def deadlines(kind: str, received_at: dt.datetime) -> tuple[dt.datetime, dt.datetime | None]:
    """(when the work item falls due and escalates, the legal deadline of a formal complaint or None)."""
    if kind == Feedback.Kind.FORMAL:
        return received_at + FORMAL_ESCALATION, received_at + FORMAL_DEADLINE
    return received_at + REPLY_TARGET, None


def _handler_for(unit: OrgUnit) -> AbstractBaseUser | None:
    """The unit's named handler with the least open feedback work, or None when it has none."""
    handlers = (
        Professional.objects.filter(feedback_units__unit=unit, removed_at__isnull=True)
        .select_related("user")
        .annotate(
            open_work=Count(
                "user__work_items",
                filter=Q(user__work_items__kind=WorkItem.Kind.FEEDBACK)
                & ~Q(user__work_items__status=WorkItem.Status.DONE),
            )
        )
        .order_by("open_work", "pk")
    )
    first = handlers.first()
    return first.user if first else None


def give_feedback(
    kind: str,
    target: FeedbackTarget,
    text: str,
    *,
    person: Resident | None = None,
    author: AbstractBaseUser | None = None,
    wants_reply: bool = False,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    language: str = "fi",
    now: dt.datetime | None = None,
) -> Feedback:
    """Store the feedback and put it in the target unit's work queue, assigned to a named handler.

    A formal complaint is made by an identified person (Patient Act 785/1992 § 10: the answer is given
    in writing to the one who made it), so it needs a signed-in resident acting for the person."""
    if kind not in Feedback.Kind.values:
        raise ValidationError(_("Choose the kind of feedback."))
    if kind == Feedback.Kind.FORMAL and person is None:
        raise ValidationError(_("Identify yourself to make a formal complaint."))
    if wants_reply and person is None and not (contact_email or contact_phone):
        raise ValidationError(_("To get a reply, give an e-mail address or a phone number, or sign in."))
    now = now or timezone.now()
    due_at, deadline_at = deadlines(kind, now)
    screened = screening.screen(text)
    found = analysis.analyse(screened, language)
    feedback = Feedback.objects.create(
        kind=kind,
        target=target,
        unit=target.unit,
        person=person,
        author=author if author and author.is_authenticated else None,
        text=text,
        text_screened=screened,
        language=language if language in ("fi", "sv", "en") else "fi",
        wants_reply=wants_reply or kind == Feedback.Kind.FORMAL,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        received_at=now,
        due_at=due_at,
        deadline_at=deadline_at,
        sentiment=found.sentiment,
        topics=found.topics,
    )
    with translation.override("fi"):
        title = _("Feedback: %(kind)s about %(target)s") % {
            "kind": feedback.get_kind_display(),
            "target": target.name,
        }
    item = desk.submit(
        WorkItem.Kind.FEEDBACK,
        f"{WORK_PREFIX}:{feedback.pk}",
        target.unit,
        title,
        link=reverse("feedback:handle", args=[feedback.pk]),
        client=person,
        priority=WorkItem.Priority.HIGH if kind == Feedback.Kind.FORMAL else WorkItem.Priority.NORMAL,
        due_at=due_at,
    )
    handler = _handler_for(target.unit)
    if handler is not None:
        WorkItem.objects.filter(pk=item.pk, assignee__isnull=True).update(assignee=handler)
    events.publish(FeedbackReceived(feedback.pk))
    record_event("feedback.received", subject=person, kind=kind, unit=target.unit.code)
    return feedback


def may_handle(user: AbstractBaseUser, feedback: Feedback) -> bool:
    """A client-work role in the feedback's unit or a unit above it (its managers)."""
    roles = work_roles(user)
    return any(feedback.unit_id in units_below([role.unit]) for role in roles)


def open_for_handler(user: AbstractBaseUser, feedback: Feedback, action: str = Action.READ) -> None:
    """The handler may open it: their units' feedback; a resident's through the access policy (logged)."""
    if not may_handle(user, feedback):
        raise PermissionDenied(_("This feedback is addressed to another unit."))
    if feedback.person is not None:
        category, service_event = client_data.scope(feedback)
        require(user, feedback.person, category, what="feedback", action=action, service_event=service_event)


def handler_list(user: AbstractBaseUser, status: str = "open") -> QuerySet[Feedback]:
    units = [role.unit for role in work_roles(user)]
    found = Feedback.objects.filter(unit_id__in=units_below(units)) if units else Feedback.objects.none()
    if status == "open":
        found = found.exclude(status__in=[Feedback.Status.ANSWERED, Feedback.Status.CLOSED])
    elif status == "done":
        found = found.filter(status__in=[Feedback.Status.ANSWERED, Feedback.Status.CLOSED])
    return found.select_related("target", "unit").order_by("due_at")


@transaction.atomic
def reply(feedback: Feedback, user: AbstractBaseUser, text: str, decision: str = "") -> Feedback:
    """Answer the feedback (a formal complaint with its written decision); the giver is told."""
    open_for_handler(user, feedback, Action.WRITE)
    if feedback.status in (Feedback.Status.ANSWERED, Feedback.Status.CLOSED):
        raise ValidationError(_("This feedback has already been answered or closed."))
    if feedback.kind == Feedback.Kind.FORMAL and decision not in DECISIONS:
        raise ValidationError(_("A formal complaint needs a decision: well-founded, partly or unfounded."))
    if not text.strip():
        raise ValidationError(_("Write the reply."))
    now = timezone.now()
    feedback.reply = text
    feedback.replied_at = now
    feedback.replied_by = user
    feedback.decision = decision if feedback.kind == Feedback.Kind.FORMAL else ""
    feedback.status = Feedback.Status.ANSWERED
    feedback.save(update_fields=["reply", "replied_at", "replied_by", "decision", "status"])
    _tell_reply(feedback)
    desk.close_source(f"{WORK_PREFIX}:{feedback.pk}", user)
    events.publish(FeedbackReplied(feedback.pk, feedback.person_id))
    record_event(
        "feedback.replied",
        subject=feedback.person,
        actor=user,
        kind=feedback.kind,
        unit=feedback.unit.code,
        hours=round((now - feedback.received_at).total_seconds() / 3600, 1),
    )
    return feedback


def _tell_reply(feedback: Feedback) -> None:
    """A notification that a reply is waiting: on the resident's own page (signed in) and by text
    message or e-mail when a number or address was given. The reply itself is in the message only when
    the feedback was anonymous (there is no page to read it on)."""
    with translation.override(feedback.language):
        if feedback.person is not None:
            body = _("You have a reply to your feedback. Read it in Luukku: %(link)s") % {
                "link": settings.LUUKKU_PUBLIC_URL.rstrip("/") + reverse("feedback:mine"),
            }
        else:
            body = _("Reply to your feedback about %(target)s:") % {
                "target": feedback.target.shown_name(feedback.language)
            }
            body = f"{body}\n\n{feedback.reply}"
        subject = _("Reply to your feedback")
    if feedback.contact_email:
        queue_message(
            "email",
            feedback.contact_email,
            body,
            "feedback.reply",
            subject=subject,
            recipient=feedback.person,
        )
    phone = feedback.contact_phone
    if not phone and not feedback.contact_email and feedback.person is not None:
        phone = known_phone(feedback.person)  # the number the resident gave last (a booking, a call-back)
    if phone and (feedback.person is not None or not feedback.contact_email):
        queue_message("sms", phone, body, "feedback.reply", recipient=feedback.person)


def close(feedback: Feedback, user: AbstractBaseUser | None) -> None:
    """Closed without a reply (none was asked for). A formal complaint is never closed without its
    written decision: it stays open for `reply()`."""
    if feedback.kind == Feedback.Kind.FORMAL:
        return
    Feedback.objects.filter(pk=feedback.pk).exclude(
        status__in=[Feedback.Status.ANSWERED, Feedback.Status.CLOSED]
    ).update(status=Feedback.Status.CLOSED)
    record_event("feedback.closed", subject=feedback.person, actor=user, unit=feedback.unit.code)


def close_at_origin(source_id: str, user: AbstractBaseUser | None) -> None:
    """The work queue item was marked done (desk WorkSource)."""
    feedback = Feedback.objects.filter(pk=int(source_id)).first() if source_id.isdigit() else None
    if feedback is not None:
        close(feedback, user)


def escalate_overdue(now: dt.datetime | None = None) -> int:
    """Formal complaints without a decision at FORMAL_ESCALATION: marked escalated and put in the queue
    of the unit above (the result area's management), once. Run daily by `tasks.escalate_complaints`."""
    now = now or timezone.now()
    count = 0
    overdue = Feedback.objects.filter(
        kind=Feedback.Kind.FORMAL,
        escalated_at__isnull=True,
        due_at__lte=now,
        status__in=[Feedback.Status.NEW, Feedback.Status.IN_PROGRESS],
    ).select_related("unit__parent", "target")
    for feedback in overdue:
        Feedback.objects.filter(pk=feedback.pk).update(status=Feedback.Status.ESCALATED, escalated_at=now)
        above = feedback.unit.parent or feedback.unit
        with translation.override("fi"):
            title = _("Formal complaint about %(target)s: decision due %(day)s") % {
                "target": feedback.target.name,
                "day": timezone.localtime(feedback.deadline_at).strftime("%d.%m.%Y"),
            }
        desk.submit(
            WorkItem.Kind.FEEDBACK,
            f"{WORK_PREFIX}esc:{feedback.pk}",
            above,
            title,
            link=reverse("feedback:handle", args=[feedback.pk]),
            client=feedback.person,
            priority=WorkItem.Priority.URGENT,
            due_at=feedback.deadline_at,
        )
        record_event("feedback.escalated", subject=feedback.person, unit=feedback.unit.code)
        count += 1
    return count


def publish_action(feedback: Feedback, user: AbstractBaseUser, action_text: str) -> None:
    """'You said, we did': what the unit changed after this feedback, shown on the unit's public page
    with the feedback's screened text (never who gave it)."""
    open_for_handler(user, feedback, Action.WRITE)
    if not action_text.strip():
        raise ValidationError(_("Write what was done."))
    Feedback.objects.filter(pk=feedback.pk).update(public_action=action_text, published=True)
    record_event("feedback.published", actor=user, unit=feedback.unit.code)


def you_said_we_did(unit: OrgUnit, limit: int = 30) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(unit_id__in=units_below([unit]), published=True)
        .exclude(kind=Feedback.Kind.FORMAL)
        .select_related("target")
        .order_by("-replied_at", "-received_at")[:limit]
    )


def feedback_of(person: Resident) -> QuerySet[Feedback]:
    return Feedback.objects.filter(person=person).select_related("target").order_by("-received_at")


def set_handlers(unit: OrgUnit, professionals: list[Professional]) -> None:
    Handler.objects.filter(unit=unit).exclude(professional__in=professionals).delete()
    for professional in professionals:
        Handler.objects.get_or_create(unit=unit, professional=professional)
