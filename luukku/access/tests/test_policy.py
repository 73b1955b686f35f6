"""The access policy's bases, one by one, and the log row that every professional decision writes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from luukku.access.categories import Action, Category
from luukku.access.policy import AccessDenied, decide, readable, require
from luukku.audit.models import AccessLogEntry
from luukku.booking.models import Appointment
from luukku.consent import services as consent
from luukku.consent.models import Scope
from luukku.identity.models import RoleAssignment

from .world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    return build()


def _decide(world, actor: str, category: str = Category.HEALTH, **kwargs):
    return decide(world.users[actor], world.lempi, category, what="test", **kwargs)


def test_serving_role_allows_and_the_read_is_logged_with_its_basis(world):
    decision = _decide(world, "riikka")
    assert decision and decision.basis == "serving_role"
    entry = AccessLogEntry.objects.get(actor=world.users["riikka"], what="test")
    assert (entry.allowed, entry.basis, entry.category, entry.action, entry.actor_unit) == (
        True,
        "serving_role",
        "health",
        "read",
        "Riihimäen terveysasema",
    )


def test_nurse_of_another_area_is_refused_and_the_refusal_is_logged(world):
    decision = _decide(world, "hanna")
    assert not decision and decision.basis == "no_basis"
    entry = AccessLogEntry.objects.get(actor=world.users["hanna"])
    assert (entry.allowed, entry.basis) == (False, "no_basis")
    with pytest.raises(AccessDenied):
        require(world.users["hanna"], world.lempi, Category.BASIC, what="test")


def test_health_social_line_needs_a_consent_in_force_at_every_read(world):
    assert _decide(world, "paula", Category.BASIC)  # a serving social worker sees basic data
    refused = _decide(world, "paula")
    assert not refused and refused.basis == "no_consent"
    given = consent.grant(world.lempi, Scope.HEALTH_TO_SOCIAL, world.users["lempi"])
    allowed = _decide(world, "paula")
    assert allowed and allowed.basis == "consent:serving_role"
    consent.revoke(given, world.users["lempi"])
    assert not _decide(world, "paula")
    assert _decide(world, "riikka", Category.SOCIAL).basis == "no_consent"


def test_a_consent_lets_the_other_sector_read_but_never_write(world):
    consent.grant(world.lempi, Scope.HEALTH_TO_SOCIAL, world.users["lempi"])
    assert _decide(world, "paula")
    refused = _decide(world, "paula", action=Action.WRITE)
    assert not refused and refused.basis == "no_consent"


def test_consent_limited_to_another_unit_does_not_cross_the_line(world):
    from luukku.identity.models import OrgUnit

    consent.grant(
        world.lempi, Scope.HEALTH_TO_SOCIAL, world.users["lempi"], OrgUnit.objects.get(code="lapsiperheet")
    )
    assert not _decide(world, "paula")


def test_booked_doctor_reads_through_the_care_relationship_until_it_ends(world):
    decision = _decide(world, "lauri")
    assert decision and decision.basis == "relationship:appointment"
    Appointment.objects.filter(pk=world.appointment.pk).update(status=Appointment.Status.CANCELLED)
    assert not _decide(world, "lauri")


def test_care_relationship_of_a_past_appointment_is_time_limited(world):
    slot = world.appointment.slot
    slot.starts_at = timezone.now() - dt.timedelta(days=31)
    slot.ends_at = slot.starts_at + dt.timedelta(minutes=20)
    slot.save()
    assert not _decide(world, "lauri")


def test_nurse_who_took_the_chat_reads_through_the_chat(world):
    from luukku.chat import services as chat

    chat.take(world.conversation, world.users["hanna"])
    assert _decide(world, "hanna").basis == "relationship:chat"


def test_auditor_and_administrator_never_read_client_data(world):
    for actor in ("tiina", "pekka"):
        decision = _decide(world, actor, Category.BASIC)
        assert not decision and decision.basis == "no_client_work_role"
    assert not _decide(world, "riikka", purpose="audit")


def test_an_ended_role_stops_at_once(world):
    RoleAssignment.objects.filter(professional__user=world.users["riikka"]).update(
        valid_until=timezone.localdate() - dt.timedelta(days=1)
    )
    assert _decide(world, "riikka").basis == "no_role"


def test_writes_are_decided_and_logged_as_writes(world):
    require(world.users["riikka"], world.lempi, Category.HEALTH, what="care_path", action=Action.WRITE)
    assert AccessLogEntry.objects.get(what="care_path").action == "write"


def test_residents_act_by_the_proxy_rules_and_are_not_in_the_professionals_log(world):
    assert _decide(world, "lempi").basis == "self"
    assert _decide(world, "matti").basis == "mandate"
    assert _decide(world, "revoked_mandate").basis == "no_proxy_right"
    assert not _decide(world, "aino")
    assert not decide(world.users["lempi"], world.ella, Category.HEALTH, what="t")
    assert not AccessLogEntry.objects.exists()


def test_minors_own_service_event_is_hidden_from_the_guardian(world):
    aino = world.users["aino"]
    assert decide(aino, world.ella, Category.HEALTH, what="t", service_event="hammastarkastus")
    assert not decide(aino, world.ella, Category.HEALTH, what="t", service_event="ehkaisyneuvonta")
    assert not decide(aino, world.ella, Category.CONFIDENTIAL_MINOR, what="t")
    kept = readable(
        aino,
        world.ella,
        [world.ella_appointment, "other"],
        lambda item: ("health", "ehkaisyneuvonta" if item != "other" else "neuvola"),
        what="t",
    )
    assert kept == ["other"]


def test_anonymous_is_refused(world):
    from django.contrib.auth.models import AnonymousUser

    assert decide(AnonymousUser(), world.lempi, Category.BASIC, what="t").basis == "anonymous"


def test_a_chat_keeps_its_category_and_service_event_through_a_transfer(world):
    from luukku.chat import services as chat
    from luukku.chat.models import ChatQueue

    family_centre = ChatQueue.objects.get(code="perhekeskus")  # social care
    chat.take(world.conversation, world.users["riikka"])
    with pytest.raises(ValidationError):  # health data moves to social care only with consent
        chat.transfer(world.conversation, world.users["riikka"], to_queue=family_centre)
    consent.grant(world.lempi, Scope.HEALTH_TO_SOCIAL, world.users["lempi"])
    chat.transfer(world.conversation, world.users["riikka"], to_queue=family_centre)
    world.conversation.refresh_from_db()
    assert (world.conversation.category, world.conversation.service_event) == ("health", "chat:hoitaja")


def test_refused_work_item_and_chat_openings_are_logged(world, client):
    from django.urls import reverse

    from luukku.audit.models import AccessLogEntry

    client.force_login(world.users["hanna"])
    assert client.get(reverse("desk:item", args=[world.work_item.pk])).status_code == 403
    client.force_login(world.users["paula"])
    assert client.get(reverse("chat:professional", args=[world.conversation.public_id])).status_code == 403
    refusals = AccessLogEntry.objects.filter(allowed=False).values_list("actor__username", "what", "basis")
    assert set(refusals) == {
        ("hoitaja.hanna", "work_item", "other_unit"),
        ("palveluohjaaja.paula", "chat", "not_in_queue"),
    }
