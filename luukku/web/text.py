"""Rules for the free text people write to each other (chat, care-path threads): shared by the apps."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .validation import check_text

MAX_MESSAGE = 4000


def clean_message(body: str) -> str:
    """The message without surrounding space; refused when empty, too long (never cut short) or when it
    holds control characters other than line breaks and tabs."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message first."))
    if len(body) > MAX_MESSAGE:
        raise ValidationError(
            _("The message is too long: at most %(limit)s characters.") % {"limit": MAX_MESSAGE}
        )
    return check_text(body, multiline=True)
