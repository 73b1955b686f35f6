"""Events home care publishes (luukku.web.events): delivered after the change commits."""

from dataclasses import dataclass


@dataclass(frozen=True)
class VisitDone:
    """A home visit was made and closed by its nurse (not a visit the client was not at home for)."""

    visit_id: int
