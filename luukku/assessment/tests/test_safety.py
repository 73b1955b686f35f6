"""The rule set's safety: every concern, severity and red-flag combination, and what the urgent pages say."""

import datetime as dt
import json
from itertools import combinations

import pytest
from django.urls import reverse
from django.utils import timezone

from luukku.assessment import services
from luukku.assessment.definition import DEFAULT_RULES
from luukku.assessment.models import Result
from luukku.chat.models import ChatQueue
from luukku.identity.personas import BY_KEY

CONCERNS = ["illness", "mental", "substance", "musculoskeletal", "teeth", "family", "wellbeing"]
SEVERITIES = ["mild", "moderate", "severe"]
REAL_FLAGS = ["chest_pain", "breathing", "stroke", "suicidal"]
FLAG_SETS = [["none"]] + [list(c) for n in range(1, 5) for c in combinations(REAL_FLAGS, n)]
ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}
NON_URGENT_ROUTES = ("booking:", "self_care", "hyte")


def sounds_urgent(answers: dict) -> bool:
    return answers["severity"] == ["severe"] or answers["red-flags"] != ["none"]


@pytest.mark.parametrize("concern", CONCERNS)
@pytest.mark.parametrize("severity", SEVERITIES)
@pytest.mark.parametrize("flags", FLAG_SETS, ids=lambda flags: "+".join(flags))
def test_no_urgent_sounding_answer_gets_a_non_urgent_route(concern, severity, flags):
    answers = {"red-flags": flags, "concern": [concern], "severity": [severity]}
    rule = services.evaluate(DEFAULT_RULES, answers)
    if set(flags) & {"chest_pain", "breathing", "stroke"}:
        assert (rule["urgency"], rule["route"]) == ("emergency", "call_112")
    elif "suicidal" in flags:
        assert rule["route"].startswith("crisis:") and rule["urgency"] == "urgent"
    if sounds_urgent(answers):
        assert rule["urgency"] in {"emergency", "urgent"}
        assert not rule["route"].startswith(NON_URGENT_ROUTES)
    else:
        assert rule["urgency"] in {"non_urgent", "self_care"}


def test_the_enumeration_covers_every_option_of_the_questionnaire():
    enumerated = list(services.every_answer())
    assert len(enumerated) == len(FLAG_SETS) * len(CONCERNS) * len(SEVERITIES)
    assert {a["concern"][0] for a in enumerated} == set(CONCERNS)
    assert {a["severity"][0] for a in enumerated} == set(SEVERITIES)


def _without(rule_name: str) -> list[dict]:
    return [rule for rule in DEFAULT_RULES if rule["name"] != rule_name]


@pytest.mark.parametrize(
    ("rules", "problem"),
    [
        (_without("hätätilanne"), "112"),
        (_without("itsetuhoisuus"), "self-harm"),
        (_without("vaikea suun oire"), "severe"),
        (_without("vaikea perheen tilanne"), "severe"),
        (
            [{"name": "varaa", "urgency": "urgent", "route": "booking:x"}, *DEFAULT_RULES],
            "112",
        ),
        (
            [
                *DEFAULT_RULES[:2],
                {
                    "name": "kiireellinen varaus",
                    "when": [{"question": "severity", "any_of": ["severe"]}],
                    "urgency": "urgent",
                    "route": "booking:sairaanhoitajan-vastaanotto",
                },
                *DEFAULT_RULES[2:],
            ],
            "urgent recommendation",
        ),
    ],
)
def test_an_unsafe_rule_set_is_refused(rules, problem):
    with pytest.raises(services.InvalidRules, match=problem):
        services.validate_rules(rules)


def test_the_default_rules_are_safe():
    services.validate_rules(DEFAULT_RULES)


# --- The pages ---------------------------------------------------------------------------------------------


@pytest.fixture
def setup(personas):
    """The shared test county holds the published rule set."""


def answer(client, raw: dict) -> str:
    location = client.post(reverse("assessment:begin"))["Location"]
    return client.post(location, {**raw, "action": "submit"}, follow=True).content.decode()


def _closed_everywhere():
    ChatQueue.objects.update(hours={})


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("open_chat", [True, False])
def test_self_harm_shows_112_and_the_crisis_line_before_the_chat(client, setup, open_chat):
    ChatQueue.objects.update(hours=ALWAYS if open_chat else {})
    page = answer(client, {"red-flags": ["suicidal"], "concern": "mental", "severity": "moderate"})
    assert 'href="tel:112"' in page and 'href="tel:+358925250111"' in page
    assert page.index('href="tel:112"') < page.index("tel:+358925250111")
    if open_chat:
        assert page.index("tel:+358925250111") < page.index(reverse("chat:start", args=["mielenterveys"]))
    else:
        assert reverse("chat:start", args=["mielenterveys"]) not in page
        assert 'href="tel:116117"' in page and "Soita päivystysnumeroon 116 117 nyt." in page


@pytest.mark.django_db(transaction=True)
def test_self_harm_with_an_emergency_sign_still_shows_the_crisis_line(client, setup):
    page = answer(client, {"red-flags": ["suicidal", "chest_pain"], "concern": "illness", "severity": "mild"})
    assert "Soita nyt 112." in page and "tel:+358925250111" in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("concern", CONCERNS)
def test_severe_with_the_chat_closed_says_call_116_117_now(client, setup, concern):
    _closed_everywhere()
    page = answer(client, {"red-flags": ["none"], "concern": concern, "severity": "severe"})
    assert "Soita päivystysnumeroon 116 117 nyt." in page and 'href="tel:116117"' in page
    assert "Pyydä soittoa" not in page  # no waiting for a call back in an urgent case
    assert Result.objects.get().urgency == "urgent"


@pytest.mark.django_db(transaction=True)
def test_non_urgent_with_the_chat_closed_keeps_the_call_back(client, setup):
    _closed_everywhere()
    page = answer(client, {"red-flags": ["none"], "concern": "teeth", "severity": "moderate"})
    assert 'class="urgent"' not in page
    assert "Pyydä soittoa" in page and 'href="tel:116117"' in page


@pytest.mark.django_db(transaction=True)
def test_emergency_number_is_a_tap_to_call_link_in_a_labelled_alert(client, setup):
    page = answer(client, {"red-flags": ["stroke"], "concern": "illness", "severity": "mild"})
    alert = page.split('class="urgent" role="alert"')[1].split("</section>")[0]
    assert "Hätätilanne" in alert and 'href="tel:112"' in alert


@pytest.mark.django_db(transaction=True)
def test_professional_sees_the_answers_that_led_to_the_recommendation(client, setup, django_user_model):
    client.force_login(django_user_model.objects.get(username="hoitaja.riikka"))
    started = client.post(reverse("assessment:by_phone"), {"hetu": BY_KEY["lempi"].hetu})
    page = client.post(
        started["Location"],
        {
            "red-flags": ["none"],
            "concern": "teeth",
            "severity": "severe",
            "details": "Poski turvoksissa",
            "action": "submit",
        },
        follow=True,
    ).content.decode()
    result = Result.objects.get()
    assert result.by_professional and result.rule == "vaikea suun oire" and result.urgency == "urgent"
    deciding = page.split('class="deciding"')[1].split("</section>")[0]
    assert "vaikea suun oire" in deciding
    assert "Hampaat tai suu" in deciding and "Voimakas tai pahenee nopeasti" in deciding
    assert "Poski turvoksissa" in page  # the whole answer set follows
    assert reverse("chat:start", args=["suun-terveys"]) not in page  # the professional does not chat for them


@pytest.mark.django_db(transaction=True)
def test_closed_until_tomorrow_tells_the_opening_time(client, setup):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).weekday()
    ChatQueue.objects.update(hours={str(tomorrow): ["09:00", "15:00"]})
    page = answer(client, {"red-flags": ["none"], "concern": "family", "severity": "moderate"})
    assert "Se aukeaa" in page


@pytest.mark.django_db(transaction=True)
def test_the_admin_refuses_an_unsafe_rule_set():
    from luukku.assessment.admin import RuleSetForm

    unsafe = RuleSetForm(data={"version": 9, "rules": json.dumps(_without("itsetuhoisuus")), "active": False})
    assert not unsafe.is_valid() and "self-harm" in str(unsafe.errors["rules"])
    safe = RuleSetForm(data={"version": 9, "rules": json.dumps(DEFAULT_RULES), "active": False})
    assert safe.is_valid(), safe.errors
