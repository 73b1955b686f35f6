import pytest
from django.urls import reverse
from django.utils import timezone

from luukku.audit.models import AccessLogEntry
from luukku.identity.models import Resident
from luukku.identity.personas import BY_KEY
from luukku.questionnaires import services
from luukku.questionnaires.models import Response

pytestmark = pytest.mark.django_db


def begin(client, key: str) -> str:
    location = client.post(reverse("questionnaires:begin", args=[key]))["Location"]
    return location


def test_anonymous_child_welfare_notification_reaches_the_social_worker(client, personas):
    listing = client.get(reverse("questionnaires:list")).content.decode()
    assert "Lastensuojeluilmoitus" in listing and "Huoli-ilmoitus iäkkäästä henkilöstä" in listing
    url = begin(client, "lastensuojeluilmoitus")
    page = client.post(url, {"action": "next", "immediate-danger": ""})
    assert page.status_code == 400 and "Vastaa tähän kysymykseen." in page.content.decode()
    client.post(url, {"action": "next", "immediate-danger": "no"})
    client.post(
        f"{url}?vaihe=1", {"action": "next", "child-name": "Lapsi Esimerkki", "child-municipality": "109"}
    )
    client.post(f"{url}?vaihe=2", {"action": "next", "concern": "Lapsi on usein yksin kotona iltaisin."})
    done = client.post(f"{url}?vaihe=3", {"action": "submit", "notifier-role": "private"}, follow=True)
    assert "lähetetty yksikköön Lapsiperheiden sosiaalityö" in done.content.decode()
    client.logout()
    client.login(username="sosiaalityo.saara", password="demo-salasana-2026")
    inbox = client.get(reverse("questionnaires:inbox")).content.decode()
    response = Response.objects.get(definition__key="lastensuojeluilmoitus")
    assert str(response.public_id) in inbox
    detail = client.get(reverse("questionnaires:professional_response", args=[response.public_id]))
    assert "Lapsi on usein yksin kotona" in detail.content.decode()
    client.post(
        reverse("questionnaires:professional_response", args=[response.public_id]), {"action": "handled"}
    )
    assert Response.objects.get(pk=response.pk).handled_by.username == "sosiaalityo.saara"


def test_other_units_do_not_see_the_notification(client, personas):
    url = begin(client, "huoli-iakkaasta")
    response = Response.objects.get()
    client.logout()
    client.login(username="sosiaalityo.saara", password="demo-salasana-2026")
    Response.objects.filter(pk=response.pk).update(status="completed")
    assert (
        client.get(reverse("questionnaires:professional_response", args=[response.public_id])).status_code
        == 403
    )
    assert url


def test_anonymous_response_is_private_to_its_browser(client, personas):
    from django.test import Client

    url = begin(client, "findrisc")
    assert client.get(url).status_code == 200
    assert Client().get(url).status_code == 403


def test_resident_fills_findrisc_and_sees_the_risk(client, personas):
    client.post(reverse("identity:login"), {"persona": "lempi"})
    url = begin(client, "findrisc")
    answers = {
        "findrisc-sex": "female",
        "findrisc-age": "over64",
        "findrisc-height": "162",
        "findrisc-weight": "70,5",
        "findrisc-waist": "92",
        "findrisc-activity": "no",
        "findrisc-vegetables": "daily",
        "findrisc-bp-medication": "yes",
        "findrisc-high-glucose": "no",
        "findrisc-family": "relatives",
        "action": "submit",
    }
    done = client.post(url, answers, follow=True).content.decode()
    # age 4 + BMI 26.9 -> 1 + waist 92 (woman) -> 4 + no activity 2 + bp 2 + relatives 3 = 16
    assert "FINDRISC: 16 / 26" in done and "Suuri riski" in done


def test_htmx_preview_shows_newly_enabled_questions(client, personas):
    client.post(reverse("identity:login"), {"persona": "lempi"})
    url = begin(client, "audit")
    before = client.get(url).content.decode()
    assert "audit-2" not in before
    preview = client.post(url, {"audit-1": "3", "preview": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'name="audit-2"' in preview and "<html" not in preview
    assert not Response.objects.get().answers  # nothing saved by a preview


def test_pre_information_after_booking_and_the_doctor_reads_it(client, personas):
    from luukku.booking.demo import seed_booking
    from luukku.booking.models import Service
    from luukku.booking.tests.factories import open_slot

    seed_booking(weeks=1)
    lempi = Resident.objects.get_or_create(
        hetu=BY_KEY["lempi"].hetu,
        defaults={"first_names": "x", "last_name": "y", "birth_date": BY_KEY["lempi"].birth_date},
    )[0]
    client.post(reverse("identity:login"), {"persona": "lempi"})
    slot = open_slot(Service.objects.get(code="laakarin-videovastaanotto"))
    client.post(reverse("booking:confirm", args=[slot.pk]), {"phone": "0401234567"})
    home = client.get(reverse("identity:home")).content.decode()
    assert "Esitietolomake – Lääkärin videovastaanotto" in home
    url = begin(client, "esitiedot")
    saved = client.post(url, {"action": "save", "smoking": "never", "height": "160"}, follow=True)
    assert "Vastauksesi on tallennettu" in saved.content.decode()
    response = Response.objects.get(person__hetu=lempi.hetu)
    assert response.answers["height"] == [160.0]
    client.post(reverse("identity:logout"))
    client.login(username="laakari.lauri", password="demo-salasana-2026")
    services.submit(response)  # still incomplete: nothing is sent
    assert (
        client.get(reverse("questionnaires:professional_response", args=[response.public_id])).status_code
        == 404
    )


def test_someone_elses_form_is_refused(client, personas):
    client.post(reverse("identity:login"), {"persona": "aino"})
    url = begin(client, "findrisc")
    client.post(reverse("identity:logout"))
    client.post(reverse("identity:login"), {"persona": "matti"})
    assert client.get(url).status_code == 403


def test_professional_reading_a_residents_answers_is_logged(client, personas):
    from luukku.testing import resident_user

    person = resident_user(age=60, municipality_code="109")
    response = services.start(services.current("findrisc"), person, person.user)
    raw = {
        "findrisc-sex": ["male"],
        "findrisc-age": ["55-64"],
        "findrisc-height": ["180"],
        "findrisc-weight": ["90"],
        "findrisc-waist": ["100"],
        "findrisc-activity": ["yes"],
        "findrisc-vegetables": ["daily"],
        "findrisc-bp-medication": ["no"],
        "findrisc-high-glucose": ["no"],
        "findrisc-family": ["no"],
    }
    services.save_page(response, 0, raw, check_required=True)
    assert services.submit(response) == {}
    client.login(username="hoitaja.hanna", password="demo-salasana-2026")
    page = client.get(
        reverse("questionnaires:professional_response", args=[response.public_id])
    ).content.decode()
    assert "FINDRISC 7/26" in page
    assert AccessLogEntry.objects.filter(subject=person, what="questionnaire_response").count() == 1
    stats = client.get(reverse("questionnaires:statistics")).content.decode()
    assert "Tyypin 2 diabeteksen riskitesti" in stats


def test_fhir_questionnaire_endpoints(client, personas):
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.questionnaire import Questionnaire

    Questionnaire.model_validate_json(client.get("/fhir/Questionnaire/findrisc-1").content)
    found = Bundle.model_validate_json(
        client.get("/fhir/Questionnaire?url=urn:luukku:questionnaire:audit").content
    )
    assert found.total == 1
    assert client.get("/fhir/Questionnaire/nothing-9").status_code == 404
    client.post(reverse("identity:login"), {"persona": "lempi"})
    begin(client, "findrisc")
    response = Response.objects.get()
    answer = client.get(f"/fhir/QuestionnaireResponse/{response.public_id}").json()
    assert (
        answer["questionnaire"] == "urn:luukku:questionnaire:findrisc|1" and answer["status"] == "in-progress"
    )
    bundle = client.get(f"/fhir/QuestionnaireResponse?patient=Patient/{response.person.public_id}").json()
    assert bundle["total"] == 1
    client.post(reverse("identity:logout"))
    assert client.get(f"/fhir/QuestionnaireResponse/{response.public_id}").status_code == 404


def test_doctor_finds_the_pre_information_from_the_calendar(client, personas):
    from luukku.booking.demo import seed_booking
    from luukku.booking.models import Calendar, Service
    from luukku.booking.services import book, booker_for
    from luukku.booking.tests.factories import open_slot
    from luukku.testing import resident_user

    seed_booking(weeks=1)
    lauri_calendar = Calendar.objects.get(professional__user__username="laakari.lauri")
    person = resident_user(age=60, municipality_code="109")
    slot = open_slot(Service.objects.get(code="laakarin-videovastaanotto"), calendar=lauri_calendar)
    book(slot, booker_for(person.user, person))
    client.login(username="laakari.lauri", password="demo-salasana-2026")
    day = timezone.localtime(slot.starts_at).date().isoformat()
    assert (
        "esitiedot puuttuvat"
        in client.get(reverse("booking:professional_calendar"), {"alkaen": day}).content.decode()
    )
    response = services.start(services.current("esitiedot"), person, person.user)
    raw = {
        "smoking": ["never"],
        "has-medication": ["no"],
        "has-allergies": ["no"],
        "had-surgery": ["no"],
        "audit-1": ["0"],
        "audit-9": ["0"],
        "audit-10": ["0"],
        "phq-1": ["0"],
        "phq-2": ["0"],
    }
    for page in range(len(services.steps(response.definition))):
        services.save_page(response, page, raw, check_required=False)
    assert services.submit(response) == {}
    page = client.get(reverse("booking:professional_calendar"), {"alkaen": day}).content.decode()
    assert reverse("questionnaires:professional_response", args=[response.public_id]) in page


@pytest.mark.parametrize(
    ("language", "title", "question", "error"),
    [
        ("sv", "Risktest för typ 2-diabetes", "Midjemått vid naveln", "Svara på denna fråga."),
        ("en", "Type 2 diabetes risk test", "Waist circumference at the navel", "Answer this question."),
    ],
)
def test_forms_in_swedish_and_english(client, personas, language, title, question, error):
    client.cookies["django_language"] = language
    url = begin(client, "findrisc")
    page = client.get(url).content.decode()
    assert title in page and question in page
    assert error in client.post(url, {"action": "submit"}).content.decode()


def test_the_page_title_is_plain_text_and_the_chat_help_shows_on_the_page(client, personas):
    import re

    url = begin(client, "lastensuojeluilmoitus")
    page = client.get(url).content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and title.startswith("Lastensuojeluilmoitus")
    main = page[page.index('<main id="main"') :]
    assert 'class="help-chat"' in main and "Jumissa lomakkeen kanssa?" in main
    assert 'action="/chat/aloita/hoitaja/"' in main


def test_multi_page_form_shows_its_steps_with_the_current_one_marked(client, personas):
    url = begin(client, "lastensuojeluilmoitus")
    client.post(url, {"action": "next", "immediate-danger": "no"})
    second = client.get(f"{url}?vaihe=1").content.decode()
    steps = second[
        second.index('<ol class="stepper"') : second.index("</ol>", second.index('class="stepper"'))
    ]
    assert steps.count("<li") == len(services.steps(services.current("lastensuojeluilmoitus")))
    assert steps.count("stepper__step--done") == 1 and steps.count('aria-current="step"') == 1
    assert steps.index("stepper__step--done") < steps.index('aria-current="step"')


def test_stepper_names_group_pages_and_numbers_loose_ones():
    from luukku.questionnaires import rendering

    pages = [
        [{"linkId": "a", "type": "string", "text": "A"}],
        [{"linkId": "g", "type": "group", "text": "Yhteystiedot", "item": []}],
        [{"linkId": "b", "type": "string", "text": "B"}, {"linkId": "c", "type": "string", "text": "C"}],
    ]
    steps = rendering.stepper(pages, 1, "fi")
    assert [s["state"] for s in steps] == ["done", "current", "todo"]
    assert [s["title"] for s in steps] == ["", "Yhteystiedot", ""]
    assert [s["number"] for s in steps] == [1, 2, 3]


def test_anonymous_forms_begun_from_one_address_are_throttled(client, personas, settings):
    settings.LUUKKU_THROTTLES = {"questionnaires.anonymous.address": (2, 600)}
    for _n in range(2):
        assert client.post(reverse("questionnaires:begin", args=["huoli-iakkaasta"])).status_code == 302
    refused = client.post(reverse("questionnaires:begin", args=["huoli-iakkaasta"]))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Liian monta" in refused.content.decode() and "Huoli-ilmoitus" in refused.content.decode()
    assert Response.objects.count() == 2
