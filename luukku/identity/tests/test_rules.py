"""Every proxy case: self, guardian of a child under 12, of a 12-17-year-old with and without a maturity
assessment, of an adult, mandates in force, expired and with a deceased principal, deceased actors."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luukku.identity.models import MandateGrant, MaturityAssessment
from luukku.identity.rules import Matter, acts_for
from luukku.registry.models import Guardianship
from luukku.testing import UserFactory, child_of, mandate, resident, resident_user

pytestmark = pytest.mark.django_db


def may(actor, person, event=None) -> bool:
    return acts_for(actor.user, Matter(person, event))


@pytest.fixture
def parent():
    return resident_user(age=38)


def test_resident_may_handle_own_matters(parent):
    assert may(parent, parent)


def test_guardian_acts_for_child_under_12(parent):
    assert may(parent, child_of(parent, age=7))
    assert may(parent, child_of(parent, age=0))


def test_someone_elses_child_is_refused(parent):
    stranger = resident_user(age=40)
    assert not may(stranger, child_of(parent, age=7))


def test_guardian_acts_for_12_to_17_unless_minor_decides_alone(parent):
    teen = child_of(parent, age=14)
    MaturityAssessment.objects.create(minor=teen, service_event="ehkaisyneuvonta", decides_alone=True)
    assert may(parent, teen)
    assert may(parent, teen, "flunssarokotus")
    assert not may(parent, teen, "ehkaisyneuvonta")


@pytest.mark.parametrize(("days", "minor_decides"), [(-1, False), (0, True), (30, True)])
def test_a_maturity_assessment_stands_through_its_last_day(parent, days, minor_decides):
    teen = child_of(parent, age=15)
    until = timezone.localdate() + dt.timedelta(days=days)
    MaturityAssessment.objects.create(
        minor=teen, service_event="ehkaisyneuvonta", decides_alone=True, valid_until=until
    )
    assert may(parent, teen, "ehkaisyneuvonta") is not minor_decides


def test_assessment_that_leaves_matters_to_guardian(parent):
    teen = child_of(parent, age=13)
    MaturityAssessment.objects.create(minor=teen, service_event="hammashoito", decides_alone=False)
    assert may(parent, teen, "hammashoito")


def test_maturity_assessment_does_not_matter_under_12(parent):
    child = child_of(parent, age=11)
    MaturityAssessment.objects.create(minor=child, service_event="x", decides_alone=True)
    assert may(parent, child, "x")


def test_guardianship_ends_at_18(parent):
    assert not may(parent, child_of(parent, age=18))
    adult = child_of(parent, age=17)
    adult.birth_date = timezone.localdate().replace(year=timezone.localdate().year - 18)
    adult.save()
    assert not may(parent, adult)


def test_guardianship_ended_by_court_is_refused(parent):
    child = child_of(parent, age=6)
    Guardianship.objects.filter(child__hetu=child.hetu).update(
        valid_until=timezone.localdate() - dt.timedelta(days=1)
    )
    assert not may(parent, child)


def test_mandate_in_force(parent):
    mother = resident(age=81)
    mandate(parent, mother, valid_until=timezone.localdate())
    assert may(parent, mother)


def test_open_ended_mandate(parent):
    mother = resident(age=81)
    mandate(parent, mother)
    assert may(parent, mother)


def test_expired_mandate_is_refused(parent):
    father = resident(age=85)
    MandateGrant.objects.create(
        agent=parent,
        principal=father,
        issue="sote-asiointi",
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    assert not may(parent, father)


def test_mandate_of_a_deceased_principal_is_refused(parent):
    father = resident(age=88, date_of_death=timezone.localdate() - dt.timedelta(days=10))
    mandate(parent, father)
    assert not may(parent, father)


def test_minor_cannot_be_an_agent():
    teen = resident_user(age=16)
    grandmother = resident(age=79)
    mandate(teen, grandmother)
    assert not may(teen, grandmother)


def test_deceased_child_and_deceased_actor(parent):
    child = child_of(parent, age=5, date_of_death=timezone.localdate() - dt.timedelta(days=3))
    assert not may(parent, child)
    late = resident_user(age=70, date_of_death=timezone.localdate() - dt.timedelta(days=1))
    assert not may(late, late)


def test_professional_without_resident_record_acts_for_nobody(parent):
    from luukku.testing import UserFactory

    assert not acts_for(UserFactory(), Matter(parent))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(age=st.integers(min_value=0, max_value=25), own_decision=st.booleans())
def test_guardian_rule_by_age(parent, age, own_decision):
    child = child_of(parent, age=age)
    if own_decision:
        MaturityAssessment.objects.create(minor=child, service_event="e", decides_alone=True)
    expected = age < 12 or (age < 18 and not own_decision)
    assert may(parent, child, "e") is expected
    assert may(parent, child) is (age < 18)


def test_mandate_revoked_at_the_source_stops_at_once(parent):
    from luukku.identity.models import LocalMandate

    mother = resident(age=81)
    mandate(parent, mother)
    assert may(parent, mother)
    LocalMandate.objects.filter(agent_hetu=parent.hetu).update(revoked_at=timezone.now())
    assert not may(parent, mother)
    assert not MandateGrant.objects.filter(agent=parent).exists()


def test_mandate_the_source_cannot_recheck_lasts_the_ttl_only(parent, settings, monkeypatch):
    """Suomi.fi HPA answers only in a session the user opens: a fetched grant is trusted for the TTL."""
    from luukku.identity import rules as rules_module

    class SessionOnlySource:
        def in_force(self, agent_hetu, principal_hetu):
            return None

    monkeypatch.setattr(rules_module, "mandate_service", SessionOnlySource)
    settings.LUUKKU_MANDATE_TTL_SECONDS = 600
    mother = resident(age=81)
    grant = MandateGrant.objects.create(agent=parent, principal=mother, issue="sote-asiointi")
    assert may(parent, mother)
    MandateGrant.objects.filter(pk=grant.pk).update(fetched_at=timezone.now() - dt.timedelta(seconds=601))
    assert not may(parent, mother)


def test_a_superuser_administrator_acts_for_nobody(parent):
    """Django lets a superuser pass every has_perm(); the proxy rule must not."""
    admin_user = UserFactory(is_superuser=True, is_staff=True)
    assert admin_user.has_perm("identity.act_for", Matter(parent))  # what Django would allow
    assert not acts_for(admin_user, Matter(parent))
