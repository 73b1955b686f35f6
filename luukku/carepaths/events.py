"""Events care paths publish (luukku.web.events): delivered after the change commits."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TeamTaskCreated:
    team_task_id: int


@dataclass(frozen=True)
class TeamTaskHandled:
    team_task_id: int
    user_id: int | None
