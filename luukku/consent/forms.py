from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.identity.models import OrgUnit
from luukku.web.forms import CheckedForm
from luukku.web.validation import check_date, max_length

from .models import Consent, Scope


class ConsentForm(CheckedForm):
    scope = forms.ChoiceField(
        label=_("What may be disclosed"), choices=Scope.choices, widget=forms.RadioSelect
    )
    unit = forms.ModelChoiceField(
        label=_("To whom"),
        queryset=OrgUnit.objects.filter(level="unit").order_by("name"),
        required=False,
        empty_label=_("All units of the wellbeing services county"),
    )
    purpose = forms.CharField(
        label=_("Purpose (optional)"), max_length=max_length(Consent, "purpose"), required=False
    )
    valid_until = forms.DateField(
        label=_("Valid until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[check_date],
    )

    def clean_valid_until(self):
        value = self.cleaned_data.get("valid_until")
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("The end date cannot be in the past."))
        return value
