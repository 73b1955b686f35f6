"""Knowledge management: who may see the dashboards, logging desk contacts, reading the warehouse."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from luukku.audit.services import record_event
from luukku.identity.models import OrgUnit, Role
from luukku.identity.services import active_roles, units_below

from . import indicators, marts, warehouse
from .mappings import CONTACT_LOGGED

CONTACT_CHANNELS = ("phone", "in_person")
CONTACT_TOPICS = ("appointment", "advice", "results", "social_services", "other")


def managed_units(user: AbstractBaseUser) -> list[OrgUnit]:
    """The units a manager leads (a unit manager's role unit, and everything under it)."""
    if not user.is_authenticated:
        return []
    roots = [r.unit for r in active_roles(user) if r.role == Role.UNIT_MANAGER]
    if not roots:
        return []
    return list(OrgUnit.objects.filter(pk__in=units_below(roots)).order_by("level", "name"))


def require_manager(user: AbstractBaseUser) -> list[OrgUnit]:
    units = managed_units(user)
    if not units:
        raise PermissionDenied(_("The knowledge management reports are for unit managers."))
    return units


def contact_units(user: AbstractBaseUser) -> list[OrgUnit]:
    """Units in which the professional does client work (where a contact can be logged)."""
    from luukku.access.policy import work_roles

    return sorted({r.unit for r in work_roles(user)}, key=lambda u: u.name) if user.is_authenticated else []


@dataclass(frozen=True)
class LoggedContact:
    channel: str
    unit: str
    topic: str


def log_contact(user: AbstractBaseUser, unit: OrgUnit, channel: str, topic: str) -> LoggedContact:
    """A phone call or a visit at the desk, counted in the digital share of contacts (no client named:
    the figure is a volume, and a call is logged whether or not the caller identified)."""
    if unit not in contact_units(user):
        raise PermissionDenied(_("You do no client work in that unit."))
    if channel not in CONTACT_CHANNELS or topic not in CONTACT_TOPICS:
        raise ValueError(channel)
    record_event(CONTACT_LOGGED, actor=user, channel=channel, unit=unit.code, topic=topic)
    return LoggedContact(channel, unit.code, topic)


def table(indicator: indicators.Indicator, filters: indicators.Filters) -> indicators.Table:
    """One indicator table from the warehouse file (read-only; empty before the first load)."""
    con = warehouse.connect(read_only=True)
    try:
        if not con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'fact_event'"
        ).fetchone()[0]:
            return indicators.Table(indicator, filters, (), [])
        return indicators.run(marts.DuckDBEngine(con), indicator, filters)
    finally:
        con.close()


def workforce(units: list[OrgUnit], today: dt.date | None = None) -> list:
    """The 12-week demand and staff-hour forecasts of the manager's units (from the warehouse)."""
    from . import forecasts

    codes = {u.code for u in units}
    con = warehouse.connect(read_only=True)
    try:
        if not con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'fact_event'"
        ).fetchone()[0]:
            return []
        found = forecasts.forecasts(marts.DuckDBEngine(con), today or timezone.localdate())
    finally:
        con.close()
    return [f for f in found if f.unit in codes]


def last_loaded() -> dt.datetime | None:
    con = warehouse.connect(read_only=True)
    try:
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta_load'"
        ).fetchone()[0]
        row = con.execute("SELECT max(loaded_at) FROM meta_load").fetchone() if exists else None
    finally:
        con.close()
    if not row or row[0] is None:
        return None
    return timezone.make_aware(row[0], dt.UTC)
