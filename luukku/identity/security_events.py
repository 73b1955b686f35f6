"""What identity tells the security log, from Django's and django-axes' signals: password sign-ins and
their failures, lockouts, sign-outs, and privilege changes of accounts (roles in units, staff and
superuser flags, groups and permissions). A resident's sign-in is written by `services.sign_in_resident`
itself, which knows the identification method.

The receivers only log; the rules stay in the services. Changes are written when their transaction
commits, so a rolled-back change is not reported; attempts (failures, lockouts) at once.
"""

import hashlib
import hmac
import math

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.http import HttpRequest

from luukku.audit import security_log

from .lockout import retry_after
from .models import RoleAssignment

PRIVILEGE_FLAGS = ("is_active", "is_staff", "is_superuser")
# Backends that sign in with a password; others (strong identification, an organisation's OIDC)
# are named by their class.
PASSWORD_BACKENDS = {"luukku.identity.backends.ProfessionalPasswordBackend", "axes.backends.AxesBackend"}


def _account(username: object):
    return get_user_model().objects.filter(username=str(username)).first() if username else None


def _pseudonym(username: str) -> str:
    """A keyed hash of a typed username that matches no account: repeated attempts can be correlated,
    and a password typed into the username field is not written down."""
    return hmac.new(settings.SECRET_KEY.encode(), username.encode(), hashlib.sha256).hexdigest()[:16]


def _who_typed(username: object, account) -> dict:
    return {} if account is not None or not username else {"unknown_username": _pseudonym(str(username))}


# --- Signing in and out ----------------------------------------------------------------------------


def on_logged_in(sender, request: HttpRequest, user, **kwargs) -> None:
    if security_log.user_kind(user) == "resident":
        return  # services.sign_in_resident writes it with the identification method
    backend = getattr(user, "backend", "") or ""
    method = "password" if backend in PASSWORD_BACKENDS else backend.rpartition(".")[2] or "unknown"
    security_log.sign_in(
        "success", method=method, user=user, request=request, user_kind=security_log.user_kind(user)
    )


def on_logged_out(sender, request: HttpRequest, user, **kwargs) -> None:
    if user is not None:
        security_log.sign_out(user, request)


def on_login_failed(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    """Django's user_login_failed (after axes has counted it): a failed password sign-in."""
    username = credentials.get("username")
    account = _account(username)
    # Refused for an earlier lockout (axes then counts nothing); the failure that begins one counts.
    locked = bool(
        request is not None
        and getattr(request, "axes_locked_out", False)
        and getattr(request, "axes_failures_since_start", None) is None
    )
    security_log.sign_in(
        "failure",
        method="password",
        reason="locked_out" if locked else "invalid_credentials",
        user=account,
        request=request,
        user_kind=security_log.user_kind(account) if account is not None else "unknown",
        **_who_typed(username, account),
    )


def on_locked_out(sender, request: HttpRequest, username: str | None = None, **kwargs) -> None:
    """axes' user_locked_out, written when a lockout begins (attempts during it are failed sign-ins)."""
    if getattr(request, "axes_failures_since_start", None) is None:
        return  # axes refused an attempt while already locked out
    account = _account(username)
    left = retry_after(request, username)
    security_log.locked_out(
        request,
        user=account,
        failures=request.axes_failures_since_start,
        locked_seconds=math.ceil(left.total_seconds()) if left else None,
        **_who_typed(username, account),
    )


# --- Privilege changes -----------------------------------------------------------------------------


def _role_fields(assignment: RoleAssignment) -> dict:
    return {
        "role": assignment.role,
        "unit": assignment.unit.code,
        "valid_from": str(assignment.valid_from),
        "valid_until": str(assignment.valid_until) if assignment.valid_until else None,
    }


def on_role_saved(sender, instance: RoleAssignment, created: bool, **kwargs) -> None:
    target, fields = instance.professional.user, _role_fields(instance)
    action, types = (
        ("role-assigned", ["group", "creation"]) if created else ("role-changed", ["group", "change"])
    )
    transaction.on_commit(lambda: security_log.privilege_changed(action, target, types, **fields))


def on_role_deleted(sender, instance: RoleAssignment, **kwargs) -> None:
    """pre_delete: the professional still exists (a cascade from the account deletes it next)."""
    target, fields = instance.professional.user, _role_fields(instance)
    transaction.on_commit(
        lambda: security_log.privilege_changed("role-removed", target, ["group", "deletion"], **fields)
    )


def remember_flags(sender, instance, update_fields=None, **kwargs) -> None:
    """pre_save of a user: note the privilege flags as stored, to compare after saving (not for a save
    that touches none of them, such as the last sign-in time)."""
    if update_fields is not None and not set(update_fields) & set(PRIVILEGE_FLAGS):
        instance._luukku_stored_flags = None
        return
    stored = sender.objects.filter(pk=instance.pk).values(*PRIVILEGE_FLAGS).first() if instance.pk else None
    instance._luukku_stored_flags = stored


def on_user_saved(sender, instance, created: bool, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not set(update_fields) & set(PRIVILEGE_FLAGS):
        return
    before = getattr(instance, "_luukku_stored_flags", None) or {}
    changes = {
        flag: [before.get(flag), getattr(instance, flag)]
        for flag in PRIVILEGE_FLAGS
        if before.get(flag) != getattr(instance, flag)
    }
    if created:  # a new account matters when it is privileged from the start
        changes = {flag: value for flag, value in changes.items() if flag != "is_active" and value[1]}
    if not changes:
        return
    action = "user-created" if created else "user-privileges-changed"
    types = ["user", "creation"] if created else ["user", "change"]
    transaction.on_commit(lambda: security_log.privilege_changed(action, instance, types, **changes))


def on_memberships_changed(sender, instance, action: str, model, pk_set, **kwargs) -> None:
    """A user's groups or permissions changed (m2m_changed from either side)."""
    if action not in {"post_add", "post_remove", "post_clear"} or (action != "post_clear" and not pk_set):
        return  # an add of what was there already changes nothing
    user_model = get_user_model()
    users = (
        [instance]
        if isinstance(instance, user_model)
        else list(user_model.objects.filter(pk__in=pk_set or []))
    )
    if isinstance(instance, user_model):
        names = _names(model, pk_set)
    else:
        names = _names(type(instance), {instance.pk})
    relation = "groups" if sender is user_model.groups.through else "permissions"
    for user in users:
        transaction.on_commit(
            lambda user=user: security_log.privilege_changed(
                "user-privileges-changed", user, ["user", "change"], **{relation: {action[5:]: names}}
            )
        )


def _names(model, pks) -> list[str]:
    """Group names or permission codenames: configuration, never personal data."""
    if not pks:
        return []
    objects = model.objects.filter(pk__in=pks)
    return sorted(getattr(o, "codename", None) or getattr(o, "name", str(o.pk)) for o in objects)


def connect() -> None:
    """Called from IdentityConfig.ready()."""
    user_model = get_user_model()
    user_logged_in.connect(on_logged_in, dispatch_uid="luukku.security.logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="luukku.security.logged_out")
    user_login_failed.connect(on_login_failed, dispatch_uid="luukku.security.login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="luukku.security.locked_out")
    post_save.connect(on_role_saved, sender=RoleAssignment, dispatch_uid="luukku.security.role_saved")
    pre_delete.connect(on_role_deleted, sender=RoleAssignment, dispatch_uid="luukku.security.role_deleted")
    pre_save.connect(remember_flags, sender=user_model, dispatch_uid="luukku.security.user_flags")
    post_save.connect(on_user_saved, sender=user_model, dispatch_uid="luukku.security.user_saved")
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(on_memberships_changed, sender=through, dispatch_uid=f"luukku.security.{through}")
