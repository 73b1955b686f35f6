import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import OctKey

from luukku.audit.models import AccessLogEntry
from luukku.chat import services
from luukku.chat.adapters import JitsiVideoRooms, room_name
from luukku.chat.models import ChatQueue, Conversation
from luukku.desk.models import WorkItem
from luukku.identity.personas import BY_KEY
from luukku.web.tests.pictures import png

HKI = ZoneInfo("Europe/Helsinki")
ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}
PNG = png()


@pytest.fixture
def queues(personas):
    return {q.code: q for q in ChatQueue.objects.all()}


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 2, day, hour, minute, tzinfo=HKI)  # 1 Feb 2027 is a Monday


@pytest.mark.django_db
def test_opening_hours_and_holidays(queues):
    nurse = queues["hoitaja"]
    assert services.is_open(nurse, at(1, 8)) and services.is_open(nurse, at(1, 19, 59))
    assert not services.is_open(nurse, at(1, 20)) and not services.is_open(
        nurse, at(6, 12)
    )  # 20:00, Saturday
    assert not services.is_open(nurse, dt.datetime(2026, 12, 24, 12, tzinfo=HKI))  # Christmas Eve
    assert services.next_opening(nurse, at(5, 21)) == at(8, 8)  # Friday evening -> Monday morning


@pytest.mark.django_db
def test_closed_queue_routes_to_its_alternative(queues):
    mental = queues["mielenterveys"]
    assert services.open_queue(mental, at(1, 17)) == queues["hoitaja"]  # mental health closes at 16
    assert services.open_queue(mental, at(1, 21)) is None
    assert services.open_queue(queues["perhekeskus"], at(1, 10)) == queues["perhekeskus"]


@pytest.mark.django_db
def test_conversation_lifecycle_and_work_queue(queues, django_user_model, django_capture_on_commit_callbacks):
    queues["hoitaja"].hours = ALWAYS
    queues["hoitaja"].save()
    hanna = django_user_model.objects.get(username="hoitaja.hanna")
    with django_capture_on_commit_callbacks(execute=True):
        conversation = services.start(queues["hoitaja"], None, None, {"form": "Esitietolomake", "step": "2"})
    item = WorkItem.objects.get(kind="chat")
    assert item.status == "new" and item.unit.code == "avosairaanhoito"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.take_next(hanna) == conversation
    assert WorkItem.objects.get(pk=item.pk).status == "done"
    assert services.take_next(hanna) is None
    services.post(conversation, None, "Minulla on kuumetta.", as_professional=False)
    services.post(conversation, hanna, "Ohjaan eteenpäin", as_professional=True, internal=True)
    with pytest.raises(PermissionDenied):
        services.post(conversation, None, "salaa", as_professional=False, internal=True)
    with pytest.raises(ValidationError):
        services.post(conversation, None, "   ", as_professional=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.transfer(conversation, hanna, to_queue=queues["mielenterveys"])
    conversation.refresh_from_db()
    assert (conversation.status, conversation.assignee) == ("waiting", None)
    assert WorkItem.objects.filter(kind="chat", status="new").count() == 1
    resident_view = [m.body for m in services.visible_messages(conversation, professional=False)]
    assert "Minulla on kuumetta." in resident_view and "Ohjaan eteenpäin" not in resident_view
    assert any("Mielenterveys- ja päihdechat" in body for body in resident_view)
    with pytest.raises(ValidationError):
        services.close(conversation, hanna, "")
    services.close(conversation, hanna, "Ohjattu mielenterveyspalveluihin.")
    with pytest.raises(ValidationError):
        services.post(conversation, None, "vielä", as_professional=False)


@pytest.mark.django_db
def test_closed_queue_refuses_to_start(queues):
    queues["suun-terveys"].hours = {}
    queues["suun-terveys"].save()
    with pytest.raises(ValidationError):
        services.start(queues["suun-terveys"], None, None)


@pytest.mark.django_db
def test_attachments_are_images_within_limits(queues):
    queues["hoitaja"].hours = ALWAYS
    queues["hoitaja"].save()
    conversation = services.start(queues["hoitaja"], None, None)
    message = services.attach(
        conversation, None, SimpleUploadedFile("ihottuma.png", PNG), as_professional=False
    )
    assert message.attachment.name.startswith("chat/")
    with pytest.raises(ValidationError, match="JPEG"):
        services.attach(
            conversation, None, SimpleUploadedFile("kuva.png", b"<script>alert(1)</script>"), False
        )
    big = SimpleUploadedFile("iso.jpg", b"\xff\xd8\xff" + b"\x00" * (services.MAX_ATTACHMENT + 1))
    with pytest.raises(ValidationError, match="5"):
        services.attach(conversation, None, big, False)


@pytest.mark.django_db
def test_resident_pages_and_access(client, queues, django_user_model):
    queues["hoitaja"].hours = ALWAYS
    queues["hoitaja"].save()
    client.post(reverse("identity:login"), {"persona": "matti"})
    started = client.post(reverse("chat:start", args=["hoitaja"]))
    conversation = Conversation.objects.get()
    assert started["Location"] == reverse("chat:conversation", args=[conversation.public_id])
    client.post(started["Location"], {"body": "Hei"})
    client.post(started["Location"], {"attachment": SimpleUploadedFile("a.png", PNG)})
    picture = conversation.messages.exclude(attachment="").get()
    assert client.get(reverse("chat:attachment", args=[picture.pk])).status_code == 200
    client.post(reverse("identity:logout"))
    client.post(reverse("identity:login"), {"persona": "aino"})
    assert client.get(started["Location"]).status_code == 403
    assert client.get(reverse("chat:attachment", args=[picture.pk])).status_code == 404
    client.logout()
    client.force_login(django_user_model.objects.get(username="hoitaja.hanna"))
    page = client.get(reverse("chat:professional", args=[conversation.public_id]))
    assert "Hei" in page.content.decode()
    matti = conversation.person
    assert AccessLogEntry.objects.filter(subject=matti, what="chat").exists()
    client.force_login(django_user_model.objects.get(username="sosiaalityo.saara"))
    assert client.get(reverse("chat:professional", args=[conversation.public_id])).status_code == 403


@pytest.mark.django_db
def test_form_context_reaches_the_professional(client, queues, django_user_model):
    queues["hoitaja"].hours = ALWAYS
    queues["hoitaja"].save()
    client.post(reverse("chat:start", args=["hoitaja"]), {"form": "Esitietolomake", "step": "3"})
    conversation = Conversation.objects.get()
    client.force_login(django_user_model.objects.get(username="hoitaja.hanna"))
    page = client.get(reverse("chat:professional", args=[conversation.public_id])).content.decode()
    assert "Asiakas tuli lomakkeelta" in page and "Esitietolomake" in page and "sivu 3" in page


@pytest.mark.django_db(transaction=True)
async def test_websocket_delivers_to_both_and_keeps_consultations_internal(queues_async, release_connections):
    conversation, resident_user, nurse_user = queues_async
    # The middleware stack sets the user from the session cookie; here the scope is given directly.
    from luukku.chat.consumers import ConversationConsumer

    path = f"/ws/chat/{conversation.public_id}/"

    resident = WebsocketCommunicator(ConversationConsumer.as_asgi(), path)
    resident.scope.update(
        user=resident_user, session={}, url_route={"kwargs": {"public_id": conversation.public_id}}
    )
    nurse = WebsocketCommunicator(ConversationConsumer.as_asgi(), path)
    nurse.scope.update(
        user=nurse_user, session={}, url_route={"kwargs": {"public_id": conversation.public_id}}
    )
    assert (await resident.connect())[0] and (await nurse.connect())[0]
    await resident.send_json_to({"body": "Onko apteekki auki?"})
    assert (await nurse.receive_json_from(timeout=5))["body"] == "Onko apteekki auki?"
    assert (await resident.receive_json_from(timeout=5))["sender"] == "resident"
    await nurse.send_json_to({"body": "Kysyn kollegalta", "internal": True})
    assert (await nurse.receive_json_from(timeout=5))["internal"] is True
    await nurse.send_json_to({"body": "On, klo 21 asti."})
    reply = await resident.receive_json_from(timeout=5)
    assert reply["body"] == "On, klo 21 asti." and reply["internal"] is False  # the internal one was skipped
    await resident.send_json_to({"body": "  "})
    assert (await resident.receive_json_from(timeout=5))["type"] == "error"
    await resident.disconnect()
    await nurse.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_reconnecting_socket_gets_what_it_missed_and_no_consultations(
    queues_async, release_connections
):
    """The page reconnects with ?since=<its newest message id> after a lost connection (a restarted server
    process, a phone that changed networks) and gets the messages posted meanwhile, in order."""
    from luukku.chat.consumers import ConversationConsumer

    conversation, resident_user, nurse_user = queues_async
    path = f"/ws/chat/{conversation.public_id}/"

    def post_while_away() -> int:
        take = services.take(conversation, nurse_user)
        seen = take.messages.order_by("pk").last().pk  # the page had the "joined" notice
        services.post(take, nurse_user, "Kysyn kollegalta", True, internal=True)
        services.post(take, nurse_user, "Ensimmäinen vastaus", True)
        services.post(take, nurse_user, "Toinen vastaus", True)
        return seen

    seen = await database_sync_to_async(post_while_away)()

    async def reconnect(user, query: bytes) -> list[dict]:
        socket = WebsocketCommunicator(ConversationConsumer.as_asgi(), f"{path}?{query.decode()}")
        socket.scope.update(
            user=user,
            session={},
            url_route={"kwargs": {"public_id": conversation.public_id}},
            query_string=query,
        )
        assert (await socket.connect())[0]
        got = []
        while not await socket.receive_nothing(timeout=0.5):
            got.append(await socket.receive_json_from(timeout=5))
        await socket.disconnect()
        return got

    resident_got = await reconnect(resident_user, f"since={seen}".encode())
    assert [m["body"] for m in resident_got] == ["Ensimmäinen vastaus", "Toinen vastaus"]
    nurse_got = await reconnect(nurse_user, f"since={seen}".encode())
    assert [m["body"] for m in nurse_got] == ["Kysyn kollegalta", "Ensimmäinen vastaus", "Toinen vastaus"]
    assert await reconnect(resident_user, b"since=abc") == []  # not a plain id: nothing replayed
    assert await reconnect(resident_user, b"") == []  # a first connection: the page rendered the history


@pytest.fixture
async def release_connections():
    """Close what the worker thread of sync_to_async left open, so the test database can be dropped."""
    yield
    await database_sync_to_async(connections.close_all)()


@pytest.fixture
def queues_async(transactional_db, personas, django_user_model):
    ChatQueue.objects.update(hours=ALWAYS)
    from luukku.identity.services import resident_from_register

    matti = resident_from_register(BY_KEY["matti"].hetu)
    matti.user = django_user_model.objects.create(username="matti")
    matti.save()
    conversation = services.start(ChatQueue.objects.get(code="hoitaja"), matti, matti.user)
    nurse = django_user_model.objects.get(username="hoitaja.hanna")
    return conversation, matti.user, nurse


@pytest.mark.django_db(transaction=True)
async def test_strangers_cannot_open_the_socket(queues_async, django_user_model, release_connections):
    conversation, _resident, _nurse = queues_async
    from luukku.chat.consumers import ConversationConsumer

    stranger = await database_sync_to_async(django_user_model.objects.get)(username="sosiaalityo.saara")
    communicator = WebsocketCommunicator(ConversationConsumer.as_asgi(), "/")
    communicator.scope.update(
        user=stranger, session={}, url_route={"kwargs": {"public_id": conversation.public_id}}
    )
    connected, _code = await communicator.connect()
    assert not connected
    await communicator.wait()


def test_jitsi_room_token_is_signed_and_time_bound(settings):
    settings.SECRET_KEY = "s"
    rooms = JitsiVideoRooms({"domain": "video.example.fi", "app_id": "luukku", "app_secret": "x" * 32})
    starts = dt.datetime(2027, 2, 1, 10, tzinfo=HKI)
    url = rooms.room_url("appointment-1", "Lempi", starts, starts + dt.timedelta(minutes=20), moderator=False)
    room = room_name("appointment-1")
    assert url.startswith(f"https://video.example.fi/{room}?jwt=")
    token = jwt.decode(url.split("jwt=")[1], OctKey.import_key("x" * 32))
    claims = token.claims
    assert (claims["aud"], claims["sub"], claims["room"], claims["moderator"]) == (
        "luukku",
        "video.example.fi",
        room,
        False,
    )
    assert claims["nbf"] == int((starts - dt.timedelta(minutes=15)).timestamp())
    assert claims["context"]["user"]["name"] == "Lempi"
    assert room_name("appointment-2") != room and len(room) == len("luukku-") + 24


@pytest.mark.django_db
def test_video_appointment_page_has_the_room_link(client, queues):
    from luukku.booking.demo import seed_booking
    from luukku.booking.models import Service
    from luukku.booking.tests.factories import open_slot

    seed_booking(weeks=1)
    client.post(reverse("identity:login"), {"persona": "lempi"})
    slot = open_slot(Service.objects.get(code="laakarin-videovastaanotto"))
    response = client.post(reverse("booking:confirm", args=[slot.pk]), {"phone": "0401234567"})
    page = client.get(response["Location"]).content.decode()
    assert "Liity videovastaanotolle" in page and "/video/luukku-" in page


@pytest.mark.django_db(transaction=True)
def test_closed_chat_with_summary_is_in_the_client_record(queues, django_user_model):
    from luukku.desk.services import client_360
    from luukku.identity.services import resident_from_register

    queues["hoitaja"].hours = ALWAYS
    queues["hoitaja"].save()
    matti = resident_from_register(BY_KEY["matti"].hetu)
    matti.user = django_user_model.objects.create(username="matti")
    matti.save(update_fields=["user"])
    conversation = services.start(queues["hoitaja"], matti, matti.user)
    riikka = django_user_model.objects.get(username="hoitaja.riikka")
    services.take(conversation, riikka)
    services.post(conversation, matti.user, "Kurkku on kipeä.", as_professional=False)
    services.close(conversation, riikka, "Angiinaepäily, ohjattu näytteenottoon.")
    view = client_360(riikka, matti, "care")
    assert [c.summary for c in view.items("chats")] == ["Angiinaepäily, ohjattu näytteenottoon."]
    assert {"chat.started", "chat.taken", "chat.closed"} <= {e["kind"] for e in view.timeline}


@pytest.mark.django_db(transaction=True)
async def test_waiting_resident_is_told_the_new_place_without_a_reload(
    personas, django_user_model, release_connections
):
    def setup():
        ChatQueue.objects.update(hours=ALWAYS)
        from luukku.identity.services import resident_from_register

        queue = ChatQueue.objects.get(code="hoitaja")
        ahead = services.start(queue, None, None)
        matti = resident_from_register(BY_KEY["matti"].hetu)
        matti.user = django_user_model.objects.create(username="matti")
        matti.save()
        mine = services.start(queue, matti, matti.user)
        return ahead, mine, matti.user, django_user_model.objects.get(username="hoitaja.hanna")

    ahead, mine, resident_user, nurse = await database_sync_to_async(setup)()
    from luukku.chat.consumers import ConversationConsumer

    resident = WebsocketCommunicator(ConversationConsumer.as_asgi(), f"/ws/chat/{mine.public_id}/")
    resident.scope.update(
        user=resident_user,
        session={},
        url_route={"kwargs": {"public_id": mine.public_id}},
        cookies={"django_language": "en"},
    )
    assert (await resident.connect())[0]
    assert await database_sync_to_async(services.queue_position)(mine) == 2
    await database_sync_to_async(services.take)(ahead, nurse)  # the chat ahead is answered
    told = await resident.receive_json_from(timeout=5)
    assert told == {
        "type": "queue",
        "position": 1,
        "text": "You are number 1 in the queue. Estimated wait about 5 minutes.",
    }
    await database_sync_to_async(services.take)(mine, nurse)
    received = [await resident.receive_json_from(timeout=5) for _ in range(2)]
    assert {"type": "queue", "position": None, "text": ""} in received  # out of the queue: the notice goes
    assert any(frame.get("sender") == "system" for frame in received)  # "… joined the conversation."
    await resident.disconnect()


def test_the_sockets_recheck_of_a_professional_costs_few_queries(queues, django_user_model):
    """Each open socket decides again every few seconds (consumers.RECHECK_SECONDS): it must stay cheap."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from luukku.identity.services import resident_from_register

    matti = resident_from_register(BY_KEY["matti"].hetu)
    conversation = services.start(ChatQueue.objects.get(code="hoitaja"), matti, None)
    nurse = django_user_model.objects.get(username="hoitaja.hanna")
    services.take(conversation, nurse)
    conversation = Conversation.objects.select_related("queue__unit", "person").get(pk=conversation.pk)
    nurse = django_user_model.objects.get(pk=nurse.pk)
    with CaptureQueriesContext(connection) as queries:
        assert services.professional_decision(nurse, conversation, log=False).allowed
    assert len(queries) <= 8, [q["sql"][:80] for q in queries.captured_queries]  # roles with their units
