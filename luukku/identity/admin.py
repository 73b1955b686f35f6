from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .forms import AdminLoginForm
from .models import LocalMandate, OrgUnit, Professional, RoleAssignment


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "parent", "code")
    list_filter = ("level",)
    search_fields = ("name", "code")


class ResidentlessUserAdmin(UserAdmin):
    """Administrators manage professionals' accounts; residents' accounts are not theirs to browse or
    change (strong identification reaches them, never a password)."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(resident__isnull=True)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), ResidentlessUserAdmin)
admin.site.login_form = AdminLoginForm  # locked out after repeated failures, like the professionals' sign-in


@admin.register(Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    """Separation of duties: nobody changes their own roles (an administrator could otherwise make
    themselves a nurse and read clients)."""

    list_display = ("__str__", "title")
    inlines = [RoleInline]

    def has_change_permission(self, request, obj=None) -> bool:
        own = obj is not None and obj.user_id == request.user.pk
        return not own and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        own = obj is not None and obj.user_id == request.user.pk
        return not own and super().has_delete_permission(request, obj)


class LocalMandateAdmin(admin.ModelAdmin):
    """The demo's stand-in for the mandate register at Suomi.fi: revoke a mandate here to see it stop
    working at once. Not registered outside the demo."""

    list_display = ("issue", "valid_from", "valid_until", "revoked_at")


if settings.DEMO:
    admin.site.register(LocalMandate, LocalMandateAdmin)
