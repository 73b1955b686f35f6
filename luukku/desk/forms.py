from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.booking.forms import normalise_phone
from luukku.identity.models import OrgUnit


class CallBackForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Who should call you"),
        empty_label=None,
        queryset=OrgUnit.objects.filter(level="unit").order_by("name"),
    )
    topic = forms.CharField(
        label=_("What is it about?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    name = forms.CharField(label=_("Your name"), max_length=150)
    phone = forms.CharField(label=_("Phone number"), max_length=25)

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))
