"""Constrained field types for the JSON API's schemas (django-ninja / pydantic), built on the rules of
`validation`: a refusal becomes a 422 whose message is in the caller's language (see api_errors)."""

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from pydantic import AfterValidator, BeforeValidator, Field, StrictInt, StringConstraints
from pydantic_core import PydanticCustomError

from . import validation


def _refusal(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A pydantic validator from a Django one: its message (translated now, during the request)."""

    def validate(value: Any) -> Any:
        try:
            result = check(value)
        except ValidationError as error:
            raise PydanticCustomError(error.code or "invalid", " ".join(error.messages)) from None
        return value if result is None else result

    return validate


def Text(limit: int, multiline: bool = False) -> Any:
    """A string of at most `limit` characters (take it from the model column) without control
    characters; `multiline` keeps line breaks and tabs."""
    return Annotated[
        str,
        StringConstraints(max_length=limit),
        AfterValidator(_refusal(lambda value: validation.check_text(value, multiline))),
    ]


def Email(limit: int = 254) -> Any:
    """An e-mail address ('' for none) checked with Django's EmailValidator, at most `limit` long."""
    return Annotated[str, AfterValidator(_refusal(lambda value: validation.check_email(value, limit)))]


Phone = Annotated[str, StringConstraints(max_length=30), AfterValidator(_refusal(validation.normalise_phone))]
"""A Finnish or international phone number ('' for none), given back in E.164 form."""

Id = Annotated[StrictInt, Field(ge=1, le=validation.MAX_ID)]
"""A database id: a JSON integer (not true, not "5") within 64 bits."""

Label = Annotated[str, BeforeValidator(lambda value: str(value) if isinstance(value, Promise) else value)]
"""An output label that may be a lazy translation: rendered in the reader's language, never a 500."""

Day = Annotated[dt.date, AfterValidator(_refusal(validation.check_date))]
"""A date within validation.EARLIEST..LATEST."""
