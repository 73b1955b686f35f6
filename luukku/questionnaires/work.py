"""Sent notifications become work in the receiving unit's queue (desk), and leave it when handled."""

from django.urls import reverse

from luukku.desk import services as desk
from luukku.desk.models import WorkItem
from luukku.desk.registry import WorkSource, register_work_source, register_work_titles
from luukku.identity.services import user_by_pk
from luukku.web import events

from .events import QuestionnaireAnswered, ResponseHandled
from .models import Response
from .services import mark_handled

# Notifications where a child's or an older person's safety may be at stake: urgency must be assessed
# without delay (Child Welfare Act 417/2007 § 26; Act 980/2012 § 25-26).
URGENT_NOTIFICATIONS = {"lastensuojeluilmoitus", "huoli-iakkaasta"}
IMMEDIATE_DANGER = "immediate-danger"


def priority_of(response: Response) -> int:
    if response.answers.get(IMMEDIATE_DANGER) == ["yes"]:
        return WorkItem.Priority.URGENT
    if response.definition.key in URGENT_NOTIFICATIONS:
        return WorkItem.Priority.HIGH
    return WorkItem.Priority.NORMAL


def on_answered(event: QuestionnaireAnswered) -> None:
    response = Response.objects.select_related("definition", "person", "recipient_unit").get(
        pk=event.response_id
    )
    if response.recipient_unit is None:
        return
    desk.submit(
        WorkItem.Kind.NOTIFICATION,
        f"response:{response.public_id}",
        response.recipient_unit,
        response.definition.title,
        reverse("questionnaires:professional_response", args=[response.public_id]),
        client=response.person,
        priority=priority_of(response),
    )


def on_handled(event: ResponseHandled) -> None:
    response = Response.objects.get(pk=event.response_id)
    desk.close_source(f"response:{response.public_id}", user_by_pk(event.user_id))


def close_at_origin(public_id: str, user) -> None:
    response = Response.objects.select_related("definition", "person").filter(public_id=public_id).first()
    if response is not None:
        mark_handled(response, user, announce=False)


def titles(items: list[WorkItem]) -> dict[int, str]:
    """A notification's queue title is the form's title in the reader's language."""
    by_id = {item.source.partition(":")[2]: item.pk for item in items}
    sent = Response.objects.select_related("definition").filter(
        public_id__in=by_id, recipient_unit__isnull=False
    )
    return {by_id[str(response.public_id)]: response.definition.title for response in sent}


def connect() -> None:
    events.subscribe(QuestionnaireAnswered, "questionnaires.work", on_answered)
    events.subscribe(ResponseHandled, "questionnaires.work", on_handled)
    register_work_source(WorkSource("response", close_at_origin))
    register_work_titles("response", titles)
