"""Publishing questionnaire versions, activating them for residents, answering, and statistics."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from fhir.resources.R4B.questionnaire import Questionnaire

from luukku.access.categories import Action
from luukku.access.policy import may_see, require
from luukku.audit.models import Event
from luukku.audit.services import record_event
from luukku.identity.models import OrgUnit, Resident
from luukku.web import events, throttle

from . import client_data, engine, scoring
from .definitions.catalogue import CATALOGUE, Entry
from .events import QuestionnaireActivated, QuestionnaireAnswered, ResponseHandled
from .fhirq import walk
from .models import Activation, Definition, Response

RECENT_ANSWER = dt.timedelta(days=90)  # "not re-activated if answered within the last 3 months"


def validate_resource(resource: dict) -> None:
    try:
        Questionnaire.model_validate(resource)
    except ValueError as error:
        raise ValidationError(f"not a valid FHIR R4 Questionnaire: {error}") from None


@transaction.atomic
def publish(
    key: str,
    resource: dict,
    purpose: str,
    instruments: list[str] | None = None,
    anonymous_allowed: bool = False,
    recipient_unit: OrgUnit | None = None,
) -> Definition:
    """Store the resource as the next version, unless it equals the current one. Old versions stay."""
    validate_resource(resource)
    latest = Definition.objects.select_for_update().filter(key=key).order_by("-version").first()
    version = (latest.version + 1) if latest else 1
    versioned = {**resource, "id": f"{key}-{version}", "version": str(version)}
    if latest and {**latest.resource, "id": "", "version": ""} == {**versioned, "id": "", "version": ""}:
        return latest
    Definition.objects.filter(key=key, current=True).update(current=False)
    return Definition.objects.create(
        key=key,
        version=version,
        resource=versioned,
        purpose=purpose,
        instruments=instruments or [],
        anonymous_allowed=anonymous_allowed,
        recipient_unit=recipient_unit,
    )


def publish_catalogue(entries: tuple[Entry, ...] = CATALOGUE) -> list[Definition]:
    published = []
    for entry in entries:
        unit = OrgUnit.objects.filter(code=entry.recipient_unit).first() if entry.recipient_unit else None
        if entry.recipient_unit and unit is None:  # a notification must never land nowhere
            raise ImproperlyConfigured(f"{entry.key}: recipient unit {entry.recipient_unit!r} does not exist")
        published.append(
            publish(entry.key, entry.build(), entry.purpose, entry.instruments, entry.anonymous_allowed, unit)
        )
    return published


def current(key: str) -> Definition:
    return Definition.objects.get(key=key, current=True)


def steps(definition: Definition) -> list[list[dict]]:
    """Pages of the form: each top-level group is a page; loose items before/between groups form pages."""
    pages: list[list[dict]] = []
    loose: list[dict] = []
    for node in definition.resource.get("item", []):
        if node["type"] == "group":
            if loose:
                pages.append(loose)
                loose = []
            pages.append([node])
        else:
            loose.append(node)
    if loose:
        pages.append(loose)
    return pages


def link_ids(nodes: list[dict]) -> set[str]:
    return {node["linkId"] for node in walk(nodes)}


def responses_of(person: Resident) -> QuerySet[Response]:
    return Response.objects.filter(person=person).select_related("definition").order_by("created_at")


def activation_sources(response: Response) -> list[str]:
    """What the activations this response answered came from, e.g. ["appointment:<id>"]."""
    return list(Activation.objects.filter(response=response).values_list("source", flat=True))


def latest_completed(person: Resident, key: str) -> Response | None:
    return (
        Response.objects.filter(person=person, definition__key=key, status=Response.Status.COMPLETED)
        .order_by("-completed_at")
        .first()
    )


# --- Activation -------------------------------------------------------------------------------------


def activate(
    person: Resident,
    key: str,
    reason: str,
    source: str = "",
    due_at: dt.datetime | None = None,
    recurring: bool = True,
) -> Activation | None:
    """Put a form on the resident's page. A recurring need is skipped if answered within 3 months."""
    previous = latest_completed(person, key)
    if recurring and previous and previous.completed_at >= timezone.now() - RECENT_ANSWER:
        record_event("questionnaire.activation_skipped", subject=person, key=key, source=source)
        return None
    try:
        with transaction.atomic():
            activation = Activation.objects.create(
                key=key, person=person, reason=reason, source=source, due_at=due_at
            )
    except IntegrityError:  # already open: the earlier activation covers this need too
        return Activation.objects.get(person=person, key=key, status=Activation.Status.OPEN)
    record_event("questionnaire.activated", subject=person, key=key, source=source)
    events.publish(QuestionnaireActivated(activation.pk))
    return activation


def cancel_activation(person: Resident, key: str, source: str) -> None:
    cancelled = Activation.objects.filter(
        person=person, key=key, source=source, status=Activation.Status.OPEN
    ).update(status=Activation.Status.CANCELLED)
    if cancelled:
        record_event("questionnaire.activation_cancelled", subject=person, key=key, source=source)


def open_activations(person: Resident) -> QuerySet[Activation]:
    return Activation.objects.filter(person=person, status=Activation.Status.OPEN).order_by(
        "due_at", "activated_at"
    )


# --- Answering --------------------------------------------------------------------------------------


# An anonymous form (a notification that lands in a unit's queue among them): one address begins at most
# this many before it waits.
ANONYMOUS_FORMS_PER_ADDRESS = throttle.Limit("questionnaires.anonymous.address", 20, dt.timedelta(minutes=10))


def start(
    definition: Definition, person: Resident | None, author: AbstractBaseUser | None, caller: str = ""
) -> Response:
    """Resume the person's unfinished answer, or begin a new one prefilled from their latest answers -
    only from answers the one filling in may see (a guardian never gets a minor's own answers). An
    anonymous start counts against the caller's address (`caller`) and raises throttle.Throttled over
    the limit."""
    if person is None and caller:
        throttle.hit(ANONYMOUS_FORMS_PER_ADDRESS, caller)
    if person is not None:
        unfinished = (
            Response.objects.filter(
                person=person, definition__key=definition.key, status=Response.Status.IN_PROGRESS
            )
            .order_by("-updated_at")
            .first()
        )
        if unfinished is not None and _author_may_see(author, unfinished):
            return unfinished
    prefill: dict = {}
    previous = latest_completed(person, definition.key) if person is not None else None
    if previous is not None and _author_may_see(author, previous):
        known = {node["linkId"] for node in engine.answerable(definition.resource)}
        prefill = {link: values for link, values in previous.answers.items() if link in known}
    response = Response.objects.create(
        definition=definition,
        person=person,
        author=author if author and author.is_authenticated else None,
        answers=prefill,
        recipient_unit=definition.recipient_unit,
    )
    record_event("questionnaire.started", subject=person, key=definition.key, prefilled=bool(prefill))
    return response


def _author_may_see(author: AbstractBaseUser | None, response: Response) -> bool:
    if author is None or not author.is_authenticated:
        return False
    return may_see(author, response.person, *client_data.scope(response))


def save_page(
    response: Response, page: int, raw: dict[str, list[str]], check_required: bool
) -> dict[str, engine.ItemError]:
    """Merge one page's input into the answers; errors of that page by linkId. Saved even if incomplete."""
    pages = steps(response.definition)
    on_page = link_ids(pages[page])
    merged_raw = {
        link: [str(v).lower() if isinstance(v, bool) else str(v) for v in values]
        for link, values in response.answers.items()
        if link not in on_page
    }
    merged_raw.update({link: values for link, values in raw.items() if link in on_page})
    answers, errors = engine.clean(
        response.definition.resource, merged_raw, required_in=on_page, check_required=check_required
    )
    page_errors = {link: error for link, error in errors.items() if link in on_page}
    kept = {link: values for link, values in answers.items() if link not in page_errors}
    Response.objects.filter(pk=response.pk).update(answers=kept, step=page, updated_at=timezone.now())
    response.answers, response.step = kept, page
    return page_errors


def submit(response: Response) -> dict[str, engine.ItemError]:
    """Complete the response if every page is valid; returns the errors otherwise (nothing is lost)."""
    raw = {
        link: [str(v).lower() if isinstance(v, bool) else str(v) for v in values]
        for link, values in response.answers.items()
    }
    answers, errors = engine.clean(response.definition.resource, raw)
    if errors:
        return errors
    with transaction.atomic():
        response.answers = answers
        response.scores = [
            s.as_dict()
            for s in scoring.score_all(
                response.definition.resource,
                answers,
                response.definition.instruments,
                scoring.Client.of(response.person),
            )
        ]
        response.status = Response.Status.COMPLETED
        response.completed_at = timezone.now()
        response.save()
        if response.person is not None:
            closed = Activation.objects.filter(
                person=response.person, key=response.definition.key, status=Activation.Status.OPEN
            ).update(status=Activation.Status.ANSWERED, response=response)
            if closed:
                record_event(
                    "questionnaire.activation_answered", subject=response.person, key=response.definition.key
                )
        events.publish(QuestionnaireAnswered(response.pk))
        record_event(
            "questionnaire.answered",
            subject=response.person,
            key=response.definition.key,
            version=response.definition.version,
            scores={s["instrument"]: s["total"] for s in response.scores},
        )
    return {}


def first_page_with_errors(response: Response, errors: dict) -> int:
    for index, page in enumerate(steps(response.definition)):
        if link_ids(page) & set(errors):
            return index
    return 0


# --- Inbox and statistics ---------------------------------------------------------------------------


def inbox(units: list[OrgUnit], handled: bool = False) -> QuerySet[Response]:
    return (
        Response.objects.filter(
            recipient_unit__in=units, status=Response.Status.COMPLETED, handled_at__isnull=not handled
        )
        .select_related("definition")
        .order_by("completed_at")
    )


def mark_handled(response: Response, user: AbstractBaseUser, *, announce: bool = True) -> None:
    """The receiving unit has handled the form (the desk's work item closes with it); `announce=False`
    when the desk itself asked."""
    if response.person is not None:
        category, key = client_data.scope(response)
        require(
            user,
            response.person,
            category,
            what="questionnaire_response",
            action=Action.WRITE,
            service_event=key,
        )
    handled = Response.objects.filter(pk=response.pk, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=user
    )
    if handled and announce:
        events.publish(ResponseHandled(response.pk, user.pk))
    record_event("questionnaire.handled", subject=response.person, actor=user, key=response.definition.key)


STATISTIC_EVENTS = {
    "questionnaire.activated": "activated",
    "questionnaire.answered": "answered",
    "questionnaire.activation_answered": "closed",
    "questionnaire.activation_cancelled": "closed",
}


def statistics() -> list[dict]:
    """Per form, from the event log: activated, answered, and currently answerable (activated and not yet
    answered or cancelled)."""
    counts: dict[str, dict[str, int]] = {}
    rows = (
        Event.objects.filter(kind__in=STATISTIC_EVENTS)
        .values("kind", "data__key")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        column = counts.setdefault(row["data__key"], {})
        name = STATISTIC_EVENTS[row["kind"]]
        column[name] = column.get(name, 0) + row["n"]
    return [
        {
            "key": d.key,
            "title": d.title,
            "activated": counts.get(d.key, {}).get("activated", 0),
            "answered": counts.get(d.key, {}).get("answered", 0),
            "answerable": counts.get(d.key, {}).get("activated", 0) - counts.get(d.key, {}).get("closed", 0),
        }
        for d in Definition.objects.filter(current=True).order_by("key")
    ]
