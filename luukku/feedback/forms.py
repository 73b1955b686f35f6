from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from luukku.web.forms import CheckedForm
from luukku.web.validation import check_email, check_text, max_length, normalise_phone

from .models import Feedback, FeedbackTarget
from .services import DECISIONS

TEXT_LIMIT = 4000


class SearchForm(CheckedForm):
    q = forms.CharField(label=_("Search for a unit, service or team"), max_length=100, required=False)


class SurveyForm(CheckedForm):
    """The survey's answers as the questionnaire engine takes them ({linkId: [value, ...]}); the engine
    validates the values (feedback.services.answer_survey), this form only refuses control characters."""

    def __init__(self, data, link_ids: set[str]) -> None:
        super().__init__(data)
        self.link_ids = link_ids

    def clean(self) -> dict:
        raw: dict[str, list[str]] = {}
        for link in self.link_ids:
            values = [v for v in self.data.getlist(link) if v != ""] if self.data else []
            for value in values:
                if len(value) > TEXT_LIMIT:
                    raise ValidationError(_("An answer is too long."))
                check_text(value, multiline=True)
            if values:
                raw[link] = values
        return {"raw": raw}


class FeedbackForm(CheckedForm):
    kind = forms.ChoiceField(
        label=_("What kind of feedback?"),
        choices=[(k, v) for k, v in Feedback.Kind.choices],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your feedback"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Do not write your personal identity code. In an emergency, call 112."),
    )
    wants_reply = forms.BooleanField(label=_("I would like a reply"), required=False)
    anonymous = forms.BooleanField(label=_("Send without my name"), required=False)
    contact_name = forms.CharField(
        label=_("Your name"), required=False, max_length=max_length(Feedback, "contact_name")
    )
    contact_email = forms.CharField(label=_("E-mail address"), required=False, max_length=254)
    contact_phone = forms.CharField(label=_("Phone number"), required=False, max_length=25)

    def __init__(self, data=None, signed_in: bool = False, **kwargs) -> None:
        super().__init__(data, **kwargs)
        if not signed_in:
            del self.fields["anonymous"]
            choices = [c for c in self.fields["kind"].choices if c[0] != Feedback.Kind.FORMAL]
            self.fields["kind"].choices = choices
            self.fields["kind"].help_text = _("To make a formal complaint (muistutus), sign in first.")

    def clean_contact_email(self) -> str:
        return check_email(self.cleaned_data.get("contact_email", ""))

    def clean_contact_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("contact_phone", ""))


class ReplyForm(CheckedForm):
    reply = forms.CharField(label=_("Reply"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 6}))
    decision = forms.ChoiceField(
        label=_("Decision (formal complaint)"),
        required=False,
        choices=[
            ("", "—"),
            (DECISIONS[0], _("well-founded")),
            (DECISIONS[1], _("partly well-founded")),
            (DECISIONS[2], _("unfounded")),
        ],
    )


class PublishForm(CheckedForm):
    public_action = forms.CharField(
        label=_("What we did (shown on the unit's public page with the screened feedback)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PaperForm(CheckedForm):
    """Staff entering a paper answer: the target, the day it was answered, then the survey's answers."""

    target = forms.CharField(label=_("Feedback target code"), max_length=80)
    answered_on = forms.DateField(label=_("Answered on"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_target(self) -> FeedbackTarget:
        target = FeedbackTarget.objects.filter(code=self.cleaned_data["target"], active=True).first()
        if target is None:
            raise ValidationError(_("No feedback target has this code."))
        return target

    def clean_answered_on(self):
        from django.utils import timezone

        from luukku.web.validation import check_date

        day = check_date(self.cleaned_data["answered_on"])
        if day > timezone.localdate():
            raise ValidationError(_("The day cannot be in the future."))
        return day
