import datetime as dt
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar as ICal

from luukku.audit.models import AccessLogEntry
from luukku.booking.demo import seed_booking
from luukku.booking.models import Appointment, Service, Slot
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.identity.models import Resident
from luukku.identity.personas import BY_KEY
from luukku.testing import sign_in_persona as sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(personas):
    seed_booking(weeks=2)


def free_slot(code: str, days_ahead: int = 2) -> Slot:
    service = Service.objects.get(code=code)
    slot = open_slot(service, starts_in=dt.timedelta(days=days_ahead, hours=1))
    return slot


def test_lempi_books_a_flu_shot_and_sees_it_on_her_page(client, demo):
    lempi = sign_in(client, "lempi")
    listing = client.get(reverse("booking:services")).content.decode()
    assert "Influenssarokotus 65 vuotta täyttäneille" in listing
    assert "Lapsen hammastarkastus" not in listing  # for children only
    times = client.get(reverse("booking:times", args=["influenssarokotus-65-rmk"]))
    assert times.status_code == 200
    slot = free_slot("influenssarokotus-65-rmk")
    response = client.post(reverse("booking:confirm", args=[slot.pk]), {"phone": "040 123 4567"})
    appointment = Appointment.objects.get(person=lempi)
    assert response["Location"] == reverse("booking:detail", args=[appointment.public_id])
    assert appointment.contact_phone == "+358401234567"
    home = client.get(reverse("identity:home")).content.decode()
    assert "Influenssarokotus 65 vuotta täyttäneille (Riihimäki)" in home


def test_matti_cannot_book_a_flu_shot_for_himself_but_can_for_lempi(client, demo):
    sign_in(client, "matti")
    page = client.get(reverse("booking:times", args=["influenssarokotus-65"])).content.decode()
    assert "65 vuotta täyttäneille" in page and 'class="slot"' not in page
    client.get(reverse("identity:mandates_begin"), follow=True)
    lempi = Resident.objects.get(hetu=BY_KEY["lempi"].hetu)
    client.post(reverse("identity:acting_for"), {"person": str(lempi.public_id)})
    slot = free_slot("influenssarokotus-65")
    client.post(reverse("booking:confirm", args=[slot.pk]), {"phone": "0401234567"})
    appointment = Appointment.objects.get(person=lempi)
    assert appointment.booked_as == "mandate"


def test_second_campaign_booking_is_explained_in_finnish(client, demo):
    sign_in(client, "lempi")
    first = free_slot("influenssarokotus-65")
    client.post(reverse("booking:confirm", args=[first.pk]), {"phone": "0401234567"})
    existing = Appointment.objects.get(slot=first)
    link = f'href="{reverse("booking:detail", args=[existing.public_id])}"'
    second = free_slot("influenssarokotus-65-rmk")
    response = client.post(reverse("booking:confirm", args=[second.pk]), {"phone": "0401234567"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Sinulla on jo varaus tähän" in page and "kampanja" not in page.lower()
    assert link in page  # straight to the booking they already have
    times = client.get(reverse("booking:times", args=["influenssarokotus-65-rmk"])).content.decode()
    assert "Sinulla on jo varaus tähän" in times and link in times


def test_guardian_books_dental_check_for_child_and_cancels(client, demo):
    sign_in(client, "aino")
    client.get(reverse("identity:acting_for"))
    eetu = Resident.objects.get(hetu=BY_KEY["eetu"].hetu)
    client.post(reverse("identity:acting_for"), {"person": str(eetu.public_id)})
    slot = free_slot("hammastarkastus-lapset", days_ahead=3)
    client.post(reverse("booking:confirm", args=[slot.pk]), {"phone": "0501234567"})
    appointment = Appointment.objects.get(person=eetu)
    assert appointment.booked_as == "guardian"
    page = client.get(reverse("booking:detail", args=[appointment.public_id])).content.decode()
    assert "Peru varaus" in page and "Vaihda aika" in page
    client.post(reverse("booking:cancel", args=[appointment.public_id]))
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"
    assert Slot.objects.get(pk=slot.pk).booked == 0


def test_guardian_does_not_see_what_the_minor_decides_alone(client, demo):
    ella = sign_in(client, "ella")
    slot = free_slot("ehkaisyneuvonta")
    client.post(reverse("booking:confirm", args=[slot.pk]), {"phone": "0401234567"})
    appointment = Appointment.objects.get(person=ella)
    client.post(reverse("identity:logout"))
    sign_in(client, "aino")
    client.get(reverse("identity:acting_for"))
    client.post(reverse("identity:acting_for"), {"person": str(ella.public_id)})
    assert "Ehkäisyneuvonta" not in client.get(reverse("booking:mine")).content.decode()
    assert client.get(reverse("booking:detail", args=[appointment.public_id])).status_code == 403


def test_reschedule_from_the_detail_page(client, demo):
    lempi = sign_in(client, "lempi")
    first = free_slot("sairaanhoitajan-vastaanotto", days_ahead=2)
    client.post(reverse("booking:confirm", args=[first.pk]), {"phone": "0401234567"})
    old = Appointment.objects.get(person=lempi)
    second = free_slot("sairaanhoitajan-vastaanotto", days_ahead=4)
    times = client.get(
        reverse("booking:times", args=["sairaanhoitajan-vastaanotto"]), {"siirra": old.public_id}
    )
    assert "Valitse uusi aika" in times.content.decode()
    client.post(
        reverse("booking:confirm", args=[second.pk]), {"siirra": str(old.public_id), "phone": "0401234567"}
    )
    new = Appointment.objects.get(person=lempi, status="booked")
    assert new.slot == second and new.rescheduled_from == old


def test_someone_elses_booking_is_refused(client, demo):
    other = Appointment.objects.create(
        slot=free_slot("sairaanhoitajan-vastaanotto"),
        service=Service.objects.get(code="sairaanhoitajan-vastaanotto"),
        person=Resident.objects.create(
            hetu="010150-9989", first_names="Muu", last_name="Henkilö", birth_date=dt.date(1950, 1, 1)
        ),
        booked_as="self",
    )
    sign_in(client, "aino")
    for name in ("booking:detail", "booking:ics"):
        assert client.get(reverse(name, args=[other.public_id])).status_code == 403
    assert client.post(reverse("booking:cancel", args=[other.public_id])).status_code == 403
    forged = client.get(
        reverse("booking:times", args=["sairaanhoitajan-vastaanotto"]), {"siirra": "not-a-uuid"}
    )
    assert forged.status_code == 403
    assert client.get(reverse("booking:detail", args=[uuid.uuid4()])).status_code == 404


def test_anonymous_quick_appointment_and_its_manage_link(client, demo):
    listing = client.get(reverse("booking:services")).content.decode()
    assert "Perhekeskuksen pika-aika" in listing and "Influenssarokotus" not in listing
    slot = free_slot("perhekeskus-pika-aika")
    bad = client.post(reverse("booking:confirm", args=[slot.pk]), {"name": "", "phone": "abc"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Tämä kenttä vaaditaan" in page and "Kirjoita puhelinnumero" in page
    response = client.post(
        reverse("booking:confirm", args=[slot.pk]), {"name": "Sanna", "phone": "040 765 4321"}
    )
    appointment = Appointment.objects.get(contact_name="Sanna")
    token = appointment.manage_token
    # The booking's page is addressed by its public id; this browser's session may open it.
    assert response["Location"] == reverse("booking:manage", args=[appointment.public_id])
    page = client.get(response["Location"]).content.decode()
    link = f"http://testserver{reverse('booking:manage_open')}#{token}"
    assert f'href="{link}"' in page  # the link to save carries the code in its fragment only
    ics = client.get(reverse("booking:manage_ics", args=[appointment.public_id]))
    event = ICal.from_ical(ics.content).walk("VEVENT")[0]
    assert event["UID"] == f"{appointment.public_id}@luukku"
    assert event.decoded("DTSTART") == slot.starts_at

    # Later, in another browser: the saved link's page posts the code and lands on the booking.
    later = Client()
    assert later.get(reverse("booking:manage", args=[appointment.public_id])).status_code == 404
    assert later.post(reverse("booking:manage_cancel", args=[appointment.public_id])).status_code == 404
    wrong = later.post(reverse("booking:manage_open"), {"token": "wrong-token"})
    assert wrong.status_code == 400 and "Tällä koodilla ei ole varausta" in wrong.content.decode()
    opened = later.post(reverse("booking:manage_open"), {"token": token})
    assert opened["Location"] == reverse("booking:manage", args=[appointment.public_id])
    assert later.get(opened["Location"]).status_code == 200
    later.post(reverse("booking:manage_cancel", args=[appointment.public_id]))
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"


def test_the_manage_code_never_appears_in_a_url(client, demo):
    """Access logs record paths and query strings: every URL of the anonymous journey is code-free."""
    slot = free_slot("perhekeskus-pika-aika")
    seen = []
    booked = client.post(
        reverse("booking:confirm", args=[slot.pk]), {"name": "Sanna", "phone": "040 765 4321"}
    )
    token = Appointment.objects.get(contact_name="Sanna").manage_token
    seen.append(booked["Location"])
    page = client.get(booked["Location"]).content.decode()
    seen += re.findall(r'(?:href|action)="([^"#]*)', page)  # every address the page links or posts to
    opened = Client().post(reverse("booking:manage_open"), {"token": token})
    seen.append(opened["Location"])
    assert seen and all(token not in url for url in seen)
    assert token in page  # shown to the resident, in the fragment of the link to save


def test_identified_service_sends_anonymous_visitor_to_identify(client, demo):
    slot = free_slot("sairaanhoitajan-vastaanotto")
    response = client.get(reverse("booking:confirm", args=[slot.pk]))
    assert response["Location"] == reverse("identity:login")


def test_professional_books_for_a_client_and_the_read_is_logged(client, demo):
    lempi = (
        Resident.objects.get(hetu=BY_KEY["lempi"].hetu)
        if Resident.objects.filter(hetu=BY_KEY["lempi"].hetu).exists()
        else None
    )
    assert lempi is None  # not yet mirrored: the look-up will do it
    client.login(username="hoitaja.riikka", password="demo-salasana-2026")
    slot = Slot.objects.filter(service__code="influenssarokotus-65-rmk", starts_at__gt=timezone.now()).first()
    day = timezone.localtime(slot.starts_at).date().isoformat()
    calendar_page = client.get(reverse("booking:professional_calendar"), {"alkaen": day}).content.decode()
    assert "Influenssarokotus" in calendar_page
    response = client.post(
        reverse("booking:book_for_client", args=[slot.pk]),
        {"hetu": BY_KEY["lempi"].hetu, "phone": "040 111 2222"},
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get(slot=slot)
    assert appointment.booked_as == "professional"
    entry = AccessLogEntry.objects.get(subject=appointment.person, what="booking")
    assert (entry.actor_name, entry.action, entry.basis) == ("Riikka Riihinen", "write", "serving_role")
    assert AccessLogEntry.objects.filter(subject=appointment.person, what="client_search").exists()


def test_outbox_shows_confirmation(client, demo, django_capture_on_commit_callbacks):
    sign_in(client, "lempi")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("booking:confirm", args=[free_slot("influenssarokotus-65").pk]), {"phone": "0401234567"}
        )
    page = client.get(reverse("notify:outbox")).content.decode()
    assert "+358401234567" in page and "Ajanvaraus vahvistettu" in page


def test_bad_week_parameter_falls_back_to_this_week(client, demo):
    sign_in(client, "lempi")
    response = client.get(reverse("booking:times", args=["influenssarokotus-65"]), {"alkaen": "2026-13-45"})
    assert response.status_code == 200


def test_htmx_week_navigation_returns_the_partial(client, demo):
    sign_in(client, "lempi")
    response = client.get(reverse("booking:times", args=["influenssarokotus-65"]), HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert "Vapaat ajat" in response.content.decode()


def test_json_api_books_and_refuses(client, demo):
    sign_in(client, "lempi")
    codes = [s["code"] for s in client.get("/api/booking/services").json()]
    assert "influenssarokotus-65" in codes
    slots = client.get("/api/booking/services/influenssarokotus-65/slots").json()
    assert slots and all(s["free"] > 0 for s in slots)
    made = client.post(
        "/api/booking/appointments",
        {"slot": slots[-1]["id"], "phone": "0401234567"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["booked_as"] == "self"
    again = client.post(
        "/api/booking/appointments", {"slot": slots[-2]["id"]}, content_type="application/json"
    )
    assert again.status_code == 409 and again.json()["detail"].startswith("campaign")
    assert len(client.get("/api/booking/appointments").json()) == 1
    cancelled = client.post(f"/api/booking/appointments/{made.json()['id']}/cancel")
    assert cancelled.json()["status"] == "cancelled"


def test_json_api_anonymous_booking_returns_manage_token(client, demo):
    slot = free_slot("aikuissosiaalityo-neuvonta")
    missing = client.post("/api/booking/appointments", {"slot": slot.pk}, content_type="application/json")
    assert missing.status_code == 400
    made = client.post(
        "/api/booking/appointments",
        {"slot": slot.pk, "name": "Pekka", "phone": "0451234567"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["manage_token"]


def test_unknown_service_is_404(client):
    assert client.get(reverse("booking:times", args=["ei-ole"])).status_code == 404
    assert booking_service(active=False)


def test_search_and_unit_filter(client, demo):
    sign_in(client, "lempi")
    found = client.get(reverse("booking:services"), {"haku": "influenssa"}).content.decode()
    assert "Influenssarokotus 65 vuotta täyttäneille" in found and "Sairaanhoitajan vastaanotto" not in found
    riihimaki = client.get(reverse("booking:services"), {"yksikko": "rmk-terveysasema"}).content.decode()
    assert "(Riihimäki)" in riihimaki and "Sairaanhoitajan vastaanotto" not in riihimaki
    nothing = client.get(
        reverse("booking:services"), {"haku": "xyzzy"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in nothing and "Hakuasi vastaavia palveluita ei löytynyt" in nothing


def test_child_health_check_is_offered_only_at_due_ages(client, demo):
    sign_in(client, "aino")
    client.get(reverse("identity:acting_for"))
    eetu = Resident.objects.get(hetu=BY_KEY["eetu"].hetu)  # 7 years old: past the 6-year check
    client.post(reverse("identity:acting_for"), {"person": str(eetu.public_id)})
    assert "Lastenneuvolan" not in client.get(reverse("booking:services")).content.decode()
    page = client.get(reverse("booking:times", args=["neuvola-maaraaikaistarkastus"])).content.decode()
    assert "ikävaiheen kohdalla" in page and 'class="slot"' not in page


def test_pre_information_form_is_announced(client, demo):
    sign_in(client, "lempi")
    slot = free_slot("laakarin-videovastaanotto")
    assert "esitietolomake" in client.get(reverse("booking:confirm", args=[slot.pk])).content.decode()
