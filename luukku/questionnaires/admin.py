from django.contrib import admin

from .models import Definition


@admin.register(Definition)
class DefinitionAdmin(admin.ModelAdmin):
    list_display = ("key", "version", "purpose", "current", "recipient_unit", "published_at")
    list_filter = ("purpose", "current")
    readonly_fields = ("key", "version", "resource", "published_at")
