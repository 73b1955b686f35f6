from django.contrib import admin

from .models import Activation, Definition


@admin.register(Definition)
class DefinitionAdmin(admin.ModelAdmin):
    list_display = ("key", "version", "purpose", "current", "recipient_unit", "published_at")
    list_filter = ("purpose", "current")
    readonly_fields = ("key", "version", "resource", "published_at")


@admin.register(Activation)
class ActivationAdmin(admin.ModelAdmin):
    list_display = ("key", "status", "activated_at", "due_at", "source")
    list_filter = ("key", "status")
    raw_id_fields = ("person", "response")
