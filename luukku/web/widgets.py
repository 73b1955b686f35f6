"""Small widgets an app adds to every resident page (e.g. the assistant Assi), registered from the
app's AppConfig.ready(); base.html includes them at the end of the body. Not on professionals' or the
admin's pages."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

PROFESSIONAL_PREFIXES = ("/ammattilainen/", "/yllapito/")


@dataclass(frozen=True)
class Widget:
    key: str
    template: str
    shown: Callable[[HttpRequest], bool] = field(default=lambda request: True)


_widgets: dict[str, Widget] = {}


def register(widget: Widget) -> None:
    _widgets[widget.key] = widget


def for_request(request: HttpRequest, is_professional: bool) -> list[Widget]:
    if is_professional or request.path.startswith(PROFESSIONAL_PREFIXES):
        return []
    return [w for w in _widgets.values() if w.shown(request)]
