import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from luukku.assessment import services
from luukku.assessment.definition import DEFAULT_RULES
from luukku.assessment.models import Result, RuleSet
from luukku.audit.models import AccessLogEntry
from luukku.chat.models import ChatQueue
from luukku.identity.personas import BY_KEY
from luukku.questionnaires.models import Response

FLAGS = ["chest_pain", "breathing", "stroke", "suicidal", "none"]
CONCERNS = ["illness", "mental", "substance", "musculoskeletal", "teeth", "family", "wellbeing"]
SEVERITY = ["mild", "moderate", "severe"]
ALWAYS = {str(day): ["00:00", "24:00"] for day in range(7)}


@given(
    flags=st.lists(st.sampled_from(FLAGS), min_size=1, max_size=3, unique=True),
    concern=st.sampled_from(CONCERNS),
    severity=st.sampled_from(SEVERITY),
)
def test_every_answer_gets_exactly_the_first_matching_rule(flags, concern, severity):
    answers = {"red-flags": flags, "concern": [concern], "severity": [severity]}
    rule = services.evaluate(DEFAULT_RULES, answers)
    if set(flags) & {"chest_pain", "breathing", "stroke"}:
        assert (rule["urgency"], rule["route"]) == ("emergency", "call_112")
    elif "suicidal" in flags:
        assert (rule["urgency"], rule["route"]) == ("urgent", "crisis:mielenterveys")
    elif severity == "severe":
        assert rule["urgency"] == "urgent" and rule["route"].startswith("chat:")
    elif concern in {"mental", "substance"}:
        assert rule["route"] == "chat:mielenterveys"
    elif concern == "illness":
        assert rule["route"] == ("self_care" if severity == "mild" else "chat:hoitaja")
    else:
        assert rule["route"] in {"chat:kuntoutus", "chat:suun-terveys", "chat:perhekeskus", "hyte"}


def test_rule_sets_are_validated():
    with pytest.raises(services.InvalidRules, match="last rule"):
        services.validate_rules(DEFAULT_RULES[:-1])
    with pytest.raises(services.InvalidRules, match="route"):
        services.validate_rules([{"name": "x", "urgency": "urgent", "route": "teleport"}])
    with pytest.raises(services.InvalidRules, match="urgency"):
        services.validate_rules([{"name": "x", "urgency": "soon", "route": "hyte"}])
    with pytest.raises(services.InvalidRules, match="condition"):
        services.validate_rules(
            [
                {"name": "x", "when": [{"question": "concern"}], "urgency": "urgent", "route": "hyte"},
                {"name": "y", "urgency": "self_care", "route": "hyte"},
            ]
        )


@pytest.fixture
def setup(personas):
    """The shared test county holds the published rule set."""


@pytest.mark.django_db(transaction=True)
def test_publishing_new_rules_keeps_the_old_version(setup):
    first = RuleSet.objects.get(active=True)
    assert services.publish() == first
    changed = [dict(rule) for rule in DEFAULT_RULES]
    changed[-1] = {"name": "muu", "urgency": "non_urgent", "route": "booking:sairaanhoitajan-vastaanotto"}
    second = services.publish(changed)
    assert second.version == 2 and not RuleSet.objects.get(pk=first.pk).active


def answer(client, raw: dict) -> str:
    location = client.post(reverse("assessment:begin"))["Location"]
    return client.post(location, {**raw, "action": "submit"}, follow=True).content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"red-flags": ["chest_pain"], "concern": "illness", "severity": "severe"}, "Soita nyt 112."),
        ({"red-flags": ["none"], "concern": "teeth", "severity": "moderate"}, "Suun terveydenhuollon chat"),
        (
            {"red-flags": ["none"], "concern": "illness", "severity": "mild", "duration-days": "2"},
            "Pärjäät todennäköisesti",
        ),
        ({"red-flags": ["none"], "concern": "wellbeing", "severity": "mild"}, "liikuntaneuvonta"),
    ],
)
def test_recommendation_pages(client, setup, raw, expected):
    ChatQueue.objects.update(hours=ALWAYS)
    assert expected in answer(client, raw)
    assert Result.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_closed_chat_offers_opening_time_and_call_back(client, setup):
    ChatQueue.objects.update(hours={})
    page = answer(client, {"red-flags": ["none"], "concern": "family", "severity": "moderate"})
    assert "Perhekeskuksen chat on nyt suljettu." in page and "Pyydä soittoa" in page


@pytest.mark.django_db(transaction=True)
def test_chat_started_from_the_result_carries_the_assessment(client, setup):
    ChatQueue.objects.update(hours=ALWAYS)
    answer(client, {"red-flags": ["none"], "concern": "mental", "severity": "moderate"})
    result = Result.objects.get()
    client.post(reverse("chat:start", args=["mielenterveys"]), {"assessment": f"kiireetön: {result.rule}"})
    from luukku.chat.models import Conversation

    assert Conversation.objects.get().context == {"assessment": "kiireetön: mielenterveys ja päihteet"}


@pytest.mark.django_db(transaction=True)
def test_professional_assesses_a_client_by_phone(client, setup, django_user_model):
    client.force_login(django_user_model.objects.get(username="hoitaja.riikka"))
    bad = client.post(reverse("assessment:by_phone"), {"hetu": "123"})
    assert bad.status_code == 400
    started = client.post(reverse("assessment:by_phone"), {"hetu": BY_KEY["lempi"].hetu})
    response = Response.objects.get()
    assert response.person.hetu == BY_KEY["lempi"].hetu
    assert AccessLogEntry.objects.filter(subject=response.person, what="assessment").exists()
    page = client.post(
        started["Location"],
        {"red-flags": ["none"], "concern": "musculoskeletal", "severity": "moderate", "action": "submit"},
        follow=True,
    )
    assert "Kuntoutuksen chat" in page.content.decode()
    result = Result.objects.get()
    assert result.by_professional and result.made_by.username == "hoitaja.riikka"
