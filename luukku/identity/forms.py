from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from luukku.registry.hetu import InvalidHetu, parse
from luukku.web.forms import CheckedForm

from .lockout import LockoutAwareMixin


class HetuField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Personal identity code"))
        kwargs.setdefault("max_length", 11)
        kwargs.setdefault("min_length", 1)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        )

    def clean(self, value: str) -> str:
        value = super().clean(value)
        if not value and not self.required:
            return ""
        try:
            return parse(value).code
        except InvalidHetu as error:
            raise forms.ValidationError(error.message, code="invalid_hetu") from None


class PersonaForm(CheckedForm):
    persona = forms.CharField(required=False, widget=forms.HiddenInput)
    hetu = HetuField(
        required=False, help_text=_("Or enter the code of any person in the demo population register.")
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("persona") and not data.get("hetu") and not self.errors:
            raise forms.ValidationError(_("Choose a test persona or enter a personal identity code."))
        return data


class ProfessionalAuthenticationForm(LockoutAwareMixin, AuthenticationForm):
    """Username and password; a locked-out sign-in is told how long to wait."""


class AdminLoginForm(LockoutAwareMixin, AdminAuthenticationForm):
    """The admin's sign-in, locked out the same way."""
