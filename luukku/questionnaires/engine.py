"""The questionnaire engine: typed answers from form input, enableWhen, validation, and conversion to a
FHIR QuestionnaireResponse. Answers are kept as {linkId: [value, ...]} with JSON-friendly values
(codes and text as str, numbers, dates as ISO strings, booleans)."""

import datetime as dt
import math
import operator
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from luukku.web.validation import check_date, has_control_characters

from .fhirq import MAX_VALUE, MIN_VALUE, ORDINAL, extension_value, localized, walk

Answers = dict[str, list[Any]]
ANSWERABLE = {"boolean", "choice", "open-choice", "integer", "decimal", "date", "string", "text"}
MESSAGES = {
    "required": _("Answer this question."),
    "integer": _("Enter a whole number, for example 12."),
    "decimal": _("Enter a number, for example 72,5."),
    "date": _("Enter a date as day, month and year."),
    "choice": _("Choose one of the options."),
    "control_characters": _("Remove the control characters (such as NUL) from the answer."),
    "boolean": _("Choose yes or no."),
    "too_long": _("The answer is too long: at most %(limit)s characters."),
    "too_small": _("The smallest accepted value is %(limit)s."),
    "too_large": _("The largest accepted value is %(limit)s."),
}


class ItemError:
    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params

    def __str__(self) -> str:
        message = str(MESSAGES[self.code])
        return message % self.params if self.params else message

    def __repr__(self) -> str:
        return f"ItemError({self.code!r})"


def answerable(resource: dict) -> list[dict]:
    return [node for node in walk(resource.get("item", [])) if node["type"] in ANSWERABLE]


def option_codes(node: dict) -> list[str]:
    return [o["valueCoding"]["code"] for o in node.get("answerOption", []) if "valueCoding" in o]


def option_score(node: dict, code: str) -> float | None:
    for option in node.get("answerOption", []):
        if option.get("valueCoding", {}).get("code") == code:
            return extension_value(option, ORDINAL)
    return None


_INTEGER = re.compile(r"[-+]?[0-9]{1,18}")


def _parse(node: dict, text: str) -> Any:
    """The typed value of one answer; ValueError(code) when the text is not one."""
    kind = node["type"]
    if has_control_characters(text, multiline=kind == "text"):
        raise ValueError("control_characters")
    if kind == "boolean":
        if text not in {"true", "false"}:
            raise ValueError("boolean")
        return text == "true"
    if kind == "integer":
        digits = text.replace(" ", "")
        if not _INTEGER.fullmatch(digits):  # ASCII digits within 64 bits, as JSON and the database hold
            raise ValueError("integer")
        return int(digits)
    if kind == "decimal":
        try:
            number = float(Decimal(text.replace(" ", "").replace(",", ".")))
        except (InvalidOperation, OverflowError, ValueError):  # ValueError: sNaN
            raise ValueError("decimal") from None
        if not math.isfinite(number):  # NaN and infinities are not JSON
            raise ValueError("decimal")
        return number
    if kind == "date":
        try:
            day = check_date(dt.date.fromisoformat(text))
        except (ValueError, ValidationError):
            raise ValueError("date") from None
        return day.isoformat()
    if kind == "choice" and text not in option_codes(node):
        raise ValueError("choice")
    return text


def _check_limits(node: dict, value: Any) -> ItemError | None:
    if (
        node["type"] in {"string", "text", "open-choice"}
        and node.get("maxLength")
        and len(value) > node["maxLength"]
    ):
        return ItemError("too_long", limit=node["maxLength"])
    if node["type"] in {"integer", "decimal"}:
        low, high = extension_value(node, MIN_VALUE), extension_value(node, MAX_VALUE)
        if low is not None and value < low:
            return ItemError("too_small", limit=low)
        if high is not None and value > high:
            return ItemError("too_large", limit=high)
    return None


_COMPARE = {
    "=": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
}


def _expected(condition: dict) -> Any:
    for key, value in condition.items():
        if key.startswith("answer"):
            return value["code"] if key == "answerCoding" else value
    raise ValueError("enableWhen without an answer")


def _holds(condition: dict, answers: Answers) -> bool:
    values = answers.get(condition["question"], [])
    if condition["operator"] == "exists":
        return bool(values) == condition["answerBoolean"]
    expected = _expected(condition)
    compare = _COMPARE[condition["operator"]]
    try:
        return any(compare(value, expected) for value in values)
    except TypeError:
        return False


def _shown_for(resource: dict, answers: Answers) -> set[str]:
    shown: set[str] = set()

    def visit(nodes: list[dict], parent_shown: bool) -> None:
        for node in nodes:
            results = [_holds(c, answers) for c in node.get("enableWhen", [])]
            own = not results or (
                all(results) if node.get("enableBehavior", "all") == "all" else any(results)
            )
            if parent_shown and own:
                shown.add(node["linkId"])
            visit(node.get("item", []), parent_shown and own)

    visit(resource.get("item", []), True)
    return shown


def enabled_items(resource: dict, answers: Answers) -> set[str]:
    """linkIds of the items shown for these answers; an item is shown only if its parent is.

    Answers to hidden items do not count, so the evaluation repeats until nothing changes.
    """
    effective = dict(answers)
    shown = _shown_for(resource, effective)
    for _round in range(10):
        narrowed = {k: v for k, v in answers.items() if k in shown}
        if narrowed == effective:
            break
        effective = narrowed
        shown = _shown_for(resource, effective)
    return shown


def clean(
    resource: dict,
    raw: dict[str, list[str]],
    required_in: set[str] | None = None,
    check_required: bool = True,
) -> tuple[Answers, dict[str, ItemError]]:
    """Parse form input into typed answers; errors by linkId. Required is checked for enabled items
    (within `required_in`, if given) unless `check_required` is off (save and continue later)."""
    answers: Answers = {}
    errors: dict[str, ItemError] = {}
    for node in answerable(resource):
        values = [v.strip() for v in raw.get(node["linkId"], []) if v and v.strip()]
        if not node.get("repeats"):
            values = values[:1]
        parsed = []
        for text in values:
            try:
                value = _parse(node, text)
            except ValueError as error:
                errors[node["linkId"]] = ItemError(str(error))
                break
            problem = _check_limits(node, value)
            if problem:
                errors[node["linkId"]] = problem
                break
            parsed.append(value)
        if parsed:
            answers[node["linkId"]] = parsed
    shown = enabled_items(resource, answers)
    answers = {k: v for k, v in answers.items() if k in shown}
    errors = {k: v for k, v in errors.items() if k in shown}
    if check_required:
        for node in answerable(resource):
            link = node["linkId"]
            if (
                node.get("required")
                and link in shown
                and link not in answers
                and link not in errors
                and (required_in is None or link in required_in)
            ):
                errors[link] = ItemError("required")
    return answers, errors


def display_answer(node: dict, value: Any, language: str) -> str:
    if node["type"] in {"choice", "open-choice"}:
        for option in node.get("answerOption", []):
            coding = option.get("valueCoding", {})
            if coding.get("code") == value:
                return localized(coding, "display", language)
    if node["type"] == "boolean":
        return str(_("yes") if value else _("no"))
    if node["type"] == "decimal":
        return f"{value:g}".replace(".", ",") if language == "fi" or language == "sv" else f"{value:g}"
    return str(value)


def _fhir_value(node: dict, value: Any) -> dict:
    kind = node["type"]
    if kind in {"choice", "open-choice"} and value in option_codes(node):
        option = next(o for o in node["answerOption"] if o.get("valueCoding", {}).get("code") == value)
        return {"valueCoding": {k: v for k, v in option["valueCoding"].items() if not k.startswith("_")}}
    return {
        "boolean": {"valueBoolean": value},
        "integer": {"valueInteger": value},
        "decimal": {"valueDecimal": value},
        "date": {"valueDate": value},
    }.get(kind, {"valueString": str(value)})


def response_items(resource: dict, answers: Answers) -> list[dict]:
    """The answers as QuestionnaireResponse.item, mirroring the questionnaire's groups."""
    shown = enabled_items(resource, answers)

    def build(nodes: list[dict]) -> list[dict]:
        result = []
        for node in nodes:
            if node["linkId"] not in shown or node["type"] == "display":
                continue
            entry: dict[str, Any] = {"linkId": node["linkId"], "text": node.get("text", "")}
            if node["type"] == "group":
                children = build(node.get("item", []))
                if children:
                    entry["item"] = children
                    result.append(entry)
            elif node["linkId"] in answers:
                entry["answer"] = [_fhir_value(node, v) for v in answers[node["linkId"]]]
                result.append(entry)
        return result

    return build(resource.get("item", []))
