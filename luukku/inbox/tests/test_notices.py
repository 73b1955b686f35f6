"""Notices of new messages: only that a message arrived (no content), by the resident's channels,
after the quiet hours, once; the outbox sweep sends what a dead worker left behind."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from luukku.inbox import services
from luukku.inbox.models import Notice, Preferences
from luukku.notify.models import OutboundMessage
from luukku.testing import resident_user

from .factories import message

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def at(hour: int, minute: int = 0, day: dt.date = dt.date(2026, 11, 26)) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)), HELSINKI)


QUIET = (dt.time(21), dt.time(8))


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(20, 59), at(20, 59)),  # before the quiet hours: at once
        (at(21, 0), at(8, 0, dt.date(2026, 11, 27))),  # the start is quiet
        (at(23, 30), at(8, 0, dt.date(2026, 11, 27))),
        (at(0, 0), at(8, 0)),  # after midnight: this morning
        (at(7, 59), at(8, 0)),
        (at(8, 0), at(8, 0)),  # the end is not quiet
    ],
)
def test_quiet_hours_across_midnight(now, expected):
    assert services.notice_due(now, *QUIET) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [(at(12, 59), at(12, 59)), (at(13, 0), at(14, 0)), (at(13, 59), at(14, 0)), (at(14, 0), at(14, 0))],
)
def test_quiet_hours_within_a_day(now, expected):
    assert services.notice_due(now, dt.time(13), dt.time(14)) == expected


def test_no_quiet_hours():
    assert services.notice_due(at(3), None, None) == at(3)
    assert services.notice_due(at(3), dt.time(3), dt.time(3)) == at(3)


def test_quiet_hours_end_in_summer_time_too():
    assert services.notice_due(at(22, 0, dt.date(2026, 3, 28)), *QUIET) == at(8, 0, dt.date(2026, 3, 29))


times = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@given(
    moment=st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2027, 12, 31)),
    start=times,
    end=times,
)
def test_a_notice_is_never_early_nor_held_a_day(moment, start, end):
    now = timezone.make_aware(moment, dt.UTC)
    due = services.notice_due(now, start, end)
    assert now <= due <= now + dt.timedelta(hours=25)
    local = due.astimezone(HELSINKI).time().replace(tzinfo=None)
    if due != now:
        assert local.replace(second=0, microsecond=0) == end


@pytest.mark.django_db
def test_the_notice_says_nothing_of_the_message_and_goes_once():
    person = resident_user(age=40)
    Preferences.objects.create(
        person=person,
        by_sms=True,
        phone="+358401234567",
        by_email=True,
        email="a@example.fi",
        quiet_from=None,
        quiet_until=None,
    )
    sent = message(person, body="Syöpäseulonnan tulos: jatkotutkimus tarpeen.", subject="Seulonta")
    notice = Notice.objects.get(message=sent)
    assert services.send_notice(notice.pk) == "sms,email"
    assert services.send_notice(notice.pk) == "already sent"
    texts = OutboundMessage.objects.filter(recipient=person, kind="inbox.notice")
    assert texts.count() == 2
    for text in texts:
        assert "Seulonta" not in text.body and "Syöpä" not in text.body and "/viestit/" in text.body


@pytest.mark.django_db
def test_no_notice_before_the_quiet_hours_end_nor_for_a_message_already_read():
    person = resident_user(age=40)
    Preferences.objects.create(
        person=person, by_sms=True, phone="+358401234567", quiet_from=dt.time(0), quiet_until=dt.time(23, 59)
    )
    sent = message(person)
    notice = Notice.objects.get(message=sent)
    if notice.due_at > timezone.now():
        assert services.send_notice(notice.pk) == "not yet"
    Notice.objects.filter(pk=notice.pk).update(due_at=timezone.now())
    sent.read_at = timezone.now()
    sent.save(update_fields=["read_at"])
    assert services.send_notice(notice.pk) == "nothing to send"
    assert not OutboundMessage.objects.filter(recipient=person).exists()


@pytest.mark.django_db
def test_several_messages_make_one_text_and_the_sweep_sends_what_was_left():
    person = resident_user(age=40)
    Preferences.objects.create(
        person=person, by_sms=True, phone="+358401234567", quiet_from=None, quiet_until=None
    )
    first, second = message(person, key="a"), message(person, key="b")
    # The worker died after the commit: nothing ran. The sweep sends both notices' worth: one text.
    assert services.send_due_notices() == 2
    assert OutboundMessage.objects.filter(recipient=person, kind="inbox.notice").count() == 1
    assert not Notice.objects.filter(message__in=[first, second], sent_at__isnull=True).exists()
    assert services.send_due_notices() == 0


@pytest.mark.django_db
def test_preferences_are_the_persons_own_and_validated(client, personas):
    from django.urls import reverse

    from luukku.testing import sign_in_persona

    lempi = sign_in_persona(client, "lempi")
    url = reverse("inbox:preferences")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"action": "save", "by_sms": "on", "phone": "abc"})
    assert bad.status_code == 400
    missing = client.post(url, {"action": "save", "by_email": "on"})
    assert missing.status_code == 400
    half = client.post(url, {"action": "save", "quiet_from": "21:00"})
    assert half.status_code == 400
    ok = client.post(
        url,
        {
            "action": "save",
            "by_sms": "on",
            "phone": "040 123 4567",
            "quiet_from": "22:00",
            "quiet_until": "07:00",
        },
    )
    assert ok.status_code == 302
    saved = Preferences.objects.get(person=lempi)
    assert saved.phone == "+358401234567" and saved.quiet_until == dt.time(7)


def test_a_guardian_is_told_of_a_childs_message_but_never_of_a_minors_own_service_event(personas):
    from luukku.identity.personas import BY_KEY
    from luukku.identity.services import resident_from_register
    from luukku.testing import UserFactory

    aino = resident_from_register(BY_KEY["aino"].hetu)
    if aino.user is None:
        aino.user = UserFactory()
        aino.save(update_fields=["user"])
    eetu = resident_from_register(BY_KEY["eetu"].hetu)
    ella = resident_from_register(BY_KEY["ella"].hetu)
    for_eetu = message(eetu, key="test:eetu", service_event="hammastarkastus-lapset")
    for_ella = message(ella, key="test:ella", service_event="ehkaisyneuvonta")
    assert set(Notice.objects.filter(message=for_eetu).values_list("person", flat=True)) == {eetu.pk, aino.pk}
    assert set(Notice.objects.filter(message=for_ella).values_list("person", flat=True)) == {ella.pk}
