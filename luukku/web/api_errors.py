"""The JSON API's error answers in the caller's language: a 422 lists each refused field with a
message a person understands; ninja's own English messages (unparsable body, not found, not signed in)
are translated too. Every operation documents the error answers it gives (`errors(…)` in its `response=`),
and a 401 carries `WWW-Authenticate` (the API's credential is the session cookie of a sign-in)."""

import typing
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic_core.core_schema import ErrorType

PYDANTIC_ERRORS = frozenset(typing.get_args(ErrorType))
WWW_AUTHENTICATE = 'Session realm="Luukku"'


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


class ThrottledOut(Schema):
    detail: str
    retry_after: int


def errors(*codes: int) -> dict[int, type[Schema]]:
    """The error answers of an operation for its `response=`: 422 lists the refused fields, 429 says when
    to try again, the others carry a `detail` message in the caller's language."""
    return {code: {422: ValidationErrorOut, 429: ThrottledOut}.get(code, ErrorOut) for code in codes}


def _message(error: dict[str, Any]) -> str:
    """A translated message for one pydantic error; our own validators' messages are translated already."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind not in PYDANTIC_ERRORS and error.get("msg"):
        return str(error["msg"])  # from luukku.web.api_fields: translated when it was raised
    if kind == "missing":
        return _("This field is required.")
    if kind == "string_too_long":
        return _("At most %(limit)s characters.") % {"limit": context.get("max_length")}
    if kind == "string_too_short":
        return _("At least %(limit)s characters.") % {"limit": context.get("min_length")}
    if kind in {"greater_than_equal", "greater_than"}:
        limit = context.get("ge", context.get("gt"))
        return _("The smallest accepted value is %(limit)s.") % {"limit": limit}
    if kind in {"less_than_equal", "less_than"}:
        limit = context.get("le", context.get("lt"))
        return _("The largest accepted value is %(limit)s.") % {"limit": limit}
    if kind in {"int_type", "int_parsing", "int_from_float", "int_parsing_size"}:
        return _("Give a whole number.")
    if kind in {"bool_type", "bool_parsing"}:
        return _("Give true or false.")
    if kind in {"string_type", "string_unicode"}:
        return _("Give text.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Give a date in the form YYYY-MM-DD.")
    if kind.startswith("uuid"):
        return _("Give a valid identifier.")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _("Give a JSON object.")
    if kind in {"list_type", "too_long", "too_short"}:
        return _("Give a list of the accepted length.")
    if kind == "literal_error" or kind == "enum":
        return _("Choose one of the accepted values.")
    return _("The value is not valid.")


def _validation_error(api: NinjaAPI, request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = [
        {"loc": list(error.get("loc", ())), "msg": _message(error), "type": error.get("type", "")}
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


def _http_error(api: NinjaAPI, request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if message.startswith("Cannot parse request body"):  # ninja's own, for a body that is not JSON
        message = _("The request body is not valid JSON.")
    elif isinstance(exc, AuthenticationError):
        message = _("Sign in first.")
    response = api.create_response(request, {"detail": message}, status=exc.status_code)
    if exc.status_code == 401:
        response["WWW-Authenticate"] = WWW_AUTHENTICATE
    return response


def _not_found(api: NinjaAPI, request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


def install(api: NinjaAPI) -> None:
    """Answer bad input with 4xx JSON in the caller's language (LocaleMiddleware chose it)."""
    api.add_exception_handler(ValidationError, lambda request, exc: _validation_error(api, request, exc))
    api.add_exception_handler(HttpError, lambda request, exc: _http_error(api, request, exc))
    api.add_exception_handler(Http404, lambda request, exc: _not_found(api, request, exc))
