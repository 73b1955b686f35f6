from django.db import transaction
from django.tasks import task
from django.utils import timezone


@task()
def escalate_item(item_id: int) -> str:
    """Nothing addressed to a unit falls through: an item still open at its due time is escalated to the
    unit's managers with urgent priority."""
    from django.utils.translation import gettext as _

    from luukku.audit.services import record_event

    from .models import WorkItem, WorkItemHistory

    with transaction.atomic():
        item = (
            WorkItem.objects.open().select_for_update().filter(pk=item_id, escalated_at__isnull=True).first()
        )
        if item is None or item.due_at is None or item.due_at > timezone.now():
            return "skipped"
        item.escalated_at = timezone.now()
        item.priority = WorkItem.Priority.URGENT
        item.save(update_fields=["escalated_at", "priority"])
        WorkItemHistory.objects.create(
            item=item, change=_("Escalated to the unit's managers: the due time passed")
        )
        record_event("desk.item_escalated", subject=item.client, kind=item.kind, unit=item.unit.code)
    return "escalated"
