from django.contrib import admin

from .models import FeedbackTarget, Handler


@admin.register(FeedbackTarget)
class FeedbackTargetAdmin(admin.ModelAdmin):
    """Feedback targets are configuration: what residents find in the search and which unit handles it."""

    list_display = ("name", "code", "kind", "unit", "survey_key", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "name_sv", "name_en", "code")
    fields = ("code", "kind", ("name", "name_sv", "name_en"), "unit", "service_code", "survey_key", "active")


@admin.register(Handler)
class HandlerAdmin(admin.ModelAdmin):
    """The named handlers of a unit's feedback."""

    list_display = ("unit", "professional")
