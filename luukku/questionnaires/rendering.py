"""Questionnaire items prepared for the template: text in the user's language, control type, current
values and the error, for the items that are shown with the current answers."""

from typing import Any

from . import engine
from .definitions.carepath_forms import EMERGENCY_CALL
from .fhirq import MAX_VALUE, MIN_VALUE, extension_value, localized, walk


def controlling_links(resource: dict) -> set[str]:
    """Questions whose answer shows or hides other items: a change to them re-renders the page."""
    return {c["question"] for node in walk(resource.get("item", [])) for c in node.get("enableWhen", [])}


def as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def stepper(pages: list[list[dict]], current: int, language: str) -> list[dict]:
    """The form's steps for the step indicator: a page made of one group is named by the group's text,
    any other page by its number; steps before `current` are done, `current` is the one shown."""
    steps = []
    for index, nodes in enumerate(pages):
        group = nodes[0] if len(nodes) == 1 and nodes[0]["type"] == "group" else None
        title = localized(group, "text", language) if group is not None else ""
        state = "done" if index < current else "current" if index == current else "todo"
        steps.append({"number": index + 1, "title": title, "state": state})
    return steps


def prepare(
    nodes: list[dict],
    resource: dict,
    values: dict[str, list[str]],
    errors: dict,
    language: str,
    shown: set[str],
) -> list[dict]:
    controlling = controlling_links(resource)
    prepared = []
    for node in nodes:
        link = node["linkId"]
        if link not in shown:
            continue
        current = [as_text(v) for v in values.get(link, [])]
        entry: dict[str, Any] = {
            "link": link,
            "kind": node["type"],
            "text": localized(node, "text", language),
            "required": node.get("required", False),
            "repeats": node.get("repeats", False),
            "error": str(errors[link]) if link in errors else "",
            "values": current,
            "controls": link in controlling,
            "id": f"q-{link}",
            "call": extension_value(node, EMERGENCY_CALL) if node["type"] == "display" else None,
        }
        if node["type"] in {"choice", "open-choice"}:
            codes = engine.option_codes(node)
            entry["options"] = [
                {
                    "code": option["valueCoding"]["code"],
                    "label": localized(option["valueCoding"], "display", language),
                    "checked": option["valueCoding"]["code"] in current,
                }
                for option in node.get("answerOption", [])
            ]
            entry["control"] = "checkbox" if node.get("repeats") else "radio"
            entry["other"] = (
                next((v for v in current if v not in codes), "") if node["type"] == "open-choice" else ""
            )
        elif node["type"] == "boolean":
            entry["control"] = "radio"
            entry["options"] = [
                {
                    "code": "true",
                    "label": engine.display_answer(node, True, language),
                    "checked": "true" in current,
                },
                {
                    "code": "false",
                    "label": engine.display_answer(node, False, language),
                    "checked": "false" in current,
                },
            ]
        elif node["type"] in {"integer", "decimal"}:
            entry["control"] = "number"
            entry["min"] = extension_value(node, MIN_VALUE)
            entry["max"] = extension_value(node, MAX_VALUE)
            entry["inputmode"] = "numeric" if node["type"] == "integer" else "decimal"
        elif node["type"] == "date":
            entry["control"] = "date"
        elif node["type"] == "text":
            entry["control"] = "textarea"
        elif node["type"] == "string":
            entry["control"] = "text"
            if node.get("repeats"):
                entry["rows"] = [*current, "", ""][: max(len(current) + 1, 2)]
        entry["max_length"] = node.get("maxLength")
        entry["children"] = prepare(node.get("item", []), resource, values, errors, language, shown)
        prepared.append(entry)
    return prepared


def summary(resource: dict, answers: engine.Answers, language: str) -> list[dict]:
    """Question and answer pairs in form order, for the resident's receipt and the professional."""
    shown = engine.enabled_items(resource, answers)
    rows = []
    for node in walk(resource.get("item", [])):
        if node["linkId"] not in shown:
            continue
        if node["type"] == "group":
            rows.append({"heading": localized(node, "text", language)})
        elif node["linkId"] in answers:
            rows.append(
                {
                    "question": localized(node, "text", language),
                    "answer": ", ".join(
                        engine.display_answer(node, v, language) for v in answers[node["linkId"]]
                    ),
                }
            )
    return rows
