"""Events care paths publish (luukku.web.events): delivered after the change commits."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TeamTaskCreated:
    team_task_id: int


@dataclass(frozen=True)
class TeamTaskHandled:
    team_task_id: int
    user_id: int | None


@dataclass(frozen=True)
class CarePlanChanged:
    """The client's path (the care plan) changed: started, entered a phase, a task added, removed,
    rescheduled or done, or ended (`change` is the event kind, e.g. "carepath.ended")."""

    path_id: int
    change: str


@dataclass(frozen=True)
class PathMessagePosted:
    """A message in a path's thread: the team's, the client's, or a due task's reminder."""

    message_id: int
