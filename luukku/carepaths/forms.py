"""The care team's actions on a client's path: one form each."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.web.text import clean_message

from .models import ClientPath, MeasurementKind, Phase, TaskKind

TASK_TIME = dt.time(9)  # a task due "on a day" is due at nine that morning, Helsinki time


def _morning(day: dt.date | None) -> dt.datetime | None:
    return timezone.make_aware(dt.datetime.combine(day, TASK_TIME)) if day else None


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), strip=False)

    def clean_body(self) -> str:
        return clean_message(self.cleaned_data["body"])  # the one rule for what people write


class _TaskForm(forms.Form):
    task = forms.ModelChoiceField(label=_("Task"), queryset=None)

    def __init__(self, data, path: ClientPath) -> None:
        super().__init__(data)
        self.fields["task"].queryset = path.tasks.all()


class RemoveTaskForm(_TaskForm):
    pass


class DueForm(_TaskForm):
    due = forms.DateField(label=_("New due date"))

    def clean_due(self) -> dt.datetime:
        return _morning(self.cleaned_data["due"])


class AddTaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    instructions = forms.CharField(label=_("Instructions"), max_length=4000, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(TaskKind.READ, TaskKind.READ.label), (TaskKind.MEASUREMENT, TaskKind.MEASUREMENT.label)],
    )
    measurement = forms.ChoiceField(label=_("Measurement"), choices=MeasurementKind.choices, required=False)
    due = forms.DateField(label=_("Due"), required=False)
    remind = forms.BooleanField(label=_("Remind the client"), required=False)

    def clean_due(self) -> dt.datetime | None:
        return _morning(self.cleaned_data.get("due"))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == TaskKind.MEASUREMENT and not data.get("measurement"):
            self.add_error("measurement", _("Choose what the client measures."))
        if data.get("kind") != TaskKind.MEASUREMENT:
            data["measurement"] = ""
        return data


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
