"""Evaluating the care-need assessment with the active rule set and storing the recommendation."""

from luukku.audit.services import record_event
from luukku.questionnaires import services as questionnaires

from .definition import DEFAULT_RULES, KEY, assessment
from .models import Result, RuleSet

ROUTE_PREFIXES = ("chat:", "booking:")
ROUTES = {"call_112", "self_care", "hyte"}
URGENCIES = {"emergency", "urgent", "non_urgent", "self_care"}


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
    )
    return result


def on_questionnaire_answered(sender, response, **kwargs) -> None:
    if response.definition.key == KEY:
        record(response)
