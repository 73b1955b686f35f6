import re

from django import forms
from django.utils.translation import gettext_lazy as _

_PHONE = re.compile(r"^\+?[0-9]{6,15}$")


def normalise_phone(value: str) -> str:
    """Finnish mobile numbers in international form: '040 123 4567' -> '+358401234567'."""
    digits = re.sub(r"[\s\-()]", "", value or "")
    if not digits:
        return ""
    if not _PHONE.match(digits):
        raise forms.ValidationError(_("Enter the phone number with digits only, for example 040 123 4567."))
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+358" + digits[1:]
    elif not digits.startswith("+"):
        digits = "+" + digits
    return digits


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Mobile phone for text messages"),
        max_length=25,
        required=False,
        help_text=_("The confirmation and a reminder the day before are sent here."),
    )
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)

    def __init__(self, *args, anonymous: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.anonymous = anonymous
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        if anonymous:
            self.fields["name"].required = True
            self.fields["phone"].required = True
            self.fields["name"].help_text = _("A first name or a nickname is enough.")
            self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        else:
            del self.fields["name"]

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))


class ClientBookingForm(forms.Form):
    from luukku.identity.forms import HetuField

    hetu = HetuField(label=_("Client's personal identity code"))
    phone = forms.CharField(label=_("Client's mobile phone"), max_length=25, required=False)

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))
