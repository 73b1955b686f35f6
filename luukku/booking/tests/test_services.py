import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luukku.audit.models import Event
from luukku.booking import services
from luukku.booking.models import Appointment, Campaign, Slot
from luukku.booking.services import Booker, BookingRefused, book, cancel, reschedule
from luukku.booking.tasks import send_reminder
from luukku.booking.tests.factories import booking_service, open_slot
from luukku.identity.models import MaturityAssessment
from luukku.notify.models import OutboundMessage
from luukku.testing import UserFactory, child_of, mandate, resident, resident_user

pytestmark = pytest.mark.django_db


def me(person) -> Booker:
    return services.booker_for(person.user, person)


@pytest.fixture
def lempi():
    return resident_user(age=82)


def test_booking_raises_count_records_event_and_queues_messages(lempi, django_capture_on_commit_callbacks):
    slot = open_slot(booking_service(capacity=3))
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(slot, me(lempi), contact_phone="+358401234567", contact_email="lempi@example.fi")
    slot.refresh_from_db()
    assert slot.booked == 1 and appointment.booked_as == "self"
    assert Event.objects.filter(kind="booking.booked", subject=lempi).exists()
    sms = OutboundMessage.objects.get(channel="sms")
    assert sms.kind == "booking.confirmation" and sms.to == "+358401234567"
    assert "Ajanvaraus vahvistettu" in sms.body
    assert OutboundMessage.objects.filter(channel="email").exists()
    reminder = DBTaskResult.objects.get(task_path="luukku.booking.tasks.send_reminder")
    assert reminder.run_after == slot.starts_at - services.REMINDER_BEFORE


@pytest.mark.django_db(transaction=True)
def test_worker_delivers_messages(lempi):
    book(open_slot(booking_service()), me(lempi), contact_phone="+358401234567")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert OutboundMessage.objects.get().sent_at is not None


def test_message_in_residents_language(django_capture_on_commit_callbacks):
    sofia = resident_user(age=31, mother_tongue="sv")
    service = booking_service(name="Sairaanhoitajan vastaanotto", name_sv="Sjukskötarmottagning")
    with django_capture_on_commit_callbacks(execute=True):
        book(open_slot(service), me(sofia), contact_phone="+358401234567")
    body = OutboundMessage.objects.get().body
    assert "Bokningen är bekräftad" in body
    # The text message names no service (the lock screen must not tell what care someone gets); the
    # inbox message, behind identification, does.
    assert "Sjukskötarmottagning" not in body and "Sairaanhoitajan" not in body
    from luukku.inbox.models import Message

    assert "Sjukskötarmottagning" in Message.objects.get(thread__person=sofia).body


def test_full_slot_is_refused(lempi):
    slot = open_slot(booking_service(capacity=1))
    book(slot, me(lempi))
    with pytest.raises(BookingRefused) as refused:
        book(slot, me(resident_user(age=70)))
    assert refused.value.code == "full"
    assert Slot.objects.get(pk=slot.pk).booked == 1


def test_past_and_blocked_slots_are_refused(lempi):
    service = booking_service()
    with pytest.raises(BookingRefused, match="past"):
        book(open_slot(service, starts_in=-dt.timedelta(hours=1)), me(lempi))
    blocked = open_slot(service, starts_in=dt.timedelta(days=2))
    Slot.objects.filter(pk=blocked.pk).update(blocked=True)
    with pytest.raises(BookingRefused, match="full"):
        book(Slot.objects.get(pk=blocked.pk), me(lempi))


def test_one_booking_per_campaign(lempi):
    campaign = Campaign.objects.create(
        code="flu", name="Flu", starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2027, 3, 31)
    )
    first, second = (booking_service(campaign=campaign, capacity=3, min_age=65) for _ in range(2))
    book(open_slot(first), me(lempi))
    with pytest.raises(BookingRefused) as refused:
        book(open_slot(second), me(lempi))
    assert refused.value.code == "campaign"
    assert "jo varaus" in refused.value.message


def test_database_refuses_second_campaign_booking_even_past_the_check(lempi):
    from django.db import IntegrityError, transaction

    campaign = Campaign.objects.create(
        code="flu", name="Flu", starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2027, 3, 31)
    )
    service = booking_service(campaign=campaign, capacity=5)
    book(open_slot(service), me(lempi))
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            slot=open_slot(service, starts_in=dt.timedelta(days=4)),
            service=service,
            campaign=campaign,
            person=lempi,
            booked_as="self",
        )


def test_database_refuses_overbooking_even_past_the_check():
    from django.db import IntegrityError, transaction
    from django.db.models import F

    slot = open_slot(booking_service(capacity=2))
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(booked=F("capacity") + 1)


def test_age_limit_message_names_the_limit():
    young = resident_user(age=40)
    with pytest.raises(BookingRefused) as refused:
        book(open_slot(booking_service(min_age=65)), me(young))
    assert refused.value.code == "too_young"
    assert "65" in refused.value.message


def test_guardian_books_for_child_but_not_where_minor_decides_alone():
    parent = resident_user(age=38)
    teen = child_of(parent, age=14)
    dental = booking_service(code="hammastarkastus-lapset", max_age=17)
    appointment = book(open_slot(dental), services.booker_for(parent.user, teen))
    assert appointment.booked_as == "guardian" and appointment.person == teen
    counselling = booking_service(code="ehkaisyneuvonta", min_age=12)
    MaturityAssessment.objects.create(minor=teen, service_event="ehkaisyneuvonta", decides_alone=True)
    with pytest.raises(BookingRefused, match="not_allowed"):
        book(open_slot(counselling), services.booker_for(parent.user, teen))


def test_someone_elses_child_cannot_be_booked():
    stranger = resident_user(age=40)
    child = child_of(resident_user(age=38), age=5)
    with pytest.raises(BookingRefused, match="not_allowed"):
        book(open_slot(booking_service()), services.booker_for(stranger.user, child))


def test_booking_on_a_mandate(lempi):
    matti = resident_user(age=57)
    mandate(matti, lempi)
    appointment = book(open_slot(booking_service(min_age=65)), services.booker_for(matti.user, lempi))
    assert (appointment.booked_as, appointment.person, appointment.booked_by) == (
        "mandate",
        lempi,
        matti.user,
    )


def test_anonymous_booking_needs_a_service_that_allows_it():
    anonymous = Booker(None, None, "anonymous")
    quick = booking_service(requires_authentication=False, appointment_type="phone")
    appointment = book(open_slot(quick), anonymous, contact_phone="+358401112222", contact_name="Sanna")
    assert appointment.person is None and appointment.manage_token
    with pytest.raises(BookingRefused, match="identification"):
        book(open_slot(booking_service()), anonymous, contact_phone="+358401112222", contact_name="Sanna")


def test_cancel_before_deadline_frees_the_place(lempi, django_capture_on_commit_callbacks):
    slot = open_slot(booking_service(cancellation_deadline_hours=24), starts_in=dt.timedelta(days=2))
    appointment = book(slot, me(lempi), contact_phone="+358401234567")
    with django_capture_on_commit_callbacks(execute=True):
        cancel(appointment, lempi.user)
    assert Slot.objects.get(pk=slot.pk).booked == 0
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"
    assert OutboundMessage.objects.filter(kind="booking.cancelled").exists()
    with pytest.raises(BookingRefused):
        cancel(Appointment.objects.get(pk=appointment.pk), lempi.user)


def test_cancel_after_deadline_is_for_professionals(lempi):
    slot = open_slot(booking_service(cancellation_deadline_hours=24), starts_in=dt.timedelta(hours=5))
    appointment = book(slot, me(lempi))
    with pytest.raises(BookingRefused) as refused:
        cancel(appointment, lempi.user)
    assert refused.value.code == "deadline"
    from luukku.testing import professional

    cancel(appointment, professional().user)
    assert Slot.objects.get(pk=slot.pk).booked == 0


def test_reschedule_within_campaign_swaps_atomically(lempi):
    campaign = Campaign.objects.create(
        code="flu", name="Flu", starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2027, 3, 31)
    )
    service = booking_service(campaign=campaign, capacity=1)
    old_slot, new_slot = open_slot(service), open_slot(service, starts_in=dt.timedelta(days=5))
    first = book(old_slot, me(lempi))
    moved = reschedule(first, new_slot, me(lempi))
    assert moved.rescheduled_from == first
    assert Appointment.objects.get(pk=first.pk).status == "cancelled"
    assert (Slot.objects.get(pk=old_slot.pk).booked, Slot.objects.get(pk=new_slot.pk).booked) == (0, 1)


def test_failed_reschedule_keeps_the_old_booking(lempi):
    service = booking_service(capacity=1)
    old_slot, taken = open_slot(service), open_slot(service, starts_in=dt.timedelta(days=5))
    first = book(old_slot, me(lempi))
    book(taken, me(resident_user(age=70)))
    with pytest.raises(BookingRefused, match="full"):
        reschedule(first, taken, me(lempi))
    assert Appointment.objects.get(pk=first.pk).status == "booked"
    assert Slot.objects.get(pk=old_slot.pk).booked == 1


def test_reminder_is_sent_once_and_not_for_cancelled(lempi):
    service = booking_service()
    appointment = book(open_slot(service), me(lempi), contact_phone="+358401234567")
    assert send_reminder.call(appointment.pk) == "sent"
    assert send_reminder.call(appointment.pk) == "skipped"
    assert OutboundMessage.objects.filter(kind="booking.reminder").count() == 1
    other = book(
        open_slot(service, starts_in=dt.timedelta(days=4)), me(resident_user(age=66)), contact_phone="+3584"
    )
    cancel(other, other.booked_by)
    assert send_reminder.call(other.pk) == "skipped"
    assert Event.objects.filter(kind="booking.reminded").count() == 1


def test_no_reminder_for_a_booking_made_the_same_day(lempi):
    book(open_slot(booking_service(), starts_in=dt.timedelta(hours=3)), me(lempi))
    assert not DBTaskResult.objects.filter(task_path="luukku.booking.tasks.send_reminder").exists()


def test_bookable_services_follow_the_rules(lempi):
    old_enough = booking_service(min_age=65)
    booking_service(max_age=17)
    inactive = booking_service(active=False)
    listed = services.bookable_services(me(lempi), timezone.localdate())
    assert old_enough in listed and inactive not in listed and len(listed) == 1
    assert services.bookable_services(Booker(None, None, "anonymous"), timezone.localdate()) == []


def test_professional_booking_is_marked_and_needs_no_proxy():
    from luukku.testing import professional

    nurse = professional()
    client = resident(age=50)
    appointment = book(open_slot(booking_service()), services.booker_for(nurse.user, client))
    assert appointment.booked_as == "professional" and appointment.booked_by == nurse.user
    assert UserFactory()  # an unrelated user exists; nothing else changed
