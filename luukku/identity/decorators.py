from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .services import active_roles


def resident_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated or getattr(request.user, "resident", None) is None:
            return redirect("identity:login")
        return view(request, *args, **kwargs)

    return wrapper


def professional_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "identity:professional_login")
        if not active_roles(request.user):
            raise PermissionDenied(_("You have no role in force in any unit."))
        return view(request, *args, **kwargs)

    return wrapper
