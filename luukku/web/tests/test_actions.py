"""One POST action = one form + one service call + the notice the user reads when it is done."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from luukku.web.forms import Action, CheckedForm, NoFieldsForm, run_action


class NameForm(CheckedForm):
    name = forms.CharField(max_length=10)


def _post(data: dict):
    request = RequestFactory().post("/", data)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _notices(request) -> list[str]:
    return [str(message) for message in get_messages(request)]


def test_a_done_action_tells_the_user_and_returns_what_the_call_returned():
    request = _post({"action": "greet", "name": "Aino"})
    form, result = run_action(request, {"greet": Action(NameForm, lambda data: data["name"], "Greeted.")})
    assert form.is_valid() and result == "Aino"
    assert _notices(request) == ["Greeted."]


def test_the_notice_may_depend_on_the_result_or_be_left_out():
    request = _post({"action": "take"})
    actions = {"take": Action(NoFieldsForm, lambda data: "late", lambda r: None if r == "late" else "Taken.")}
    assert run_action(request, actions)[1] == "late" and _notices(request) == []
    request = _post({"action": "take"})
    actions = {"take": Action(NoFieldsForm, lambda data: "ok", lambda r: None if r == "late" else "Taken.")}
    run_action(request, actions)
    assert _notices(request) == ["Taken."]


@pytest.mark.parametrize(
    "data, run",
    [
        ({"action": "greet", "name": "x" * 11}, lambda data: "never"),  # the form refuses
        ({"action": "other", "name": "Aino"}, lambda data: "never"),  # no such action
        ({"action": "greet", "name": "Aino"}, lambda data: (_ for _ in ()).throw(ValidationError("No."))),
    ],
)
def test_nothing_done_means_no_success_notice(data, run):
    request = _post(data)
    form, result = run_action(request, {"greet": Action(NameForm, run, "Greeted.")})
    assert not form.is_valid() and result is None
    assert _notices(request) == []


def test_every_action_states_its_notice():
    with pytest.raises(TypeError):
        Action(NoFieldsForm, lambda data: None)  # `done` must be decided, even if None
