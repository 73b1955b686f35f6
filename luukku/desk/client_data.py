"""What the desk tells the access policy: named responsible workers and work addressed to a unit are
care relationships; its events belong to the sector of the unit they happened in."""

from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from luukku.access.categories import Category
from luukku.access.policy import category_of_unit, work_roles
from luukku.access.registry import CareRelationship
from luukku.identity.models import OrgUnit, Resident
from luukku.identity.services import units_below

from .models import ClientChainStep, ResponsibleWorker, WorkItem

RESPONSIBLE_LABEL = _("the client's named responsible worker")
WORK_ITEM_LABEL = _("work addressed to the professional's unit")
CHAIN_LABEL = _("the next step of the client's service chain")


def named_worker(user: AbstractBaseUser, client: Resident) -> Iterator[CareRelationship]:
    if ResponsibleWorker.objects.filter(client=client, professional__user=user).exists():
        yield CareRelationship("responsible_worker")


def open_work(user: AbstractBaseUser, client: Resident) -> Iterator[CareRelationship]:
    """Open work about the client in the queue of one of the professional's units (or a unit below)."""
    roles = work_roles(user)
    if not roles:
        return
    units = units_below([r.unit for r in roles])
    for item in WorkItem.objects.open().filter(client=client, unit__in=units).select_related("unit"):
        opens = {Category.BASIC}
        if item.kind != WorkItem.Kind.CALL_BACK:  # a call-back request carries a name and a phone only
            opens.add(category_of_unit(item.unit))
        yield CareRelationship("work_item", item.unit, categories=frozenset(opens))


def service_chain(user: AbstractBaseUser, client: Resident) -> Iterator[CareRelationship]:
    """The named owner of the next step of an open service chain. A step owned only by a role (say,
    any nurse of primary care) opens nothing: the county's every nurse is not the client's carer."""
    steps = (
        ClientChainStep.objects.filter(chain__client=client, done_at__isnull=True)
        .select_related("owner", "owner_unit")
        .order_by("chain_id", "order")
    )
    seen: set[int] = set()
    for step in steps:
        if step.chain_id in seen:
            continue  # only the next step of each chain makes a relationship
        seen.add(step.chain_id)
        if step.owner is not None and step.owner.user_id == user.pk:
            yield CareRelationship("service_chain", step.owner_unit)


def event_scope(data: dict) -> tuple[str, str]:
    if "maturity" in data:
        return Category.CONFIDENTIAL_MINOR, data["maturity"]
    if data.get("kind") == WorkItem.Kind.CALL_BACK:
        return Category.BASIC, ""
    if "chain" in data:
        return Category.HEALTH, f"chain:{data['chain']}"
    unit = OrgUnit.objects.filter(code=data.get("unit", "")).first()
    return (category_of_unit(unit) if unit else Category.BASIC), ""
