from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from luukku.access.categories import Category
from luukku.access.policy import require
from luukku.access.services import find_client
from luukku.identity.decorators import professional_required
from luukku.identity.services import SignInRefused
from luukku.questionnaires import services as questionnaires
from luukku.questionnaires.views import SESSION_KEY, own_response
from luukku.web.routes import Audience, route
from luukku.web.session import remember

from .definition import KEY
from .models import Result
from .presentation import result_context


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    person = request.acting_for if getattr(request.user, "resident", None) is not None else None
    response = questionnaires.start(questionnaires.current(KEY), person, request.user)
    if person is None:
        remember(request, SESSION_KEY, str(response.public_id), keep=20)
    return redirect("questionnaires:fill", public_id=response.public_id)


@route(Audience.PUBLIC, "none")
def start_page(request: HttpRequest) -> HttpResponse:
    return render(request, "assessment/start.html")


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
def result(request: HttpRequest, public_id) -> HttpResponse:
    response = own_response(request, public_id)
    outcome = Result.objects.select_related("rule_set").filter(response=response).first()
    if outcome is None:
        return redirect("questionnaires:fill", public_id=response.public_id)
    return render(request, "assessment/result.html", result_context(outcome, response))


@route(Audience.PROFESSIONAL, "health")
@sensitive_post_parameters("hetu")
@professional_required
@require_http_methods(["GET", "POST"])
def by_phone(request: HttpRequest) -> HttpResponse:
    """A professional fills the assessment in with a client on the phone; the client is looked up by hetu."""
    error = ""
    if request.method == "POST":
        try:
            client = (
                find_client(request.user, request.POST.get("hetu", "")) if request.POST.get("hetu") else None
            )
            if client is not None:
                require(request.user, client, Category.HEALTH, what="assessment", service_event=KEY)
        except (SignInRefused, PermissionDenied) as refused:
            error = str(refused)
        else:
            response = questionnaires.start(questionnaires.current(KEY), client, request.user)
            return redirect("questionnaires:fill", public_id=response.public_id)
    return render(request, "assessment/by_phone.html", {"error": error}, status=400 if error else 200)
