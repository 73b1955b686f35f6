from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.web.forms import CheckedForm

from .models import Nurse, Visit


class FinishForm(CheckedForm):
    tasks_done = forms.MultipleChoiceField(
        label=_("Tasks done"), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, visit: Visit | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        tasks = visit.tasks if visit else []
        self.fields["tasks_done"].choices = [(t, t) for t in tasks]


class NoteForm(CheckedForm):
    notes = forms.CharField(label=_("What happened"), required=False, max_length=2000, widget=forms.Textarea)


class MoveForm(CheckedForm):
    visit = forms.ModelChoiceField(label=_("Visit"), queryset=Visit.objects.none(), to_field_name="public_id")
    nurse = forms.ModelChoiceField(label=_("Nurse"), queryset=Nurse.objects.none())

    def __init__(self, *args, visits=None, nurses=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if visits is not None:
            self.fields["visit"].queryset = visits
        if nurses is not None:
            self.fields["nurse"].queryset = nurses


class NurseForm(CheckedForm):
    nurse = forms.ModelChoiceField(label=_("Nurse"), queryset=Nurse.objects.none())

    def __init__(self, *args, nurses=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if nurses is not None:
            self.fields["nurse"].queryset = nurses


class VisitForm(CheckedForm):
    visit = forms.ModelChoiceField(label=_("Visit"), queryset=Visit.objects.none(), to_field_name="public_id")

    def __init__(self, *args, visits=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if visits is not None:
            self.fields["visit"].queryset = visits
