"""What the recommendation page shows: the route, the chat if it is open, the emergency and crisis numbers,
and, for a professional's phone assessment, the answers that led to the recommendation."""

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from luukku.chat import services as chat
from luukku.chat.models import ChatQueue
from luukku.questionnaires import engine, rendering
from luukku.questionnaires.fhirq import localized, walk

from . import recommendations
from .models import Result
from .services import SELF_HARM_FLAG, URGENT, evaluate


@dataclass(frozen=True)
class PhoneNumber:
    shown: str
    dial: str  # for the tel: link

    @property
    def href(self) -> str:
        return f"tel:{self.dial}"


EMERGENCY = PhoneNumber("112", "112")
ON_CALL = PhoneNumber("116 117", "116117")  # Päivystysapu, the health on-call advice line, around the clock
CRISIS_LINE = PhoneNumber("09 2525 0111", "+358925250111")  # MIELI ry's Kriisipuhelin in Finnish, 24/7
CRISIS_LINE_SV = PhoneNumber("09 2525 0112", "+358925250112")  # in Swedish at set times
CRISIS_LINE_EN = PhoneNumber("09 2525 0116", "+358925250116")  # in English at set times


def deciding_answers(resource: dict, rule: dict, answers: dict, language: str) -> list[dict]:
    """The questions and answers that made this rule match (none for the catch-all rule)."""
    nodes = {node["linkId"]: node for node in walk(resource.get("item", []))}
    rows = []
    for condition in rule.get("when", []):
        node = nodes.get(condition["question"])
        if node is None:
            continue
        shown = [v for v in answers.get(condition["question"], []) if str(v) in condition["any_of"]]
        rows.append(
            {
                "question": localized(node, "text", language),
                "answer": ", ".join(engine.display_answer(node, v, language) for v in shown),
            }
        )
    return rows


def result_context(outcome: Result, response, language: str | None = None) -> dict:
    language = (language or get_language() or "fi")[:2]
    kind, _sep, target = outcome.route.partition(":")
    answers = response.answers
    context: dict = {
        "result": outcome,
        "response": response,
        "kind": kind,
        "urgent": outcome.urgency in URGENT,
        "crisis": kind == "crisis" or SELF_HARM_FLAG in answers.get("red-flags", []),
        "emergency_number": EMERGENCY,
        "on_call": ON_CALL,
        "crisis_line": CRISIS_LINE,
        "crisis_line_sv": CRISIS_LINE_SV,
        "crisis_line_en": CRISIS_LINE_EN,
    }
    if kind in {"chat", "crisis"}:
        wanted = ChatQueue.objects.filter(code=target).first()
        queue = chat.open_queue(wanted) if wanted else None
        context.update(
            wanted=wanted, queue=queue, opens=chat.next_opening(wanted) if wanted and not queue else None
        )
    elif kind == "booking":
        context["service_code"] = target
    elif kind in {"hyte", "self_care"}:
        person = getattr(response, "person", None)
        context["service_links"] = recommendations.links(kind, getattr(person, "municipality_code", "") or "")
    if outcome.by_professional:
        rule = next((r for r in outcome.rule_set.rules if r["name"] == outcome.rule), None)
        rule = rule or evaluate(outcome.rule_set.rules, answers)
        resource = response.definition.resource
        context["rows"] = rendering.summary(resource, answers, language)
        context["deciding"] = deciding_answers(resource, rule, answers, language)
    return context


def shared_with_chat(request, public_id: str) -> dict | None:
    """The assessment's answers for the nurse of the chat the resident starts from the result page
    (chat.shared): only the resident's own or this browser's assessment, in the resident's language."""
    from luukku.identity.services import is_uuid
    from luukku.questionnaires.views import own_response

    if not is_uuid(public_id):
        return None
    response = own_response(request, public_id)  # PermissionDenied / 404 for anyone else's
    outcome = Result.objects.filter(response=response).first()
    if outcome is None:
        return None
    language = (get_language() or "fi")[:2]
    rows = [{"question": str(_("Urgency")), "answer": str(outcome.get_urgency_display())}]
    rows += rendering.summary(response.definition.resource, response.answers, language)
    return {"title": str(_("Care-need assessment")), "rows": rows}
