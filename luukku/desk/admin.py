from django.contrib import admin

from .models import ChainTemplate, ChainTemplateStep


class StepInline(admin.TabularInline):
    model = ChainTemplateStep
    extra = 0


@admin.register(ChainTemplate)
class ChainTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    inlines = [StepInline]
