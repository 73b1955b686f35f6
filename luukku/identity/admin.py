from django.contrib import admin

from .models import LocalMandate, MaturityAssessment, OrgUnit, Professional, RoleAssignment


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


@admin.register(MaturityAssessment)
class MaturityAssessmentAdmin(admin.ModelAdmin):
    list_display = ("minor", "service_event", "decides_alone", "assessed_at")
    raw_id_fields = ("minor", "assessed_by")


@admin.register(LocalMandate)
class LocalMandateAdmin(admin.ModelAdmin):
    list_display = ("issue", "valid_from", "valid_until", "revoked_at")
