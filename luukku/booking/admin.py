from django.contrib import admin

from .models import AvailabilityTemplate, Calendar, CalendarException, Campaign, Service


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "starts_on", "ends_on")


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "code",
        "unit",
        "appointment_type",
        "duration_minutes",
        "capacity",
        "campaign",
        "active",
    )
    list_filter = ("appointment_type", "requires_authentication", "active", "unit")
    search_fields = ("name", "code")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "name",
                    "name_sv",
                    "name_en",
                    "description",
                    "description_sv",
                    "description_en",
                    "unit",
                    "location",
                    "appointment_type",
                    "duration_minutes",
                    "capacity",
                    "active",
                )
            },
        ),
        (
            "Säännöt",
            {
                "fields": (
                    "min_age",
                    "max_age",
                    "target_ages_months",
                    "target_window_days",
                    "bookable_by_resident",
                    "bookable_by_guardian",
                    "bookable_by_professional",
                    "requires_authentication",
                    "cancellation_deadline_hours",
                    "required_questionnaire",
                    "campaign",
                )
            },
        ),
    )


class TemplateInline(admin.TabularInline):
    model = AvailabilityTemplate
    extra = 0


class ExceptionInline(admin.TabularInline):
    model = CalendarException
    extra = 0


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin):
    list_display = ("professional", "unit")
    inlines = [TemplateInline, ExceptionInline]
