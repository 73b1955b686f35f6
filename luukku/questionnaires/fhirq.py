"""Writing and reading FHIR R4 Questionnaire JSON: items, options with scores, translations.

Texts are Finnish in the element itself, with Swedish and English in the standard translation
extension on the primitive (`_text`, `_display`), so one definition serves all three languages.
"""

from typing import Any

TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"

Texts = tuple[str, str, str]  # fi, sv, en


def _translations(texts: Texts) -> dict:
    return {
        "extension": [
            {
                "url": TRANSLATION,
                "extension": [{"url": "lang", "valueCode": lang}, {"url": "content", "valueString": text}],
            }
            for lang, text in zip(("sv", "en"), texts[1:], strict=True)
        ]
    }


def text_fields(field: str, texts: Texts) -> dict:
    return {field: texts[0], f"_{field}": _translations(texts)}


def option(code: str, texts: Texts, score: float | None = None) -> dict:
    coding = {"system": "urn:luukku:answer", "code": code, **text_fields("display", texts)}
    result: dict[str, Any] = {"valueCoding": coding}
    if score is not None:
        result["extension"] = [{"url": ORDINAL, "valueDecimal": score}]
    return result


def item(
    link_id: str,
    kind: str,
    texts: Texts,
    *,
    required: bool = False,
    repeats: bool = False,
    options: list[dict] | None = None,
    items: list[dict] | None = None,
    enable_when: list[dict] | None = None,
    enable_behavior: str | None = None,
    max_length: int | None = None,
    min_value: float | None = None,
    max_value: float | None = None,
) -> dict:
    node: dict[str, Any] = {"linkId": link_id, "type": kind, **text_fields("text", texts)}
    if required:
        node["required"] = True
    if repeats:
        node["repeats"] = True
    if max_length:
        node["maxLength"] = max_length
    extensions = []
    value_type = "valueInteger" if kind == "integer" else "valueDecimal"
    if min_value is not None:
        extensions.append({"url": MIN_VALUE, value_type: min_value})
    if max_value is not None:
        extensions.append({"url": MAX_VALUE, value_type: max_value})
    if extensions:
        node["extension"] = extensions
    if options:
        node["answerOption"] = options
    if enable_when:
        node["enableWhen"] = enable_when
        if enable_behavior:
            node["enableBehavior"] = enable_behavior
    if items:
        node["item"] = items
    return node


def when(question: str, operator: str = "=", **answer: Any) -> dict:
    """enableWhen: when(question, '=', answerCoding={'code': 'x'}) or answerBoolean=True, ..."""
    return {"question": question, "operator": operator, **answer}


def questionnaire(
    key: str,
    version: int,
    titles: Texts,
    items: list[dict],
    description: Texts | None = None,
    subject: str = "Patient",
) -> dict:
    resource = {
        "resourceType": "Questionnaire",
        "id": f"{key}-{version}",
        "url": f"urn:luukku:questionnaire:{key}",
        "version": str(version),
        "name": key.replace("-", "_"),
        "status": "active",
        "subjectType": [subject],
        "language": "fi",
        **text_fields("title", titles),
        "item": items,
    }
    if description:
        resource.update(text_fields("description", description))
    return resource


# --- Reading --------------------------------------------------------------------------------------


def localized(node: dict, field: str, language: str) -> str:
    if language != "fi":
        for extension in node.get(f"_{field}", {}).get("extension", []):
            if extension.get("url") == TRANSLATION:
                parts = {e["url"]: e.get("valueCode") or e.get("valueString") for e in extension["extension"]}
                if parts.get("lang") == language:
                    return parts["content"]
    return node.get(field, "")


def extension_value(node: dict, url: str) -> Any:
    for extension in node.get("extension", []):
        if extension.get("url") == url:
            return next(v for k, v in extension.items() if k.startswith("value"))
    return None


def walk(items: list[dict]):
    for node in items:
        yield node
        yield from walk(node.get("item", []))
