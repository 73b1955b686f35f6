"""Questionnaires as FHIR R4: stored definitions are Questionnaire resources already; responses map to
QuestionnaireResponse with the questionnaire's canonical URL and version."""

from django.utils import timezone
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from luukku.questionnaires.engine import response_items
from luukku.questionnaires.models import Definition, Response

STATUS = {Response.Status.IN_PROGRESS: "in-progress", Response.Status.COMPLETED: "completed"}


def questionnaire(definition: Definition) -> Questionnaire:
    """The stored resource; a version that is no longer current is retired."""
    return Questionnaire.model_validate(
        {**definition.resource, "id": f"{definition.key}-{definition.version}", "status": status(definition)}
    )


def status(definition: Definition) -> str:
    return "active" if definition.current else "retired"


def questionnaire_response(response: Response) -> QuestionnaireResponse:
    resource = response.definition.resource
    data = {
        "resourceType": "QuestionnaireResponse",
        "id": str(response.public_id),
        "questionnaire": f"{resource['url']}|{resource['version']}",
        "status": STATUS[response.status],
        "authored": timezone.localtime(response.completed_at or response.updated_at).isoformat(),
        "item": response_items(resource, response.answers),
    }
    if response.person is not None:
        data["subject"] = {
            "reference": f"Patient/{response.person.public_id}",
            "display": response.person.full_name,
        }
    if not data["item"]:
        del data["item"]
    return QuestionnaireResponse.model_validate(data)
