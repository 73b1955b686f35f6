"""Home care's feedback trigger: a finished home visit invites the client to the customer survey (by text
message after the visit; feedback's 30-day cap keeps a daily-visited client from being asked daily)."""

from luukku.desk.registry import known_phone
from luukku.feedback.registry import ServiceEvent

from .models import Visit

KIND = "homecare_visit"


def visit_event(source_id: str) -> ServiceEvent | None:
    visit = (
        Visit.objects.select_related("client__person", "client__unit")
        .filter(pk=int(source_id) if source_id.isdigit() else 0, status=Visit.Status.DONE)
        .first()
    )
    if visit is None or visit.ended_at is None:
        return None
    person = visit.client.person
    return ServiceEvent(
        unit=visit.client.unit,
        ends_at=visit.ended_at,
        person=person,
        service_code="kotihoito",
        phone=known_phone(person),
        language=person.language,
    )


def on_visit_done(event) -> None:
    from luukku.feedback import services

    services.service_event(KIND, str(event.visit_id))
