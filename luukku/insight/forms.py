from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.identity.models import OrgUnit
from luukku.web.forms import CheckedForm

from . import indicators
from .services import CONTACT_CHANNELS, CONTACT_TOPICS

GRAIN_LABELS = {"month": _("Month"), "quarter": _("Quarter"), "year": _("Year")}
CHANNEL_LABELS = {
    "web": _("Web"),
    "app": _("App"),
    "chat": _("Chat"),
    "phone": _("Phone"),
    "in_person": _("In person"),
    "unknown": _("Not known"),
}
BY_LABELS = {
    "channel": _("Channel"),
    "age_group": _("User group (age)"),
    "service": _("Service"),
    "campaign": _("Campaign"),
    "detail": _("Form, route or template"),
    "county": _("County"),
    "division": _("Division"),
    "result_area": _("Result area"),
    "unit": _("Unit"),
}
TOPIC_LABELS = {
    "appointment": _("Appointment"),
    "advice": _("Advice"),
    "results": _("Test results"),
    "social_services": _("Social services"),
    "other": _("Other matter"),
}


class FilterForm(CheckedForm):
    """The dashboard's filters (GET). The unit choices are the manager's own units."""

    grain = forms.ChoiceField(label=_("Period"), choices=list(GRAIN_LABELS.items()), required=False)
    kausi = forms.CharField(
        label=_("Single period"),
        required=False,
        max_length=7,
        help_text=_("For example 2026, 2026-Q2 or 2026-05. Empty: the latest periods."),
    )
    yksikko = forms.ChoiceField(label=_("Organisation"), required=False)
    kanava = forms.ChoiceField(label=_("Channel"), required=False)
    ryhma = forms.ChoiceField(label=_("User group (age)"), required=False)
    jako = forms.ChoiceField(label=_("Break down by"), required=False)

    def __init__(self, data, units: list[OrgUnit]) -> None:
        super().__init__(data)
        self.fields["yksikko"].choices = [
            (u.code, f"{u.local_name} ({u.get_level_display()})") for u in units
        ]
        self.fields["kanava"].choices = [("", _("All channels")), *CHANNEL_LABELS.items()]
        self.fields["ryhma"].choices = [("", _("All ages")), *((g, g) for g in indicators.AGE_GROUPS)]
        self.fields["jako"].choices = [("", _("Each table's own")), *BY_LABELS.items()]

    def clean_kausi(self) -> tuple | None:
        text = self.cleaned_data["kausi"].strip()
        if not text:
            return None
        try:
            return indicators.parse_period(text)
        except ValueError:
            raise forms.ValidationError(
                _("Give a year (2026), a quarter (2026-Q2) or a month (2026-05).")
            ) from None


class ContactForm(CheckedForm):
    """A phone call or a visit at the desk, logged for the digital share of contacts."""

    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[(c, CHANNEL_LABELS[c]) for c in CONTACT_CHANNELS],
        widget=forms.RadioSelect,
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), to_field_name="code")
    topic = forms.ChoiceField(label=_("Matter"), choices=[(t, TOPIC_LABELS[t]) for t in CONTACT_TOPICS])

    def __init__(self, data, units: list[OrgUnit]) -> None:
        super().__init__(data)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("name")
        if len(units) == 1:
            self.fields["unit"].initial = units[0].code
