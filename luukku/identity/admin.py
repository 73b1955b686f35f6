from django.conf import settings
from django.contrib import admin

from .models import LocalMandate, OrgUnit, Professional, RoleAssignment


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "parent", "code")
    list_filter = ("level",)
    search_fields = ("name", "code")


@admin.register(Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ("__str__", "title")
    inlines = [RoleInline]


class LocalMandateAdmin(admin.ModelAdmin):
    """The demo's stand-in for the mandate register at Suomi.fi: revoke a mandate here to see it stop
    working at once. Not registered outside the demo."""

    list_display = ("issue", "valid_from", "valid_until", "revoked_at")


if settings.DEMO:
    admin.site.register(LocalMandate, LocalMandateAdmin)
