from django.contrib import admin

from .models import PriceListEntry


@admin.register(PriceListEntry)
class PriceListAdmin(admin.ModelAdmin):
    """The client fees per service and year (configuration, no client data)."""

    list_display = ("service_code", "year", "no_show_fee_cents")
    list_filter = ("year",)
    search_fields = ("service_code",)
