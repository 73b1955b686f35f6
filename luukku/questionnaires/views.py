from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luukku.access.policy import may_see, readable, require, work_roles
from luukku.identity.decorators import professional_required
from luukku.identity.models import Role
from luukku.identity.rules import Matter, acts_for
from luukku.identity.services import active_roles, is_uuid, units_below
from luukku.web import throttle
from luukku.web.forms import Action, NoFieldsForm, run_action
from luukku.web.routes import Audience, route
from luukku.web.session import remember

from . import client_data, engine, rendering, services
from .models import Definition, Purpose, Response
from .registry import result_page
from .scoring import BAND_LABELS

SESSION_KEY = "luukku_anonymous_responses"
_LISTING = {"what": "listing", "log": False}


def _language() -> str:
    return (get_language() or "fi")[:2]


def _person(request: HttpRequest):
    return request.acting_for if getattr(request.user, "resident", None) is not None else None


def own_response(request: HttpRequest, public_id: str) -> Response:
    """A response the user may see: their own (or of whom they act for), an anonymous one started in this
    browser, or one a professional filled in for a client."""
    response = (
        Response.objects.select_related("definition", "person").filter(public_id=public_id).first()
        if is_uuid(str(public_id))
        else None
    )
    if response is None:
        raise Http404
    if response.author_id is not None and response.author_id == request.user.pk and work_roles(request.user):
        # A professional who filled the form in with a client on the phone: decided and logged anew.
        if response.person is not None:
            category, service_event = client_data.scope(response)
            require(
                request.user,
                response.person,
                category,
                what="questionnaire_response",
                service_event=service_event,
            )
        return response
    if response.person is None:
        if str(response.public_id) not in request.session.get(SESSION_KEY, []):
            raise PermissionDenied(_("You do not have the right to see this form."))
    elif getattr(request.user, "resident", None) is None or not may_see(
        request.user, response.person, *client_data.scope(response)
    ):  # professionals read answers on their own pages, where the read is logged
        raise PermissionDenied(_("You do not have the right to see this form."))
    return response


@route(Audience.PUBLIC, "own")
def forms_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    current = Definition.objects.filter(current=True).order_by("key")
    context = {
        "person": person,
        "self_tests": [d for d in current if d.purpose == Purpose.SELF_ASSESSMENT],
        "notifications": [d for d in current if d.purpose == Purpose.NOTIFICATION],
    }
    if person is not None:
        mine = Response.objects.filter(person=person).select_related("definition")
        context["activations"] = readable(
            request.user, person, services.open_activations(person), client_data.activation_scope, **_LISTING
        )
        context["unfinished"] = readable(
            request.user,
            person,
            mine.filter(status=Response.Status.IN_PROGRESS),
            client_data.scope,
            **_LISTING,
        )
        context["answered"] = readable(
            request.user,
            person,
            mine.filter(status=Response.Status.COMPLETED).order_by("-completed_at")[:20],
            client_data.scope,
            **_LISTING,
        )
    return render(request, "questionnaires/list.html", context)


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
@require_POST
def begin(request: HttpRequest, key: str) -> HttpResponse:
    definition = get_object_or_404(Definition, key=key, current=True)
    person = _person(request)
    if person is None and not definition.anonymous_allowed:
        return redirect("identity:login")
    if person is not None and not acts_for(request.user, Matter(person, key)):
        raise PermissionDenied(_("You do not have the right to see this form."))
    try:
        response = services.start(definition, person, request.user, caller=throttle.address_key(request))
    except throttle.Throttled as limited:
        messages.error(request, limited.message)
        return throttle.with_retry_after(forms_list(request), limited)  # the forms page, told to wait
    if person is None:
        remember(request, SESSION_KEY, str(response.public_id), keep=20)
    return redirect("questionnaires:fill", public_id=response.public_id)


def _raw(request: HttpRequest, links: set[str]) -> dict[str, list[str]]:
    raw = {link: request.POST.getlist(link) for link in links}
    for link in links:  # the free-text "other" of an open-choice
        other = request.POST.get(f"{link}__other", "").strip()
        if other:
            raw[link] = [*raw[link], other]
    return raw


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
@require_http_methods(["GET", "POST"])
def fill(request: HttpRequest, public_id) -> HttpResponse:
    response = own_response(request, public_id)
    if response.status == Response.Status.COMPLETED:
        return redirect("questionnaires:done", public_id=response.public_id)
    pages = services.steps(response.definition)
    try:
        page = min(max(int(request.GET.get("vaihe", response.step)), 0), len(pages) - 1)
    except ValueError:
        page = 0
    on_page = services.link_ids(pages[page])
    errors: dict = {}
    values = {link: [rendering.as_text(v) for v in vs] for link, vs in response.answers.items()}
    if request.method == "POST":
        raw = _raw(request, on_page)
        values.update(raw)
        action = request.POST.get("action", "next")
        if request.POST.get("preview"):  # htmx: re-show the page for a changed answer, nothing saved
            return _render_page(request, response, pages, page, values, {}, partial=True)
        errors = services.save_page(response, page, raw, check_required=action in {"next", "submit"})
        if not errors:
            if action == "save":
                messages.success(request, _("Your answers are saved. You can continue later."))
                return redirect("questionnaires:list")
            if action == "previous":
                return redirect(
                    f"{reverse('questionnaires:fill', args=[response.public_id])}?vaihe={page - 1}"
                )
            if action == "next" and page + 1 < len(pages):
                return redirect(
                    f"{reverse('questionnaires:fill', args=[response.public_id])}?vaihe={page + 1}"
                )
            errors = services.submit(response)
            if not errors:
                return redirect("questionnaires:done", public_id=response.public_id)
            page = services.first_page_with_errors(response, errors)
            values = {link: [rendering.as_text(v) for v in vs] for link, vs in response.answers.items()}
    return _render_page(request, response, pages, page, values, errors, status=400 if errors else 200)


def _render_page(request, response, pages, page, values, errors, partial=False, status=200) -> HttpResponse:
    resource = response.definition.resource
    typed, _ignored = engine.clean(resource, values, check_required=False)
    shown = engine.enabled_items(resource, typed)
    items = rendering.prepare(pages[page], resource, values, errors, _language(), shown)
    context = {
        "response": response,
        "items": items,
        "page": page,
        "pages": len(pages),
        "errors": errors,
        "last": page == len(pages) - 1,
        "steps": rendering.stepper(pages, page, _language()) if len(pages) > 1 else [],
    }
    template = "questionnaires/_page.html" if partial else "questionnaires/fill.html"
    return render(request, template, context, status=status)


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
def done(request: HttpRequest, public_id) -> HttpResponse:
    response = own_response(request, public_id)
    if response.status != Response.Status.COMPLETED:
        return redirect("questionnaires:fill", public_id=response.public_id)
    if url_name := result_page(response.definition.key):
        return redirect(url_name, public_id=response.public_id)
    return render(
        request,
        "questionnaires/done.html",
        _result(response),
    )


def _result(response: Response) -> dict:
    """A sent form for reading: its scores with their meaning, and the answers in form order."""
    return {
        "response": response,
        "scores": [{**score, "label": BAND_LABELS[score["band"]]} for score in response.scores],
        "rows": rendering.summary(response.definition.resource, response.answers, _language()),
    }


# --- Professionals -------------------------------------------------------------------------------


def _units(request: HttpRequest):
    return [role.unit for role in work_roles(request.user)]


@route(Audience.PROFESSIONAL, "health")
@professional_required
def professional_response(request: HttpRequest, public_id) -> HttpResponse:
    response = get_object_or_404(
        Response.objects.select_related("definition", "person", "recipient_unit"),
        public_id=public_id,
        status=Response.Status.COMPLETED,
    )
    if response.recipient_unit is not None and response.recipient_unit_id not in units_below(_units(request)):
        # A notification is read in the unit it was sent to, whoever sent it (the sender is not its subject).
        raise PermissionDenied(_("This notification was sent to another unit."))
    if response.person is not None:
        category, key = client_data.scope(response)
        require(request.user, response.person, category, what="questionnaire_response", service_event=key)
    form = None
    if request.method == "POST":
        form, _done = run_action(
            request,
            {
                "handled": Action(
                    NoFieldsForm,
                    lambda data: services.mark_handled(response, request.user),
                    _("Marked as handled."),
                )
            },
        )
        if form.is_valid():
            return redirect("questionnaires:inbox")
    return render(
        request,
        "questionnaires/professional_response.html",
        {**_result(response), "action_form": form},
        status=400 if form is not None else 200,
    )


@route(Audience.PROFESSIONAL, "social")
@professional_required
def inbox(request: HttpRequest) -> HttpResponse:
    units = _units(request)
    return render(
        request,
        "questionnaires/inbox.html",
        {
            "waiting": services.inbox(units),
            "handled": services.inbox(units, handled=True)[:50],
            "units": units,
        },
    )


@route(Audience.PROFESSIONAL, "none")
@professional_required
def statistics(request: HttpRequest) -> HttpResponse:
    if not any(
        r.role in {Role.UNIT_MANAGER, Role.ADMINISTRATOR, Role.NURSE, Role.DOCTOR}
        for r in active_roles(request.user)
    ):
        raise PermissionDenied(_("Form statistics are for health care staff and managers."))
    return render(request, "questionnaires/statistics.html", {"rows": services.statistics()})
