from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.identity.forms import HetuField
from luukku.web.forms import CheckedForm

from .models import LegalHold
from .registry import record_types


class PersonHoldForm(CheckedForm):
    hetu = HetuField(label=_("Client's personal identity code"))
    reason = forms.CharField(
        label=_("Reason for the hold"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. a complaint, a claim for damages or a court case, with its reference."),
    )


class RecordHoldForm(CheckedForm):
    record_type = forms.ChoiceField(label=_("Record type"), choices=())
    record_id = forms.CharField(label=_("Record number"), max_length=19)
    reason = forms.CharField(
        label=_("Reason for the hold"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["record_type"].choices = [(kind.key, kind.key) for kind in record_types()]

    def clean_record_id(self) -> str:
        value = self.cleaned_data["record_id"].strip()
        if not value.isascii() or not value.isdigit() or int(value) >= 2**63:
            raise forms.ValidationError(_("Enter the record's number in digits."))
        return value


class LiftHoldForm(CheckedForm):
    hold = forms.ModelChoiceField(
        queryset=LegalHold.objects.filter(lifted_at__isnull=True), widget=forms.HiddenInput
    )
    lift_reason = forms.CharField(
        label=_("Why the hold is lifted"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DryRunForm(CheckedForm):
    """Record that the officer looked at today's dry run (kept in the run log)."""
