from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.web.forms import CheckedForm
from luukku.web.validation import max_length, normalise_phone

from .models import Appointment

PHONE_INPUT_LENGTH = 25  # what may be typed; stored in E.164 form (at most 16 characters)


class ContactForm(CheckedForm):
    name = forms.CharField(
        label=_("Your name"), max_length=max_length(Appointment, "contact_name"), required=False
    )
    phone = forms.CharField(
        label=_("Mobile phone for text messages"),
        max_length=PHONE_INPUT_LENGTH,
        help_text=_(
            "Required: the confirmation, a link to your booking and a reminder the day before are sent here."
        ),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"), max_length=max_length(Appointment, "contact_email"), required=False
    )

    def __init__(self, *args, anonymous: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.anonymous = anonymous
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        if anonymous:
            self.fields["name"].required = True
            self.fields["name"].help_text = _("A first name or a nickname is enough.")
            self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        else:
            del self.fields["name"]

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))


class ClientBookingForm(CheckedForm):
    from luukku.identity.forms import HetuField

    hetu = HetuField(label=_("Client's personal identity code"))
    phone = forms.CharField(label=_("Client's mobile phone"), max_length=PHONE_INPUT_LENGTH, required=False)

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))


class ManageTokenForm(CheckedForm):
    """Opens a booking made without identification with the code of its manage link."""

    token = forms.CharField(
        label=_("Booking code"),
        max_length=max_length(Appointment, "manage_token"),
        help_text=_("The part of your booking link after the # sign."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
