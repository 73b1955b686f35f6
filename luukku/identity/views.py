from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from luukku.web import portal
from luukku.web.forms import posted
from luukku.web.routes import Audience, route

from . import services
from .adapters import IdentificationFailed, MandateUnavailable, mandate_service, oidc_identification
from .decorators import resident_required
from .forms import PersonaForm
from .models import Resident
from .personas import BY_KEY, PERSONAS, PROFESSIONALS
from .rules import CHILD_AGE_LIMIT, MAJORITY_AGE

IDENTIFICATION_ERRORS = {
    "cancelled": gettext_lazy("Identification was cancelled. You can try again."),
    "no_hetu": gettext_lazy(
        "The identification service did not tell who you are. Try another identification method."
    ),
    "protocol": gettext_lazy("Identification failed. Try again in a moment."),
}


def _personas_enabled() -> bool:
    return settings.DEMO and settings.LUUKKU_IDENTIFICATION == "personas"


@route(Audience.PUBLIC, "none")
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


@route(Audience.PUBLIC, "none")
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


@route(Audience.PUBLIC, "none")
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("web:front")


@route(Audience.RESIDENT, "own")
@resident_required
def home(request: HttpRequest) -> HttpResponse:
    person: Resident = request.acting_for
    minor_may_decide = (
        person.pk != request.user.resident.pk and CHILD_AGE_LIMIT <= person.age() < MAJORITY_AGE
    )
    return render(
        request,
        "identity/home.html",
        {
            "person": person,
            "minor_may_decide": minor_may_decide,
            "sections": portal.sections_for(request, person),
        },
    )


@route(Audience.RESIDENT, "own")
@resident_required
@require_http_methods(["GET", "POST"])
def acting_for(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.switch_acting_for(request, request.POST.get("person", ""))
        return redirect("identity:home")
    return render(request, "identity/acting_for.html", {"options": services.acting_options(request.user)})


@route(Audience.RESIDENT, "own")
@resident_required
def mandates_begin(request: HttpRequest) -> HttpResponse:
    callback = request.build_absolute_uri(reverse("identity:mandates_callback"))
    try:
        return redirect(mandate_service().begin(request, request.user.resident.hetu, callback))
    except MandateUnavailable:
        messages.error(request, _("The mandate service cannot be reached right now. Try again later."))
        return redirect("identity:acting_for")


@route(Audience.RESIDENT, "own")
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


# --- Professionals -------------------------------------------------------------------------------


@route(Audience.PUBLIC, "none")
class ProfessionalLoginView(LoginView):
    template_name = "identity/login_professional.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["demo_professionals"] = PROFESSIONALS if settings.DEMO else ()
        return context

    def get_success_url(self) -> str:
        return self.get_redirect_url() or reverse("access:professional_home")
