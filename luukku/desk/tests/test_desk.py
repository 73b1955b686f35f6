import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from luukku.audit.models import AccessLogEntry
from luukku.carepaths import services as carepaths
from luukku.consent import services as consent
from luukku.consent.models import Scope
from luukku.desk import services
from luukku.desk.models import ChainTemplate, WorkItem
from luukku.desk.tasks import escalate_item
from luukku.identity.models import OrgUnit, Resident
from luukku.identity.personas import BY_KEY
from luukku.questionnaires import services as questionnaires
from luukku.questionnaires.models import Response

pytestmark = pytest.mark.django_db(transaction=True)  # cross-app events are delivered after commit


@pytest.fixture
def demo(personas, django_user_model):
    return {u.username: u for u in django_user_model.objects.all()}


def notify_about_older_person(danger: str = "no") -> Response:
    response = questionnaires.start(questionnaires.current("huoli-iakkaasta"), None, None)
    raw = {
        "immediate-danger": [danger],
        "person-name": ["Lempi Esimerkki"],
        "person-municipality": ["694"],
        "concern": ["Lempi on eksynyt kahdesti tällä viikolla."],
        "notifier-role": ["private"],
    }
    for page in range(len(questionnaires.steps(response.definition))):
        questionnaires.save_page(response, page, raw, check_required=False)
    assert questionnaires.submit(response) == {}
    return response


def lempi() -> Resident:
    return Resident.objects.get(hetu=BY_KEY["lempi"].hetu)


def test_notification_arrives_in_the_receiving_units_queue(demo):
    notify_about_older_person()
    paula, saara = demo["palveluohjaaja.paula"], demo["sosiaalityo.saara"]
    item = services.queue(paula).get()
    assert (item.kind, item.unit.code, item.priority) == ("notification", "ikaantyneiden-palveluohjaus", 2)
    assert not services.queue(saara).exists()  # a family social worker does not see it
    assert services.queue(demo["esihenkilo.sanna"]).get() == item  # the division manager does


def test_danger_makes_it_urgent(demo):
    notify_about_older_person(danger="yes")
    assert WorkItem.objects.get().priority == WorkItem.Priority.URGENT


def test_claim_delegate_and_refusals(demo):
    notify_about_older_person()
    item = WorkItem.objects.get()
    services.claim(item, demo["palveluohjaaja.paula"])
    item.refresh_from_db()
    assert (item.assignee.username, item.status) == ("palveluohjaaja.paula", "in_progress")
    services.assign(item, demo["esihenkilo.sanna"], demo["palveluohjaaja.paula"])
    with pytest.raises(PermissionDenied):
        services.assign(item, demo["hoitaja.hanna"], demo["palveluohjaaja.paula"])  # another unit
    with pytest.raises(PermissionDenied):
        services.claim(item, demo["sosiaalityo.saara"])
    assert [h.change for h in item.history.all()][-1].startswith("Delegoitu")


def test_done_in_the_desk_closes_the_notification_and_vice_versa(demo):
    response = notify_about_older_person()
    item = WorkItem.objects.get()
    services.set_status(item, "done", demo["palveluohjaaja.paula"])
    assert Response.objects.get(pk=response.pk).handled_by.username == "palveluohjaaja.paula"
    second = notify_about_older_person()
    questionnaires.mark_handled(second, demo["palveluohjaaja.paula"])
    assert WorkItem.objects.get(source=f"response:{second.public_id}").status == "done"


def test_care_path_routing_lands_in_the_health_station_queue(demo):
    from luukku.testing import resident_user

    person = resident_user(age=66, municipality_code="694")
    path = carepaths.start_path(carepaths.PathTemplate.objects.get(code="diabetesriski"), person, person.user)
    carepaths.route_by_score(
        path, {"instrument": "findrisc", "total": 16, "maximum": 26, "band": "findrisc_high"}
    )
    item = services.queue(demo["hoitaja.riikka"]).get()
    assert (item.kind, item.priority, item.client) == ("care_path", WorkItem.Priority.HIGH, person)
    services.set_status(item, "done", demo["hoitaja.riikka"])
    assert not carepaths.team_queue([path.team]).exists()


def test_the_same_source_is_never_queued_twice(demo):
    unit = OrgUnit.objects.get(code="hml-terveysasema")
    first = services.submit("call_back", "callback:x", unit, "Soita")
    assert services.submit("call_back", "callback:x", unit, "Soita taas") == first
    assert WorkItem.objects.count() == 1


def test_overdue_work_escalates_to_managers(demo):
    notify_about_older_person()
    item = WorkItem.objects.get()
    assert escalate_item.call(item.pk) == "skipped"  # not yet due
    WorkItem.objects.filter(pk=item.pk).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    assert escalate_item.call(item.pk) == "escalated"
    assert escalate_item.call(item.pk) == "skipped"
    item.refresh_from_db()
    assert item.priority == WorkItem.Priority.URGENT and item.escalated_at
    assert list(services.queue(demo["esihenkilo.sanna"], "escalated")) == [item]
    assert not services.queue(demo["palveluohjaaja.paula"], "escalated").exists()


def test_others_handling_the_same_client(demo):
    unit = OrgUnit.objects.get(code="rmk-terveysasema")
    notify_about_older_person()
    notification = WorkItem.objects.get()
    services.link_client(notification, demo["palveluohjaaja.paula"], BY_KEY["lempi"].hetu)
    call = services.submit("call_back", "callback:lempi", unit, "Soita Lempille", client=lempi())
    services.claim(call, demo["hoitaja.riikka"])
    others = services.others_handling([notification], demo["palveluohjaaja.paula"])[notification.pk]
    assert [o.assignee.username for o in others] == ["hoitaja.riikka"]  # a call-back: basic data
    path_item = services.submit("care_path", "teamtask:1", unit, "Hoitopolku", client=lempi())
    seen_by_paula = services.others_handling([notification], demo["palveluohjaaja.paula"])[notification.pk]
    assert path_item not in seen_by_paula  # health work is not shown to social care without consent
    seen_by_riikka = services.others_handling([call], demo["hoitaja.riikka"])[call.pk]
    assert notification not in seen_by_riikka and path_item in seen_by_riikka


def test_linking_a_notification_to_a_client_is_access_logged(demo):
    notify_about_older_person()
    item = WorkItem.objects.get()
    services.link_client(item, demo["palveluohjaaja.paula"], BY_KEY["lempi"].hetu)
    entry = AccessLogEntry.objects.get(subject=lempi(), what="notification")
    assert (entry.actor_name, entry.purpose, entry.action) == ("Paula Palveluohjaaja", "social_work", "write")


def test_client_360_honours_role_and_consent_at_once(demo):
    from luukku.booking.tests.factories import booking_service, open_slot

    person = lempi() if Resident.objects.filter(hetu=BY_KEY["lempi"].hetu).exists() else None
    notify_about_older_person()
    item = WorkItem.objects.get()
    person = services.link_client(item, demo["palveluohjaaja.paula"], BY_KEY["lempi"].hetu)
    from luukku.booking.services import book, booker_for

    user = demo["hoitaja.riikka"]
    book(
        open_slot(booking_service(unit=OrgUnit.objects.get(code="rmk-terveysasema"))),
        booker_for(user, person),
    )
    nurse_view = services.client_360(user, person, "care")
    assert (
        nurse_view.sees_health and not nurse_view.sees_social and len(nurse_view.items("appointments")) == 1
    )
    social_view = services.client_360(demo["palveluohjaaja.paula"], person, "social_work")
    assert social_view.sees_social and not social_view.sees_health and social_view.items("appointments") == []
    assert [n.pk for n in social_view.items("notifications")] == [item.pk]
    granted = consent.grant(person, Scope.HEALTH_TO_SOCIAL, person.user or user)
    assert services.client_360(demo["palveluohjaaja.paula"], person, "social_work").sees_health
    consent.revoke(granted, user)
    assert not services.client_360(demo["palveluohjaaja.paula"], person, "social_work").sees_health
    reads = AccessLogEntry.objects.filter(subject=person, what__startswith="client_360")
    assert reads.count() == 4 and reads.filter(what="client_360:basic_data+health+social").count() == 1


def test_consent_limited_to_a_unit(demo):
    notify_about_older_person()
    person = services.link_client(WorkItem.objects.get(), demo["palveluohjaaja.paula"], BY_KEY["lempi"].hetu)
    consent.grant(
        person,
        Scope.SOCIAL_TO_HEALTH,
        demo["hoitaja.riikka"],
        unit=OrgUnit.objects.get(code="forssa-terveysasema"),
    )
    assert not services.client_360(demo["hoitaja.riikka"], person, "care").sees_social


def test_service_chain_shows_next_step_and_owner(demo):
    from luukku.identity.models import Professional, Role
    from luukku.testing import professional

    notify_about_older_person()
    person = services.link_client(WorkItem.objects.get(), demo["palveluohjaaja.paula"], BY_KEY["lempi"].hetu)
    with pytest.raises(PermissionDenied):  # Lauri works in Hämeenlinna and has no relationship with Lempi
        services.start_chain(ChainTemplate.objects.get(code="uniapnea"), person, demo["laakari.lauri"])
    chain = services.start_chain(ChainTemplate.objects.get(code="uniapnea"), person, demo["hoitaja.riikka"])
    assert chain.next_step.title.startswith("Lääkärin vastaanotto")
    doctor = professional(role=Role.DOCTOR, unit=OrgUnit.objects.get(code="rmk-terveysasema")).user
    assert [s.title for s in services.chains_needing(doctor)] == [chain.next_step.title]
    # A doctor of another area sees no step of a client he may not read, nor is the chain a way in.
    assert services.chains_needing(demo["laakari.lauri"]) == []
    with pytest.raises(PermissionDenied):
        services.complete_step(chain.next_step, demo["laakari.lauri"])
    assert services.chains_needing(demo["hoitaja.riikka"]) == []  # the first step is the doctor's
    services.complete_step(chain.next_step, doctor)
    step = chain.next_step
    assert step.title == "Yöpolygrafia kotona" and services.chains_needing(demo["hoitaja.riikka"]) == [step]
    assert services.chains_needing(demo["hoitaja.hanna"]) == []  # Hämeenlinna's nurse does not serve Lempi
    services.take_step(step, Professional.objects.get(user=demo["hoitaja.riikka"]))
    assert services.chains_needing(demo["hoitaja.riikka"]) == [step]


def test_call_back_request_reaches_the_unit(client, demo):
    page = client.post(
        reverse("desk:call_back"),
        {
            "unit": OrgUnit.objects.get(code="hml-terveysasema").pk,
            "topic": "Reseptin uusiminen",
            "name": "Aino",
            "phone": "abc",
        },
    )
    assert page.status_code == 400 and "Kirjoita puhelinnumero" in page.content.decode()
    client.post(
        reverse("desk:call_back"),
        {
            "unit": OrgUnit.objects.get(code="hml-terveysasema").pk,
            "topic": "Reseptin uusiminen",
            "name": "Aino",
            "phone": "040 1234567",
        },
    )
    item = services.queue(demo["hoitaja.hanna"]).get()
    assert item.kind == "call_back" and item.contact_phone == "+358401234567"
    assert item.due_at - item.created_at == dt.timedelta(hours=4)


def test_queue_and_client_pages(client, demo):
    notify_about_older_person()
    client.force_login(demo["palveluohjaaja.paula"])
    queue = client.get(reverse("desk:queue")).content.decode()
    assert "Huoli-ilmoitus iäkkäästä henkilöstä" in queue
    item = WorkItem.objects.get()
    client.post(reverse("desk:claim", args=[item.pk]))
    bad = client.post(reverse("desk:item", args=[item.pk]), {"action": "link", "hetu": "123"})
    assert bad.status_code == 400
    client.post(reverse("desk:item", args=[item.pk]), {"action": "link", "hetu": BY_KEY["lempi"].hetu})
    page = client.get(
        reverse("desk:client", args=[lempi().public_id]) + "?purpose=social_work"
    ).content.decode()
    assert "Lempi Kerttu Esimerkki" in page and "Sosiaalihuollon ilmoitukset" in page
    assert "Terveydenhuollon tietoja ei näytetä" in page
    client.force_login(demo["hoitaja.hanna"])  # Hämeenlinna does not serve Riihimäki
    assert client.get(reverse("desk:item", args=[item.pk])).status_code == 403
    assert client.get(reverse("desk:client", args=[lempi().public_id])).status_code == 403


def test_resident_consents_and_own_data_export(client, demo):
    client.post(reverse("identity:login"), {"persona": "lempi"})
    page = client.post(
        reverse("consent:list"),
        {"scope": "health_to_social", "unit": "", "purpose": "Kotihoito", "valid_until": "2000-01-01"},
    )
    assert page.status_code == 400 and "menneisyydessä" in page.content.decode()
    client.post(reverse("consent:list"), {"scope": "health_to_social", "unit": "", "purpose": "Kotihoito"})
    granted = lempi().consents.get()
    assert granted.active
    client.post(reverse("consent:revoke", args=[granted.pk]))
    assert not lempi().consents.get().active
    exported = client.get(reverse("consent:my_data") + "?muoto=json")
    data = json.loads(exported.content)
    assert data["person"]["name"] == "Lempi Kerttu Esimerkki" and len(data["consents"]) == 1
    assert exported["Content-Disposition"].startswith("attachment")
    assert "Omat tiedot" in client.get(reverse("consent:my_data")).content.decode()


def test_client_360_shows_the_phone_last_given(demo):
    from luukku.booking.services import book, booker_for
    from luukku.booking.tests.factories import booking_service, open_slot
    from luukku.testing import resident_user

    person = resident_user(age=70, municipality_code="694")
    book(
        open_slot(booking_service(unit=OrgUnit.objects.get(code="rmk-terveysasema"))),
        booker_for(person.user, person),
        contact_phone="+358401112233",
    )
    assert services.client_360(demo["hoitaja.riikka"], person, "care").items("phone") == ["+358401112233"]


def test_a_maturity_assessment_is_recorded_with_its_validity_and_never_in_the_past(demo):
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from luukku.identity.personas import BY_KEY
    from luukku.identity.services import resident_from_register

    ella = resident_from_register(BY_KEY["ella"].hetu)
    nurse = demo["hoitaja.hanna"]
    until = timezone.localdate() + dt.timedelta(days=90)
    try:
        made = services.assess_maturity(ella, nurse, "ehkaisyneuvonta", True, "Ymmärtää asian.", until)
    except PermissionDenied:
        pytest.skip("the demo nurse does not serve Ella's municipality")
    assert made.valid_until == until
    with pytest.raises(ValidationError):
        services.assess_maturity(
            ella, nurse, "ehkaisyneuvonta", True, "x", timezone.localdate() - dt.timedelta(days=1)
        )
