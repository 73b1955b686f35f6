"""The booking journey: deadlines stated the same way everywhere, a notice with what happens next,
the phone prefilled and required, a confirmation step on cancel, a manage link in every message, the
home municipality's services first and the times grouped by day."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from luukku.booking import services
from luukku.booking.models import Appointment, Campaign
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.notify.models import OutboundMessage
from luukku.testing import OrgUnitFactory, resident_user

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)


def test_change_deadline_boundaries():
    starts = NOW + dt.timedelta(hours=24)
    assert services.changeable_online(starts, 24, now=NOW)  # exactly at the deadline: still allowed
    assert not services.changeable_online(starts, 24, now=NOW + dt.timedelta(seconds=1))
    assert services.changeable_online(starts, 24, now=NOW - dt.timedelta(seconds=1))
    assert not services.changeable_online(NOW, 0, now=NOW)  # a time that has begun is never changeable
    assert services.changeable_online(NOW + dt.timedelta(minutes=1), 0, now=NOW)


def test_deadline_text_never_names_a_date_in_the_past(settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    translation.activate("en")
    same_day = NOW + dt.timedelta(hours=5)  # Eetu's dental check at 15.30 the same day, 24-hour rule
    text = services.deadline_text(same_day, 24, now=NOW)
    assert "cannot be cancelled or changed online" in text and "2026" not in text
    later = NOW + dt.timedelta(days=3)
    text = services.deadline_text(later, 24, now=NOW)
    assert text == "You can cancel or change the time online until 28.11.2026 12.00."  # Helsinki time


def test_slots_by_day_label_times_inside_the_deadline(settings):
    service = booking_service(cancellation_deadline_hours=24)
    soon = open_slot(service, starts_in=dt.timedelta(hours=3))
    later = open_slot(service, starts_in=dt.timedelta(days=3))
    days = services.slots_by_day([soon, later], 24)
    flat = [(entry["day"], item["slot"], item["changeable"]) for entry in days for item in entry["slots"]]
    assert [(s, c) for _d, s, c in flat] == [(soon, False), (later, True)]
    assert len(days) == 2 and days[0]["day"] == timezone.localtime(soon.starts_at).date()


def test_times_page_labels_a_time_that_cannot_be_changed_before_booking(client):
    service = booking_service(requires_authentication=False, cancellation_deadline_hours=24)
    open_slot(service, starts_in=dt.timedelta(hours=3))
    page = client.get(reverse("booking:times", args=[service.code])).content.decode()
    assert "ei muutoksia verkossa" in page and "slot--late" in page


def test_same_day_time_agrees_on_confirm_page_detail_page_and_text_message(client):
    person = resident_user(age=40)
    client.force_login(person.user)
    service = booking_service(cancellation_deadline_hours=24)
    slot = open_slot(service, starts_in=dt.timedelta(hours=3))
    confirm = client.get(reverse("booking:confirm", args=[slot.pk])).content.decode()
    refusal = "tätä aikaa ei voi perua eikä siirtää verkossa"
    assert refusal in confirm and "asti" not in confirm
    with_notice = client.post(
        reverse("booking:confirm", args=[slot.pk]), {"phone": "040 123 4567"}, follow=True
    )
    detail = with_notice.content.decode()
    assert refusal in detail and "Aika on varattu." in detail and "notification--success" in detail
    sms = OutboundMessage.objects.get(kind="booking.confirmation").body
    appointment = Appointment.objects.get(person=person)
    assert refusal in sms and f"/ajanvaraus/varaus/{appointment.public_id}/" in sms


def test_success_notice_tells_what_happens_next(client):
    person = resident_user(age=40)
    client.force_login(person.user)
    slot = open_slot(booking_service(cancellation_deadline_hours=24), starts_in=dt.timedelta(days=3))
    page = client.post(
        reverse("booking:confirm", args=[slot.pk]), {"phone": "040 123 4567"}, follow=True
    ).content.decode()
    assert "Vahvistus lähtee numeroon +358401234567" in page and "muistutus tulee edellisenä päivänä" in page
    assert "Voit perua tai siirtää ajan verkossa" in page


def test_phone_is_prefilled_from_the_latest_booking_and_required(client):
    person = resident_user(age=40)
    client.force_login(person.user)
    service = booking_service()
    first, second = open_slot(service), open_slot(service, starts_in=dt.timedelta(days=4))
    missing = client.post(reverse("booking:confirm", args=[first.pk]), {"phone": ""})
    assert missing.status_code == 400 and not Appointment.objects.exists()
    client.post(reverse("booking:confirm", args=[first.pk]), {"phone": "040 123 4567"})
    page = client.get(reverse("booking:confirm", args=[second.pk])).content.decode()
    assert 'value="+358401234567"' in page


def test_cancel_asks_first_and_cancels_on_the_confirmation(client):
    person = resident_user(age=40)
    client.force_login(person.user)
    slot = open_slot(booking_service(), starts_in=dt.timedelta(days=3))
    client.post(reverse("booking:confirm", args=[slot.pk]), {"phone": "040 123 4567"})
    appointment = Appointment.objects.get(person=person)
    detail = client.get(reverse("booking:detail", args=[appointment.public_id])).content.decode()
    cancel_url = reverse("booking:cancel", args=[appointment.public_id])
    assert f'href="{cancel_url}"' in detail  # a link to the question, not a one-tap form
    question = client.get(cancel_url).content.decode()
    assert "Perutaanko varaus?" in question and "Ei, pidä varaus" in question
    assert Appointment.objects.get(pk=appointment.pk).status == "booked"  # asking changed nothing
    done = client.post(cancel_url, follow=True).content.decode()
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"
    assert "Varaus on peruttu." in done and "notification--success" in done
    cancelled_sms = OutboundMessage.objects.get(kind="booking.cancelled").body
    assert f"/ajanvaraus/varaus/{appointment.public_id}/" in cancelled_sms


def test_anonymous_booking_messages_carry_the_manage_link(django_capture_on_commit_callbacks):
    service = booking_service(requires_authentication=False)
    booker = services.Booker(user=None, person=None, booked_as=Appointment.BookedAs.ANONYMOUS)
    appointment = services.book(open_slot(service), booker, "+358407654321", contact_name="Sanna")
    body = OutboundMessage.objects.get(kind="booking.confirmation").body
    assert body.endswith(f"/ajanvaraus/hallinnoi/#{appointment.manage_token}")
    assert body.startswith("Ajanvaraus vahvistettu")


def test_home_municipality_services_come_first():
    hml = OrgUnitFactory(municipality_codes=["109"])
    rmk = OrgUnitFactory(municipality_codes=["694"])
    a = booking_service(unit=hml, name="A Influenssarokotus")
    b = booking_service(unit=rmk, name="B Influenssarokotus")
    assert services.nearest_first([a, b], "694") == [b, a]
    assert services.nearest_first([a, b], "109") == [a, b]
    assert services.nearest_first([a, b], "") == [a, b]


def test_second_campaign_booking_finds_the_existing_one():
    person = resident_user(age=70)
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        code="flunssa", name="Influenssa", starts_on=today, ends_on=today + dt.timedelta(days=60)
    )
    first = booking_service(campaign=campaign, min_age=65)
    second = booking_service(campaign=campaign, min_age=65)
    booker = services.booker_for(person.user, person)
    appointment = services.book(open_slot(first), booker, "+358401234567")
    assert services.existing_campaign_booking(second, person) == appointment
    assert services.existing_campaign_booking(second, resident_user(age=70)) is None


def test_every_demo_service_has_its_description_in_every_language(personas):
    from luukku.booking.demo import seed_booking
    from luukku.booking.models import Service

    seed_booking(weeks=1)
    for service in Service.objects.exclude(description=""):
        assert service.description_sv and service.description_en, service.code
