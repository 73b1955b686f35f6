from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from luukku.web.routes import Audience, route

from .services import outbox


@route(Audience.PUBLIC, "none")
def outbox_view(request: HttpRequest) -> HttpResponse:
    """The demo's view of every SMS and e-mail the platform has sent; absent in production."""
    if not settings.DEMO:
        raise Http404
    return render(request, "notify/outbox.html", {"messages_sent": outbox()})
