from django.contrib import admin

from .models import PathTemplate, TemplateTask


class TaskInline(admin.StackedInline):
    model = TemplateTask
    extra = 0
    fields = (
        ("order", "kind", "phase"),
        ("name", "name_sv", "name_en"),
        ("description", "description_sv", "description_en"),
        ("questionnaire", "measurement", "service"),
        ("anchor", "due_days", "remind"),
    )


@admin.register(PathTemplate)
class PathTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "self_enrolling", "team", "active")
    fields = (
        "code",
        ("name", "name_sv", "name_en"),
        ("description", "description_sv", "description_en"),
        "team",
        "self_enrolling",
        "active",
        ("routing_questionnaire", "routing_instrument", "routing_threshold"),
    )
    inlines = [TaskInline]
