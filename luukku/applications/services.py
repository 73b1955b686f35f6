"""Social-services applications: submission from a form, the processing steps, the decision and its
signature. The rules (deadlines, references) are in `rules.py`; every professional step asks the access
policy (social care, write) and is recorded in the event log."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luukku.access.categories import Action, Category
from luukku.access.policy import may_see, require, work_roles
from luukku.audit.services import record_event
from luukku.desk import services as desk
from luukku.desk.models import WorkItem
from luukku.identity.models import OrgUnit, Resident, Role
from luukku.identity.rules import Matter, acts_for
from luukku.identity.services import is_uuid, units_below
from luukku.questionnaires import services as forms
from luukku.questionnaires.models import Definition, Purpose, Response
from luukku.registry.adapters import population_register

from . import adapters, rules, texts
from .definitions import BY_KEY, DISABILITY, ELDERLY, TYPES, build
from .models import Application, Assessment, Attachment, Decision, ThreadMessage

HELSINKI = ZoneInfo("Europe/Helsinki")
FALLBACK_UNIT = "sosiaalipalvelut"  # the division: an application never lands nowhere
WORK_PREFIX = "application"  # the service-need assessment must begin (SHL § 36)
DECISION_WORK_PREFIX = "application-decision"  # the decision is due (SHL § 45, VpL § 3 a)
DECISION_TARGET_DAYS = (
    30  # county target for the decision after the assessment (SHL § 45: without undue delay)
)
DECIDERS = {Role.SOCIAL_WORKER, Role.UNIT_MANAGER}  # officials who may decide (viranhaltija)


def _record(application: Application, kind: str, actor, **data) -> None:
    """An application's event in the audit log: its type and public id, never names or henkilötunnus."""
    record_event(
        kind,
        subject=application.person,
        actor=actor,
        type=application.kind,
        application=str(application.public_id),
        **data,
    )


# --- Definitions ------------------------------------------------------------------------------------


def unit_for(key: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=BY_KEY[key].unit_code).first()
    unit = unit or OrgUnit.objects.filter(code=FALLBACK_UNIT).first()
    if unit is None:
        raise ImproperlyConfigured(f"{key}: neither {BY_KEY[key].unit_code!r} nor {FALLBACK_UNIT!r} exists")
    return unit


def publish_types() -> list[Definition]:
    """Store every application type's form as a new version when it changed."""
    return [forms.publish(t.key, build(t), Purpose.NOTIFICATION) for t in TYPES]


# --- The resident -----------------------------------------------------------------------------------


def register_prefill(person: Resident) -> dict[str, list[str]]:
    """Answers from the population register: address, the children in the household, the guardians."""
    register = population_register()
    today = timezone.localdate()
    record = register.person(person.hetu)
    answers: dict[str, list[str]] = {}
    if record is not None and not record.address_protected:
        if record.street_address:
            answers["address"] = [record.street_address]
        if record.postal_code:
            answers["postal-code"] = [record.postal_code]
        if record.post_office:
            answers["post-office"] = [record.post_office]
    children = register.children_in_custody(person.hetu, today)
    if children:
        answers["household"] = ["\n".join(f"{c.full_name} ({c.birth_date:%d.%m.%Y})" for c in children)]
    if person.age() < rules_majority():
        guardians = register.guardians(person.hetu, today)
        if guardians:
            answers["guardians"] = ["\n".join(g.full_name for g in guardians)]
    return answers


def rules_majority() -> int:
    from luukku.identity.rules import MAJORITY_AGE

    return MAJORITY_AGE


def start(person: Resident, key: str, user: AbstractBaseUser) -> Response:
    """Begin (or resume) an application for `person`: the form prefilled from earlier answers and,
    where those are missing, from the population register."""
    if key not in BY_KEY:
        raise Http404
    if not acts_for(user, Matter(person, key)):
        raise PermissionDenied(_("You do not have the right to apply on this person's behalf."))
    response = forms.start(forms.current(key), person, user)
    missing = {
        link: values for link, values in register_prefill(person).items() if not response.answers.get(link)
    }
    if missing:
        response.answers = {**response.answers, **missing}
        response.save(update_fields=["answers", "updated_at"])
    return response


def _on_behalf(user: AbstractBaseUser | None, person: Resident) -> str:
    actor = getattr(user, "resident", None) if user is not None else None
    if actor is None or actor.pk == person.pk:
        return Application.OnBehalf.SELF
    if actor.mandates_held.filter(principal=person).exists():
        return Application.OnBehalf.MANDATE
    return Application.OnBehalf.GUARDIAN


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(HELSINKI).date()


def _end_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(16, 0), HELSINKI).astimezone(dt.UTC)


@transaction.atomic
def receive(response: Response) -> Application | None:
    """A sent application form becomes an application with a reference number, in the unit's queue."""
    key = response.definition.key
    if key not in BY_KEY or response.person is None or response.status != Response.Status.COMPLETED:
        return None
    existing = Application.objects.filter(response=response).first()
    if existing is not None:
        return existing
    person = response.person
    received_at = response.completed_at or timezone.now()
    received = _local_date(received_at)
    urgent = response.answers.get("urgent") == ["yes"]
    allowance = response.answers.get("care-allowance") == ["yes"]
    special_support = response.answers.get("special-support") == ["yes"]
    assessment = rules.assessment_deadline(received, person.age(received), urgent, allowance, special_support)
    decision = rules.decision_deadline(received, BY_KEY[key].group == DISABILITY)
    application = Application.objects.create(
        kind=key,
        person=person,
        submitted_by=response.author,
        on_behalf=_on_behalf(response.author, person),
        response=response,
        unit=unit_for(key),
        urgent=urgent,
        received_at=received_at,
        assessment_due=assessment.due,
        assessment_due_statutory=assessment.statutory,
        decision_due=decision.due if decision else None,
    )
    application.reference = rules.reference_number(received.year, application.pk)
    application.save(update_fields=["reference"])
    record_event(
        "applications.submitted",
        subject=person,
        actor=response.author,
        type=key,
        application=str(application.public_id),
        urgent=urgent,
        on_behalf=application.on_behalf,
    )
    due_at = received_at + dt.timedelta(hours=4) if urgent else _end_of_day(assessment.due)
    desk.submit(
        WorkItem.Kind.APPLICATION,
        f"{WORK_PREFIX}:{application.public_id}",
        application.unit,
        BY_KEY[key].title("fi"),
        reverse("applications:handle", args=[application.public_id]),
        client=person,
        priority=WorkItem.Priority.URGENT
        if urgent
        else (WorkItem.Priority.HIGH if assessment.statutory else WorkItem.Priority.NORMAL),
        due_at=due_at,
    )
    return application


def on_answered(event) -> None:
    response = Response.objects.select_related("definition", "person").get(pk=event.response_id)
    receive(response)


def visible_to_resident(user: AbstractBaseUser, person: Resident) -> list[Application]:
    """The applications of `person` the signed-in resident may see (not a minor's own ones)."""
    return [
        a
        for a in Application.objects.filter(person=person).order_by("-received_at")
        if may_see(user, person, Category.SOCIAL, a.service_event)
    ]


def for_resident(user: AbstractBaseUser, public_id: str) -> Application:
    application = (
        Application.objects.select_related("person", "unit", "handler").filter(public_id=public_id).first()
        if is_uuid(public_id)
        else None
    )
    if application is None or getattr(user, "resident", None) is None:
        raise Http404
    if not may_see(user, application.person, Category.SOCIAL, application.service_event):
        raise Http404  # a guardian does not even learn that a minor's own application exists
    return application


def by_response(user: AbstractBaseUser, public_id: str) -> Application | None:
    application = (
        Application.objects.filter(response__public_id=public_id).first() if is_uuid(public_id) else None
    )
    return application if application and for_resident(user, str(application.public_id)) else None


def _writable_by_resident(user: AbstractBaseUser, application: Application) -> None:
    if not acts_for(user, Matter(application.person, application.service_event)):
        raise PermissionDenied(_("You do not have the right to apply on this person's behalf."))


@transaction.atomic
def give_info(application: Application, user: AbstractBaseUser, body: str) -> ThreadMessage:
    """The resident answers a request for more information in the application's thread."""
    _writable_by_resident(user, application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == Application.Status.DECIDED:
        raise ValidationError(_("The application has been decided; send a new application or a message."))
    message = ThreadMessage.objects.create(
        application=application, author=user, from_resident=True, body=body
    )
    answered_request = application.status == Application.Status.INFO_REQUESTED
    if answered_request:
        application.status = Application.Status.IN_PROCESS
        application.save(update_fields=["status"])
    _record(application, "applications.info_given", user, answered_request=answered_request)
    return message


def add_attachment(
    application: Application, user: AbstractBaseUser, file: ContentFile, content_type: str
) -> Attachment:
    """A checked picture or PDF (see forms) added by the resident or the handler."""
    if getattr(user, "resident", None) is not None:
        _writable_by_resident(user, application)
    else:
        _require(user, application, Action.WRITE, "application_attachment")
    if application.status == Application.Status.DECIDED:
        raise ValidationError(_("The application has been decided; send a new application or a message."))
    attachment = Attachment.objects.create(
        application=application, file=file, content_type=content_type, added_by=user
    )
    _record(application, "applications.attachment_added", user)
    return attachment


def attachment_for(user: AbstractBaseUser, public_id: str) -> Attachment:
    attachment = (
        Attachment.objects.select_related("application__person").filter(public_id=public_id).first()
        if is_uuid(public_id)
        else None
    )
    if attachment is None or not user.is_authenticated:
        raise Http404
    if getattr(user, "resident", None) is not None:
        for_resident(user, str(attachment.application.public_id))
    else:
        _require(user, attachment.application, Action.READ, "application_attachment")
    return attachment


# --- Professionals ----------------------------------------------------------------------------------


def _require(user: AbstractBaseUser, application: Application, action: str, what: str) -> None:
    require(
        user,
        application.person,
        Category.SOCIAL,
        what=what,
        action=action,
        service_event=application.service_event,
    )


def for_professional(user: AbstractBaseUser, public_id: str, action: str = Action.READ) -> Application:
    application = (
        Application.objects.select_related("person", "unit", "handler", "response__definition")
        .filter(public_id=public_id)
        .first()
        if is_uuid(public_id)
        else None
    )
    if application is None:
        raise Http404
    _require(user, application, action, "application")
    return application


def unit_queue(user: AbstractBaseUser, status: str = "") -> QuerySet[Application]:
    """Applications of the units the professional works in (and below); a list, no client data read."""
    units = [r.unit for r in work_roles(user)]
    found = Application.objects.filter(unit_id__in=units_below(units)).select_related("unit", "handler")
    if status:
        found = found.filter(status=status)
    return found.order_by("status", "-urgent", "assessment_due")


def handlers_for(application: Application) -> QuerySet:
    from django.contrib.auth import get_user_model

    from luukku.identity.models import RoleAssignment

    units = application.unit.ancestors_and_self()
    users = RoleAssignment.objects.filter(
        RoleAssignment.in_force(timezone.localdate()), unit__in=units, role__in=DECIDERS
    ).values("professional__user")
    return get_user_model().objects.filter(pk__in=users, is_active=True).order_by("last_name", "first_name")


@transaction.atomic
def assign(application: Application, by: AbstractBaseUser, handler: AbstractBaseUser) -> Application:
    """Name the handler; the application is then in process."""
    _require(by, application, Action.WRITE, "application_assignment")
    if not handlers_for(application).filter(pk=handler.pk).exists():
        raise ValidationError(_("The handler must be a social worker or a manager of the unit."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == Application.Status.DECIDED:
        raise ValidationError(_("The application has already been decided."))
    application.handler = handler
    if application.status == Application.Status.RECEIVED:
        application.status = Application.Status.IN_PROCESS
    application.save(update_fields=["handler", "status"])
    _record(application, "applications.assigned", by, handler=handler.pk)
    return application


@transaction.atomic
def request_info(application: Application, by: AbstractBaseUser, body: str) -> ThreadMessage:
    """Ask the applicant for more information; they answer in the same thread (and get an inbox notice)."""
    from luukku.inbox import services as inbox

    _require(by, application, Action.WRITE, "application_info_request")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == Application.Status.DECIDED:
        raise ValidationError(_("The application has already been decided."))
    message = ThreadMessage.objects.create(application=application, author=by, body=body)
    application.status = Application.Status.INFO_REQUESTED
    application.handler = application.handler or by
    application.save(update_fields=["status", "handler"])
    _record(application, "applications.info_requested", by)
    inbox.deliver(
        application.person,
        key=f"application:{application.public_id}",
        subject=_("Application %(reference)s") % {"reference": application.reference},
        body=body,
        category=Category.SOCIAL,
        service_event=application.service_event,
        unit=application.unit,
        sender=application.unit.name,
        link=reverse("applications:detail", args=[application.public_id]),
        dedupe_key=f"application-info:{message.pk}",
        author=by,
    )
    return message


@transaction.atomic
def record_assessment(
    application: Application,
    by: AbstractBaseUser,
    functional_ability: str,
    rai_scores: dict[str, int] | None = None,
    rai_assessed_on: dt.date | None = None,
    rai_source: str = Assessment.Source.MANUAL,
) -> Assessment:
    """The service-need assessment; recording it ends the assessment deadline's queue item and puts the
    decision in the queue (due by the statute where one fixes a day, else the county's target)."""
    _require(by, application, Action.WRITE, "service_need_assessment")
    for name, value in (rai_scores or {}).items():
        low, high = adapters.RAI_SCALES.get(name, (None, None))
        if low is None or not low <= value <= high:
            raise ValidationError(
                _("%(scale)s must be within %(low)s–%(high)s.") % {"scale": name, "low": low, "high": high}
            )
    assessment, _created = Assessment.objects.update_or_create(
        application=application,
        defaults={
            "functional_ability": functional_ability,
            "rai_scores": rai_scores or {},
            "rai_assessed_on": rai_assessed_on,
            "rai_source": rai_source,
            "assessed_by": by,
            "at": timezone.now(),
        },
    )
    if application.status == Application.Status.RECEIVED:
        application.status = Application.Status.IN_PROCESS
        application.handler = application.handler or by
        application.save(update_fields=["status", "handler"])
    _record(application, "applications.assessed", by, rai=bool(rai_scores))
    desk.close_source(f"{WORK_PREFIX}:{application.public_id}", by)
    due = application.decision_due or rules.add_working_days(timezone.localdate(), DECISION_TARGET_DAYS)
    desk.submit(
        WorkItem.Kind.APPLICATION,
        f"{DECISION_WORK_PREFIX}:{application.public_id}",
        application.unit,
        BY_KEY[application.kind].title("fi"),
        reverse("applications:handle", args=[application.public_id]),
        client=application.person,
        due_at=_end_of_day(due),
    )
    return assessment


def fetch_rai(application: Application, by: AbstractBaseUser) -> adapters.RaiResult | None:
    """The client's latest RAI scales from the RAI adapter (read through the policy, logged)."""
    _require(by, application, Action.READ, "rai_assessment")
    return adapters.rai_source().latest(application.person.hetu)


def _template_body(application: Application, outcome: str, language: str) -> str:
    kind = BY_KEY[application.kind]
    return texts.BODIES[outcome][texts.index(language)].format(
        reference=application.reference, service=kind.title(language)
    )


def draft_body(application: Application, outcome: str) -> str:
    return _template_body(application, outcome, application.person.language)


@transaction.atomic
def draft_decision(application: Application, by: AbstractBaseUser, outcome: str, body: str) -> Decision:
    """A decision drafted from the template: the legal basis and the appeal instructions are added in the
    client's language; it takes effect only when approved by a decision maker."""
    _require(by, application, Action.WRITE, "decision_draft")
    if application.status == Application.Status.DECIDED:
        raise ValidationError(_("The application has already been decided."))
    if outcome not in Decision.Outcome.values:
        raise ValidationError(_("Choose the outcome."))
    if not hasattr(application, "assessment") and outcome != Decision.Outcome.REFUSED:
        raise ValidationError(_("Record the service-need assessment before granting the service."))
    language = application.person.language if application.person.language in texts.LANGUAGES else "fi"
    decision, _created = Decision.objects.update_or_create(
        application=application,
        defaults={
            "outcome": outcome,
            "body": body,
            "legal_basis": BY_KEY[application.kind].basis(language),
            "appeal": texts.APPEAL[texts.index(language)],
            "language": language,
            "drafted_by": by,
            "drafted_at": timezone.now(),
        },
    )
    _record(application, "applications.decision_drafted", by, outcome=outcome)
    return decision


def decision_document(decision: Decision, approver_name: str, service_due: dt.date | None) -> bytes:
    from luukku.inbox.documents import Document, render

    application = decision.application
    i = texts.index(decision.language)
    paragraphs = [decision.body]
    if service_due:
        paragraphs.append(texts.SERVICE_DEADLINE[i].format(due=service_due.strftime("%d.%m.%Y")))
    paragraphs += [
        f"{texts.HEADINGS['basis'][i]}: {decision.legal_basis}",
        decision.appeal,
        f"{texts.HEADINGS['decided_by'][i]}: {approver_name}",
        texts.HEADINGS["signature"][i],
    ]
    return render(
        Document(
            title=f"{texts.HEADINGS['title'][i]} {application.reference}",
            language=decision.language,
            sender=texts.HEADINGS["sender"][i],
            recipient_lines=[application.person.full_name],
            paragraphs=paragraphs,
            created=timezone.localtime(decision.approved_at or timezone.now()),
        )
    )


@transaction.atomic
def approve(application: Application, by: AbstractBaseUser) -> Decision:
    """The decision maker approves the draft: the PDF is signed (PAdES), the application is decided and
    the decision goes to the client's inbox (and Suomi.fi Messages or printed mail as a letter)."""
    from luukku.inbox import services as inbox
    from luukku.inbox.models import Message

    _require(by, application, Action.WRITE, "decision_approval")
    if not handlers_for(application).filter(pk=by.pk).exists():  # an official of the unit (or above it)
        raise PermissionDenied(_("Only a social worker or a manager may make the decision."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    decision = Decision.objects.filter(application=application).first()
    if decision is None:
        raise ValidationError(_("Draft the decision first."))
    if application.status == Application.Status.DECIDED:
        raise ValidationError(_("The application has already been decided."))
    now = timezone.now()
    decided = _local_date(now)
    group = BY_KEY[application.kind].group
    service = rules.service_deadline(decided, group == ELDERLY, decision.outcome != Decision.Outcome.REFUSED)
    decision.approved_by = by
    decision.approved_at = now
    approver = by.get_full_name() or by.get_username()
    pdf = decision_document(decision, approver, service.due if service else None)
    decision.signed_pdf = adapters.signer().sign(
        pdf, reason=f"Päätös {application.reference}", location="Hämeenlinna"
    )
    decision.save()
    application.status = Application.Status.DECIDED
    application.decided_at = now
    application.service_due = service.due if service else None
    application.handler = application.handler or by
    application.save(update_fields=["status", "decided_at", "service_due", "handler"])
    _record(
        application,
        "applications.decided",
        by,
        outcome=decision.outcome,
        processing_days=rules.processing_days(_local_date(application.received_at), decided),
    )
    _record(application, "applications.signed", by)
    for prefix in (WORK_PREFIX, DECISION_WORK_PREFIX):
        desk.close_source(f"{prefix}:{application.public_id}", by)
    inbox.deliver(
        application.person,
        key=f"application:{application.public_id}",
        subject=_("Application %(reference)s") % {"reference": application.reference},
        body=decision.body,
        kind=Message.Kind.DECISION,
        category=Category.SOCIAL,
        service_event=application.service_event,
        unit=application.unit,
        sender=application.unit.name,
        link=reverse("applications:decision_pdf", args=[application.public_id]),
        dedupe_key=f"application-decision:{application.public_id}",
        letter=True,
        author=by,
    )
    return decision


def signed_decision_of(message) -> bytes | None:
    """The signed PDF of the decision a decision letter carries (the inbox sends it to Suomi.fi Messages
    as it was signed, not a PDF rendered again from the message's text)."""
    public_id = (message.dedupe_key or "").partition(":")[2]
    decision = (
        Decision.objects.filter(application__public_id=public_id, approved_at__isnull=False)
        .only("signed_pdf")
        .first()
        if public_id
        else None
    )
    return bytes(decision.signed_pdf) if decision is not None and decision.signed_pdf else None


def verify(decision: Decision) -> adapters.Verification:
    """Verify the stored signed PDF on every open (the result is shown with it)."""
    return adapters.signer().verify(bytes(decision.signed_pdf or b""))


def assess_maturity(application: Application, by: AbstractBaseUser, decides_alone: bool, reason: str):
    """A 12-17-year-old's maturity assessment for this application's service event (desk's action,
    access-checked and logged there)."""
    return desk.assess_maturity(application.person, by, application.service_event, decides_alone, reason)


def close_at_origin(source_id: str, user: AbstractBaseUser | None) -> None:
    """A queue item closed in the desk leaves the application as it is (its status is its own)."""


def titles(items: list[WorkItem]) -> dict[int, str]:
    from django.utils.translation import get_language

    language = (get_language() or "fi")[:2]
    by_id = {item.source.partition(":")[2]: item.pk for item in items}
    found = Application.objects.filter(public_id__in=[k for k in by_id if is_uuid(k)])
    return {
        by_id[str(a.public_id)]: f"{BY_KEY[a.kind].title(language)} {a.reference}"
        for a in found
        if a.kind in BY_KEY
    }
