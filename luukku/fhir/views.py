"""Read endpoints of the FHIR R4 interface. Schedules and slots are public (no personal data);
client data (appointments, questionnaire responses, care plans) goes through the access policy:
residents by the proxy rules, professionals by their role, care relationship and the health/social
line, every read and refusal written to the access log."""

import datetime as dt
import functools
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from luukku.access.policy import decide, readable
from luukku.booking import client_data as booking_data
from luukku.booking.models import Appointment, Calendar, Slot
from luukku.carepaths import client_data as carepath_data
from luukku.carepaths.models import ClientPath
from luukku.identity.models import Resident
from luukku.identity.services import is_uuid
from luukku.questionnaires import client_data as questionnaire_data
from luukku.questionnaires.models import Definition
from luukku.questionnaires.models import Response as QuestionnaireResponseModel
from luukku.web.routes import Audience, route
from luukku.web.validation import check_date, has_control_characters, parse_id

from . import booking as mapping
from . import carepaths as carepaths_mapping
from . import questionnaires as questionnaires_mapping
from .responses import outcome, resource_response, search_bundle

MAX_RESULTS = 500
MAX_PARAMETER = 200  # longer than any id, code or canonical URL searched here


def checked_parameters(view: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """A search refuses (400 OperationOutcome) parameters with control characters or of absurd length."""

    @functools.wraps(view)
    def search(request: HttpRequest) -> HttpResponse:
        for name, values in request.GET.lists():
            if any(len(v) > MAX_PARAMETER or has_control_characters(v) for v in [name, *values]):
                return outcome(
                    400,
                    "invalid",
                    _("The search parameter %(name)s is too long or contains control characters.")
                    % {"name": name[:40].encode("unicode_escape").decode()},
                )
        return view(request)

    return search


@route(Audience.PUBLIC, "none")
@require_GET
def schedule_read(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = Calendar.objects.select_related("professional__user", "unit").filter(pk=pk).first()
    if calendar is None:
        return outcome(404, "not-found", f"Schedule/{pk} is not known")
    return resource_response(mapping.schedule(calendar))


@route(Audience.PUBLIC, "none")
@require_GET
def slot_read(request: HttpRequest, pk: int) -> HttpResponse:
    found = Slot.objects.select_related("service").filter(pk=pk).first()
    if found is None:
        return outcome(404, "not-found", f"Slot/{pk} is not known")
    return resource_response(mapping.slot(found))


def _date_filter(values: list[str]) -> Q:
    """FHIR date search on `start`: ge/gt/le/lt prefixes, plain value = that day. ValueError for a value
    that is not a date or date-time within validation.EARLIEST..LATEST."""
    query = Q()
    for value in values:
        prefix, date_text = (
            (value[:2], value[2:]) if value[:2] in {"ge", "gt", "le", "lt", "eq"} else ("eq", value)
        )
        moment = dt.datetime.fromisoformat(date_text)
        try:
            check_date(moment)
        except ValidationError:
            raise ValueError(date_text) from None
        if moment.tzinfo is None:
            moment = timezone.make_aware(moment)
        lookups = {
            "ge": "starts_at__gte",
            "gt": "starts_at__gt",
            "le": "starts_at__lte",
            "lt": "starts_at__lt",
        }
        if prefix == "eq":
            query &= Q(starts_at__gte=moment, starts_at__lt=moment + dt.timedelta(days=1))
        else:
            query &= Q(**{lookups[prefix]: moment})
    return query


@route(Audience.PUBLIC, "none")
@require_GET
@checked_parameters
def slot_search(request: HttpRequest) -> HttpResponse:
    slots = Slot.objects.select_related("service").order_by("starts_at")
    if schedule := request.GET.get("schedule"):
        schedule_id = parse_id(schedule.removeprefix("Schedule/"))
        if schedule_id is None:
            return outcome(400, "invalid", _("schedule must be Schedule/<id>"))
        slots = slots.filter(calendar_id=schedule_id)
    if status := request.GET.get("status"):
        if status == "free":
            slots = slots.filter(blocked=False, booked__lt=F("capacity"))
        elif status == "busy":
            slots = slots.filter(booked__gte=F("capacity"))
    if service_type := request.GET.get("service-type"):
        slots = slots.filter(service__code=service_type.rsplit("|", 1)[-1])
    try:
        slots = slots.filter(_date_filter(request.GET.getlist("start")))
    except ValueError:
        return outcome(
            400,
            "invalid",
            _(
                "start must be a date or date-time between 1900 and 2100, optionally prefixed with "
                "ge, gt, le, lt or eq"
            ),
        )
    return search_bundle(request, [mapping.slot(s) for s in slots[:MAX_RESULTS]])


def _may_read(request: HttpRequest, person: Resident, scope: tuple[str, str], what: str) -> bool:
    """One resource: residents by the proxy rules, professionals by the access policy (logged)."""
    category, service_event = scope
    return decide(request.user, person, category, what=what, service_event=service_event).allowed


def _readable(request: HttpRequest, person: Resident, items, scope, what: str) -> list:
    """A search's results the caller may read; one decision and log row per category and service event."""
    return readable(request.user, person, items, scope, what=what) if request.user.is_authenticated else []


def _patient(request: HttpRequest) -> Resident | None:
    """The resident named by a search's patient=Patient/<public id> parameter."""
    patient = request.GET.get("patient", "").removeprefix("Patient/")
    return Resident.objects.filter(public_id=patient).first() if is_uuid(patient) else None


@route(Audience.RESIDENT_OR_PROFESSIONAL, "health")
@require_GET
def appointment_read(request: HttpRequest, public_id: str) -> HttpResponse:
    found = (
        Appointment.objects.select_related("slot__calendar", "service", "person")
        .filter(public_id=public_id)
        .first()
        if is_uuid(public_id)
        else None
    )
    if (
        found is None
        or found.person is None
        or not _may_read(request, found.person, booking_data.scope(found), "appointments")
    ):
        return outcome(404, "not-found", f"Appointment/{public_id} is not known or not yours to read")
    return resource_response(mapping.appointment(found))


@route(Audience.RESIDENT_OR_PROFESSIONAL, "health")
@require_GET
@checked_parameters
def appointment_search(request: HttpRequest) -> HttpResponse:
    person = _patient(request)
    if person is None:
        return outcome(400, "required", "search by patient=Patient/<id>")
    appointments = (
        Appointment.objects.filter(person=person)
        .select_related("slot__calendar", "service__unit")
        .order_by("slot__starts_at")
    )
    visible = _readable(request, person, appointments[:MAX_RESULTS], booking_data.scope, "appointments")
    return search_bundle(request, [mapping.appointment(a) for a in visible])


# --- Questionnaires ---------------------------------------------------------------------------------


@route(Audience.PUBLIC, "none")
@require_GET
def questionnaire_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    key, _dash, version_text = resource_id.rpartition("-")
    version = parse_id(version_text)
    found = (
        Definition.objects.filter(key=key, version=version).first()
        if version is not None and not has_control_characters(key)
        else None
    )
    if found is None:
        return outcome(404, "not-found", f"Questionnaire/{resource_id} is not known")
    return resource_response(questionnaires_mapping.questionnaire(found))


@route(Audience.PUBLIC, "none")
@require_GET
@checked_parameters
def questionnaire_search(request: HttpRequest) -> HttpResponse:
    definitions = Definition.objects.order_by("key", "version")
    if url := request.GET.get("url"):
        canonical, _bar, version_text = url.partition("|")
        definitions = definitions.filter(key=canonical.removeprefix("urn:luukku:questionnaire:"))
        if version_text:
            version = parse_id(version_text)
            definitions = definitions.filter(version=version) if version is not None else definitions.none()
    if name := request.GET.get("name"):
        definitions = definitions.filter(key=name.replace("_", "-"))
    if request.GET.get("status") == "active":
        definitions = definitions.filter(current=True)
    return search_bundle(
        request, [questionnaires_mapping.questionnaire(d) for d in definitions[:MAX_RESULTS]]
    )


def _readable_response(request: HttpRequest, response: QuestionnaireResponseModel) -> bool:
    if response.person is None:
        return False  # notifications are read in the receiving unit's inbox, not over FHIR
    return _may_read(request, response.person, questionnaire_data.scope(response), "questionnaire_response")


@route(Audience.RESIDENT_OR_PROFESSIONAL, "health")
@require_GET
def questionnaire_response_read(request: HttpRequest, public_id: str) -> HttpResponse:
    found = (
        QuestionnaireResponseModel.objects.select_related("definition", "person")
        .filter(public_id=public_id)
        .first()
        if is_uuid(public_id)
        else None
    )
    if found is None or not _readable_response(request, found):
        return outcome(
            404, "not-found", f"QuestionnaireResponse/{public_id} is not known or not yours to read"
        )
    return resource_response(questionnaires_mapping.questionnaire_response(found))


@route(Audience.RESIDENT_OR_PROFESSIONAL, "health")
@require_GET
@checked_parameters
def questionnaire_response_search(request: HttpRequest) -> HttpResponse:
    person = _patient(request)
    if person is None:
        return outcome(400, "required", "search by patient=Patient/<id>")
    responses = QuestionnaireResponseModel.objects.filter(person=person).select_related(
        "definition", "person"
    )
    if status := request.GET.get("status"):
        responses = responses.filter(status=status)
    found = _readable(
        request,
        person,
        responses.order_by("created_at")[:MAX_RESULTS],
        questionnaire_data.scope,
        "questionnaire_response",
    )
    return search_bundle(request, [questionnaires_mapping.questionnaire_response(r) for r in found])


# --- Care paths -------------------------------------------------------------------------------------


@route(Audience.RESIDENT_OR_PROFESSIONAL, "health")
@require_GET
def care_plan_read(request: HttpRequest, public_id: str) -> HttpResponse:
    found = (
        ClientPath.objects.select_related("template", "person", "team").filter(public_id=public_id).first()
        if is_uuid(public_id)
        else None
    )
    if found is None or not _may_read(request, found.person, carepath_data.scope(found), "care_path"):
        return outcome(404, "not-found", f"CarePlan/{public_id} is not known or not yours to read")
    return resource_response(carepaths_mapping.care_plan(found))


@route(Audience.RESIDENT_OR_PROFESSIONAL, "health")
@require_GET
@checked_parameters
def care_plan_search(request: HttpRequest) -> HttpResponse:
    person = _patient(request)
    if person is None:
        return outcome(400, "required", "search by patient=Patient/<id>")
    paths = (
        ClientPath.objects.filter(person=person)
        .select_related("template", "person", "team")
        .order_by("started_at")
    )
    found = _readable(request, person, paths[:MAX_RESULTS], carepath_data.scope, "care_path")
    return search_bundle(request, [carepaths_mapping.care_plan(p) for p in found])
