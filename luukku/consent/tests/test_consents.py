"""Consents: in force from the day given to the last valid day, for one unit (and those under it) or
the whole county, ended at once by a revocation; only the person (or whoever acts for them) manages them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from luukku.audit.models import Event
from luukku.consent import services
from luukku.consent.models import Consent, Scope
from luukku.testing import OrgUnitFactory, resident_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return resident_user(age=60)


def test_a_unit_consent_covers_the_unit_and_those_under_it_only(person):
    area = OrgUnitFactory()
    station = OrgUnitFactory(parent=area)
    elsewhere = OrgUnitFactory()
    services.grant(person, Scope.HEALTH_TO_SOCIAL, person.user, unit=area)
    assert services.allows(person, Scope.HEALTH_TO_SOCIAL, station)
    assert services.allows(person, Scope.HEALTH_TO_SOCIAL, area)
    assert not services.allows(person, Scope.HEALTH_TO_SOCIAL, elsewhere)
    assert not services.allows(person, Scope.SOCIAL_TO_HEALTH, station)  # the other direction is separate


def test_a_county_wide_consent_covers_every_unit(person):
    services.grant(person, Scope.SOCIAL_TO_HEALTH, person.user)
    assert services.allows(person, Scope.SOCIAL_TO_HEALTH, OrgUnitFactory())


@pytest.mark.parametrize(("valid_until_days", "in_force"), [(None, True), (0, True), (1, True), (-1, False)])
def test_the_last_valid_day_is_included(person, valid_until_days, in_force):
    until = None if valid_until_days is None else timezone.localdate() + dt.timedelta(days=valid_until_days)
    consent = services.grant(person, Scope.SOCIAL_TO_HEALTH, person.user, valid_until=until)
    assert services.allows(person, Scope.SOCIAL_TO_HEALTH, OrgUnitFactory()) is in_force
    assert consent.active is in_force


def test_revocation_ends_it_at_once_and_is_an_event(person):
    consent = services.grant(person, Scope.SOCIAL_TO_HEALTH, person.user)
    services.revoke(consent, person.user)
    services.revoke(consent, person.user)  # a second revocation changes nothing
    assert not services.allows(person, Scope.SOCIAL_TO_HEALTH, OrgUnitFactory())
    assert Event.objects.filter(subject=person, kind="consent.revoked").count() == 1


def test_the_resident_grants_and_revokes_on_the_page(client, person):
    client.force_login(person.user)
    refused = client.post(reverse("consent:list"), {"scope": "nonsense"})
    assert refused.status_code == 400 and not Consent.objects.exists()
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert (
        client.post(
            reverse("consent:list"), {"scope": Scope.HEALTH_TO_SOCIAL, "valid_until": past}
        ).status_code
        == 400
    )
    assert client.post(reverse("consent:list"), {"scope": Scope.HEALTH_TO_SOCIAL}).status_code == 302
    consent = Consent.objects.get(person=person)
    assert client.post(reverse("consent:revoke", args=[consent.pk])).status_code == 302
    consent.refresh_from_db()
    assert consent.revoked_at is not None


def test_nobody_revokes_someone_elses_consent(client, person):
    consent = services.grant(person, Scope.HEALTH_TO_SOCIAL, person.user)
    stranger = resident_user(age=40)
    client.force_login(stranger.user)
    assert client.post(reverse("consent:revoke", args=[consent.pk])).status_code == 404
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_own_data_page_shows_local_times_and_labels(client, person):
    from luukku.testing import professional

    services.grant(person, Scope.HEALTH_TO_SOCIAL, person.user)
    nurse = professional()
    from luukku.audit.models import AccessLogEntry

    AccessLogEntry.objects.create(
        at=dt.datetime(2026, 11, 20, 10, 15, tzinfo=dt.UTC),
        actor=nurse.user,
        actor_name="Hoitaja Testi",
        actor_role="nurse",
        subject=person,
        what="basic_data",
        purpose="care",
        basis="serving_role",
    )
    client.force_login(person.user)
    page = client.get(reverse("consent:my_data")).content.decode()
    assert "20.11.2026 12.15" in page and "10:15" not in page  # Helsinki time, not UTC ISO
    assert "health_to_social" not in page and "Sosiaalihuollon ammattilaiset saavat nähdä" in page
    assert "perustiedot" in page.lower() and "basic_data" not in page
    machine = client.get(reverse("consent:my_data"), {"muoto": "json"}).json()
    assert machine["consents"][0]["scope"] == "health_to_social"  # the file keeps the codes
