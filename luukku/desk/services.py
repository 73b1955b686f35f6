"""The work queue, client 360 and service chains. Other apps' work arrives through `receivers.py`."""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luukku.access.categories import Action, Category
from luukku.access.policy import (
    AccessDenied,
    category_of_unit,
    decide,
    refused,
    require,
    sector_of,
    work_roles,
)
from luukku.access.registry import event_scope, service_event_category
from luukku.access.services import find_client
from luukku.audit.models import Event, Purpose
from luukku.audit.services import record_event
from luukku.identity.models import (
    CLIENT_WORK_ROLES,
    MaturityAssessment,
    OrgUnit,
    Professional,
    Resident,
    Role,
    RoleAssignment,
)
from luukku.identity.rules import CHILD_AGE_LIMIT, MAJORITY_AGE
from luukku.identity.services import units_below
from luukku.registry.adapters import population_register
from luukku.web import throttle

from . import registry
from .models import ChainTemplate, ClientChain, ClientChainStep, ResponsibleWorker, WorkItem, WorkItemHistory
from .tasks import escalate_item

ITEM_CREATED = "desk.item_created"
ITEM_LINKED = "desk.item_linked"  # work that arrived without a client (an anonymous call-back) linked to one

DEFAULT_DUE = {
    WorkItem.Kind.NOTIFICATION: dt.timedelta(days=1),  # urgency must be assessed without delay
    WorkItem.Kind.CARE_PATH: dt.timedelta(days=2),
    WorkItem.Kind.FORM_REVIEW: dt.timedelta(days=2),
    WorkItem.Kind.CALL_BACK: dt.timedelta(hours=4),
    WorkItem.Kind.CHAT: dt.timedelta(minutes=30),
    WorkItem.Kind.MESSAGE: dt.timedelta(days=2),  # a secure message is answered within two working days
    WorkItem.Kind.FEEDBACK: dt.timedelta(days=14),  # feedback passes its own due time (feedback.services)
    WorkItem.Kind.APPLICATION: dt.timedelta(days=7),  # applications pass their statutory due time
}


def _history(item: WorkItem, actor: AbstractBaseUser | None, change: str) -> None:
    WorkItemHistory.objects.create(
        item=item, actor=actor if actor and actor.is_authenticated else None, change=change
    )


def submit(
    kind: str,
    source: str,
    unit: OrgUnit,
    title: str,
    link: str = "",
    client: Resident | None = None,
    priority: int = WorkItem.Priority.NORMAL,
    due_at: dt.datetime | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    note: str = "",
) -> WorkItem:
    """Put work in a unit's queue; the same open source is never queued twice. Escalates when overdue."""
    now = timezone.now()
    due_at = due_at or now + DEFAULT_DUE[kind]
    try:
        with transaction.atomic():
            item = WorkItem.objects.create(
                created_at=now,
                kind=kind,
                source=source,
                unit=unit,
                title=title[:300],
                link=link,
                client=client,
                priority=priority,
                due_at=due_at,
                contact_name=contact_name,
                contact_phone=contact_phone,
                note=note,
            )
    except IntegrityError:
        return WorkItem.objects.open().get(source=source)
    _history(item, None, _("Arrived in the queue of %(unit)s") % {"unit": unit.name})
    record_event(ITEM_CREATED, subject=client, kind=kind, unit=unit.code)
    transaction.on_commit(lambda: escalate_item.using(run_after=due_at).enqueue(item.pk))
    return item


# Call-back requests need no identification: per client address (anonymous callers) and per phone
# number, so a script cannot flood a unit's queue nor make it call one number over and over.
CALL_BACKS_PER_ADDRESS = throttle.Limit("desk.call_back.address", 5, dt.timedelta(minutes=10))
CALL_BACKS_PER_NUMBER = throttle.Limit("desk.call_back.number", 3, dt.timedelta(hours=1))


def request_call_back(
    unit: OrgUnit, topic: str, name: str, phone: str, client: Resident | None = None, address: str = ""
) -> WorkItem:
    """A call-back request into the unit's queue; raises throttle.Throttled when the caller's address
    (callers not signed in) or the number has asked too often, with the minutes to wait."""
    if client is None and address:
        throttle.hit(CALL_BACKS_PER_ADDRESS, address)
    throttle.hit(CALL_BACKS_PER_NUMBER, phone)
    return submit(
        WorkItem.Kind.CALL_BACK,
        f"callback:{secrets.token_hex(8)}",
        unit,
        _("Call back: %(topic)s") % {"topic": topic[:120]},
        client=client,
        contact_name=name,
        contact_phone=phone,
        note=topic,
    )


def latest_call_back_phone(client: Resident) -> tuple | None:
    """(when, number) of the phone number the client last left with work for a unit (a call-back)."""
    return (
        client.work_items.exclude(contact_phone="")
        .order_by("-created_at")
        .values_list("created_at", "contact_phone")
        .first()
    )


def call_back_titles(items: list[WorkItem]) -> dict[int, str]:
    """Call-back requests' titles in the reader's language, from the topic the caller wrote."""
    return {item.pk: _("Call back: %(topic)s") % {"topic": item.note[:120]} for item in items}


def close_source(source: str, actor: AbstractBaseUser | None) -> None:
    """The work was done where it came from: close the queue item too."""
    for item in WorkItem.objects.open().filter(source=source):
        _set_done(item, actor, propagate=False)


def _may_work_on(user: AbstractBaseUser, item: WorkItem) -> bool:
    """Work addressed to a unit is for its client-work professionals (not auditors, not administrators)."""
    return item.unit_id in units_below([r.unit for r in work_roles(user)])


def category_of_item(item: WorkItem) -> str:
    """A call-back request carries a name and a phone number; other work is data of the unit's sector."""
    return Category.BASIC if item.kind == WorkItem.Kind.CALL_BACK else category_of_unit(item.unit)


def open_item(user: AbstractBaseUser, item: WorkItem) -> None:
    """Opening an item about a known client is a read of the client's data: decided and logged,
    refusals too."""
    if not _may_work_on(user, item):
        reason = _("This work belongs to another unit.")
        if item.client is not None:
            refused(
                user, item.client, category_of_item(item), what="work_item", basis="other_unit", reason=reason
            )
        raise AccessDenied(reason)
    if item.client is not None:
        require(user, item.client, category_of_item(item), what="work_item", purpose=_purpose(item))


def _purpose(item: WorkItem) -> str:
    return Purpose.SOCIAL_WORK if item.kind == WorkItem.Kind.NOTIFICATION else Purpose.CARE


def _require(user: AbstractBaseUser, item: WorkItem) -> None:
    if not _may_work_on(user, item):
        raise PermissionDenied(_("This work belongs to another unit."))


def queue(user: AbstractBaseUser, view: str = "unit") -> QuerySet[WorkItem]:
    roles = work_roles(user)
    items = WorkItem.objects.open().select_related("client", "assignee", "unit")
    if view == "mine":
        return items.filter(assignee=user)
    if view == "escalated":
        managed = [r.unit for r in roles if r.role == Role.UNIT_MANAGER]
        return items.filter(escalated_at__isnull=False, unit__in=units_below(managed))
    return items.filter(unit__in=units_below([r.unit for r in roles]))


def colleagues(item: WorkItem) -> QuerySet:
    """People who may take over the item: a role in force in the item's unit or above it."""
    from django.contrib.auth import get_user_model

    units = [u.pk for u in item.unit.ancestors_and_self()]
    user_ids = RoleAssignment.objects.filter(
        RoleAssignment.in_force(timezone.localdate()), unit__in=units, role__in=CLIENT_WORK_ROLES
    ).values_list("professional__user_id", flat=True)
    return get_user_model().objects.filter(pk__in=user_ids).order_by("last_name", "first_name")


def claim(item: WorkItem, user: AbstractBaseUser) -> None:
    _require(user, item)
    WorkItem.objects.filter(pk=item.pk).update(assignee=user, status=WorkItem.Status.IN_PROGRESS)
    _history(item, user, _("Claimed by %(name)s") % {"name": user.get_full_name()})
    record_event("desk.item_claimed", subject=item.client, actor=user, kind=item.kind)


def assign(item: WorkItem, to: AbstractBaseUser, by: AbstractBaseUser) -> None:
    """Delegate to a colleague who works in the item's unit."""
    _require(by, item)
    if not colleagues(item).filter(pk=to.pk).exists():
        raise PermissionDenied(_("%(name)s does not work in this unit.") % {"name": to.get_full_name()})
    WorkItem.objects.filter(pk=item.pk).update(assignee=to, status=WorkItem.Status.IN_PROGRESS)
    _history(item, by, _("Delegated to %(name)s") % {"name": to.get_full_name()})


def set_status(item: WorkItem, status: str, user: AbstractBaseUser) -> None:
    _require(user, item)
    if status == WorkItem.Status.DONE:
        _set_done(item, user, propagate=True)
        return
    WorkItem.objects.filter(pk=item.pk).update(status=status)
    _history(item, user, _("Status: %(status)s") % {"status": WorkItem.Status(status).label})


def _set_done(item: WorkItem, actor: AbstractBaseUser | None, propagate: bool) -> None:
    WorkItem.objects.filter(pk=item.pk).update(status=WorkItem.Status.DONE, done_at=timezone.now())
    _history(item, actor, _("Done"))
    record_event(
        "desk.item_done",
        subject=item.client,
        actor=actor if actor and actor.is_authenticated else None,
        kind=item.kind,
    )
    prefix, _sep, source_id = item.source.partition(":")
    source = registry.work_source(prefix) if propagate else None
    if source is not None:
        source.close(source_id, actor)


def set_priority(item: WorkItem, priority: int, user: AbstractBaseUser) -> None:
    _require(user, item)
    WorkItem.objects.filter(pk=item.pk).update(priority=priority)
    _history(item, user, _("Priority: %(priority)s") % {"priority": WorkItem.Priority(priority).label})


def others_handling(items: list[WorkItem], user: AbstractBaseUser) -> dict[int, list[WorkItem]]:
    """For each item, the other open items about the same client and who handles them - those of the
    other sector only when the reader may see that sector's data of the client."""
    clients = {i.client_id for i in items if i.client_id}
    open_items = list(
        WorkItem.objects.open().filter(client__in=clients).select_related("assignee", "unit", "client")
    )
    seen: dict[tuple[int, str], bool] = {}

    def visible(other: WorkItem) -> bool:
        key = (other.client_id, category_of_item(other))
        if key not in seen:
            seen[key] = decide(user, other.client, key[1], what="listing", log=False).allowed
        return seen[key]

    return {
        i.pk: [o for o in open_items if o.client_id == i.client_id and o.pk != i.pk and visible(o)]
        for i in items
    }


def link_client(item: WorkItem, user: AbstractBaseUser, hetu: str) -> Resident:
    """Identify the client an anonymous notification concerns; the look-up is access-logged."""
    _require(user, item)
    client = find_client(user, hetu, _purpose(item))
    require(
        user, client, category_of_item(item), what="notification", action=Action.WRITE, purpose=_purpose(item)
    )
    WorkItem.objects.filter(pk=item.pk).update(client=client)
    item.client = client
    _history(item, user, _("Linked to the client"))
    record_event(ITEM_LINKED, subject=client, actor=user, kind=item.kind, unit=item.unit.code)
    return client


# --- Client 360 -------------------------------------------------------------------------------------


def segment(client: Resident) -> list[str]:
    age = client.age()
    groups = [
        _("Children and young people") if age < 18 else _("Working-age") if age < 65 else _("Older people")
    ]
    year_ago = timezone.now() - dt.timedelta(days=365)
    uses = Event.objects.filter(
        subject=client,
        at__gte=year_ago,
        kind__in=[*registry.service_use_kinds(), ITEM_CREATED],
    ).count()
    if uses >= 8:
        groups.append(_("Uses many services"))
    return groups


@dataclass
class Client360:
    client: Resident
    role: RoleAssignment
    sector: str
    sees_health: bool
    sees_social: bool
    record: object = None
    guardians: list = field(default_factory=list)
    children: list = field(default_factory=list)
    segment: list = field(default_factory=list)
    workers: list = field(default_factory=list)
    timeline: list = field(default_factory=list)
    sections: list = field(
        default_factory=list
    )  # {"section": ClientSection, "items": [...]} the reader may see
    chains: list = field(default_factory=list)
    minor_decisions: list | None = None  # None: not a 12-17-year-old

    def items(self, key: str) -> list | None:
        """The items of one section, or None when the reader may not see that section."""
        return next((part["items"] for part in self.sections if part["section"].key == key), None)


def _visible_event(event: Event, sees: dict[str, bool]) -> bool:
    scope = event_scope(event.kind, event.data)
    return sees.get(scope[0], True) if scope else True


def client_360(user: AbstractBaseUser, client: Resident, purpose: str) -> Client360:
    """What this professional may see of the client, by role, relationship and the client's consents;
    one access-log row names the parts read. The sections come from the apps (desk.registry)."""
    sees_health = decide(user, client, Category.HEALTH, what="client_360", log=False).allowed
    sees_social = decide(user, client, Category.SOCIAL, what="client_360", log=False).allowed
    parts = ["basic_data"] + (["health"] if sees_health else []) + (["social"] if sees_social else [])
    role = require(user, client, Category.BASIC, what="client_360:" + "+".join(parts), purpose=purpose).role
    sees = {Category.BASIC: True, Category.HEALTH: sees_health, Category.SOCIAL: sees_social}
    register = population_register()
    today = timezone.localdate()
    view = Client360(
        client=client,
        role=role,
        sector=sector_of(role),
        sees_health=sees_health,
        sees_social=sees_social,
        record=register.person(client.hetu),
        guardians=register.guardians(client.hetu, today),
        children=register.children_in_custody(client.hetu, today),
        segment=segment(client),
        workers=list(client.responsible_workers.select_related("professional__user")),
        sections=[
            {"section": section, "items": _visible_items(section, client, sees)}
            for section in registry.client_sections()
            if sees.get(section.category, False)
        ],
    )
    if sees_health:
        view.chains = list(
            client.service_chains.select_related("template").prefetch_related(
                "steps__owner__user", "steps__owner_unit"
            )
        )
    if CHILD_AGE_LIMIT <= client.age() < MAJORITY_AGE:  # each decision shown to the sector it belongs to
        view.minor_decisions = [
            m
            for m in client.maturity_assessments.order_by("service_event")
            if sees.get(service_event_category(m.service_event) or Category.HEALTH, False)
        ]
    events = Event.objects.filter(subject=client).order_by("-at")[:200]
    view.timeline = [timeline_entry(e) for e in events if _visible_event(e, sees)]
    return view


TIMELINE_GROUPS = {
    "booking": gettext_lazy("Appointments"),
    "chat": gettext_lazy("Chats"),
    "desk": gettext_lazy("Work and call-backs"),
    "questionnaire": gettext_lazy("Forms"),
    "carepath": gettext_lazy("Care paths"),
    "assessment": gettext_lazy("Care-need assessments"),
}


def timeline_entry(event: Event) -> dict:
    """One line of the client's timeline in the reader's language: the event's label, and for work
    that arrived in a queue what kind of work it was (a call-back request, a notification...)."""
    label = event.label
    kind = event.data.get("kind") if isinstance(event.data, dict) else None
    if event.kind in (ITEM_CREATED, ITEM_LINKED) and kind in WorkItem.Kind.values:
        template = _("%(kind)s arrived") if event.kind == ITEM_CREATED else _("%(kind)s linked to the client")
        label = template % {"kind": capfirst(WorkItem.Kind(kind).label)}
    group = event.kind.split(".", 1)[0]
    return {
        "at": event.at,
        "kind": event.kind,
        "label": label,
        "group": group if group in TIMELINE_GROUPS else "other",
    }


def filter_timeline(entries: list[dict], group: str) -> list[dict]:
    """The timeline narrowed to one group of events (the 360 page's filter); an unknown group shows all."""
    if group not in TIMELINE_GROUPS and group != "other":
        return entries
    return [entry for entry in entries if entry["group"] == group]


def _visible_items(section: registry.ClientSection, client: Resident, sees: dict[str, bool]) -> list:
    items = section.items(client)
    if section.item_category is None:
        return items
    return [item for item in items if sees.get(section.item_category(item), False)]


def notifications_of(client: Resident) -> list[WorkItem]:
    return registry.name_items(
        list(client.work_items.filter(kind=WorkItem.Kind.NOTIFICATION).order_by("-created_at"))
    )


def assess_maturity(
    client: Resident,
    by: AbstractBaseUser,
    service_event: str,
    decides_alone: bool,
    reason: str,
    valid_until: dt.date | None = None,
) -> MaturityAssessment:
    """Record that a 12-17-year-old decides alone (or no longer) in one service event.

    Patient Act 785/1992 § 7 and Social Welfare Client Act 812/2000 § 10: a minor mature enough for
    the decision decides, and may forbid disclosure to the guardians (§ 9 / § 11). While it stands,
    the guardians do not act in that event nor see anything of it.
    """
    if not CHILD_AGE_LIMIT <= client.age() < MAJORITY_AGE:
        raise ValidationError(_("A maturity assessment is made for a 12-17-year-old."))
    if valid_until is not None and valid_until < timezone.localdate():
        raise ValidationError(_("The end of validity cannot be in the past."))
    require(  # made by the sector that provides the service (health or social care)
        by,
        client,
        service_event_category(service_event) or Category.HEALTH,
        what="maturity_assessment",
        action=Action.WRITE,
        service_event=service_event,
    )
    assessment, _created = MaturityAssessment.objects.update_or_create(
        minor=client,
        service_event=service_event,
        defaults={
            "decides_alone": decides_alone,
            "reason": reason,
            "assessed_by": Professional.objects.filter(user=by).first(),
            "assessed_at": timezone.now(),
            "valid_until": valid_until,
        },
    )
    record_event(
        "desk.maturity_assessed",
        subject=client,
        actor=by,
        maturity=service_event,
        decides_alone=decides_alone,
    )
    return assessment


def set_responsible(client: Resident, kind: str, professional: Professional, by: AbstractBaseUser) -> None:
    """Name the client's own nurse, doctor or social worker.

    The named worker reads the client from then on (a care relationship), so naming is not itself a
    way in: it needs a role of that profession in a unit serving the client's municipality (Client
    Data Act 703/2023 § 13) - a passing relationship (an appointment, a call-back) is not enough.
    """
    require(by, client, Category.BASIC, what="responsible_worker", action=Action.WRITE)
    needed = RESPONSIBLE_ROLES[kind]
    serving = [
        r
        for r in work_roles(professional.user)
        if r.role == needed and client.municipality_code in r.unit.served_municipalities()
    ]
    if not serving:
        raise AccessDenied(
            _("%(name)s has no role as %(role)s in a unit that serves this client.")
            % {"name": professional, "role": Role(needed).label}
        )
    ResponsibleWorker.objects.update_or_create(
        client=client, kind=kind, defaults={"professional": professional, "since": timezone.localdate()}
    )
    record_event("desk.responsible_set", subject=client, actor=by, kind=kind)


RESPONSIBLE_ROLES = {
    ResponsibleWorker.Kind.OWN_DOCTOR: Role.DOCTOR,
    ResponsibleWorker.Kind.OWN_NURSE: Role.NURSE,
    ResponsibleWorker.Kind.SOCIAL_WORKER: Role.SOCIAL_WORKER,
}


# --- Service chains ---------------------------------------------------------------------------------


@transaction.atomic
def start_chain(template: ChainTemplate, client: Resident, by: AbstractBaseUser) -> ClientChain:
    require(
        by,
        client,
        Category.HEALTH,
        what="service_chain",
        action=Action.WRITE,
        service_event=f"chain:{template.code}",
    )
    chain = ClientChain.objects.create(template=template, client=client, started_by=by)
    due = timezone.now()
    for step in template.steps.all():
        due += dt.timedelta(days=step.expected_days)
        ClientChainStep.objects.create(
            chain=chain,
            order=step.order,
            title=step.title,
            owner_role=step.owner_role,
            owner_unit=step.owner_unit,
            due_at=due,
        )
    record_event("desk.chain_started", subject=client, actor=by, chain=template.code)
    return chain


def take_step(step: ClientChainStep, professional: Professional) -> None:
    require(professional.user, step.chain.client, Category.HEALTH, what="service_chain", action=Action.WRITE)
    ClientChainStep.objects.filter(pk=step.pk, done_at__isnull=True).update(owner=professional)


def complete_step(step: ClientChainStep, by: AbstractBaseUser) -> None:
    require(by, step.chain.client, Category.HEALTH, what="service_chain", action=Action.WRITE)
    if ClientChainStep.objects.filter(pk=step.pk, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=by
    ):
        record_event(
            "desk.chain_step_done",
            subject=step.chain.client,
            actor=by,
            chain=step.chain.template.code,
            step=step.order,
        )


def chains_needing(user: AbstractBaseUser) -> list[ClientChainStep]:
    """Next steps of open service chains that this professional owns, or whose role and unit they have
    (a step's unit covers the units under it). One query: the first open step of each chain."""
    next_step = (
        ClientChainStep.objects.filter(chain=OuterRef("chain"), done_at__isnull=True)
        .order_by("order")
        .values("pk")[:1]
    )
    by_role = Q(pk__in=[])
    for role in work_roles(user):
        above = [unit.pk for unit in role.unit.ancestors_and_self()]
        by_role |= Q(owner_role=role.role) & (Q(owner_unit__isnull=True) | Q(owner_unit__in=above))
    steps = (
        ClientChainStep.objects.filter(done_at__isnull=True, pk=Subquery(next_step))
        .filter(Q(owner__user=user) | (Q(owner__isnull=True) & by_role))
        .select_related("chain__client", "chain__template", "owner__user", "owner_unit")
        .order_by("chain_id")
    )
    # The list names clients: only those the professional may work with (a step by role is not a way in).
    may: dict[int, bool] = {}
    mine = []
    for step in steps:
        client = step.chain.client
        if client.pk not in may:
            may[client.pk] = decide(user, client, Category.HEALTH, what="listing", log=False).allowed
        if may[client.pk]:
            mine.append(step)
    return mine
