import sys

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from luukku.web.routes import Audience, route
from luukku.web.unavailable import is_unavailability, unavailable_response


@route(Audience.PUBLIC, "none")
def front(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        if getattr(request.user, "resident", None) is not None:
            return redirect("identity:home")
        if hasattr(request.user, "professional"):
            return redirect("access:professional_home")
    return render(request, "web/front.html")


@route(Audience.PUBLIC, "none")
@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; the icon itself is a static file."""
    return HttpResponsePermanentRedirect(static("web/favicon.ico"))


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500, or a 503 "nothing was saved, try again" when the database was not there for the request
    (down, the connection dropped mid-request, the pool exhausted): see web/unavailable.py."""
    if is_unavailability(sys.exception()):
        return unavailable_response(request)
    return render(request, "500.html", status=500)
