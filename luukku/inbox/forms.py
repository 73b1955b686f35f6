"""The inbox's forms: a message to the unit, a search, the notification preferences."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.web.forms import CheckedForm
from luukku.web.text import clean_message
from luukku.web.validation import check_email, normalise_phone

SEARCH_LENGTH = 100


class MessageForm(CheckedForm):
    free_text = ("body",)
    body = forms.CharField(label=_("Message"), strip=False, widget=forms.Textarea(attrs={"rows": 5}))

    def clean_body(self) -> str:
        return clean_message(self.cleaned_data["body"])


class ResidentMessageForm(MessageForm):
    attachment = forms.FileField(
        label=_("Picture (JPEG or PNG, at most 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def clean_attachment(self):
        from luukku.web.images import clean_picture

        upload = self.cleaned_data.get("attachment")
        return clean_picture(upload).file if upload else None


class SearchForm(CheckedForm):
    q = forms.CharField(label=_("Search messages"), max_length=SEARCH_LENGTH, required=False)


class PreferencesForm(CheckedForm):
    by_sms = forms.BooleanField(label=_("Tell me by text message"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    by_email = forms.BooleanField(label=_("Tell me by e-mail"), required=False)
    email = forms.CharField(label=_("E-mail address"), max_length=254, required=False)
    quiet_from = forms.TimeField(
        label=_("No notices from"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    quiet_until = forms.TimeField(
        label=_("No notices until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean_email(self) -> str:
        return check_email(self.cleaned_data["email"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("by_sms") and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Give a phone number for text messages."))
        if data.get("by_email") and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Give an e-mail address for e-mail notices."))
        if (data.get("quiet_from") is None) != (data.get("quiet_until") is None):
            self.add_error(
                "quiet_until", _("Give both the start and the end of the quiet hours, or neither.")
            )
        return data


def initial_preferences(preferences) -> dict:
    def hhmm(value: dt.time | None) -> str:
        return value.strftime("%H:%M") if value else ""

    return {
        "by_sms": preferences.by_sms,
        "phone": preferences.phone,
        "by_email": preferences.by_email,
        "email": preferences.email,
        "quiet_from": hhmm(preferences.quiet_from),
        "quiet_until": hhmm(preferences.quiet_until),
    }
