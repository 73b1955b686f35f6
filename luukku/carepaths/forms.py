"""The care team's actions on a client's path: one form each."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luukku.web.forms import CheckedForm
from luukku.web.text import clean_message
from luukku.web.validation import check_date, max_length

from .models import ClientPath, ClientTask, MeasurementKind, Phase, TaskKind

TASK_TIME = dt.time(9)  # a task due "on a day" is due at nine that morning, Helsinki time


def _morning(day: dt.date | None) -> dt.datetime | None:
    return timezone.make_aware(dt.datetime.combine(day, TASK_TIME)) if day else None


class MessageForm(CheckedForm):
    free_text = ("body",)
    body = forms.CharField(label=_("Message"), strip=False)

    def clean_body(self) -> str:
        return clean_message(self.cleaned_data["body"])  # the one rule for what people write


class _TaskForm(CheckedForm):
    task = forms.ModelChoiceField(label=_("Task"), queryset=None)

    def __init__(self, data, path: ClientPath) -> None:
        super().__init__(data)
        self.fields["task"].queryset = path.tasks.all()


class RemoveTaskForm(_TaskForm):
    pass


class DueForm(_TaskForm):
    due = forms.DateField(label=_("New due date"), validators=[check_date])

    def clean_due(self) -> dt.datetime:
        return _morning(self.cleaned_data["due"])


class AddTaskForm(CheckedForm):
    free_text = ("instructions",)
    title = forms.CharField(label=_("Task"), max_length=max_length(ClientTask, "title"))
    instructions = forms.CharField(label=_("Instructions"), max_length=4000, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(TaskKind.READ, TaskKind.READ.label), (TaskKind.MEASUREMENT, TaskKind.MEASUREMENT.label)],
    )
    measurement = forms.ChoiceField(label=_("Measurement"), choices=MeasurementKind.choices, required=False)
    due = forms.DateField(label=_("Due"), required=False, validators=[check_date])
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


class PhaseForm(CheckedForm):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
