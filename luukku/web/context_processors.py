from django.conf import settings
from django.http import HttpRequest

from . import navigation, widgets


def luukku(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    resident = getattr(user, "resident", None) if user is not None and user.is_authenticated else None
    is_professional = bool(user is not None and user.is_authenticated and hasattr(user, "professional"))
    return {
        "DEMO": settings.DEMO,
        "signed_in_resident": resident,
        "acting_for": getattr(request, "acting_for", None) if resident else None,
        "is_professional": is_professional,
        # Lazy: error pages and JSON never pay for the menu's counts.
        "nav_links": lambda: navigation.links(user, request.path, resident is not None, is_professional),
        "page_widgets": lambda: widgets.for_request(request, is_professional),
    }
