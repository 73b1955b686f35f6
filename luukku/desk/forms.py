from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.booking.forms import PHONE_INPUT_LENGTH
from luukku.identity.forms import HetuField
from luukku.identity.models import MaturityAssessment, OrgUnit
from luukku.web.forms import CheckedForm
from luukku.web.validation import max_length, normalise_phone

from .models import ChainTemplate, ClientChainStep, ResponsibleWorker, WorkItem


class CallBackForm(CheckedForm):
    unit = forms.ModelChoiceField(
        label=_("Who should call you"),
        empty_label=None,
        queryset=OrgUnit.objects.filter(level="unit").order_by("name"),
    )
    topic = forms.CharField(
        label=_("What is it about?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    name = forms.CharField(label=_("Your name"), max_length=max_length(WorkItem, "contact_name"))
    phone = forms.CharField(label=_("Phone number"), max_length=PHONE_INPUT_LENGTH)

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))


class MaturityForm(CheckedForm):
    """A professional's judgement that a 12-17-year-old decides alone in one service event."""

    service_event = forms.RegexField(
        label=_("Service event"),
        max_length=max_length(MaturityAssessment, "service_event"),
        regex=r"^[a-z0-9-]+(:[a-z0-9-]+)?\Z",
        error_messages={"invalid": _("Use the service's code, e.g. ehkaisyneuvonta or chat:hoitaja.")},
        help_text=_("The service's code, e.g. ehkaisyneuvonta, chat:hoitaja or carepath:raskaus."),
    )
    decides_alone = forms.BooleanField(label=_("Decides alone; not shown to the guardians"), required=False)
    reason = forms.CharField(label=_("Grounds"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    valid_until = forms.DateField(
        label=_("Valid until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: until the minor turns 18."),
    )


class AssignForm(CheckedForm):
    to = forms.ModelChoiceField(
        label=_("Colleague"), queryset=None, error_messages={"invalid_choice": _("Choose a colleague.")}
    )

    def __init__(self, data, colleagues) -> None:
        super().__init__(data)
        self.fields["to"].queryset = colleagues


class StatusForm(CheckedForm):
    status = forms.ChoiceField(label=_("Status"), choices=WorkItem.Status.choices)


class PriorityForm(CheckedForm):
    priority = forms.TypedChoiceField(label=_("Priority"), choices=WorkItem.Priority.choices, coerce=int)


class LinkClientForm(CheckedForm):
    hetu = HetuField(label=_("Client's personal identity code"))


class ResponsibleForm(CheckedForm):
    kind = forms.ChoiceField(label=_("Mark myself as"), choices=ResponsibleWorker.Kind.choices)


class ChainForm(CheckedForm):
    template = forms.ModelChoiceField(
        label=_("Start a service chain"), queryset=ChainTemplate.objects.all(), to_field_name="code"
    )


class ChainStepForm(CheckedForm):
    step = forms.ModelChoiceField(label=_("Step"), queryset=None)

    def __init__(self, data, client) -> None:
        super().__init__(data)
        self.fields["step"].queryset = ClientChainStep.objects.filter(chain__client=client).select_related(
            "chain__client", "chain__template"
        )
