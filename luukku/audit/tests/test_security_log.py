"""The security log's shape (ECS field names, one JSON object per line) and its sinks."""

import json
import logging
import socket

import pytest
from django.test import RequestFactory

from luukku.audit import security_log
from luukku.audit.tests.capture import security_events


def test_an_event_is_one_json_line_with_ecs_fields():
    request = RequestFactory().post("/ammattilainen/", REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="Firefox/140")
    with security_events() as log:
        security_log.emit(
            "sign-in",
            category=["authentication"],
            type=["start"],
            outcome="failure",
            reason="invalid_credentials",
            request=request,
            method="password",
        )
    (line,) = log.lines
    event = json.loads(line)
    assert event["@timestamp"].endswith("Z") and event["ecs"]["version"].startswith("8.")
    assert event["event"] == {
        "kind": "event",
        "category": ["authentication"],
        "type": ["start"],
        "action": "sign-in",
        "outcome": "failure",
        "reason": "invalid_credentials",
        "dataset": "luukku.security",
        "module": "luukku",
    }
    assert event["source"] == {"ip": "192.0.2.7"}
    assert event["user_agent"] == {"original": "Firefox/140"}
    assert event["http"] == {"request": {"method": "POST"}}
    assert event["luukku"] == {"method": "password"}
    assert "user" not in event  # nobody signed in


def test_anything_shaped_like_a_henkilotunnus_is_blanked():
    with security_events() as log:
        note = "koodi 131052-308T ja 010101A123N"
        security_log.emit("test", category=["web"], type=["info"], outcome="unknown", note=note)
    assert log.events[0]["luukku"]["note"] == "koodi [redacted] ja [redacted]"
    assert security_log.scrub({"id": "7f0c1f0e-1234-4bcd-9f00-123456789012"}) == {
        "id": "7f0c1f0e-1234-4bcd-9f00-123456789012"
    }


def test_the_client_address_comes_from_our_own_proxies_only(settings):
    forwarded = "203.0.113.9, 198.51.100.4"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded)
    with security_events() as log:
        security_log.emit("a", category=["web"], type=["info"], outcome="unknown", request=request)
        settings.LUUKKU_PROXY_COUNT = 1
        security_log.emit("b", category=["web"], type=["info"], outcome="unknown", request=request)
    assert [e["source"]["ip"] for e in log.events] == ["10.0.0.5", "198.51.100.4"]


def test_file_sink_writes_json_lines(tmp_path):
    path = tmp_path / "security.jsonl"
    handler = security_log.handler_for(f"file:{path}")
    security_log.logger.addHandler(handler)
    try:
        security_log.emit("sign-out", category=["authentication"], type=["end"], outcome="success")
    finally:
        security_log.logger.removeHandler(handler)
        handler.close()
    (line,) = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["event"]["action"] == "sign-out"


def test_syslog_sink_sends_the_json_line_over_udp():
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    port = receiver.getsockname()[1]
    handler = security_log.handler_for(f"syslog:127.0.0.1:{port}")
    security_log.logger.addHandler(handler)
    try:
        security_log.emit("sign-in-lockout", category=["authentication"], type=["info"], outcome="failure")
        datagram = receiver.recv(65536).decode()
    finally:
        security_log.logger.removeHandler(handler)
        handler.close()
        receiver.close()
    priority = 10 * 8 + 6  # facility authpriv (10), severity info (6)
    assert datagram.startswith(f"<{priority}>luukku: {{")
    assert json.loads(datagram.split("luukku: ", 1)[1].rstrip("\x00"))["event"]["action"] == "sign-in-lockout"


def test_sink_is_chosen_by_the_setting(settings, tmp_path):
    path = tmp_path / "chosen.jsonl"
    try:
        settings.LUUKKU_SECURITY_LOG = f"file:{path}"
        security_log.emit("admin-change", category=["configuration"], type=["change"], outcome="success")
        settings.LUUKKU_SECURITY_LOG = "none"
        security_log.emit("admin-change", category=["configuration"], type=["change"], outcome="success")
    finally:
        security_log.configure("none")
    assert len(path.read_text(encoding="utf-8").splitlines()) == 1
    assert security_log.logger.propagate is False


@pytest.mark.parametrize("spec", ["syslog:nohost", "syslog:host:port", "kafka:broker:9092", "file:"])
def test_a_bad_sink_is_refused_at_start(spec):
    with pytest.raises(ValueError, match="LUUKKU_SECURITY_LOG"):
        security_log.handler_for(spec)


@pytest.mark.parametrize(("spec", "kind"), [("stderr", logging.StreamHandler), ("none", logging.NullHandler)])
def test_stream_and_null_sinks(spec, kind):
    assert isinstance(security_log.handler_for(spec), kind)
