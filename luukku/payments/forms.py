from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.web.forms import CheckedForm


class NoShowForm(CheckedForm):
    acceptable_reason = forms.BooleanField(
        label=_("The client has given an acceptable reason for not coming"), required=False
    )
