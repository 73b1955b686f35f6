"""The retention schedule is configuration: administrators edit it (no client data in it). Legal holds
and the destruction log are not registered: holds name a client, and the log is kept as written."""

from django.contrib import admin

from .models import RecordClass


@admin.register(RecordClass)
class RecordClassAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fi", "register", "retention_years", "disposal", "publicity")
    list_filter = ("register", "disposal", "publicity")
    search_fields = ("code", "name_fi", "name_sv", "name_en")
