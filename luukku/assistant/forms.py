"""Forms of Assi: the resident's page (without JavaScript), the handover, and content owners' editing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from luukku.booking.forms import PHONE_INPUT_LENGTH
from luukku.desk.models import WorkItem
from luukku.identity.models import OrgUnit
from luukku.web.forms import CheckedForm
from luukku.web.validation import max_length, normalise_phone

from .models import LANGUAGES, Exchange, Topic


class AskForm(CheckedForm):
    question = forms.CharField(
        label=_("Your question"), max_length=max_length(Exchange, "question"), strip=True
    )


class PickForm(CheckedForm):
    key = forms.SlugField(max_length=80)


class RateForm(CheckedForm):
    exchange = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    helpful = forms.TypedChoiceField(choices=[("1", "yes"), ("0", "no")], coerce=lambda v: v == "1")


class CallBackForm(CheckedForm):
    name = forms.CharField(label=_("Your name"), max_length=max_length(WorkItem, "contact_name"))
    phone = forms.CharField(label=_("Phone number"), max_length=PHONE_INPUT_LENGTH)

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))


class TopicForm(CheckedForm):
    """A topic's content. Links are written one a line as `label | url` (a Luukku path or https)."""

    free_text = ("phrasings", "answer", "links")
    key = forms.SlugField(label=_("Key"), max_length=80, help_text=_("Shared by the fi, sv and en versions"))
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=max_length(Topic, "title"))
    phrasings = forms.CharField(
        label=_("Phrasings"), widget=forms.Textarea(attrs={"rows": 6}), help_text=_("One a line")
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000)
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: label | /path/ or https://…"),
    )
    owner_unit = forms.ModelChoiceField(
        label=_("Owner unit"), queryset=OrgUnit.objects.order_by("name"), to_field_name="code"
    )
    review_date = forms.DateField(label=_("Review by"), widget=forms.DateInput(attrs={"type": "date"}))
    handover_queue = forms.SlugField(label=_("Chat queue for handover"), required=False, max_length=50)
    symptom = forms.BooleanField(
        label=_("About symptoms (points to the care-need assessment)"), required=False
    )

    def clean_phrasings(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["phrasings"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Write at least one phrasing."))
        return "\n".join(line[:300] for line in lines[:50])

    def clean_links(self) -> list[list[str]]:
        links = []
        for line in self.cleaned_data.get("links", "").splitlines():
            if not line.strip():
                continue
            label, separator, url = line.partition("|")
            url = url.strip()
            if not separator or not label.strip() or not (url.startswith("/") or url.startswith("https://")):
                raise forms.ValidationError(_("Write each link as: label | /path/ or https://…"))
            if url.startswith("//"):
                raise forms.ValidationError(_("Write each link as: label | /path/ or https://…"))
            links.append([label.strip()[:100], url[:300]])
        return links[:10]

    @staticmethod
    def initial_of(topic: Topic) -> dict:
        return {
            "key": topic.key,
            "language": topic.language,
            "title": topic.title,
            "phrasings": topic.phrasings,
            "answer": topic.answer,
            "links": "\n".join(f"{label} | {url}" for label, url in topic.links),
            "owner_unit": topic.owner_unit.code if topic.owner_unit_id else None,
            "review_date": topic.review_date,
            "handover_queue": topic.handover_queue,
            "symptom": topic.symptom,
        }


class HandledForm(CheckedForm):
    exchange = forms.IntegerField(min_value=1, max_value=2**63 - 1)
