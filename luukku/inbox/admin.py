from django.contrib import admin

from .models import ServiceInstructions


@admin.register(ServiceInstructions)
class ServiceInstructionsAdmin(admin.ModelAdmin):
    """Exam and procedure instructions per booking service (configuration, no client data)."""

    list_display = ("service_code", "replies_allowed")
    search_fields = ("service_code",)
