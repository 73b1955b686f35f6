from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from luukku.audit import security_log
from luukku.web import portal
from luukku.web.forms import posted
from luukku.web.routes import Audience, route

from . import services
from .adapters import (
    IdentificationFailed,
    MandateUnavailable,
    mandate_service,
    oidc_identification,
    professional_oidc,
    professional_oidc_enabled,
)
from .decorators import resident_required
from .forms import PersonaForm, ProfessionalAuthenticationForm
from .models import Resident
from .personas import BY_KEY, PERSONAS, PROFESSIONALS
from .rules import CHILD_AGE_LIMIT, MAJORITY_AGE

IDENTIFICATION_ERRORS = {
    "cancelled": gettext_lazy("Identification was cancelled. You can try again."),
    "no_hetu": gettext_lazy(
        "The identification service did not tell who you are. Try another identification method."
    ),
    "protocol": gettext_lazy("Identification failed. Try again in a moment."),
    "assurance": gettext_lazy(
        "The identification method was not strong enough for this service. Choose another method."
    ),
}
PROFESSIONAL_NEXT_SESSION_KEY = "luukku_professional_next"


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
                resident = services.sign_in_resident(request, hetu or BY_KEY[key].hetu, method="test_persona")
            except services.SignInRefused as refused:
                security_log.sign_in("failure", method="test_persona", reason="refused", user_kind="resident")
                form.add_error(None, str(refused))
            else:
                return services.apply_language_at_sign_in(request, redirect("identity:home"), resident)
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
        resident = services.sign_in_resident(request, person.hetu, method="oidc")
    except IdentificationFailed as failed:
        security_log.sign_in("failure", method="oidc", reason=str(failed), user_kind="resident")
        return render(
            request, "identity/login_failed.html", {"message": IDENTIFICATION_ERRORS[str(failed)]}, status=400
        )
    except services.SignInRefused as refused:
        security_log.sign_in("failure", method="oidc", reason="refused", user_kind="resident")
        return render(request, "identity/login_failed.html", {"message": str(refused)}, status=400)
    return services.apply_language_at_sign_in(request, redirect("identity:home"), resident)


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
    authentication_form = ProfessionalAuthenticationForm

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["demo_professionals"] = PROFESSIONALS if settings.DEMO else ()
        context["professional_oidc"] = professional_oidc_enabled()
        return context

    def get_success_url(self) -> str:
        return self.get_redirect_url() or reverse("access:professional_home")


@route(Audience.PUBLIC, "none")
def professional_oidc_login(request: HttpRequest) -> HttpResponse:
    """To the county's OpenID provider; `next` (a page of this site) is where the sign-in leads."""
    if not professional_oidc_enabled():
        raise Http404
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        request.session[PROFESSIONAL_NEXT_SESSION_KEY] = next_url
    else:
        request.session.pop(PROFESSIONAL_NEXT_SESSION_KEY, None)
    callback = request.build_absolute_uri(reverse("identity:professional_oidc_callback"))
    return professional_oidc().begin(request, callback)


OIDC_METHOD = "professional-oidc"


@route(Audience.PUBLIC, "none")
def professional_oidc_callback(request: HttpRequest) -> HttpResponse:
    if not professional_oidc_enabled():
        raise Http404
    next_url = request.session.pop(PROFESSIONAL_NEXT_SESSION_KEY, "")
    retry = {"retry_url": reverse("identity:professional_login")}
    try:
        person = professional_oidc().complete(request)
        services.sign_in_professional(request, person.subject, person.employee_number)
    except IdentificationFailed as failed:
        security_log.sign_in("failure", method=OIDC_METHOD, reason=str(failed), user_kind="professional")
        context = {"message": IDENTIFICATION_ERRORS[str(failed)], **retry}
        return render(request, "identity/login_failed.html", context, status=400)
    except services.SignInRefused as refused:
        security_log.sign_in("failure", method=OIDC_METHOD, reason="refused", user_kind="professional")
        return render(request, "identity/login_failed.html", {"message": str(refused), **retry}, status=400)
    return redirect(next_url or "access:professional_home")
