"""Security events that no Luukku app owns: actions in the Django admin (its LogEntry rows) and requests
refused by a throttle (`luukku.web.throttle`). Connected in AuditConfig.ready()."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest

from luukku.web import throttle

from . import security_log

ADMIN_FLAGS = {ADDITION: "addition", CHANGE: "change", DELETION: "deletion"}


def on_admin_action(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    if not created:
        return
    content_type = instance.content_type
    label = f"{content_type.app_label}.{content_type.model}" if content_type else ""
    user, flag, object_id = instance.user, ADMIN_FLAGS.get(instance.action_flag, "change"), instance.object_id
    transaction.on_commit(lambda: security_log.admin_action(user, flag, label, str(object_id or "")))


def on_deleted_in_bulk(sender, instance, **kwargs) -> None:
    """The admin's "delete selected" writes the LogEntry rows of several objects in bulk, without
    signals: each object it deletes is written here instead (one object goes through its LogEntry)."""
    request = security_log.current_request()
    if request is None or request.method != "POST" or request.POST.get("action") != "delete_selected":
        return
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "admin" or len(request.POST.getlist("_selected_action")) < 2:
        return
    user, label, object_id = request.user, sender._meta.label_lower, str(instance.pk)
    transaction.on_commit(lambda: security_log.admin_action(user, "deletion", label, object_id))


def on_throttled(refusal: throttle.Throttled, request: HttpRequest | None) -> None:
    security_log.throttled(refusal.limit.scope, refusal.retry_after, request)


def on_setting_changed(sender, setting: str, **kwargs) -> None:
    if setting == "LUUKKU_SECURITY_LOG":
        security_log.configure()


def connect() -> None:
    security_log.configure()
    post_save.connect(on_admin_action, sender=LogEntry, dispatch_uid="luukku.security.admin_action")
    post_delete.connect(on_deleted_in_bulk, dispatch_uid="luukku.security.admin_bulk_deletion")
    setting_changed.connect(on_setting_changed, dispatch_uid="luukku.security.setting_changed")
    throttle.observe(on_throttled)
