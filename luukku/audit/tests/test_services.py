import pytest

from luukku.audit.models import AccessLogEntry, Event
from luukku.audit.services import access_log_of, log_access, record_event, search_access_log
from luukku.testing import UserFactory, resident

pytestmark = pytest.mark.django_db


def test_access_log_keeps_who_whom_what_why_when():
    reader = UserFactory(first_name="Lauri", last_name="Lääkäri")
    client = resident(age=50)
    entry = log_access(reader, client, what="basic_data", purpose="care", role="doctor", unit="Terveysasema")
    assert entry.at is not None
    assert (entry.actor_name, entry.role_label, entry.subject) == ("Lauri Lääkäri", "lääkäri", client)
    assert list(access_log_of(client)) == [entry]


def test_log_survives_renaming_the_reader():
    reader = UserFactory(first_name="Lauri", last_name="Lääkäri")
    client = resident(age=50)
    log_access(reader, client, what="basic_data", purpose="care")
    reader.last_name = "Uusinimi"
    reader.save()
    assert access_log_of(client).get().actor_name == "Lauri Lääkäri"


def test_unknown_purpose_is_refused():
    with pytest.raises(ValueError, match="purpose"):
        log_access(UserFactory(), resident(age=20), what="basic_data", purpose="curiosity")
    assert not AccessLogEntry.objects.exists()


def test_search_by_subject_and_reader():
    first, second = resident(age=30), resident(age=31)
    hanna = UserFactory(first_name="Hanna", last_name="Hoitaja")
    lauri = UserFactory(first_name="Lauri", last_name="Lääkäri")
    log_access(hanna, first, "basic_data", "care")
    log_access(lauri, first, "basic_data", "care")
    log_access(hanna, second, "basic_data", "care")
    assert search_access_log(first).count() == 2
    assert search_access_log(actor_name="hanna").count() == 2
    assert search_access_log(first, "lauri").get().actor_name == "Lauri Lääkäri"


def test_events_drop_anonymous_actors():
    from django.contrib.auth.models import AnonymousUser

    event = record_event("feedback.sent", subject=None, actor=AnonymousUser(), score=9)
    assert Event.objects.get().data == {"score": 9}
    assert event.actor is None
