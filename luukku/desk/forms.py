from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.booking.forms import normalise_phone
from luukku.identity.forms import HetuField
from luukku.identity.models import OrgUnit

from .models import ChainTemplate, ClientChainStep, ResponsibleWorker, WorkItem


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


class MaturityForm(forms.Form):
    """A professional's judgement that a 12-17-year-old decides alone in one service event."""

    service_event = forms.RegexField(
        label=_("Service event"),
        max_length=100,
        regex=r"^[a-z0-9-]+(:[a-z0-9-]+)?\Z",
        error_messages={"invalid": _("Use the service's code, e.g. ehkaisyneuvonta or chat:hoitaja.")},
        help_text=_("The service's code, e.g. ehkaisyneuvonta, chat:hoitaja or carepath:raskaus."),
    )
    decides_alone = forms.BooleanField(label=_("Decides alone; not shown to the guardians"), required=False)
    reason = forms.CharField(label=_("Grounds"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    to = forms.ModelChoiceField(
        label=_("Colleague"), queryset=None, error_messages={"invalid_choice": _("Choose a colleague.")}
    )

    def __init__(self, data, colleagues) -> None:
        super().__init__(data)
        self.fields["to"].queryset = colleagues


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=WorkItem.Status.choices)


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(label=_("Priority"), choices=WorkItem.Priority.choices, coerce=int)


class LinkClientForm(forms.Form):
    hetu = HetuField(label=_("Client's personal identity code"))


class ResponsibleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Mark myself as"), choices=ResponsibleWorker.Kind.choices)


class ChainForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Start a service chain"), queryset=ChainTemplate.objects.all(), to_field_name="code"
    )


class ChainStepForm(forms.Form):
    step = forms.ModelChoiceField(label=_("Step"), queryset=None)

    def __init__(self, data, client) -> None:
        super().__init__(data)
        self.fields["step"].queryset = ClientChainStep.objects.filter(chain__client=client).select_related(
            "chain__client", "chain__template"
        )
