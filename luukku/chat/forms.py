"""The professional's actions in a conversation: one form each."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from luukku.web.forms import CheckedForm
from luukku.web.text import clean_message

from .models import ChatQueue


class MessageForm(CheckedForm):
    free_text = ("body",)
    body = forms.CharField(label=_("Message"), strip=False)
    internal = forms.BooleanField(label=_("Internal"), required=False)

    def clean_body(self) -> str:
        return clean_message(self.cleaned_data["body"])  # the one rule for what people write


class AttachForm(CheckedForm):
    attachment = forms.FileField(label=_("Picture"))


class TransferQueueForm(CheckedForm):
    queue = forms.ModelChoiceField(label=_("Queue"), queryset=ChatQueue.objects.all(), to_field_name="code")


class ColleagueForm(CheckedForm):
    user = forms.ModelChoiceField(
        label=_("Colleague"),
        queryset=get_user_model().objects.filter(professional__isnull=False),
        error_messages={"invalid_choice": _("Choose a colleague.")},
    )


class CloseForm(CheckedForm):
    free_text = ("summary",)
    summary = forms.CharField(label=_("Summary"), strip=False, required=False)
