from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.registry.municipalities import KANTA_HAME
from luukku.web.forms import CheckedForm
from luukku.web.validation import normalise_phone

from .models import LANGUAGES, ServiceKind, TargetGroup

SORTS = (("relevance", _("relevance")), ("distance", _("distance from home")), ("name", _("name")))


def municipality_choices() -> list[tuple[str, str]]:
    return [("", _("All municipalities"))] + [
        (m.code, m.name_fi) for m in sorted(KANTA_HAME, key=lambda m: m.name_fi)
    ]


class SearchForm(CheckedForm):
    """The directory search (GET): every field optional; unknown choices are a clear error."""

    haku = forms.CharField(label=_("Search words"), max_length=200, required=False)
    kunta = forms.ChoiceField(label=_("Municipality"), choices=municipality_choices, required=False)
    tyyppi = forms.ChoiceField(
        label=_("Provider"), choices=[("", _("All providers")), *ServiceKind.choices], required=False
    )
    kohderyhma = forms.ChoiceField(
        label=_("Target group"), choices=[("", _("All target groups")), *TargetGroup.choices], required=False
    )
    kieli = forms.ChoiceField(
        label=_("Language of service"),
        choices=[("", _("Any language")), *LANGUAGES.items()],
        required=False,
    )
    auki = forms.BooleanField(label=_("Open now"), required=False)
    esteeton = forms.BooleanField(label=_("Step-free access"), required=False)
    jarjestys = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)
    sivu = forms.IntegerField(label=_("Page"), min_value=1, max_value=10_000, required=False)


class ContactForm(CheckedForm):
    """A contact request to the unit that gives the service."""

    name = forms.CharField(label=_("Your name"), max_length=100)
    phone = forms.CharField(label=_("Phone number"), max_length=30)
    message = forms.CharField(
        label=_("What is it about?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])
