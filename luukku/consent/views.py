import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luukku.identity.decorators import resident_required
from luukku.web.forms import posted
from luukku.web.routes import Audience, route

from . import services
from .forms import ConsentForm


@route(Audience.RESIDENT, "own")
@resident_required
@require_http_methods(["GET", "POST"])
def consents(request: HttpRequest) -> HttpResponse:
    person = request.acting_for
    form = ConsentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.grant(
            person, data["scope"], request.user, data["unit"], data["purpose"], data["valid_until"]
        )
        messages.success(request, _("The consent is in force now."))
        return redirect("consent:list")
    return render(
        request,
        "consent/list.html",
        {"person": person, "consents": services.consents_shown_to(request.user, person), "form": form},
        status=400 if form.errors else 200,
    )


@route(Audience.RESIDENT, "own")
@resident_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    consent = get_object_or_404(services.consents_shown_to(request.user, request.acting_for), pk=pk)
    services.revoke(consent, request.user)
    messages.success(request, _("The consent has been revoked. It no longer applies from this moment."))
    return redirect("consent:list")


@route(Audience.RESIDENT, "own")
@resident_required
def my_data(request: HttpRequest) -> HttpResponse:
    person = request.acting_for
    file_format = "json" if request.GET.get("muoto") == "json" else "html"
    data = services.export_own_data(request.user, person, file_format)
    if file_format == "json":
        machine = {k: v for k, v in data.items() if k != "sections"}
        response = HttpResponse(
            json.dumps(machine, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="luukku-omat-tiedot-{timezone.localdate()}.json"'
        )
        return response
    readable = services.readable_own_data(request.user, person)
    return render(request, "consent/my_data.html", {"person": person, "data": data, "readable": readable})
