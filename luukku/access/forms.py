from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.audit.models import Purpose
from luukku.identity.forms import HetuField
from luukku.web.forms import CheckedForm


class ClientSearchForm(CheckedForm):
    hetu = HetuField()
    purpose = forms.ChoiceField(
        label=_("Purpose of the look-up"), choices=[c for c in Purpose.choices if c[0] != Purpose.AUDIT]
    )


class AuditSearchForm(CheckedForm):
    hetu = HetuField(required=False, label=_("Client's personal identity code"))
    actor = forms.CharField(required=False, max_length=100, label=_("Professional's name"))
    refused_only = forms.BooleanField(required=False, label=_("Only refused attempts"))
