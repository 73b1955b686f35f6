"""Professionals finding a client and reading basic data; auditors reading the access log."""

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from luukku.audit.models import AccessLogEntry, Purpose
from luukku.audit.services import access_log_of, log_access, search_access_log
from luukku.identity.models import Resident, Role
from luukku.identity.services import active_roles, resident_from_register
from luukku.registry.adapters import population_register

from .categories import Category
from .policy import AccessDenied, may_see, require

AUDIT_PAGE = 500


def find_client(user: AbstractBaseUser, hetu: str, purpose: str = Purpose.CARE) -> Resident:
    """Look a client up by henkilötunnus; the look-up is a decision and a log row, refused or not.

    Raises SignInRefused for a code the register does not know, AccessDenied without a basis.
    """
    client = resident_from_register(hetu)
    require(user, client, Category.BASIC, what="client_search", purpose=purpose)
    return client


def read_basic_data(user: AbstractBaseUser, client: Resident, purpose: str) -> dict:
    """The client's basic data for a professional, from the population register."""
    decision = require(user, client, Category.BASIC, what="basic_data", purpose=purpose)
    return {"client": client, "record": population_register().person(client.hetu), "role": decision.role}


def audit_search(
    user: AbstractBaseUser, subject: Resident | None, actor_name: str, refused_only: bool = False
) -> list[AccessLogEntry]:
    """The auditor's search; every client whose log rows are shown gets a row of the audit itself."""
    roles = [r for r in active_roles(user) if r.role == Role.AUDITOR]
    if not roles:
        raise AccessDenied(_("Only a data protection auditor may search the access log."))
    entries: list[AccessLogEntry] = list(search_access_log(subject, actor_name, refused_only)[:AUDIT_PAGE])
    subjects = {e.subject_id: e.subject for e in entries}
    if subject is not None:
        subjects.setdefault(subject.pk, subject)
    for shown in subjects.values():
        log_access(
            user,
            shown,
            what="access_log",
            purpose=Purpose.AUDIT,
            role=Role.AUDITOR,
            unit=roles[0].unit.name,
            basis="auditor",
            category="access_log",
        )
    return entries


def access_log_for(user: AbstractBaseUser, person: Resident, limit: int = 200) -> list[AccessLogEntry]:
    """Who has used the person's data, as shown to the resident handling the person's matters.

    A guardian does not see the uses that belong to a minor's own service event (they would tell
    that the event exists).
    """
    entries = access_log_of(person)[:limit]
    return [e for e in entries if not e.service_event or may_see(user, person, e.category, e.service_event)]
