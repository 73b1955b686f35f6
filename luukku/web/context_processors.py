from django.conf import settings
from django.http import HttpRequest


def luukku(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    resident = getattr(user, "resident", None) if user is not None and user.is_authenticated else None
    return {
        "DEMO": settings.DEMO,
        "signed_in_resident": resident,
        "acting_for": getattr(request, "acting_for", None) if resident else None,
        "is_professional": bool(user is not None and user.is_authenticated and hasattr(user, "professional")),
    }
