"""Chat message delivery latency over real WebSockets, run by hand:

    .venv/bin/python bench/chat/latency.py --conversations 50 --messages 20

Creates a fresh PostgreSQL database (default luukku_bench_chat), seeds queues, residents and nurses,
starts daphne on 127.0.0.1 with the project's ASGI application (in-memory channel layer, one process),
opens one resident and one nurse WebSocket per conversation, and has each resident send messages at a
steady pace. Latency is from the resident's send to the nurse's receipt (both clients run here, so one
clock). Reports p50/p95/p99, throughput and lost messages; stops by itself.
"""

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(database_url: str, conversations: int) -> list[tuple[str, str, str]]:
    """Returns (conversation id, resident session key, nurse session key) for each conversation."""
    os.environ["LUUKKU_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luukku.settings")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from luukku.chat import services
    from luukku.chat.demo import seed_queues
    from luukku.chat.models import ChatQueue
    from luukku.identity.models import Resident
    from luukku.identity.personas import seed_organisation, seed_personas
    from luukku.identity.services import RESIDENT_BACKEND
    from luukku.registry.hetu import build

    call_command("migrate", verbosity=0)
    seed_organisation()
    seed_personas()
    seed_queues()
    ChatQueue.objects.update(hours={str(day): ["00:00", "24:00"] for day in range(7)}, open_on_holidays=True)
    queue = ChatQueue.objects.get(code="hoitaja")
    nurses = list(get_user_model().objects.filter(username__startswith="hoitaja."))

    def session_for(user) -> str:
        store = SessionStore()
        backend = (
            RESIDENT_BACKEND
            if getattr(user, "resident", None)
            else "luukku.identity.backends.ProfessionalPasswordBackend"
        )
        store[SESSION_KEY], store[BACKEND_SESSION_KEY] = (str(user.pk), backend)
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    import datetime as dt

    result = []
    for number in range(conversations):
        user = get_user_model().objects.create(username=f"bench-{number}")
        born = dt.date(1960, 1, 1) + dt.timedelta(days=number)
        person = Resident.objects.create(
            hetu=build(born, 900 + number % 99),
            first_names="Testi",
            last_name=f"Asukas{number}",
            birth_date=born,
            municipality_code="109",
            user=user,
        )
        conversation = services.start(queue, person, user)
        services._take(conversation, nurses[number % len(nurses)])
        result.append(
            (str(conversation.public_id), session_for(user), session_for(nurses[number % len(nurses)]))
        )
    return result


async def run(
    port: int,
    sessions: list[tuple[str, str, str]],
    messages: int,
    interval: float,
    after_connect: bool = False,
) -> dict:
    import websockets

    latencies: list[float] = []
    lost = 0
    connected: list[str] = []
    all_connected = asyncio.Event() if after_connect else None
    origin = f"http://127.0.0.1:{port}"

    async def pair(conversation: str, resident_key: str, nurse_key: str) -> None:
        nonlocal lost
        url = f"ws://127.0.0.1:{port}/ws/chat/{conversation}/"
        async with (
            websockets.connect(
                url, origin=origin, additional_headers={"Cookie": f"sessionid={resident_key}"}
            ) as resident,
            websockets.connect(
                url, origin=origin, additional_headers={"Cookie": f"sessionid={nurse_key}"}
            ) as nurse,
        ):
            pending: dict[str, float] = {}

            async def receive() -> None:
                while pending or not sending_done.is_set():
                    try:
                        data = json.loads(await asyncio.wait_for(nurse.recv(), timeout=5))
                    except TimeoutError:
                        break
                    sent = pending.pop(data.get("body", ""), None)
                    if sent is not None:
                        latencies.append(time.perf_counter() - sent)

            sending_done = asyncio.Event()
            receiver = asyncio.create_task(receive())
            if all_connected is not None:  # measure messages, not the connection storm
                connected.append(conversation)
                if len(connected) == len(sessions):
                    all_connected.set()
                await all_connected.wait()
            for number in range(messages):
                body = f"{conversation[:8]}-{number}"
                pending[body] = time.perf_counter()
                await resident.send(json.dumps({"body": body}))
                await asyncio.sleep(interval)
            sending_done.set()
            await receiver
            lost += len(pending)

    started = time.perf_counter()
    await asyncio.gather(*(pair(*session) for session in sessions))
    return {"latencies": latencies, "lost": lost, "seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between a resident's messages")
    parser.add_argument(
        "--after-connect",
        action="store_true",
        help="start sending only when every socket is open (message latency without the connection storm)",
    )
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="luukku_bench_chat")
    args = parser.parse_args()

    import psycopg

    with psycopg.connect(f"{args.server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{args.database}"')
    database_url = f"{args.server}/{args.database}"
    sessions = prepare(database_url, args.conversations)
    port = free_port()
    env = {**os.environ, "LUUKKU_DATABASE_URL": database_url, "LUUKKU_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and module, fixed arguments
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "luukku.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        outcome = asyncio.run(run(port, sessions, args.messages, args.interval, args.after_connect))
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies = sorted(outcome["latencies"])
    sent = args.conversations * args.messages
    print(
        f"{args.conversations} conversations ({2 * args.conversations} WebSockets), {sent} messages in "
        f"{outcome['seconds']:.1f} s ({len(latencies) / outcome['seconds']:.0f} delivered/s)"
    )
    if latencies:
        quantiles = statistics.quantiles(latencies, n=100)
        print(
            f"delivery latency ms: p50 {1000 * quantiles[49]:.1f}, p95 {1000 * quantiles[94]:.1f}, "
            f"p99 {1000 * quantiles[98]:.1f}, max {1000 * latencies[-1]:.1f}"
        )
    print(f"lost: {outcome['lost']}")
    sys.exit(1 if outcome["lost"] else 0)


if __name__ == "__main__":
    main()
