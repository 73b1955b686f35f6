from django import forms
from django.contrib import admin

from .models import RuleSet
from .services import InvalidRules, validate_rules


class RuleSetForm(forms.ModelForm):
    """An edited rule set is saved only when it is valid and safe for every combination of answers."""

    class Meta:
        model = RuleSet
        fields = ["version", "rules", "active"]

    def clean_rules(self) -> list:
        rules = self.cleaned_data["rules"]
        try:
            validate_rules(rules)
        except InvalidRules as problem:
            raise forms.ValidationError(str(problem)) from None
        return rules


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    form = RuleSetForm
    list_display = ("version", "active", "created_at")
