from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from luukku.audit.models import Purpose
from luukku.audit.services import access_log_of, log_access, search_access_log
from luukku.web import portal
from luukku.web.forms import posted

from . import services
from .adapters import IdentificationFailed, MandateUnavailable, mandate_service, oidc_identification
from .decorators import professional_required, resident_required
from .forms import AuditSearchForm, ClientSearchForm, PersonaForm
from .models import MaturityAssessment, Resident, Role
from .personas import BY_KEY, PERSONAS, PROFESSIONALS

IDENTIFICATION_ERRORS = {
    "cancelled": gettext_lazy("Identification was cancelled. You can try again."),
    "no_hetu": gettext_lazy(
        "The identification service did not tell who you are. Try another identification method."
    ),
    "protocol": gettext_lazy("Identification failed. Try again in a moment."),
}


def _personas_enabled() -> bool:
    return settings.DEMO and settings.LUUKKU_IDENTIFICATION == "personas"


@sensitive_post_parameters("hetu")
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if not _personas_enabled():
        return oidc_identification().begin(
            request, request.build_absolute_uri(reverse("identity:oidc_callback"))
        )
    form = PersonaForm(posted(request))
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["persona"]
        hetu = form.cleaned_data["hetu"]
        if key and key not in BY_KEY:
            form.add_error(None, _("There is no such test persona."))
        else:
            try:
                services.sign_in_resident(request, hetu or BY_KEY[key].hetu, method="test_persona")
            except services.SignInRefused as refused:
                form.add_error(None, str(refused))
            else:
                return redirect("identity:home")
    personas = [p for p in PERSONAS if p.listed]
    return render(
        request,
        "identity/login_personas.html",
        {"form": form, "personas": personas},
        status=400 if form.errors else 200,
    )


def oidc_callback(request: HttpRequest) -> HttpResponse:
    if _personas_enabled():
        raise Http404
    try:
        person = oidc_identification().complete(request)
        services.sign_in_resident(request, person.hetu, method="oidc")
    except IdentificationFailed as failed:
        return render(
            request, "identity/login_failed.html", {"message": IDENTIFICATION_ERRORS[str(failed)]}, status=400
        )
    except services.SignInRefused as refused:
        return render(request, "identity/login_failed.html", {"message": str(refused)}, status=400)
    return redirect("identity:home")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("web:front")


@resident_required
def home(request: HttpRequest) -> HttpResponse:
    person: Resident = request.acting_for
    own_decisions = 0
    if person.pk != request.user.resident.pk:
        own_decisions = MaturityAssessment.objects.filter(minor=person, decides_alone=True).count()
    return render(
        request,
        "identity/home.html",
        {"person": person, "own_decisions": own_decisions, "sections": portal.sections_for(request, person)},
    )


@resident_required
@require_http_methods(["GET", "POST"])
def acting_for(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.switch_acting_for(request, request.POST.get("person", ""))
        return redirect("identity:home")
    return render(request, "identity/acting_for.html", {"options": services.acting_options(request.user)})


@resident_required
def mandates_begin(request: HttpRequest) -> HttpResponse:
    callback = request.build_absolute_uri(reverse("identity:mandates_callback"))
    try:
        return redirect(mandate_service().begin(request, request.user.resident.hetu, callback))
    except MandateUnavailable:
        messages.error(request, _("The mandate service cannot be reached right now. Try again later."))
        return redirect("identity:acting_for")


@resident_required
def mandates_callback(request: HttpRequest) -> HttpResponse:
    try:
        records = mandate_service().finish(request, request.user.resident.hetu)
    except MandateUnavailable:
        messages.error(request, _("The mandate service cannot be reached right now. Try again later."))
        return redirect("identity:acting_for")
    count = services.store_mandates(request.user.resident, records)
    messages.info(request, _("Mandates in force: %(count)d.") % {"count": count})
    return redirect("identity:acting_for")


@resident_required
def my_access_log(request: HttpRequest) -> HttpResponse:
    person: Resident = request.acting_for
    return render(
        request, "identity/access_log.html", {"person": person, "entries": access_log_of(person)[:200]}
    )


# --- Professionals -------------------------------------------------------------------------------


class ProfessionalLoginView(LoginView):
    template_name = "identity/login_professional.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["demo_professionals"] = PROFESSIONALS if settings.DEMO else ()
        return context

    def get_success_url(self) -> str:
        return self.get_redirect_url() or reverse("identity:professional_home")


@sensitive_post_parameters("hetu")
@professional_required
@require_http_methods(["GET", "POST"])
def professional_home(request: HttpRequest) -> HttpResponse:
    roles = services.active_roles(request.user)
    form = ClientSearchForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            client = services.find_client(request.user, form.cleaned_data["hetu"])
        except services.SignInRefused as refused:
            form.add_error("hetu", str(refused))
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
        else:
            url = reverse("identity:client", args=[client.public_id])
            return redirect(f"{url}?purpose={form.cleaned_data['purpose']}")
    is_auditor = any(r.role == Role.AUDITOR for r in roles)
    return render(
        request,
        "identity/professional_home.html",
        {"roles": roles, "form": form, "is_auditor": is_auditor},
        status=400 if form.errors else 200,
    )


@professional_required
def client_basic_data(request: HttpRequest, public_id: str) -> HttpResponse:
    client = get_object_or_404(Resident, public_id=public_id)
    purpose = request.GET.get("purpose", "")
    if purpose not in Purpose.values or purpose == Purpose.AUDIT:
        return render(
            request,
            "identity/purpose_required.html",
            {"client_id": public_id, "purposes": ClientSearchForm().fields["purpose"]},
            status=400,
        )
    data = services.read_client_basic_data(request.user, client, purpose)
    return render(request, "identity/client.html", data)


@sensitive_post_parameters("hetu")
@professional_required
@require_http_methods(["GET", "POST"])
def audit_log(request: HttpRequest) -> HttpResponse:
    roles = services.active_roles(request.user)
    if not any(r.role == Role.AUDITOR for r in roles):
        raise PermissionDenied(_("Only a data protection auditor may search the access log."))
    form = AuditSearchForm(posted(request))
    entries = None
    if request.method == "POST" and form.is_valid():
        subject = None
        if form.cleaned_data["hetu"]:
            subject = Resident.objects.filter(hetu=form.cleaned_data["hetu"]).first()
            if subject is None:
                form.add_error("hetu", _("Luukku has no client with this personal identity code."))
        if not form.errors:
            entries = search_access_log(subject, form.cleaned_data["actor"])[:500]
            if subject is not None:
                log_access(
                    request.user,
                    subject,
                    what="access_log",
                    purpose=Purpose.AUDIT,
                    role=Role.AUDITOR,
                    unit=roles[0].unit.name,
                )
    return render(
        request,
        "identity/audit_log.html",
        {"form": form, "entries": entries},
        status=400 if form.errors else 200,
    )
