"""Evaluating the care-need assessment with the active rule set and storing the recommendation."""

from collections.abc import Iterator
from itertools import combinations

from luukku.audit.services import record_event
from luukku.questionnaires import services as questionnaires
from luukku.questionnaires.engine import option_codes
from luukku.questionnaires.events import QuestionnaireAnswered
from luukku.questionnaires.fhirq import walk
from luukku.questionnaires.models import Response

from .definition import DEFAULT_RULES, KEY, assessment
from .models import Result, RuleSet

ROUTE_PREFIXES = ("chat:", "booking:", "crisis:")  # crisis:<queue> = 112 and the crisis line, then the chat
ROUTES = {"call_112", "self_care", "hyte"}
URGENCIES = {"emergency", "urgent", "non_urgent", "self_care"}
EMERGENCY_FLAGS = {"chest_pain", "breathing", "stroke"}
SELF_HARM_FLAG = "suicidal"
NO_FLAG = "none"
URGENT = {"emergency", "urgent"}
URGENT_ROUTE_KINDS = {
    "call_112",
    "chat",
    "crisis",
}  # somewhere a person answers now; never booking or self-care


class InvalidRules(ValueError):
    pass


def validate_rules(rules: list[dict]) -> None:
    """Refuse a rule set that could leave an answer without a recommendation or name an unknown route."""
    if not rules or not isinstance(rules, list):
        raise InvalidRules("the rule set is empty")
    for rule in rules:
        if rule.get("urgency") not in URGENCIES:
            raise InvalidRules(f"{rule.get('name')}: unknown urgency {rule.get('urgency')!r}")
        route = rule.get("route", "")
        if route not in ROUTES and not route.startswith(ROUTE_PREFIXES):
            raise InvalidRules(f"{rule.get('name')}: unknown route {route!r}")
        for condition in rule.get("when", []):
            if not condition.get("question") or not condition.get("any_of"):
                raise InvalidRules(f"{rule.get('name')}: a condition needs a question and any_of")
    if rules[-1].get("when"):
        raise InvalidRules("the last rule must match everything (no 'when')")
    for answers in every_answer():
        problem = unsafe(evaluate(rules, answers), answers)
        if problem:
            raise InvalidRules(f"unsafe for {answers}: {problem}")


def every_answer() -> Iterator[dict[str, list[str]]]:
    """Every combination of red flags (none, or any non-empty set of the real ones), concern and severity."""
    nodes = {node["linkId"]: node for node in walk(assessment()["item"])}
    flags = [code for code in option_codes(nodes["red-flags"]) if code != NO_FLAG]
    flag_sets = [[NO_FLAG]] + [list(c) for n in range(1, len(flags) + 1) for c in combinations(flags, n)]
    for flag_set in flag_sets:
        for concern in option_codes(nodes["concern"]):
            for severity in option_codes(nodes["severity"]):
                yield {"red-flags": flag_set, "concern": [concern], "severity": [severity]}


def unsafe(rule: dict, answers: dict) -> str:
    """Why the recommendation is unsafe for these answers ('' when it is safe).

    An emergency sign goes to 112; thoughts of self-harm get the crisis numbers; "severe or getting worse
    fast" is urgent for every concern; an urgent recommendation points to somewhere a person answers now.
    """
    flags = set(answers.get("red-flags", []))
    kind = rule["route"].partition(":")[0]
    if flags & EMERGENCY_FLAGS:
        return (
            ""
            if (rule["urgency"], rule["route"]) == ("emergency", "call_112")
            else "an emergency sign must call 112"
        )
    if SELF_HARM_FLAG in flags and (kind != "crisis" or rule["urgency"] not in URGENT):
        return "thoughts of self-harm must get the crisis numbers urgently"
    if "severe" in answers.get("severity", []) and rule["urgency"] not in URGENT:
        return "a severe or fast-worsening matter must be urgent"
    if rule["urgency"] in URGENT and kind not in URGENT_ROUTE_KINDS:
        return "an urgent recommendation must lead to 112, a crisis line or a chat"
    return ""


def publish(rules: list[dict] | None = None) -> RuleSet:
    """Store the rules as the active version (and the questionnaire as its current version)."""
    rules = rules if rules is not None else DEFAULT_RULES
    validate_rules(rules)
    questionnaires.publish(KEY, assessment(), "self_assessment", anonymous_allowed=True)
    current = RuleSet.objects.filter(active=True).first()
    if current and current.rules == rules:
        return current
    RuleSet.objects.filter(active=True).update(active=False)
    version = (RuleSet.objects.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    return RuleSet.objects.create(version=version, rules=rules)


def evaluate(rules: list[dict], answers: dict) -> dict:
    """The first rule whose every condition holds (a condition: an answer of `question` is in `any_of`)."""
    for rule in rules:
        if all(
            set(map(str, answers.get(c["question"], []))) & set(c["any_of"]) for c in rule.get("when", [])
        ):
            return rule
    raise InvalidRules("no rule matched")  # validate_rules guarantees a catch-all; this is a broken rule set


def record(response) -> Result:
    rule_set = RuleSet.objects.get(active=True)
    rule = evaluate(rule_set.rules, response.answers)
    by_professional = bool(response.author and getattr(response.author, "resident", None) is None)
    result = Result.objects.create(
        response=response,
        person=response.person,
        rule_set=rule_set,
        rule=rule["name"],
        urgency=rule["urgency"],
        route=rule["route"],
        made_by=response.author,
        by_professional=by_professional,
    )
    record_event(
        "assessment.made",
        subject=response.person,
        urgency=result.urgency,
        route=result.route,
        by_professional=by_professional,
        # the phone assessment (/ammattilainen/hoidon-tarve/) is filled in by a professional on the phone
        channel="phone" if by_professional else "web",
    )
    return result


def on_questionnaire_answered(event: QuestionnaireAnswered) -> None:
    response = Response.objects.select_related("definition", "person").get(pk=event.response_id)
    if response.definition.key == KEY:
        record(response)
