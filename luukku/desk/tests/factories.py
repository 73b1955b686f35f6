"""The desk's test factories: work in a unit's queue, put there the way apps put it."""

import itertools

from luukku.desk import services
from luukku.desk.models import WorkItem
from luukku.identity.models import OrgUnit, Resident

_sources = itertools.count(1)


def work_item(
    unit: str | OrgUnit = "rmk-terveysasema",
    kind: str = WorkItem.Kind.FORM_REVIEW,
    client: Resident | None = None,
    title: str = "Esitiedot tarkistettavana",
    source: str | None = None,
) -> WorkItem:
    """An open item in the unit's queue (a unit code of the shared test county, or a unit)."""
    unit = unit if isinstance(unit, OrgUnit) else OrgUnit.objects.get(code=unit)
    return services.submit(kind, source or f"test:{next(_sources)}", unit, title, client=client)
