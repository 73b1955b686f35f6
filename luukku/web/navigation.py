"""The header navigation: one menu for residents, one for professionals, one for visitors not signed in.

The menus are declared here (their order is a design decision, one place to see it); the apps that own
a menu item's count (the work queue, the chat desk) register a counter from their AppConfig.ready(), so
this module imports no higher app. Items point at URL names; a menu item whose URL is not installed
(e.g. an optional app) is left out rather than breaking every page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    # Further path prefixes that belong to this item (the item is "current" on them too).
    also: tuple[str, ...] = ()


VISITOR_MENU = (
    NavItem("front", _("Front page"), "web:front"),
    NavItem("booking", _("Book a time"), "booking:services", also=("/ajanvaraus/",)),
    NavItem("assessment", _("Care-need assessment"), "assessment:start"),
    NavItem("directory", _("Find services"), "directory:search", also=("/palvelut/",)),
    NavItem("chat", _("Chat"), "chat:home", also=("/chat/",)),
    NavItem("call_back", _("Call-back request"), "desk:call_back"),
    NavItem("forms", _("Notifications and forms"), "questionnaires:list", also=("/lomakkeet/",)),
    NavItem("feedback", _("Give feedback"), "feedback:index", also=("/palaute/",)),
)

RESIDENT_MENU = (
    NavItem("front", _("Front page"), "identity:home"),
    NavItem("booking", _("Appointments"), "booking:mine", also=("/ajanvaraus/",)),
    NavItem("messages", _("Messages"), "inbox:list", also=("/viestit/",)),
    NavItem("chat", _("Chat"), "chat:home", also=("/chat/",)),
    NavItem("forms", _("Forms"), "questionnaires:list", also=("/lomakkeet/",)),
    NavItem("applications", _("Applications"), "applications:list", also=("/hakemukset/",)),
    NavItem("assessment", _("Care-need assessment"), "assessment:start", also=("/hoidon-tarve/",)),
    NavItem("directory", _("Find services"), "directory:search", also=("/palvelut/",)),
    NavItem("my_data", _("My data"), "consent:my_data", also=("/oma/suostumukset/", "/oma/lokitiedot/")),
    NavItem("feedback", _("Feedback"), "feedback:index", also=("/palaute/",)),
)

PROFESSIONAL_MENU = (
    NavItem("work_queue", _("Work queue"), "desk:queue", also=("/ammattilainen/tyojono/",)),
    NavItem("chat_desk", _("Chat desk"), "chat:desk", also=("/ammattilainen/chat/",)),
    NavItem("calendar", _("Calendar"), "booking:professional_calendar", also=("/ammattilainen/kalenteri/",)),
    NavItem("care_paths", _("Care paths"), "carepaths:team", also=("/ammattilainen/hoitopolut/",)),
    NavItem(
        "client_search",
        _("Client search"),
        "access:professional_home",
        also=("/ammattilainen/asiakas/", "/ammattilainen/asiakas360/"),
    ),
    NavItem("feedback", _("Feedback"), "feedback:handler_list", also=("/ammattilainen/palaute/",)),
    NavItem("applications", _("Applications"), "applications:queue", also=("/ammattilainen/hakemukset/",)),
    NavItem("home_care", _("Home care"), "homecare:day", also=("/ammattilainen/kotihoito/",)),
    NavItem("vouchers", _("Service vouchers"), "vouchers:desk", also=("/ammattilainen/palvelusetelit/",)),
    NavItem("assistant", _("Assi topics"), "assistant:topics", also=("/ammattilainen/assi/",)),
    NavItem(
        "insight",
        _("Knowledge management"),
        "insight:dashboard",
        also=("/ammattilainen/tietojohtaminen/", "/ammattilainen/yhteydenotto/"),
    ),
    NavItem("records", _("Records management"), "records:desk", also=("/ammattilainen/arkistointi/",)),
)

# key -> counter(user) -> how many things wait for the user there (shown as a badge): a professional's
# queues, a resident's unread messages.
_counters: dict[str, Callable[[AbstractBaseUser], int]] = {}
# key -> shown(user, roles): an item only some professionals use (a unit manager's dashboards, a home-care
# nurse's day) is shown to them only; an item without one is shown to every user of its menu. `roles` are
# the user's roles in force, looked up once for the whole menu by the source identity registers.
_visibility: dict[str, Callable[[AbstractBaseUser, list], bool]] = {}
_roles_source: dict[str, Callable[[AbstractBaseUser], list]] = {}


def register_visibility(key: str, shown: Callable[[AbstractBaseUser, list], bool]) -> None:
    """An app says who sees its menu item (from its AppConfig.ready())."""
    _visibility[key] = shown


def register_roles_source(roles: Callable[[AbstractBaseUser], list]) -> None:
    """Where the menu reads a professional's roles in force (identity registers it)."""
    _roles_source["roles"] = roles


def register_count(key: str, counter: Callable[[AbstractBaseUser], int]) -> None:
    """An app contributes the number shown next to one menu item (from its AppConfig.ready())."""
    _counters[key] = counter


def menu_for(user: AbstractBaseUser | None, is_resident: bool, is_professional: bool) -> tuple[NavItem, ...]:
    if is_resident:
        return RESIDENT_MENU
    if is_professional:
        return PROFESSIONAL_MENU
    if user is None or not user.is_authenticated:
        return VISITOR_MENU
    return ()  # auditors and administrators have their own pages and no client-work menu


def is_current(item: NavItem, url: str, path: str) -> bool:
    """The item of the page being shown: its own address, or one of the prefixes it owns."""
    if path == url:
        return True
    return any(path.startswith(prefix) for prefix in item.also)


def links(user: AbstractBaseUser | None, path: str, is_resident: bool, is_professional: bool) -> list[dict]:
    """The menu as the header shows it: label, address, current or not, and a count where one applies."""
    shown, current_found = [], False
    roles = None  # looked up on the first item that asks, once for the whole menu
    for item in menu_for(user, is_resident, is_professional):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        shown_to = _visibility.get(item.key) if is_professional else None
        if shown_to is not None:
            if roles is None:
                roles = _roles_source["roles"](user) if "roles" in _roles_source else []
            if not shown_to(user, roles):
                continue
        counter = _counters.get(item.key) if is_professional or is_resident else None
        shown.append({"key": item.key, "label": item.label, "url": url, "item": item, "count": None})
        if counter is not None:
            shown[-1]["count"] = counter(user)
    # Exactly one item is current: an exact address wins over a prefix (the front page owns no prefix).
    for link in shown:
        if path == link["url"]:
            link["current"], current_found = True, True
    for link in shown:
        link.setdefault("current", False)
        if not current_found and is_current(link["item"], link["url"], path):
            link["current"], current_found = True, True
    return shown
