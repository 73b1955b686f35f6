from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .validation import check_text


class CheckedForm(forms.Form):
    """The base of every form: no field accepts control characters (NUL among them), checked on the
    raw value before a field looks anything up. Textarea fields and those named in `free_text` keep
    line breaks and tabs."""

    free_text: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.FileField):
                multiline = name in self.free_text or isinstance(field.widget, forms.Textarea)
                field.clean = _refusing_control_characters(field.clean, multiline)


def _refusing_control_characters(clean: Callable, multiline: bool) -> Callable:
    def checked(value: object, *args: object) -> object:
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str):
                check_text(item, multiline)
        return clean(value, *args)

    return checked


def posted(request: HttpRequest) -> QueryDict | None:
    """POST data to bind a form to (also when empty, so an empty submit is validated), else None."""
    return request.POST if request.method == "POST" else None


@dataclass(frozen=True)
class Action:
    """One POST action: the form that validates it, the one service call that does it, and the success
    notice the professional or resident reads when it is done (HDS notification). `done` is asked of
    every action: a text, a function of what the call returned (None: no notice), or None where the
    result shows itself (a chat message appearing in the thread)."""

    form: Callable[[QueryDict], forms.Form]
    run: Callable[[dict], object]
    done: str | Promise | Callable[[object], str | Promise | None] | None


class NoFieldsForm(CheckedForm):
    """An action that needs nothing but its button (claim, take, end, mark handled)."""


class UnknownAction(CheckedForm):
    def clean(self) -> dict:
        raise forms.ValidationError(_("This action is not available here."))


def run_action(
    request: HttpRequest, actions: dict[str, Action], refusals: tuple[type[Exception], ...] = ()
) -> tuple[forms.Form, object]:
    """Validate the posted `action` with its form and run its service call.

    Returns the bound form (with the service's refusal as a form error when it refused) and what the
    call returned. ValidationError and PermissionDenied become form errors, as do `refusals`.
    """
    action = actions.get(request.POST.get("action", ""))
    form = action.form(request.POST) if action else UnknownAction(request.POST)
    if not form.is_valid() or action is None:
        return form, None
    try:
        result = action.run(form.cleaned_data)
    except ValidationError as invalid:
        form.add_error(None, invalid)
    except (PermissionDenied, *refusals) as refused:
        form.add_error(None, str(refused) or _("You do not have the right to do this."))
    else:
        notice = action.done(result) if callable(action.done) else action.done
        if notice:
            messages.success(request, notice)
        return form, result
    return form, None
