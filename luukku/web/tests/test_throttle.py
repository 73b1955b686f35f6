"""The throttle counts per key in the cache, refuses over the limit with the time left, and forgets
when the window closes."""

import contextlib
import datetime as dt
import time

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

from luukku.web import throttle

LIMIT = throttle.Limit("test.thing", 3, dt.timedelta(minutes=10))


class Clock:
    """Stands in for time.time() (the throttle's and the local-memory cache's): tests move it instead
    of sleeping."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttle.time, "time", clock)
    return clock


def test_allows_the_count_then_refuses_with_the_time_left(clock):
    for _ in range(3):
        throttle.hit(LIMIT, "192.0.2.1")
    clock.now += 4 * 60
    with pytest.raises(throttle.Throttled) as refused:
        throttle.hit(LIMIT, "192.0.2.1")
    assert refused.value.retry_after == 6 * 60
    assert refused.value.minutes == 6
    throttle.hit(LIMIT, "192.0.2.2")  # another key has its own count


def test_the_message_names_the_minutes_in_the_users_language(clock):
    for _ in range(3):
        throttle.hit(LIMIT, "k")
    with pytest.raises(throttle.Throttled) as refused:
        throttle.hit(LIMIT, "k")
    with translation.override("en"):
        assert refused.value.message == "Too many requests in a short time. Try again in 10 minutes."


def test_a_refused_attempt_is_not_counted_and_a_refund_gives_a_hit_back(clock):
    for _ in range(3):
        throttle.hit(LIMIT, "k")
    for _ in range(5):
        with pytest.raises(throttle.Throttled):
            throttle.hit(LIMIT, "k")
    throttle.refund(LIMIT, "k")
    throttle.hit(LIMIT, "k")
    with pytest.raises(throttle.Throttled):
        throttle.hit(LIMIT, "k")


def test_the_window_closes(clock):
    for _ in range(3):
        throttle.hit(LIMIT, "k")
    clock.now += 599
    with pytest.raises(throttle.Throttled):
        throttle.hit(LIMIT, "k")
    clock.now += 2
    throttle.hit(LIMIT, "k")


def test_settings_override_a_limit(settings, clock):
    settings.LUUKKU_THROTTLES = {"test.thing": (1, 60)}
    throttle.hit(LIMIT, "k")
    with pytest.raises(throttle.Throttled) as refused:
        throttle.hit(LIMIT, "k")
    assert refused.value.retry_after == 60


def test_keys_are_not_stored_in_the_clear():
    throttle.hit(LIMIT, "+358401234567")
    assert not [key for key in cache._cache if "358401234567" in key]  # locmem's own store


def test_observers_hear_of_refusals(clock):
    heard = []
    throttle.observe(lambda refusal, request: heard.append(refusal.limit.scope))
    try:
        for _ in range(4):
            with contextlib.suppress(throttle.Throttled):
                throttle.hit(LIMIT, "k")
    finally:
        throttle._observers.pop()
    assert heard == ["test.thing"]


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "203.0.113.5", "192.0.2.1"),  # no proxy of ours: the header is the client's to forge
        (1, "10.0.0.2", "203.0.113.5", "203.0.113.5"),
        (1, "10.0.0.2", "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a forged entry on the left is ignored
        (2, "10.0.0.2", "203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (2, "10.0.0.2", "203.0.113.5", "10.0.0.2"),  # fewer entries than proxies: something is wrong
    ],
)
def test_client_address(settings, proxies, remote, forwarded, expected):
    settings.LUUKKU_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert throttle.client_address(request) == expected


def test_an_ipv6_caller_is_counted_by_its_network():
    first = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2::10")
    second = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1")
    assert throttle.address_key(first) == throttle.address_key(second) == "2001:db8:1:2::/64"
    assert throttle.address_key(RequestFactory().get("/", REMOTE_ADDR="::ffff:192.0.2.1")) == "192.0.2.1"
