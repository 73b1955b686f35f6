"""Identity rules in action: signing residents in, acting for others, professionals' access to clients."""

import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from luukku.audit import security_log
from luukku.audit.services import record_event
from luukku.registry import hetu as hetu_module
from luukku.registry.adapters import PersonRecord, RegisterUnavailable, population_register

from . import demo_accounts
from .adapters import MandateRecord
from .models import MandateGrant, OrgUnit, Professional, Resident, RoleAssignment
from .rules import Matter, acts_for

logger = logging.getLogger(__name__)
ACTING_FOR_SESSION_KEY = "luukku_acting_for"
RESIDENT_BACKEND = "luukku.identity.backends.ResidentSessionBackend"


class SignInRefused(Exception):
    """Shown to the user as is; the message is already in their language."""


def sync_resident(record: PersonRecord) -> Resident:
    """Create or refresh the Resident mirror of a register record.

    The preferred language is taken from the mother tongue only when the resident is first seen;
    after that it is the resident's own choice.
    """
    register_fields = {
        "first_names": record.first_names,
        "last_name": record.last_name,
        "birth_date": record.birth_date,
        "date_of_death": record.date_of_death,
        "municipality_code": record.municipality_code,
        "address_protected": record.address_protected,
        "register_synced_at": timezone.now(),
    }
    language = record.mother_tongue if record.mother_tongue in {"fi", "sv"} else "fi"
    resident, _created = Resident.objects.update_or_create(
        hetu=record.hetu, defaults=register_fields, create_defaults={**register_fields, "language": language}
    )
    return resident


def resident_from_register(hetu: str) -> Resident:
    """Validate the code, ask the register and mirror the person; refuses unknown and malformed codes."""
    try:
        parsed = hetu_module.parse(hetu)
    except hetu_module.InvalidHetu as error:
        raise SignInRefused(str(error.message)) from None
    try:
        record = population_register().person(parsed.code)
    except RegisterUnavailable:
        raise SignInRefused(
            _("The population register cannot be reached right now. Try again in a moment.")
        ) from None
    if record is None:
        raise SignInRefused(_("The population register has no person with this personal identity code."))
    return sync_resident(record)


@transaction.atomic
def language_at_sign_in(registered: str, chosen: str | None) -> str | None:
    """The interface language to switch to when a resident signs in: their language in the population
    register (fi, sv or another; Luukku offers fi, sv and en), unless they chose a language on this
    browser themselves. None: keep the current one."""
    offered = {code for code, _name in settings.LANGUAGES}
    if chosen in offered:
        return None
    return registered if registered in offered else None


def apply_language_at_sign_in(
    request: HttpRequest, response: HttpResponse, resident: Resident
) -> HttpResponse:
    """Switch to the resident's registered language (language_at_sign_in) for this and later pages."""
    language = language_at_sign_in(resident.language, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if language:
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


def sign_in_resident(request: HttpRequest, hetu: str, method: str) -> Resident:
    if method == "test_persona" and not settings.DEMO:
        raise SignInRefused(_("Test identification is available in the demo only."))
    resident = resident_from_register(hetu)
    if resident.is_deceased:
        raise SignInRefused(
            _("According to the population register this person has died. Sign-in is not possible.")
        )
    if resident.user is None:
        user_model = get_user_model()
        user = user_model.objects.create(
            username=f"resident-{resident.public_id}",
            first_name=resident.calling_name,
            last_name=resident.last_name,
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        resident.user = user
        resident.save(update_fields=["user"])
    if method == "test_persona":
        demo_accounts.mark(resident.user)
    if demo_accounts.refused(resident.user):
        raise SignInRefused(_("This account was made for the demo and cannot be used outside it."))
    login(request, resident.user, backend=RESIDENT_BACKEND)
    request.session[ACTING_FOR_SESSION_KEY] = str(resident.public_id)
    record_event("identity.signed_in", subject=resident, actor=resident.user, method=method)
    security_log.sign_in("success", method=method, user=resident.user, request=request, user_kind="resident")
    return resident


@dataclass(frozen=True)
class ActingOption:
    person: Resident
    basis: str  # "self", "guardian" or "mandate"


def acting_options(user: AbstractBaseUser) -> list[ActingOption]:
    """Everyone whose matters the signed-in resident may handle today, themselves first."""
    actor: Resident = user.resident
    options = [ActingOption(actor, "self")]
    try:
        children = population_register().children_in_custody(actor.hetu, timezone.localdate())
    except RegisterUnavailable:
        children = []
    for record in children:
        child = sync_resident(record)
        if acts_for(user, Matter(child)):
            options.append(ActingOption(child, "guardian"))
    grants = MandateGrant.objects.filter(agent=actor).exclude(valid_until__lt=timezone.localdate())
    for grant in grants.select_related("principal"):
        if acts_for(user, Matter(grant.principal)):
            options.append(ActingOption(grant.principal, "mandate"))
    return options


def store_mandates(agent: Resident, records: list[MandateRecord]) -> int:
    """Replace what Luukku knows of the agent's mandates with the mandate service's answer."""
    kept = 0
    MandateGrant.objects.filter(agent=agent).delete()
    for record in records:
        try:
            principal = resident_from_register(record.principal_hetu)
        except SignInRefused:
            continue
        MandateGrant.objects.create(
            agent=agent, principal=principal, issue=record.issue, valid_until=record.valid_until
        )
        kept += 1
    record_event("identity.mandates_fetched", subject=agent, actor=agent.user, count=kept)
    return kept


def switch_acting_for(request: HttpRequest, public_id: str) -> Resident:
    target = Resident.objects.filter(public_id=public_id).first() if is_uuid(public_id) else None
    if target is None or not acts_for(request.user, Matter(target)):
        logger.warning("refused proxy switch by user %s", request.user.pk)
        record_event("identity.proxy_refused", subject=request.user.resident, actor=request.user)
        raise PermissionDenied(_("You do not have the right to handle this person's matters."))
    request.session[ACTING_FOR_SESSION_KEY] = str(target.public_id)
    record_event("identity.acting_for", subject=target, actor=request.user)
    return target


def current_acting_for(request: HttpRequest) -> Resident | None:
    """Whose matters the resident is handling; re-checked on every request so expiry bites at once."""
    user = request.user
    resident = getattr(user, "resident", None) if user.is_authenticated else None
    if resident is None:
        return None
    public_id = request.session.get(ACTING_FOR_SESSION_KEY)
    if public_id and public_id != str(resident.public_id):
        target = Resident.objects.filter(public_id=public_id).first()
        if target is not None and acts_for(user, Matter(target)):
            return target
        request.session[ACTING_FOR_SESSION_KEY] = str(resident.public_id)
    return resident


def is_uuid(value: str) -> bool:
    """Whether a public id from a form or URL is well formed (so a forged one is refused, not a 500)."""
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# --- Professionals -------------------------------------------------------------------------------


def active_roles(user: AbstractBaseUser) -> list[RoleAssignment]:
    professional = Professional.objects.filter(user=user).first() if user.is_authenticated else None
    if professional is None:
        return []
    # The unit's whole chain up to the county (four levels) in the same query: deciding walks it.
    return list(
        professional.roles.filter(RoleAssignment.in_force(timezone.localdate())).select_related(
            "unit__parent__parent__parent"
        )
    )


def units_below(units: list[OrgUnit]) -> list[int]:
    """Ids of the units and every unit under them, level by level (the given units first)."""
    found = [u.pk for u in units]
    frontier = list(found)
    while frontier:
        frontier = [
            pk
            for pk in OrgUnit.objects.filter(parent__in=frontier).order_by("pk").values_list("pk", flat=True)
            if pk not in found
        ]
        found += frontier
    return found


def user_by_pk(pk: int | None) -> AbstractBaseUser | None:
    """The user an event names by id (events carry ids, never objects)."""
    return get_user_model().objects.filter(pk=pk).first() if pk else None


PROFESSIONAL_OIDC_BACKEND = "luukku.identity.backends.ProfessionalOidcBackend"


@transaction.atomic
def sign_in_professional(request: HttpRequest, subject: str, employee_number: str) -> Professional:
    """A professional identified by the county's OpenID provider, matched to the account that the
    identity management provisioned (`identity.provisioning`): by the provider's stable subject, or at
    the first sign-in by the employee number, which then binds the subject to the account. Unknown and
    closed accounts, and accounts with no role in force, are refused."""
    accounts = Professional.objects.select_related("user")
    professional = accounts.filter(oidc_subject=subject).first()
    if professional is None and employee_number:
        professional = accounts.filter(employee_number=employee_number).first()
        if professional is not None and professional.oidc_subject not in (None, subject):
            logger.warning("employee number of professional %s presented by another subject", professional.pk)
            raise SignInRefused(
                _("Your Luukku account is linked to another user account. Contact the identity management.")
            )
    if professional is None:
        raise SignInRefused(
            _(
                "You have no Luukku account. The county's identity management creates it when your work "
                "begins; ask your supervisor."
            )
        )
    if not professional.user.is_active or professional.removed_at is not None:
        raise SignInRefused(
            _("Your Luukku account has been closed. Ask your supervisor if this is a mistake.")
        )
    if demo_accounts.refused(professional.user):
        raise SignInRefused(_("This account was made for the demo and cannot be used outside it."))
    if not active_roles(professional.user):
        raise SignInRefused(_("You have no role in force in any unit."))
    if professional.oidc_subject != subject:
        professional.oidc_subject = subject
        professional.save(update_fields=["oidc_subject", "updated_at"])
    login(request, professional.user, backend=PROFESSIONAL_OIDC_BACKEND)
    return professional
