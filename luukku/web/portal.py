"""Sections of the resident's home page ("Oma sivu"), contributed by the apps that own them.

An app registers a section in its AppConfig.ready(); a placeholder stands in for each capability that
has not arrived yet, so the page always shows the same parts in the same order.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    template: str = "web/_placeholder_section.html"
    context: Callable[[HttpRequest, object], dict] = field(default=lambda request, person: {})
    empty_text: str | Promise = ""


_ORDER = ("appointments", "forms", "messages", "care_paths", "my_data")
_sections: dict[str, Section] = {
    "appointments": Section("appointments", _("Appointments"), empty_text=_("No upcoming appointments.")),
    "forms": Section("forms", _("Forms to fill in"), empty_text=_("No forms waiting for an answer.")),
    "messages": Section("messages", _("Messages"), empty_text=_("No messages.")),
    "care_paths": Section("care_paths", _("Care paths"), empty_text=_("No care paths in progress.")),
    "my_data": Section("my_data", _("My data"), template="web/_my_data_section.html"),
}


def register(section: Section) -> None:
    _sections[section.key] = section


def sections_for(request: HttpRequest, person) -> list[dict]:
    keys = [k for k in _ORDER if k in _sections] + [k for k in _sections if k not in _ORDER]
    return [{"section": _sections[k], **_sections[k].context(request, person)} for k in keys]
