import datetime as dt
from dataclasses import replace

import pytest
from django.utils import timezone

from luukku.audit.models import Event
from luukku.booking.services import book, booker_for, cancel
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.questionnaires import services
from luukku.questionnaires.definitions.catalogue import findrisc
from luukku.questionnaires.models import Activation, Definition, Response
from luukku.testing import resident_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(personas):
    return {d.key: d for d in Definition.objects.filter(current=True)}


def fill_all(response: Response, raw: dict) -> dict:
    for page in range(len(services.steps(response.definition))):
        services.save_page(response, page, raw, check_required=False)
    return services.submit(response)


PRE_INFO = {
    "smoking": ["never"],
    "has-medication": ["yes"],
    "medications": ["Simvastatiini 20 mg 1x1"],
    "has-allergies": ["no"],
    "had-surgery": ["no"],
    "audit-1": ["2"],
    "audit-2": ["1"],
    "audit-3": ["1"],
    "audit-4": ["0"],
    "audit-5": ["0"],
    "audit-6": ["0"],
    "audit-7": ["1"],
    "audit-8": ["0"],
    "audit-9": ["0"],
    "audit-10": ["0"],
    "phq-1": ["1"],
    "phq-2": ["2"],
}


def test_publishing_versions(published):
    first = published["findrisc"]
    assert services.publish("findrisc", findrisc(), "self_assessment", ["findrisc"]) == first
    changed = findrisc()
    changed["title"] = "Diabetesriskitesti"
    second = services.publish("findrisc", changed, "self_assessment", ["findrisc"])
    assert (second.version, second.current) == (2, True)
    assert Definition.objects.get(pk=first.pk).current is False
    assert second.resource["version"] == "2" and second.resource["id"] == "findrisc-2"


def test_invalid_fhir_is_refused(published):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.publish(
            "broken",
            {"resourceType": "Questionnaire", "status": "active", "item": [{"type": "string"}]},
            "self_assessment",
        )  # an item without linkId


def test_notification_without_its_unit_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from luukku.questionnaires.definitions.catalogue import CATALOGUE

    missing = next(entry for entry in CATALOGUE if entry.recipient_unit)
    with pytest.raises(ImproperlyConfigured, match="recipient unit"):
        services.publish_catalogue((replace(missing, recipient_unit="no-such-unit"),))


def test_response_keeps_its_version(published):
    person = resident_user(age=50)
    response = services.start(published["findrisc"], person, person.user)
    changed = findrisc()
    changed["title"] = "Uusi otsikko"
    services.publish("findrisc", changed, "self_assessment", ["findrisc"])
    assert Response.objects.get(pk=response.pk).definition.version == 1


def test_pre_information_is_scored_and_closes_the_activation(published):
    person = resident_user(age=60)
    activation = services.activate(person, "esitiedot", "Lääkärin vastaanotto", source="appointment:x")
    response = services.start(published["esitiedot"], person, person.user)
    assert fill_all(response, PRE_INFO) == {}
    response.refresh_from_db()
    assert response.status == "completed"
    assert {s["instrument"]: s["total"] for s in response.scores} == {"audit": 5, "audit-c": 4, "phq2": 3}
    assert Activation.objects.get(pk=activation.pk).status == "answered"
    assert Event.objects.filter(kind="questionnaire.answered", data__key="esitiedot").exists()


def test_missing_answers_are_reported_and_nothing_is_lost(published):
    person = resident_user(age=60)
    response = services.start(published["esitiedot"], person, person.user)
    services.save_page(response, 0, {"smoking": ["daily"]}, check_required=False)
    errors = services.submit(response)
    assert "has-medication" in errors and "audit-1" in errors
    assert services.first_page_with_errors(response, errors) == 1
    assert Response.objects.get(pk=response.pk).answers["smoking"] == ["daily"]


def test_save_and_continue_resumes_the_same_response(published):
    person = resident_user(age=40)
    first = services.start(published["esitiedot"], person, person.user)
    services.save_page(first, 0, {"smoking": ["quit"], "height": ["180"]}, check_required=False)
    resumed = services.start(published["esitiedot"], person, person.user)
    assert resumed.pk == first.pk and resumed.answers["height"] == [180.0]


def test_new_answer_is_prefilled_from_the_latest(published):
    person = resident_user(age=60)
    fill_all(services.start(published["esitiedot"], person, person.user), PRE_INFO)
    again = services.start(published["esitiedot"], person, person.user)
    assert again.answers["medications"] == ["Simvastatiini 20 mg 1x1"] and again.status == "in-progress"


def test_recent_answer_prevents_reactivation_for_three_months(published):
    person = resident_user(age=60)
    fill_all(services.start(published["esitiedot"], person, person.user), PRE_INFO)
    assert services.activate(person, "esitiedot", "Kontrolli", source="appointment:1") is None
    Response.objects.filter(person=person).update(completed_at=timezone.now() - dt.timedelta(days=91))
    assert services.activate(person, "esitiedot", "Kontrolli", source="appointment:2") is not None
    assert (
        services.activate(person, "esitiedot", "Kontrolli", source="appointment:3").source == "appointment:2"
    )


def test_booking_that_needs_pre_information_activates_it_and_cancel_withdraws(published):
    person = resident_user(age=55)
    service = booking_service(required_questionnaire="esitiedot", cancellation_deadline_hours=1)
    appointment = book(open_slot(service), booker_for(person.user, person))
    activation = Activation.objects.get(person=person, key="esitiedot")
    assert (
        activation.source == f"appointment:{appointment.public_id}"
        and activation.due_at == appointment.slot.starts_at
    )
    cancel(appointment, person.user)
    assert Activation.objects.get(pk=activation.pk).status == "cancelled"


def test_anonymous_notification_goes_to_the_unit_inbox(published):
    definition = published["lastensuojeluilmoitus"]
    response = services.start(definition, None, None)
    errors = fill_all(
        response,
        {
            "immediate-danger": ["no"],
            "child-name": ["Lapsi Esimerkki"],
            "child-municipality": ["109"],
            "concern": ["Lapsi on usein yksin kotona."],
            "notifier-role": ["private"],
        },
    )
    assert errors == {}
    assert list(services.inbox([definition.recipient_unit])) == [Response.objects.get(pk=response.pk)]


def test_professional_notifier_must_identify(published):
    response = services.start(published["lastensuojeluilmoitus"], None, None)
    errors = fill_all(
        response,
        {
            "immediate-danger": ["no"],
            "child-name": ["X"],
            "child-municipality": ["109"],
            "concern": ["Huoli"],
            "notifier-role": ["professional"],
        },
    )
    assert {"notifier-organisation", "notifier-professional-phone"} <= set(errors)


def test_statistics_come_from_events(published):
    people = [resident_user(age=50 + i) for i in range(3)]
    for person in people:
        services.activate(person, "esitiedot", "x", source="s")
    fill_all(services.start(published["esitiedot"], people[0], people[0].user), PRE_INFO)
    services.cancel_activation(people[1], "esitiedot", "s")
    row = next(r for r in services.statistics() if r["key"] == "esitiedot")
    assert (row["activated"], row["answered"], row["answerable"]) == (3, 1, 1)
