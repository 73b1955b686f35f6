"""A client's care path: starting it, tasks and their timing, routing by a questionnaire score,
reminders to the client and the team, the message thread, and statistics from the event log."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from luukku.access.categories import Action
from luukku.access.policy import category_of_unit, require
from luukku.audit.models import Event
from luukku.audit.services import record_event
from luukku.identity.models import OrgUnit, Resident
from luukku.identity.services import units_below
from luukku.web import events
from luukku.web.text import clean_message

from . import client_data
from .events import CarePlanChanged, PathMessagePosted, TeamTaskCreated, TeamTaskHandled
from .models import (
    Anchor,
    ClientPath,
    ClientTask,
    MeasurementKind,
    PathMessage,
    PathTemplate,
    Phase,
    TaskKind,
    TeamTask,
    TemplateTask,
    routed_words,
)
from .tasks import remind_task


class PathRefused(Exception):
    pass


# The events that change the plan itself (a message in the thread does not).
PLAN_CHANGES = {
    "carepath.started",
    "carepath.phase",
    "carepath.task_done",
    "carepath.task_added",
    "carepath.task_removed",
    "carepath.task_rescheduled",
    "carepath.ended",
}


def _event(kind: str, path: ClientPath, actor: AbstractBaseUser | None = None, **data) -> None:
    """Every care-path event names its template and path: the statistics are counted from them. A
    change of the plan is also announced (CarePlanChanged) once it commits."""
    record_event(
        kind, subject=path.person, actor=actor, template=path.template.code, path=str(path.public_id), **data
    )
    if kind in PLAN_CHANGES:
        events.publish(CarePlanChanged(path.pk, kind))


def _guard(actor: AbstractBaseUser | None, path: ClientPath, action: str = Action.WRITE) -> None:
    """A person changing a client's path must have the right to; scheduled work (no actor) has it."""
    if actor is not None and actor.is_authenticated:
        category, service_event = client_data.scope(path)
        require(actor, path.person, category, what="care_path", action=action, service_event=service_event)


def new_team_task(**fields) -> TeamTask:
    """Work for the path's team (its team queue); the desk hears of it once the change commits."""
    team_task = TeamTask.objects.create(**fields)
    events.publish(TeamTaskCreated(team_task.pk))
    return team_task


def team_for(template: PathTemplate, person: Resident) -> OrgUnit:
    """The unit under the template's team that serves the client's municipality, else the team itself."""
    ids = units_below([template.team])
    units = OrgUnit.objects.in_bulk(ids)
    for pk in ids:  # the shallowest unit whose own municipalities include the client's
        if person.municipality_code in units[pk].municipality_codes:
            return units[pk]
    return template.team


def _due(anchor_time: dt.datetime, days: int) -> dt.datetime:
    return anchor_time + dt.timedelta(days=days)


def _materialise(path: ClientPath, template_tasks: list[TemplateTask]) -> None:
    """Copy template tasks to the client's path, timed from the path's start or from the current phase."""
    existing = set(path.tasks.exclude(template_task=None).values_list("template_task_id", flat=True))
    for template_task in template_tasks:
        if template_task.pk in existing:
            continue
        task = ClientTask.objects.create(
            path=path,
            template_task=template_task,
            kind=template_task.kind,
            questionnaire=template_task.questionnaire,
            measurement=template_task.measurement,
            service=template_task.service,
            due_at=_due(
                path.started_at if template_task.anchor == Anchor.START else path.phase_since,
                template_task.due_days,
            ),
            remind=template_task.remind,
        )
        _schedule_reminder(task)


def _schedule_reminder(task: ClientTask) -> None:
    if task.remind and task.due_at and task.due_at > timezone.now():
        due = task.due_at
        transaction.on_commit(lambda: remind_task.using(run_after=due).enqueue(task.pk, due.isoformat()))


def _tasks_for_phase(template: PathTemplate, phase: str) -> list[TemplateTask]:
    return [t for t in template.tasks.all() if t.phase == phase]


def start_path(
    template: PathTemplate,
    person: Resident,
    started_by: AbstractBaseUser | None,
    by_professional: bool = False,
) -> ClientPath:
    """Start the path for the client; an already active one of the same template is returned as is."""
    if not template.active or (not by_professional and not template.self_enrolling):
        raise PathRefused(_("This care path is started by a professional."))
    if started_by is not None and started_by.is_authenticated:
        require(
            started_by,
            person,
            category_of_unit(template.team),
            what="care_path",
            action=Action.WRITE,
            service_event=f"carepath:{template.code}",
        )
    if template.routing_questionnaire:
        phase = Phase.ASSESSMENT
    else:
        phase = Phase.WITH_PROFESSIONAL if by_professional else Phase.SELF_CARE
    try:
        with transaction.atomic():
            path = ClientPath.objects.create(
                template=template,
                person=person,
                team=team_for(template, person),
                phase=phase,
                started_by=started_by,
                self_enrolled=not by_professional,
            )
            common = [t for t in template.tasks.all() if not t.phase or t.phase == phase]
            _materialise(path, common)
            _event("carepath.started", path, actor=started_by, self_enrolled=not by_professional)
            _event("carepath.phase", path, phase=phase)
    except IntegrityError:
        return ClientPath.objects.get(person=person, template=template, status=ClientPath.Status.ACTIVE)
    return path


@transaction.atomic
def enter_phase(
    path: ClientPath, phase: str, actor: AbstractBaseUser | None, reason: str = "", score: dict | None = None
) -> None:
    if path.phase == phase:
        return
    _guard(actor, path)
    path.phase, path.phase_since = phase, timezone.now()
    path.save(update_fields=["phase", "phase_since"])
    _materialise(path, _tasks_for_phase(path.template, phase))
    _event("carepath.phase", path, actor=actor, phase=phase, score=score)
    if phase == Phase.WITH_PROFESSIONAL:
        routed_by = routing_score(path.template, score) if score and not reason else None
        new_team_task(
            path=path,
            team=path.team,
            kind=TeamTask.Kind.ROUTED,
            summary=reason or (routed_words(routed_by) if routed_by else ""),  # "": the default words
            score=routed_by,
        )


def routing_score(template: PathTemplate, score: dict) -> dict:
    """What the team reads of a routing (TeamTask.shown_summary): "AUDIT 12 points (limit 8)"."""
    return {
        "instrument": score["instrument"].upper(),
        "total": f"{float(Decimal(str(score['total']))):g}",
        "limit": f"{float(template.routing_threshold):g}" if template.routing_threshold is not None else "–",
    }


def route_by_score(path: ClientPath, score: dict) -> None:
    """Apply the template's routing rule (data): a score at or above the threshold goes to a professional."""
    template = path.template
    threshold = template.routing_threshold
    if threshold is None or score["instrument"] != template.routing_instrument:
        return
    total = Decimal(str(score["total"]))
    if total >= threshold:
        enter_phase(path, Phase.WITH_PROFESSIONAL, None, "", score)
    else:
        enter_phase(path, Phase.SELF_CARE, None, "", score)


# --- Tasks --------------------------------------------------------------------------------------------

MEASUREMENT_FIELDS = {
    MeasurementKind.BLOOD_PRESSURE: (("systolic", 60, 260), ("diastolic", 30, 160), ("pulse", 30, 220)),
    MeasurementKind.PEF: (("pef", 50, 900),),
    MeasurementKind.WEIGHT: (("weight", 20, 300),),
    MeasurementKind.WAIST: (("waist", 40, 250),),
    MeasurementKind.GLUCOSE: (("glucose", 1, 40),),
    MeasurementKind.PAIN: (("pain", 0, 10),),
}


def parse_measurement(kind: str, raw: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """Numbers from the form (decimal comma accepted) within plausible limits; errors by field."""
    values, errors = {}, {}
    for name, low, high in MEASUREMENT_FIELDS[kind]:
        text = (raw.get(name) or "").strip().replace(",", ".")
        if not text:
            errors[name] = _("Enter the value.")
            continue
        try:
            number = float(text)
        except ValueError:
            errors[name] = _("Enter a number.")
            continue
        if not low <= number <= high:
            errors[name] = _("The value must be between %(low)s and %(high)s.") % {"low": low, "high": high}
            continue
        values[name] = number
    return values, errors


@transaction.atomic
def complete_task(
    task: ClientTask, actor: AbstractBaseUser | None, result: dict | None = None, *, guard: bool = True
) -> bool:
    """Mark the task done; measurements and answers are passed to the team for review.

    `guard=False` when the task completes by itself because of something the actor did elsewhere with
    the right to do it (answering the form, booking the time): that act was already decided.
    """
    if guard:
        _guard(actor, task.path)
    updated = ClientTask.objects.filter(pk=task.pk, status=ClientTask.Status.OPEN).update(
        status=ClientTask.Status.DONE, done_at=timezone.now(), result=result or {}
    )
    if not updated:
        return False
    task.refresh_from_db()
    path = task.path
    _event("carepath.task_done", path, actor=actor, task_kind=task.kind)
    if task.kind in {TaskKind.MEASUREMENT, TaskKind.QUESTIONNAIRE}:
        new_team_task(
            path=path,
            team=path.team,
            kind=TeamTask.Kind.TASK_DONE,
            summary=_("%(person)s: %(task)s done")
            % {"person": path.person.full_name, "task": task.display_title},
            task=task,
        )
    return True


def add_task(
    path: ClientPath,
    actor: AbstractBaseUser,
    kind: str,
    title: str,
    instructions: str,
    due_at: dt.datetime | None,
    remind: bool = False,
    measurement: str = "",
) -> ClientTask:
    _guard(actor, path)
    task = ClientTask.objects.create(
        path=path,
        kind=kind,
        title=title,
        instructions=instructions,
        due_at=due_at,
        remind=remind,
        measurement=measurement,
    )
    _schedule_reminder(task)
    _event("carepath.task_added", path, actor=actor)
    return task


def remove_task(task: ClientTask, actor: AbstractBaseUser) -> None:
    _guard(actor, task.path)
    ClientTask.objects.filter(pk=task.pk, status=ClientTask.Status.OPEN).update(
        status=ClientTask.Status.REMOVED
    )
    _event("carepath.task_removed", task.path, actor=actor)


def change_due(task: ClientTask, due_at: dt.datetime, actor: AbstractBaseUser) -> None:
    _guard(actor, task.path)
    ClientTask.objects.filter(pk=task.pk).update(due_at=due_at, reminded_at=None)
    task.due_at, task.reminded_at = due_at, None
    _schedule_reminder(task)
    _event("carepath.task_rescheduled", task.path, actor=actor)


# --- Messages and the team --------------------------------------------------------------------------


def post_message(path: ClientPath, author: AbstractBaseUser, body: str, from_team: bool) -> PathMessage:
    _guard(author, path)
    message = PathMessage.objects.create(
        path=path, author=author, body=clean_message(body), from_team=from_team
    )
    if not from_team:
        new_team_task(
            path=path,
            team=path.team,
            kind=TeamTask.Kind.MESSAGE,
            summary=_("Message from %(person)s") % {"person": path.person.full_name},
        )
    _event("carepath.message", path, actor=author, from_team=from_team)
    events.publish(PathMessagePosted(message.pk))
    return message


def team_queue(units: list[OrgUnit]) -> QuerySet[TeamTask]:
    return (
        TeamTask.objects.filter(team__in=units, handled_at__isnull=True)
        .select_related("path__person", "path__template", "task__template_task")
        .order_by("created_at")
    )


def handle_team_task(team_task: TeamTask, user: AbstractBaseUser, *, announce: bool = True) -> bool:
    """Mark the team's task handled; `announce=False` when the desk itself asked (it knows already)."""
    _guard(user, team_task.path)
    handled = TeamTask.objects.filter(pk=team_task.pk, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=user
    )
    if handled and announce:
        events.publish(TeamTaskHandled(team_task.pk, user.pk if user else None))
    return bool(handled)


def handle_open_team_tasks(path: ClientPath, user: AbstractBaseUser) -> int:
    """The team has dealt with everything the path asked of it."""
    _guard(user, path)
    open_tasks = path.team_tasks.filter(handled_at__isnull=True).select_related("path__person", "path__team")
    return sum(handle_team_task(team_task, user) for team_task in open_tasks)


def paths_of(person: Resident) -> QuerySet[ClientPath]:
    return (
        ClientPath.objects.filter(person=person)
        .select_related("template", "team")
        .prefetch_related("tasks__template_task", "messages")
        .order_by("started_at")
    )


def active_paths(person: Resident) -> QuerySet[ClientPath]:
    return ClientPath.objects.filter(person=person, status=ClientPath.Status.ACTIVE).select_related(
        "template"
    )


def end_path(path: ClientPath, actor: AbstractBaseUser) -> None:
    _guard(actor, path)
    ClientPath.objects.filter(pk=path.pk, status=ClientPath.Status.ACTIVE).update(
        status=ClientPath.Status.ENDED, ended_at=timezone.now()
    )
    _event("carepath.ended", path, actor=actor)


# --- Statistics (the seed's table 4), from the event log ------------------------------------------


def statistics() -> list[dict]:
    events = Event.objects.filter(
        kind__in=["carepath.started", "carepath.ended", "carepath.phase", "carepath.task_done"]
    ).order_by("at", "pk")
    paths: dict[str, dict] = {}
    for event in events.values("kind", "data"):
        data = event["data"]
        state = paths.setdefault(
            data["path"],
            {"template": data.get("template"), "active": False, "phase": None, "done": False, "band": None},
        )
        if event["kind"] == "carepath.started":
            state.update(active=True, template=data["template"])
        elif event["kind"] == "carepath.ended":
            state["active"] = False
        elif event["kind"] == "carepath.phase":
            state["phase"] = data["phase"]
            if data.get("score"):
                state["band"] = data["score"]["band"]
        else:
            state["done"] = True
    rows = []
    for template in PathTemplate.objects.order_by("name"):
        mine = [s for s in paths.values() if s["template"] == template.code and s["active"]]
        bands: dict[str, int] = {}
        for state in mine:
            if state["band"]:
                bands[state["band"]] = bands.get(state["band"], 0) + 1
        rows.append(
            {
                "template": template,
                "on_path": len(mine),
                "routed": sum(s["phase"] == Phase.WITH_PROFESSIONAL for s in mine),
                "self_care": sum(s["phase"] == Phase.SELF_CARE for s in mine),
                "task_done": sum(s["done"] for s in mine),
                "bands": sorted(bands.items()),
            }
        )
    return rows
