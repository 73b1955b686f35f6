"""One of two web processes is restarted in the middle of a chat: the chat goes on through the other (the
Redis channel layer joins the processes), and the resident whose connection died reconnects to the
restarted process and receives, in order, the messages the nurse sent while it was down."""

import asyncio
import contextlib
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from luukku.chat import services
from luukku.chat.models import ChatQueue
from luukku.testing import OrgUnitFactory, professional, resident_user

from .processes import web_server

pytestmark = pytest.mark.django_db(transaction=True)
ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}
REDIS = {"LUUKKU_REDIS_URL": "redis://127.0.0.1:6379/7", "LUUKKU_DB_POOL_MAX_SIZE": "4"}


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def _socket(port: int, public_id, cookie: str, since: int | None = None):
    import websockets

    query = f"?since={since}" if since is not None else ""
    return await websockets.connect(
        f"ws://127.0.0.1:{port}/ws/chat/{public_id}/{query}",
        origin="http://localhost",
        additional_headers={"Cookie": cookie},
        open_timeout=15,
    )


async def _next_message(socket) -> dict:
    while True:
        data = json.loads(await asyncio.wait_for(socket.recv(), 15))
        if data.get("type") == "chat.message":
            return data


def test_a_restarted_process_lets_the_resident_catch_up_on_missed_messages():
    if connection.vendor != "postgresql":
        pytest.skip("production serving runs on PostgreSQL (./run test sets it)")
    unit = OrgUnitFactory()
    queue = ChatQueue.objects.create(code="testijono", name="Testijono", unit=unit, hours=ALWAYS)
    resident = resident_user(age=40)
    nurse = professional(unit=unit)
    chat_id = services.take(services.start(queue, resident, resident.user), nurse.user).public_id
    resident_cookie, nurse_cookie = _cookie(resident.user), _cookie(nurse.user)

    async def restart_during_chat() -> list[str]:
        with contextlib.ExitStack() as stack:
            _server_b, port_b = await asyncio.to_thread(stack.enter_context, web_server(**REDIS))
            first_a = contextlib.ExitStack()
            server_a, port_a = await asyncio.to_thread(first_a.enter_context, web_server(**REDIS))
            resident_socket = await _socket(port_a, chat_id, resident_cookie)
            nurse_socket = await _socket(port_b, chat_id, nurse_cookie)
            await nurse_socket.send(json.dumps({"body": "Hei, miten voin auttaa?"}))
            greeting = await _next_message(resident_socket)  # from process B to process A through Redis
            assert greeting["body"] == "Hei, miten voin auttaa?"
            assert (await _next_message(nurse_socket))["id"] == greeting["id"]  # the nurse's own echo
            server_a.kill()  # SIGKILL: the resident's connection dies with the process
            await asyncio.to_thread(first_a.close)
            for text in ("Ensimmäinen vastaus", "Toinen vastaus"):  # the chat goes on through B
                await nurse_socket.send(json.dumps({"body": text}))
                assert (await _next_message(nurse_socket))["body"] == text
            # the process manager starts the process again; the page reconnects with its newest id
            _restarted, port_a = await asyncio.to_thread(stack.enter_context, web_server(**REDIS))
            socket = await _socket(port_a, chat_id, resident_cookie, since=greeting["id"])
            missed = [await _next_message(socket), await _next_message(socket)]
            await socket.close()
            await nurse_socket.close()
            return [m["body"] for m in missed]

    assert asyncio.run(restart_during_chat()) == ["Ensimmäinen vastaus", "Toinen vastaus"]
