"""The admin (`/yllapito/`) lets in an administrator whose role is in force today, not merely a user
flagged staff: a role that ended yesterday (a mover, a leaver, a fixed-term role) closes the admin at
once, whatever `is_staff` says. A superuser without a professional record (the operator's bootstrap
account from `createsuperuser`) is let in too."""

from django.contrib import admin
from django.http import HttpRequest

from .models import Professional, Role
from .services import active_roles


def administers(user) -> bool:
    """Whether the user may use the admin today."""
    if not (user.is_active and user.is_staff):
        return False
    if not Professional.objects.filter(user=user).exists():
        return user.is_superuser  # the operator's bootstrap account
    return any(role.role == Role.ADMINISTRATOR for role in active_roles(user))


class LuukkuAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return administers(request.user)
