"""One form per action on an application (resident and professional)."""

import io

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from luukku.web.forms import CheckedForm
from luukku.web.text import clean_message

from .adapters import RAI_SCALES
from .models import Decision

MAX_PDF_BYTES = 5 * 1024 * 1024
MAX_PDF_PAGES = 50


def clean_upload(upload) -> tuple[ContentFile, str]:
    """A picture through web.images (re-encoded), or a PDF that parses, has no JavaScript, launch actions
    or embedded files, and is stored under a generated name. Anything else is refused."""
    import uuid

    from luukku.web.images import clean_picture

    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        picture = clean_picture(upload)
        return picture.file, picture.content_type
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError(_("The PDF is too large: at most 5 MB."))
    data = upload.read()
    _check_pdf(data)
    return ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"), "application/pdf"


# Scripts, launching programs, embedded files, forms posting data. Looked for in the file's bytes: a key
# inside a compressed object stream is not seen (a known limit; the file is only ever served as a
# download with a sandboxing CSP, never rendered inline).
ACTIVE_KEYS = (
    b"/JavaScript",
    b"/JS",
    b"/Launch",
    b"/EmbeddedFile",
    b"/RichMedia",
    b"/XFA",
    b"/SubmitForm",
    b"/ImportData",
)


def _check_pdf(data: bytes) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    refused = ValidationError(_("The PDF could not be accepted: it is damaged or contains active content."))
    if any(key in data for key in ACTIVE_KEYS):  # also inside object streams' plain text
        raise refused
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        pages = int(reader.root["/Pages"]["/Count"])
    except Exception:
        raise refused from None
    if not 0 < pages <= MAX_PDF_PAGES:
        raise refused


class AttachmentForm(CheckedForm):
    attachment = forms.FileField(
        label=_("Attachment (PDF, JPEG or PNG, at most 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def clean_attachment(self) -> tuple[ContentFile, str]:
        return clean_upload(self.cleaned_data["attachment"])


class MessageForm(CheckedForm):
    body = forms.CharField(label=_("Message"), strip=False, widget=forms.Textarea(attrs={"rows": 5}))

    def clean_body(self) -> str:
        return clean_message(self.cleaned_data["body"])


class AssignForm(CheckedForm):
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=None)

    def __init__(self, *args, handlers=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers
        self.fields["handler"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class AssessmentForm(CheckedForm):
    functional_ability = forms.CharField(
        label=_("Functional ability and the need for services"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    rai_assessed_on = forms.DateField(
        label=_("Date of the RAI assessment"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for scale, (low, high) in RAI_SCALES.items():
            self.fields[f"rai_{scale}"] = forms.IntegerField(
                label=f"RAI {scale} ({low}–{high})", required=False, min_value=low, max_value=high
            )

    def clean(self) -> dict:
        data = super().clean()
        scores = {s: data.pop(f"rai_{s}") for s in RAI_SCALES if data.get(f"rai_{s}") is not None}
        for s in RAI_SCALES:
            data.pop(f"rai_{s}", None)
        if scores and not data.get("rai_assessed_on"):
            self.add_error("rai_assessed_on", _("Give the date of the RAI assessment."))
        data["rai_scores"] = scores
        return data


class DecisionForm(CheckedForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Decision.Outcome.choices)
    body = forms.CharField(
        label=_("Decision and its reasons"), widget=forms.Textarea(attrs={"rows": 8}), max_length=8000
    )


class MaturityForm(CheckedForm):
    decides_alone = forms.BooleanField(label=_("The minor decides alone in this matter"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
