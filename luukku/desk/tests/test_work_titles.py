"""Queue items are titled in the reader's language, whichever app put them in the queue and whatever
language they were made in (stored text is translated when shown, ARCHITECTURE.md)."""

import pytest
from django.urls import reverse
from django.utils import translation

from luukku.booking import work as booking_work
from luukku.booking.tests.factories import booked, booking_service
from luukku.carepaths import services as carepaths
from luukku.carepaths.tests.factories import care_path
from luukku.desk.models import WorkItem
from luukku.desk.registry import name_items
from luukku.fhir import omaolo
from luukku.identity.models import OrgUnit
from luukku.questionnaires.events import QuestionnaireAnswered
from luukku.questionnaires.models import Activation
from luukku.questionnaires.tests.factories import completed_response
from luukku.questionnaires.work import on_answered as notification_sent
from luukku.testing import professional, resident_user

pytestmark = pytest.mark.django_db


def _made_in_finnish(django_capture_on_commit_callbacks, make) -> WorkItem:
    """The item `make()` puts in the queue (it returns the item's source) once the change commits."""
    with translation.override("fi"), django_capture_on_commit_callbacks(execute=True):
        found = make()
    return WorkItem.objects.get(**found)


def test_every_source_names_its_items_in_the_readers_language(personas, django_capture_on_commit_callbacks):
    person = resident_user(age=40)

    def form_review() -> dict:
        service = booking_service(name="Sairaanhoitajan vastaanotto", name_sv="Sjukskötarmottagning")
        appointment = booked(person, service, professional(unit=service.unit))
        response = completed_response(person, "audit", author=person.user)
        Activation.objects.create(
            key="audit", person=person, reason="x", source=f"appointment:{appointment.public_id}",
            status=Activation.Status.ANSWERED, response=response,
        )  # fmt: skip
        booking_work.on_answered(QuestionnaireAnswered(response.pk))
        return {"source": f"response:{response.public_id}"}

    def notification() -> dict:
        response = completed_response(None, "huoli-iakkaasta")
        response.recipient_unit = OrgUnit.objects.get(code="ikaantyneiden-palveluohjaus")
        response.save()
        notification_sent(QuestionnaireAnswered(response.pk))
        return {"source": f"response:{response.public_id}"}

    def team_message() -> dict:
        path = care_path(person)
        carepaths.post_message(path, person.user, "Kysyisin lääkityksestä", from_team=False)
        return {"source__startswith": "teamtask:", "client": person}

    def omaolo_assessment() -> dict:
        omaolo.import_new(omaolo.LocalOmaolo())
        return {"source": "omaolo:demo-matti-rintakipu"}

    made = {
        key: _made_in_finnish(django_capture_on_commit_callbacks, make)
        for key, make in {
            "review": form_review,
            "notification": notification,
            "team": team_message,
            "omaolo": omaolo_assessment,
        }.items()
    }

    assert "Sairaanhoitajan vastaanotto" in made["review"].title  # stored as made, in Finnish
    with translation.override("sv"):
        name_items(list(made.values()))  # one call for them all, as the queue page does
        shown = {key: item.localized_title[1] for key, item in made.items()}
        assert "Sjukskötarmottagning" in shown["review"] and person.full_name in shown["review"]
        assert shown["notification"] != made["notification"].title  # the form's own Swedish title
        assert shown["team"] == f"Meddelande från {person.full_name}"
        assert shown["omaolo"].startswith("Omaolo: ") and "(" in shown["omaolo"]
        assert shown["omaolo"] != made["omaolo"].title  # the urgency in Swedish
    with translation.override("fi"):
        assert made["team"].shown_title == made["team"].title  # made in Finnish, read in Finnish


def test_the_queue_page_names_a_page_of_items_in_few_queries(
    client, personas, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    nurse = professional(unit=OrgUnit.objects.get(code="ikaantyneiden-palveluohjaus"))
    for _n in range(6):
        with translation.override("fi"), django_capture_on_commit_callbacks(execute=True):
            response = completed_response(None, "huoli-iakkaasta")
            response.recipient_unit = nurse.roles.first().unit
            response.save()
            notification_sent(QuestionnaireAnswered(response.pk))
    client.force_login(nurse.user)
    client.cookies["django_language"] = "sv"
    with django_assert_max_num_queries(40):  # not one query per item for its title
        page = client.get(reverse("desk:queue")).content.decode()
    with translation.override("sv"):
        from luukku.questionnaires import services as questionnaires

        assert page.count(questionnaires.current("huoli-iakkaasta").title) >= 6
