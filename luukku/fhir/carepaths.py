"""A client's care path as a FHIR R4 CarePlan: one activity per task."""

from django.utils import timezone
from fhir.resources.R4B.careplan import CarePlan

from luukku.carepaths.models import ClientPath, ClientTask, TaskKind

ACTIVITY_STATUS = {
    ClientTask.Status.OPEN: "not-started",
    ClientTask.Status.DONE: "completed",
    ClientTask.Status.REMOVED: "cancelled",
}
ACTIVITY_KIND = {
    TaskKind.BOOKING: "Appointment",
    TaskKind.QUESTIONNAIRE: "Task",
    TaskKind.MEASUREMENT: "Task",
    TaskKind.READ: "CommunicationRequest",
}


def care_plan(path: ClientPath) -> CarePlan:
    activities = []
    for task in path.tasks.select_related("template_task"):
        detail = {
            "kind": ACTIVITY_KIND[task.kind],
            "status": ACTIVITY_STATUS[task.status],
            "code": {
                "coding": [{"system": "urn:luukku:carepath-task", "code": task.kind}],
                "text": task.display_title,
            },
            "description": task.display_instructions or task.display_title,
        }
        if task.due_at:
            detail["scheduledString"] = timezone.localtime(task.due_at).date().isoformat()
        activities.append({"detail": detail})
    data = {
        "resourceType": "CarePlan",
        "id": str(path.public_id),
        "status": "active" if path.status == ClientPath.Status.ACTIVE else "completed",
        "intent": "plan",
        "title": path.template.name,
        "description": path.get_phase_display(),
        "category": [
            {
                "coding": [{"system": "urn:luukku:carepath", "code": path.template.code}],
                "text": path.template.name,
            }
        ],
        "subject": {"reference": f"Patient/{path.person.public_id}", "display": path.person.full_name},
        "period": {"start": timezone.localtime(path.started_at).isoformat()},
        "created": path.started_at.isoformat(),
        "careTeam": [{"display": path.team.name}],
        "activity": activities,
    }
    if path.ended_at:
        data["period"]["end"] = timezone.localtime(path.ended_at).isoformat()
    return CarePlan.model_validate(data)
