"""Read endpoints of the FHIR R4 interface. Schedules and slots are public (no personal data);
appointments are shown to the resident (and those acting for them) and to serving professionals, whose
reads are written to the access log."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from luukku.audit.models import Purpose
from luukku.booking.models import Appointment, Calendar, Slot
from luukku.carepaths.models import ClientPath
from luukku.identity.models import Resident
from luukku.identity.rules import Matter
from luukku.identity.services import is_uuid, log_client_read, serving_role
from luukku.questionnaires.models import Definition
from luukku.questionnaires.models import Response as QuestionnaireResponseModel

from . import booking as mapping
from . import carepaths as carepaths_mapping
from . import questionnaires as questionnaires_mapping
from .responses import outcome, resource_response, search_bundle

MAX_RESULTS = 500


@require_GET
def schedule_read(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = Calendar.objects.select_related("professional__user", "unit").filter(pk=pk).first()
    if calendar is None:
        return outcome(404, "not-found", f"Schedule/{pk} is not known")
    return resource_response(mapping.schedule(calendar))


@require_GET
def slot_read(request: HttpRequest, pk: int) -> HttpResponse:
    found = Slot.objects.select_related("service").filter(pk=pk).first()
    if found is None:
        return outcome(404, "not-found", f"Slot/{pk} is not known")
    return resource_response(mapping.slot(found))


def _date_filter(values: list[str]) -> Q:
    """FHIR date search on `start`: ge/gt/le/lt prefixes, plain value = that day."""
    query = Q()
    for value in values:
        prefix, date_text = (
            (value[:2], value[2:]) if value[:2] in {"ge", "gt", "le", "lt", "eq"} else ("eq", value)
        )
        moment = dt.datetime.fromisoformat(date_text)
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


@require_GET
def slot_search(request: HttpRequest) -> HttpResponse:
    slots = Slot.objects.select_related("service").order_by("starts_at")
    if schedule := request.GET.get("schedule"):
        schedule_id = schedule.removeprefix("Schedule/")
        if not schedule_id.isdigit():
            return outcome(400, "invalid", "schedule must be Schedule/<id>")
        slots = slots.filter(calendar_id=int(schedule_id))
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
        return outcome(400, "invalid", "start must be a date or date-time, optionally with ge/gt/le/lt")
    return search_bundle(request, [mapping.slot(s) for s in slots[:MAX_RESULTS]])


def _may_read(request: HttpRequest, person: Resident, service_code: str, what: str) -> bool:
    """Residents read through the proxy rules, professionals through a serving role (logged as `what`)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if getattr(user, "resident", None) is not None:
        return user.has_perm("identity.act_for", Matter(person, service_code))
    try:
        log_client_read(user, person, what, Purpose.CARE)
    except PermissionDenied:
        return False
    return True


def _patient(request: HttpRequest) -> Resident | None:
    """The resident named by a search's patient=Patient/<public id> parameter."""
    patient = request.GET.get("patient", "").removeprefix("Patient/")
    return Resident.objects.filter(public_id=patient).first() if is_uuid(patient) else None


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
        or not _may_read(request, found.person, found.service.code, "appointments")
    ):
        return outcome(404, "not-found", f"Appointment/{public_id} is not known or not yours to read")
    return resource_response(mapping.appointment(found))


@require_GET
def appointment_search(request: HttpRequest) -> HttpResponse:
    person = _patient(request)
    if person is None:
        return outcome(400, "required", "search by patient=Patient/<id>")
    appointments = (
        Appointment.objects.filter(person=person)
        .select_related("slot__calendar", "service")
        .order_by("slot__starts_at")
    )
    if not request.user.is_authenticated or (
        getattr(request.user, "resident", None) is None and serving_role(request.user, person) is None
    ):
        return outcome(403, "forbidden", "not allowed to read this patient's appointments")
    if getattr(request.user, "resident", None) is not None:
        visible = [
            a
            for a in appointments
            if request.user.has_perm("identity.act_for", Matter(person, a.service.code))
        ]
    else:
        _may_read(request, person, "", "appointments")
        visible = list(appointments)
    return search_bundle(request, [mapping.appointment(a) for a in visible[:MAX_RESULTS]])


# --- Questionnaires ---------------------------------------------------------------------------------


@require_GET
def questionnaire_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    key, _dash, version = resource_id.rpartition("-")
    found = Definition.objects.filter(key=key, version=int(version)).first() if version.isdigit() else None
    if found is None:
        return outcome(404, "not-found", f"Questionnaire/{resource_id} is not known")
    return resource_response(questionnaires_mapping.questionnaire(found))


@require_GET
def questionnaire_search(request: HttpRequest) -> HttpResponse:
    definitions = Definition.objects.order_by("key", "version")
    if url := request.GET.get("url"):
        canonical, _bar, version = url.partition("|")
        definitions = definitions.filter(key=canonical.removeprefix("urn:luukku:questionnaire:"))
        if version:
            definitions = (
                definitions.filter(version=int(version)) if version.isdigit() else definitions.none()
            )
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
    return _may_read(request, response.person, response.definition.key, "questionnaire_response")


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


@require_GET
def questionnaire_response_search(request: HttpRequest) -> HttpResponse:
    person = _patient(request)
    if person is None:
        return outcome(400, "required", "search by patient=Patient/<id>")
    responses = QuestionnaireResponseModel.objects.filter(person=person).select_related(
        "definition", "person"
    )
    if status := request.GET.get("status"):
        responses = responses.filter(status=status)
    readable = [r for r in responses.order_by("created_at")[:MAX_RESULTS] if _readable_response(request, r)]
    return search_bundle(request, [questionnaires_mapping.questionnaire_response(r) for r in readable])


# --- Care paths -------------------------------------------------------------------------------------


@require_GET
def care_plan_read(request: HttpRequest, public_id: str) -> HttpResponse:
    found = (
        ClientPath.objects.select_related("template", "person", "team").filter(public_id=public_id).first()
        if is_uuid(public_id)
        else None
    )
    if found is None or not _may_read(request, found.person, f"carepath:{found.template.code}", "care_path"):
        return outcome(404, "not-found", f"CarePlan/{public_id} is not known or not yours to read")
    return resource_response(carepaths_mapping.care_plan(found))


@require_GET
def care_plan_search(request: HttpRequest) -> HttpResponse:
    person = _patient(request)
    if person is None:
        return outcome(400, "required", "search by patient=Patient/<id>")
    paths = (
        ClientPath.objects.filter(person=person)
        .select_related("template", "person", "team")
        .order_by("started_at")
    )
    readable = [
        p
        for p in paths[:MAX_RESULTS]
        if _may_read(request, person, f"carepath:{p.template.code}", "care_path")
    ]
    return search_bundle(request, [carepaths_mapping.care_plan(p) for p in readable])
