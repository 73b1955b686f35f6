"""The professional's landing page and client look-up, basic data, and the two views of the access
log: the resident's "who has looked at my data" and the auditor's search."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from luukku.audit.models import Purpose
from luukku.identity.decorators import professional_required, resident_required
from luukku.identity.models import Resident
from luukku.identity.services import SignInRefused
from luukku.web.forms import posted
from luukku.web.routes import Audience, route

from . import services
from .forms import AuditSearchForm, ClientSearchForm
from .policy import AccessDenied, active_roles, is_auditor


@route(Audience.RESIDENT, "access_log")
@resident_required
def my_access_log(request: HttpRequest) -> HttpResponse:
    person: Resident = request.acting_for
    entries = services.access_log_for(request.user, person)
    return render(request, "access/access_log.html", {"person": person, "entries": entries})


@route(Audience.PROFESSIONAL, "basic")
@sensitive_post_parameters("hetu")
@professional_required
@require_http_methods(["GET", "POST"])
def professional_home(request: HttpRequest) -> HttpResponse:
    form = ClientSearchForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            client = services.find_client(
                request.user, form.cleaned_data["hetu"], form.cleaned_data["purpose"]
            )
        except SignInRefused as refused:
            form.add_error("hetu", str(refused))
        except AccessDenied as denied:
            form.add_error(None, str(denied))
        else:
            url = reverse("access:client", args=[client.public_id])
            return redirect(f"{url}?purpose={form.cleaned_data['purpose']}")
    return render(
        request,
        "access/professional_home.html",
        {"roles": active_roles(request.user), "form": form, "is_auditor": is_auditor(request.user)},
        status=400 if form.errors else 200,
    )


@route(Audience.PROFESSIONAL, "basic")
@professional_required
def client_basic_data(request: HttpRequest, public_id: str) -> HttpResponse:
    client = get_object_or_404(Resident, public_id=public_id)
    purpose = request.GET.get("purpose", "")
    if purpose not in Purpose.values or purpose == Purpose.AUDIT:
        return render(
            request,
            "access/purpose_required.html",
            {"client_id": public_id, "purposes": ClientSearchForm().fields["purpose"]},
            status=400,
        )
    return render(request, "access/client.html", services.read_basic_data(request.user, client, purpose))


@route(Audience.AUDITOR, "access_log")
@sensitive_post_parameters("hetu")
@professional_required
@require_http_methods(["GET", "POST"])
def audit_log(request: HttpRequest) -> HttpResponse:
    if not is_auditor(request.user):
        raise AccessDenied(_("Only a data protection auditor may search the access log."))
    form = AuditSearchForm(posted(request))
    entries = None
    if request.method == "POST" and form.is_valid():
        subject = None
        if form.cleaned_data["hetu"]:
            subject = Resident.objects.filter(hetu=form.cleaned_data["hetu"]).first()
            if subject is None:
                form.add_error("hetu", _("Luukku has no client with this personal identity code."))
        if not form.errors:
            entries = services.audit_search(
                request.user, subject, form.cleaned_data["actor"], form.cleaned_data["refused_only"]
            )
    return render(
        request,
        "access/audit_log.html",
        {"form": form, "entries": entries},
        status=400 if form.errors else 200,
    )
