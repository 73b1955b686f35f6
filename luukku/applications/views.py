"""Residents apply and follow their applications at /hakemukset/; professionals process them at
/ammattilainen/hakemukset/. Every POST is one form and one service call."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luukku.access.categories import Action as PolicyAction
from luukku.identity.decorators import professional_required, resident_required
from luukku.identity.models import MaturityAssessment
from luukku.identity.rules import CHILD_AGE_LIMIT, MAJORITY_AGE, Matter, acts_for
from luukku.identity.services import acting_options
from luukku.web.downloads import attachment_disposition
from luukku.web.forms import Action, NoFieldsForm, run_action
from luukku.web.routes import Audience, route

from . import services
from .definitions import BY_KEY, TYPES
from .forms import AssessmentForm, AssignForm, AttachmentForm, DecisionForm, MaturityForm, MessageForm
from .models import Application, Assessment


def _language() -> str:
    return (get_language() or "fi")[:2]


def _types(language: str) -> list[dict]:
    return [{"key": t.key, "title": t.title(language)} for t in TYPES]


@route(Audience.RESIDENT, "own")
@resident_required
def application_list(request: HttpRequest) -> HttpResponse:
    """The application types to apply for (for whom one is acting now) and every application of the
    people the resident handles matters for."""
    boxes = [
        {
            "person": option.person,
            "basis": option.basis,
            "applications": services.visible_to_resident(request.user, option.person),
        }
        for option in acting_options(request.user)
    ]
    language = _language()
    for box in boxes:
        for application in box["applications"]:
            application.title = BY_KEY[application.kind].title(language)
    return render(
        request,
        "applications/list.html",
        {"types": _types(language), "boxes": boxes, "person": request.acting_for},
    )


@route(Audience.RESIDENT, "own")
@resident_required
@require_POST
def begin(request: HttpRequest, key: str) -> HttpResponse:
    if key not in BY_KEY:
        raise Http404
    person = request.acting_for
    if not acts_for(request.user, Matter(person, key)):
        raise PermissionDenied(_("You do not have the right to apply on this person's behalf."))
    response = services.start(person, key, request.user)
    return redirect("questionnaires:fill", public_id=response.public_id)


@route(Audience.RESIDENT, "own")
@resident_required
def receipt(request: HttpRequest, public_id) -> HttpResponse:
    """The form's result page: the receipt with the reference number."""
    from luukku.questionnaires.views import own_response

    response = own_response(request, public_id)
    application = services.receive(response)  # made already by the receiver; idempotent
    if application is None:
        raise Http404
    return render(
        request,
        "applications/receipt.html",
        {"application": application, "title": BY_KEY[application.kind].title(_language())},
    )


@route(Audience.RESIDENT, "own")
@resident_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, public_id) -> HttpResponse:
    application = services.for_resident(request.user, str(public_id))
    form = attachment_form = None
    if request.method == "POST":
        form, done = run_action(
            request,
            {
                "answer": Action(
                    MessageForm,
                    lambda data: services.give_info(application, request.user, data["body"]),
                    _("Your answer was added to the application."),
                ),
                "attach": Action(
                    lambda data: AttachmentForm(data, request.FILES),
                    lambda data: services.add_attachment(application, request.user, *data["attachment"]),
                    _("The attachment was added to the application."),
                ),
            },
        )
        if done is not None:
            return redirect("applications:detail", public_id=application.public_id)
        if isinstance(form, AttachmentForm):
            attachment_form, form = form, None
    return render(
        request,
        "applications/detail.html",
        _detail_context(application, form or MessageForm(), attachment_form or AttachmentForm()),
        status=400 if (form and form.errors) or (attachment_form and attachment_form.errors) else 200,
    )


def _detail_context(application: Application, form, attachment_form) -> dict:
    decision = getattr(application, "decision", None)
    approved = decision if decision is not None and decision.approved_at else None
    return {
        "application": application,
        "title": BY_KEY[application.kind].title(_language()),
        "thread": application.thread.all(),
        "attachments": application.attachments.all(),
        "decision": approved,
        "verification": services.verify(approved) if approved else None,
        "form": form,
        "attachment_form": attachment_form,
        "steps": _steps(application),
    }


def _steps(application: Application) -> list[dict]:
    order = [s for s, _label in Application.Status.choices]
    current = order.index(application.status)
    return [
        {"label": label, "done": i < current, "current": i == current}
        for i, (_s, label) in enumerate(Application.Status.choices)
    ]


@route(Audience.RESIDENT_OR_PROFESSIONAL, "social")
def decision_pdf(request: HttpRequest, public_id) -> HttpResponse:
    """The signed decision as a download, to the client (and proxies) or a professional (logged)."""
    if not request.user.is_authenticated:
        return redirect("identity:login")
    if getattr(request.user, "resident", None) is not None:
        application = services.for_resident(request.user, str(public_id))
    else:
        application = services.for_professional(request.user, str(public_id))
    decision = getattr(application, "decision", None)
    if decision is None or not decision.approved_at or not decision.signed_pdf:
        raise Http404
    response = HttpResponse(bytes(decision.signed_pdf), content_type="application/pdf")
    name = _("decision") + f"-{application.reference}.pdf"
    response["Content-Disposition"] = attachment_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@route(Audience.RESIDENT_OR_PROFESSIONAL, "social")
def attachment(request: HttpRequest, public_id) -> HttpResponse:
    from django.http import FileResponse

    if not request.user.is_authenticated:
        return redirect("identity:login")
    found = services.attachment_for(request.user, str(public_id))
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    extension = found.file.name.rsplit(".", 1)[-1]
    response["Content-Disposition"] = attachment_disposition(
        _("attachment") + f"-{timezone.localtime(found.at):%Y%m%d-%H%M}.{extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Professionals ----------------------------------------------------------------------------------


@route(Audience.PROFESSIONAL, "basic")
@professional_required
def queue(request: HttpRequest) -> HttpResponse:
    """The applications of the professional's units (names and deadlines only; opening one is logged)."""
    status = request.GET.get("tila", "")
    if status not in Application.Status.values:
        status = ""
    applications = list(services.unit_queue(request.user, status)[:200])
    language = _language()
    for application in applications:
        application.title = BY_KEY[application.kind].title(language)
    return render(
        request,
        "applications/queue.html",
        {
            "applications": applications,
            "status": status,
            "statuses": Application.Status.choices,
            "today": timezone.localdate(),
        },
    )


@route(Audience.PROFESSIONAL, "social")
@professional_required
@require_http_methods(["GET", "POST"])
def handle(request: HttpRequest, public_id) -> HttpResponse:
    writing = request.method == "POST"
    application = services.for_professional(
        request.user, str(public_id), PolicyAction.WRITE if writing else PolicyAction.READ
    )
    user = request.user
    handlers = services.handlers_for(application)
    forms = {
        "assign": Action(
            lambda data: AssignForm(data, handlers=handlers),
            lambda data: services.assign(application, user, data["handler"]),
            _("The handler is named."),
        ),
        "request_info": Action(
            MessageForm,
            lambda data: services.request_info(application, user, data["body"]),
            _("The request for more information was sent to the client."),
        ),
        "assess": Action(
            AssessmentForm,
            lambda data: services.record_assessment(
                application,
                user,
                data["functional_ability"],
                data["rai_scores"],
                data.get("rai_assessed_on"),
            ),
            _("The service-need assessment is recorded."),
        ),
        "fetch_rai": Action(
            NoFieldsForm,
            lambda data: services.fetch_rai(application, user),
            lambda result: (
                _("RAI results were found: check them and record the assessment.")
                if result
                else _("The RAI system has no results for this client.")
            ),
        ),
        "draft": Action(
            DecisionForm,
            lambda data: services.draft_decision(application, user, data["outcome"], data["body"]),
            _("The decision draft is saved."),
        ),
        "approve": Action(
            NoFieldsForm,
            lambda data: services.approve(application, user),
            _("The decision is made, signed and sent to the client."),
        ),
        "maturity": Action(
            MaturityForm,
            lambda data: services.assess_maturity(application, user, data["decides_alone"], data["reason"]),
            _("The maturity assessment is recorded."),
        ),
    }
    bound = None
    rai = None
    if writing:
        bound, result = run_action(request, forms)
        if result is not None and request.POST.get("action") == "fetch_rai":
            rai = result
        elif result is not None:
            return redirect("applications:handle", public_id=application.public_id)
    context = _handle_context(application, handlers, bound, rai)
    return render(
        request,
        "applications/handle.html",
        context,
        status=400 if bound is not None and bound.errors else 200,
    )


def _handle_context(application: Application, handlers, bound, rai) -> dict:
    def form_for(name: str, make):
        if bound is not None and bound.data.get("action") == name:
            return bound
        return make()

    assessment = getattr(application, "assessment", None)
    decision = getattr(application, "decision", None)
    assessment_initial = {}
    if rai is not None:
        assessment_initial = {f"rai_{k}": v for k, v in rai.scores.items()} | {
            "rai_assessed_on": rai.assessed_on
        }
    elif assessment is not None:
        assessment_initial = {f"rai_{k}": v for k, v in assessment.rai_scores.items()} | {
            "functional_ability": assessment.functional_ability,
            "rai_assessed_on": assessment.rai_assessed_on,
        }
    outcome = decision.outcome if decision else "granted"
    person = application.person
    minor = CHILD_AGE_LIMIT <= person.age() < MAJORITY_AGE
    from luukku.questionnaires import rendering

    return {
        "application": application,
        "title": BY_KEY[application.kind].title(_language()),
        "answers": rendering.summary(
            application.response.definition.resource, application.response.answers, _language()
        ),
        "thread": application.thread.all(),
        "attachments": application.attachments.all(),
        "assessment": assessment,
        "decision": decision,
        "verification": services.verify(decision) if decision and decision.approved_at else None,
        "assign_form": form_for("assign", lambda: AssignForm(handlers=handlers)),
        "info_form": form_for("request_info", MessageForm),
        "assessment_form": form_for("assess", lambda: AssessmentForm(initial=assessment_initial)),
        "decision_form": form_for(
            "draft",
            lambda: DecisionForm(
                initial={
                    "outcome": outcome,
                    "body": decision.body if decision else services.draft_body(application, outcome),
                }
            ),
        ),
        "approve_form": form_for("approve", NoFieldsForm),
        "maturity_form": form_for("maturity", MaturityForm) if minor else None,
        "maturity": MaturityAssessment.objects.filter(
            minor=person, service_event=application.service_event
        ).first()
        if minor
        else None,
        "rai_fetched": rai is not None,
        "sources": Assessment.Source,
        "decided": application.status == Application.Status.DECIDED,
    }
