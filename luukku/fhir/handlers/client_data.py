"""Client data over FHIR, through the access policy: Patient, Appointment, QuestionnaireResponse and
CarePlan. A read asks `decide()`; a search is bound to one patient and filtered by `readable()`;
professionals' reads and refusals are written to the access log, and what the caller may not read is
"not found" (the total counts only what they may see)."""

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from luukku.access.categories import Category
from luukku.access.policy import decide, readable
from luukku.booking import client_data as booking_data
from luukku.booking.models import Appointment
from luukku.carepaths import client_data as carepath_data
from luukku.carepaths.models import ClientPath
from luukku.chat.models import Conversation
from luukku.identity.models import Resident
from luukku.questionnaires import client_data as questionnaire_data
from luukku.questionnaires.models import Response as QuestionnaireResponseModel
from luukku.web.routes import Audience

from .. import booking as booking_mapping
from .. import carepaths as carepaths_mapping
from .. import chat as chat_mapping
from .. import directory
from .. import questionnaires as questionnaires_mapping
from ..protocol import Stamped, stamp
from ..registry import Handler, Page, Param, register
from ..search import DATE, REFERENCE, TOKEN, Query, SearchError, Value
from ..search import reference as reference_id
from .common import (
    ID,
    NOTHING,
    Filters,
    apply,
    as_uuid,
    date_filter,
    int_reference,
    ordered,
    token_code,
    token_in,
    uuid_id,
    window,
)


def _patient(query: Query) -> Resident:
    """The one patient a client-data search is bound to (patient=Patient/<id>)."""
    groups = query.values.get("patient", [])
    if len(groups) != 1 or len(groups[0]) != 1:
        raise SearchError("search by one patient=Patient/<id>", "required")
    found = as_uuid(reference_id(groups[0][0].text, "Patient"))
    person = Resident.objects.filter(public_id=found).first() if found else None
    if person is None:
        raise SearchError("the patient is not known", "not-found")
    return person


def _client_page(
    request: HttpRequest,
    person: Resident,
    items: QuerySet,
    scope: Callable,
    what: str,
    query: Query,
    to_stamped: Callable[[object], Stamped],
) -> Page:
    """The results the caller may read (one decision and log row per scope), paged in memory: one
    client's records are few, and the total must count only what the caller may see."""
    visible = readable(request.user, person, items, scope, what=what) if request.user.is_authenticated else []
    return Page([to_stamped(i) for i in window(visible, query)], len(visible))


def _may_read(request: HttpRequest, person: Resident | None, scope: tuple[str, str], what: str) -> bool:
    if person is None:
        return False
    category, service_event = scope
    return decide(request.user, person, category, what=what, service_event=service_event).allowed


# Patient


def _stamp_patient(person: Resident) -> Stamped:
    return stamp(directory.patient(person), PATIENT.profile, person.register_synced_at)


def _read_patient(request: HttpRequest, resource_id: str) -> Stamped | None:
    found = as_uuid(resource_id)
    person = Resident.objects.filter(public_id=found).first() if found else None
    if person is None or not _may_read(request, person, (Category.BASIC, ""), "patient"):
        return None
    return _stamp_patient(person)


def _search_patient(request: HttpRequest, query: Query) -> Page:
    def identifier(value: Value) -> Q:
        hetu = token_code(value, directory.HETU)
        return Q(hetu=hetu.upper()) if hetu and len(hetu) == 11 and hetu.isascii() else NOTHING

    people = apply(
        Resident.objects.order_by("pk"), query, {"_id": lambda v: uuid_id(v.text), "identifier": identifier}
    )
    visible = [
        p for p in people[:20] if _may_read(request, p, (Category.BASIC, ""), "patient")
    ]  # an _id or a henkilötunnus names one person
    return Page([_stamp_patient(p) for p in window(visible, query)], len(visible))


PATIENT = register(
    Handler(
        type="Patient",
        profile=f"{directory.BASE}fi-base-patient",
        audience=Audience.RESIDENT_OR_PROFESSIONAL,
        category="basic",
        url_name="patient",
        documentation="A client: the resident, those they act for, or a client of the professional.",
        read=_read_patient,
        search=_search_patient,
        params=(ID, Param("identifier", TOKEN, f"The henkilötunnus: {directory.HETU}|<hetu>")),
        required=("_id", "identifier"),
    )
)


# Appointment


def _appointment_updated(appointment: Appointment):
    return appointment.cancelled_at or appointment.created_at


def _stamp_appointment(appointment: Appointment) -> Stamped:
    return stamp(
        booking_mapping.appointment(appointment), APPOINTMENT.profile, _appointment_updated(appointment)
    )


def _appointments() -> QuerySet:
    return Appointment.objects.select_related("slot__calendar", "service__unit", "person")


def _read_appointment(request: HttpRequest, resource_id: str) -> Stamped | None:
    found = _appointments().filter(uuid_id(resource_id)).first()
    if found is None or not _may_read(request, found.person, booking_data.scope(found), "appointments"):
        return None
    return _stamp_appointment(found)


APPOINTMENT_STATUS = {code: Q(status=model) for model, code in booking_mapping.STATUS.items()}


def _search_appointment(request: HttpRequest, query: Query) -> Page:
    person = _patient(query)
    filters: Filters = {
        "_id": lambda v: uuid_id(v.text),
        "date": date_filter("slot__starts_at"),
        "status": lambda v: token_in(
            v, "http://hl7.org/fhir/appointmentstatus", APPOINTMENT_STATUS, "status"
        ),
        "service-type": lambda v: Q(service__code=token_code(v, directory.SERVICE_SYSTEM)),
        "practitioner": lambda v: int_reference(v, "Practitioner", "slot__calendar__professional_id"),
    }
    items = ordered(
        apply(_appointments().filter(person=person), query, filters),
        query,
        {"date": "slot__starts_at"},
        ["slot__starts_at", "pk"],
    )
    return _client_page(request, person, items, booking_data.scope, "appointments", query, _stamp_appointment)


APPOINTMENT = register(
    Handler(
        type="Appointment",
        profile="https://hl7.fi/fhir/finnish-scheduling/StructureDefinition/fi-scheduling-appointment",
        audience=Audience.RESIDENT_OR_PROFESSIONAL,
        category="health",
        url_name="appointment",
        documentation="A booked time; searched by one patient.",
        read=_read_appointment,
        search=_search_appointment,
        params=(
            Param("patient", REFERENCE, "The client (required)"),
            ID,
            Param("date", DATE, "The start of the appointment"),
            Param("status", TOKEN, "booked | cancelled"),
            Param("service-type", TOKEN, "The service (urn:luukku:service)"),
            Param("practitioner", REFERENCE, "The professional whose calendar holds the time"),
        ),
        sorts=("date",),
        required=("patient",),
    )
)


# QuestionnaireResponse


def _responses() -> QuerySet:
    return QuestionnaireResponseModel.objects.select_related("definition", "person").annotate(
        authored_at=Coalesce("completed_at", "updated_at")
    )


def _stamp_response(response: QuestionnaireResponseModel) -> Stamped:
    return stamp(
        questionnaires_mapping.questionnaire_response(response),
        QUESTIONNAIRE_RESPONSE.profile,
        response.updated_at,
    )


def _read_response(request: HttpRequest, resource_id: str) -> Stamped | None:
    found = _responses().filter(uuid_id(resource_id)).first()
    if found is None or found.person is None:
        return None  # notifications are read in the receiving unit's inbox, not over FHIR
    if not _may_read(request, found.person, questionnaire_data.scope(found), "questionnaire_response"):
        return None
    return _stamp_response(found)


RESPONSE_STATUS = {code: Q(status=model) for model, code in questionnaires_mapping.STATUS.items()}


def _search_response(request: HttpRequest, query: Query) -> Page:
    person = _patient(query)
    filters: Filters = {
        "_id": lambda v: uuid_id(v.text),
        "status": lambda v: token_in(
            v, "http://hl7.org/fhir/questionnaire-answers-status", RESPONSE_STATUS, "status"
        ),
        "authored": date_filter("authored_at"),
    }
    items = ordered(
        apply(_responses().filter(person=person), query, filters),
        query,
        {"authored": "authored_at"},
        ["created_at", "pk"],
    )
    return _client_page(
        request, person, items, questionnaire_data.scope, "questionnaire_response", query, _stamp_response
    )


QUESTIONNAIRE_RESPONSE = register(
    Handler(
        type="QuestionnaireResponse",
        profile="http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse",
        audience=Audience.RESIDENT_OR_PROFESSIONAL,
        category="health",
        url_name="questionnaire_response",
        documentation="A form the client answered; searched by one patient.",
        read=_read_response,
        search=_search_response,
        params=(
            Param("patient", REFERENCE, "The client (required)"),
            ID,
            Param("status", TOKEN, "in-progress | completed"),
            Param("authored", DATE, "When the answers were completed (or last saved)"),
        ),
        sorts=("authored",),
        required=("patient",),
    )
)


# CarePlan


def _paths() -> QuerySet:
    return ClientPath.objects.select_related("template", "person", "team")


def _path_updated(path: ClientPath):
    return max(t for t in (path.started_at, path.phase_since, path.ended_at) if t is not None)


def _stamp_path(path: ClientPath) -> Stamped:
    return stamp(carepaths_mapping.care_plan(path), CARE_PLAN.profile, _path_updated(path))


def _read_path(request: HttpRequest, resource_id: str) -> Stamped | None:
    found = _paths().filter(uuid_id(resource_id)).first()
    if found is None or not _may_read(request, found.person, carepath_data.scope(found), "care_path"):
        return None
    return _stamp_path(found)


PATH_STATUS = {"active": Q(status=ClientPath.Status.ACTIVE), "completed": Q(status=ClientPath.Status.ENDED)}


def _search_path(request: HttpRequest, query: Query) -> Page:
    person = _patient(query)
    filters: Filters = {
        "_id": lambda v: uuid_id(v.text),
        "status": lambda v: token_in(v, "http://hl7.org/fhir/request-status", PATH_STATUS, "status"),
        "date": date_filter("started_at"),
    }
    items = ordered(
        apply(_paths().filter(person=person), query, filters),
        query,
        {"date": "started_at"},
        ["started_at", "pk"],
    )
    return _client_page(request, person, items, carepath_data.scope, "care_path", query, _stamp_path)


CARE_PLAN = register(
    Handler(
        type="CarePlan",
        profile="http://hl7.org/fhir/StructureDefinition/CarePlan",
        audience=Audience.RESIDENT_OR_PROFESSIONAL,
        category="health",
        url_name="care_plan",
        documentation="A client's care path; searched by one patient.",
        read=_read_path,
        search=_search_path,
        params=(
            Param("patient", REFERENCE, "The client (required)"),
            ID,
            Param("status", TOKEN, "active | completed"),
            Param("date", DATE, "When the path started"),
        ),
        sorts=("date",),
        required=("patient",),
    )
)


# --- For the write-back (a system push of the county's own record, not a reader's request) ----------


def for_write_back(resource_type: str, key: str) -> tuple[Stamped, Resident | None]:
    """The client-data resource with this public id, and its client; DoesNotExist when gone."""
    if resource_type == "Appointment":
        appointment = _appointments().get(public_id=key)
        return _stamp_appointment(appointment), appointment.person
    if resource_type == "QuestionnaireResponse":
        response = _responses().get(public_id=key)
        return _stamp_response(response), response.person
    if resource_type == "CarePlan":
        path = _paths().get(public_id=key)
        return _stamp_path(path), path.person
    if resource_type == "Communication":  # a closed chat: written back, not served
        conversation = Conversation.objects.select_related("queue", "person").get(public_id=key)
        communication = chat_mapping.communication(conversation)
        profile = "http://hl7.org/fhir/StructureDefinition/Communication"
        return stamp(communication, profile, conversation.closed_at), conversation.person
    raise ValueError(resource_type)
