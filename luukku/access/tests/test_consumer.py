"""The chat WebSocket through the access policy: who may open it, the opening in the access log, and
the socket closing when the right ends while it is open."""

import datetime as dt

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.utils import timezone

from luukku.audit.models import AccessLogEntry
from luukku.chat.consumers import FORBIDDEN, ConversationConsumer
from luukku.identity.models import LocalMandate, RoleAssignment

from .world import build

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(transactional_db, personas):
    return build()


@pytest.fixture
async def release_connections():
    yield
    await database_sync_to_async(connections.close_all)()


def socket(world, actor: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(ConversationConsumer.as_asgi(), "/")
    communicator.scope.update(
        user=world.users[actor],
        session={},
        url_route={"kwargs": {"public_id": world.conversation.public_id}},
    )
    return communicator


@pytest.mark.parametrize(
    ("actor", "opens"),
    [
        ("lempi", True),
        ("matti", True),  # mandate in force
        ("revoked_mandate", False),  # revoked at the source
        ("aino", False),
        ("riikka", True),  # answers the county-wide nurse chat
        ("hanna", True),
        ("paula", False),  # social care does not answer the nurse chat
        ("tiina", False),
        ("pekka", False),
    ],
)
async def test_who_may_open_the_socket(world, release_connections, actor, opens):
    communicator = socket(world, actor)
    connected, _code = await communicator.connect()
    assert connected is opens
    if connected:
        await communicator.disconnect()
    else:
        await communicator.wait()


async def test_professionals_opening_is_logged_with_its_basis(world, release_connections):
    communicator = socket(world, "hanna")
    assert (await communicator.connect())[0]
    entry = await database_sync_to_async(AccessLogEntry.objects.get)(actor=world.users["hanna"], what="chat")
    assert (entry.allowed, entry.basis, entry.category) == (True, "contacted_unit", "health")
    await communicator.disconnect()


async def test_socket_closes_when_the_professionals_role_ends(world, release_connections, monkeypatch):
    from luukku.chat import consumers

    monkeypatch.setattr(consumers, "RECHECK_SECONDS", 0)  # as if the timer had run out
    communicator = socket(world, "riikka")
    assert (await communicator.connect())[0]
    await database_sync_to_async(
        RoleAssignment.objects.filter(professional__user=world.users["riikka"]).update
    )(valid_until=timezone.localdate() - dt.timedelta(days=1))
    await communicator.send_json_to({"body": "Hei"})
    assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": FORBIDDEN}


async def test_socket_closes_when_the_mandate_is_revoked_at_the_source(
    world, release_connections, monkeypatch
):
    from luukku.chat import consumers

    monkeypatch.setattr(consumers, "RECHECK_SECONDS", 0)
    communicator = socket(world, "matti")
    assert (await communicator.connect())[0]
    await database_sync_to_async(LocalMandate.objects.filter(principal_hetu=world.lempi.hetu).update)(
        revoked_at=timezone.now()
    )
    await communicator.send_json_to({"body": "Kysyn äidin puolesta"})
    assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": FORBIDDEN}


async def test_delivery_stops_when_the_right_ends_between_checks(world, release_connections, monkeypatch):
    from luukku.chat import consumers
    from luukku.chat import services as chat

    monkeypatch.setattr(consumers, "RECHECK_SECONDS", 0)
    communicator = socket(world, "matti")
    assert (await communicator.connect())[0]
    await database_sync_to_async(LocalMandate.objects.filter(principal_hetu=world.lempi.hetu).update)(
        revoked_at=timezone.now()
    )
    await database_sync_to_async(chat.post)(world.conversation, world.users["lempi"], "Uusi viesti", False)
    assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": FORBIDDEN}


async def test_a_professionals_refused_socket_is_logged(world, release_connections):
    communicator = socket(world, "paula")
    assert not (await communicator.connect())[0]
    await communicator.wait()
    entry = await database_sync_to_async(AccessLogEntry.objects.get)(actor=world.users["paula"])
    assert (entry.allowed, entry.what, entry.basis) == (False, "chat", "not_in_queue")


async def test_within_the_timer_messages_flow_without_a_decision_each(world, release_connections):
    """A fast conversation is not slowed by a full decision per message: the timer bounds the delay."""
    from luukku.chat import consumers

    assert 0 < consumers.RECHECK_SECONDS <= 15
    communicator = socket(world, "matti")
    assert (await communicator.connect())[0]
    await communicator.send_json_to({"body": "Hei"})
    assert (await communicator.receive_json_from(timeout=5))["body"] == "Hei"
    await communicator.disconnect()
