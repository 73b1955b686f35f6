import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from luukku.access.policy import work_roles
from luukku.identity.decorators import professional_required, resident_required
from luukku.identity.models import OrgUnit
from luukku.identity.services import units_below
from luukku.questionnaires import engine, rendering
from luukku.web import throttle
from luukku.web.forms import Action, posted, run_action
from luukku.web.routes import Audience, route

from . import reports, search, services, surveys
from .forms import FeedbackForm, PaperForm, PublishForm, ReplyForm, SearchForm, SurveyForm
from .models import Channel, Feedback, FeedbackTarget, Invitation

KIOSK_IDLE_SECONDS = 90  # an abandoned kiosk form resets itself
KIOSK_THANKS_SECONDS = 8


def _language() -> str:
    language = (get_language() or "fi")[:2]
    return language if language in ("fi", "sv", "en") else "fi"


def _target(code: str) -> FeedbackTarget:
    return get_object_or_404(FeedbackTarget.objects.select_related("unit"), code=code, active=True)


def _resident(request: HttpRequest):
    return request.acting_for if getattr(request.user, "resident", None) is not None else None


# --- Finding a target -------------------------------------------------------------------------------


@route(Audience.PUBLIC, "none")
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = search.search(query) if query else []
    context = {"form": form, "results": results, "query": query, "language": _language()}
    if request.htmx:
        return render(request, "feedback/_results.html", context)
    return render(request, "feedback/index.html", context, status=400 if form.errors else 200)


# --- Surveys -------------------------------------------------------------------------------------


def _survey_page(
    request: HttpRequest,
    target: FeedbackTarget,
    channel: str,
    template: str,
    invitation: Invitation | None = None,
    extra: dict | None = None,
) -> HttpResponse:
    definition = surveys.definition(services.survey_key_for(target, invitation))
    resource = definition.resource
    links = {node["linkId"] for node in engine.answerable(resource)}
    errors: dict = {}
    values: dict = {}
    form = SurveyForm(posted(request), links)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data["raw"]
        answer = None
        try:
            throttle.hit(services.ANSWERS_PER_ADDRESS, throttle.address_key(request), request)
            answer, errors = services.answer_survey(
                target, values, channel, language=_language(), invitation=invitation
            )
        except throttle.Throttled as limited:
            form.add_error(None, limited.message)
        except ValidationError as refused:
            form.add_error(None, refused)
        if answer is not None:
            if channel == Channel.KIOSK:
                return redirect("feedback:kiosk_thanks", code=target.code)
            return redirect("feedback:thanks")
    shown = engine.enabled_items(resource, {})
    items = rendering.prepare(resource["item"], resource, values, errors, _language(), shown)
    context = {
        "target": target,
        "target_name": target.shown_name(_language()),
        "definition": definition,
        "items": items,
        "errors": errors,
        "form": form,
        **(extra or {}),
    }
    status = 400 if (errors or form.errors) else 200
    return render(request, template, context, status=status)


@route(Audience.PUBLIC, "none")
def survey(request: HttpRequest, code: str) -> HttpResponse:
    """The web form: anyone, signed in or not; the answer is stored without the answerer."""
    return _survey_page(request, _target(code), Channel.WEB, "feedback/survey.html")


@route(Audience.PUBLIC, "none")
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The one-time link of a text message or e-mail."""
    found = services.open_invitation(token)
    if found is None:
        return render(request, "feedback/link_used.html", status=404)
    return _survey_page(request, found.target, found.channel, "feedback/survey.html", invitation=found)


@route(Audience.PUBLIC, "none")
def kiosk(request: HttpRequest, code: str) -> HttpResponse:
    """A tablet at a service point: no sign-in, no session kept; the form resets itself when left."""
    target = _target(code)
    return _survey_page(
        request,
        target,
        Channel.KIOSK,
        "feedback/kiosk.html",
        extra={"reset_seconds": KIOSK_IDLE_SECONDS},
    )


@route(Audience.PUBLIC, "none")
@require_GET
def kiosk_thanks(request: HttpRequest, code: str) -> HttpResponse:
    target = _target(code)
    return render(
        request, "feedback/kiosk_thanks.html", {"target": target, "reset_seconds": KIOSK_THANKS_SECONDS}
    )


@route(Audience.PUBLIC, "none")
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/thanks.html")


# --- Free-form feedback --------------------------------------------------------------------------


@route(Audience.RESIDENT_OR_ANONYMOUS, "own")
def give(request: HttpRequest, code: str) -> HttpResponse:
    """Praise, a suggestion, a complaint - or, signed in, a formal complaint (muistutus)."""
    target = _target(code)
    person = _resident(request)
    form = FeedbackForm(posted(request), signed_in=person is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        identified = person if person is not None and not data.get("anonymous") else None
        try:
            if identified is None:
                throttle.hit(services.FEEDBACK_PER_ADDRESS, throttle.address_key(request), request)
            feedback = services.give_feedback(
                data["kind"],
                target,
                data["text"],
                person=identified,
                author=request.user if identified else None,
                wants_reply=data["wants_reply"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                language=_language(),
            )
        except throttle.Throttled as limited:
            form.add_error(None, limited.message)
            return throttle.with_retry_after(
                render(request, "feedback/give.html", {"form": form, "target": target}), limited
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            if feedback.person is not None:
                messages.success(
                    request, _("Thank you. Your feedback was sent to %(unit)s.") % {"unit": target.unit.name}
                )
                return redirect("feedback:mine_detail", public_id=feedback.public_id)
            return redirect("feedback:thanks")
    context = {"form": form, "target": target, "target_name": target.shown_name(_language())}
    return render(request, "feedback/give.html", context, status=400 if form.errors else 200)


@route(Audience.RESIDENT, "own")
@resident_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/mine.html", {"items": services.feedback_of(request.acting_for)})


@route(Audience.RESIDENT, "own")
@resident_required
def mine_detail(request: HttpRequest, public_id) -> HttpResponse:
    feedback = get_object_or_404(
        Feedback.objects.select_related("target"), public_id=public_id, person=request.acting_for
    )
    return render(request, "feedback/mine_detail.html", {"feedback": feedback})


@route(Audience.PUBLIC, "none")
@require_GET
def you_said(request: HttpRequest, unit: str) -> HttpResponse:
    """'You said, we did': what a unit changed after feedback (screened text, never who gave it)."""
    found = get_object_or_404(OrgUnit, code=unit)
    return render(
        request,
        "feedback/you_said.html",
        {"unit": found, "items": services.you_said_we_did(found)},
    )


# --- Handlers ---------------------------------------------------------------------------------------


@route(Audience.PROFESSIONAL, "basic")
@professional_required
def handler_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("tila", "open")
    status = status if status in ("open", "done", "all") else "open"
    return render(
        request,
        "feedback/handler_list.html",
        {"items": services.handler_list(request.user, status), "status": status},
    )


@route(Audience.PROFESSIONAL, "health")  # a social care unit's feedback is social: the policy decides
@professional_required
def handle(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_object_or_404(Feedback.objects.select_related("target", "unit", "person"), pk=pk)
    services.open_for_handler(request.user, feedback)  # refused: 403; a resident's: access-logged
    actions = {
        "reply": Action(
            ReplyForm,
            lambda d: services.reply(feedback, request.user, d["reply"], d["decision"]),
            _("The reply is saved."),
        ),
        "publish": Action(
            PublishForm,
            lambda d: services.publish_action(feedback, request.user, d["public_action"]),
            _("Published on the unit's “you said, we did” page."),
        ),
    }
    reply_form, publish_form = ReplyForm(), PublishForm()
    if request.method == "POST":
        form, _done = run_action(request, actions)
        if not form.errors:
            return redirect("feedback:handle", pk=pk)
        if request.POST.get("action") == "publish":
            publish_form = form
        else:
            reply_form = form
    context = {
        "feedback": feedback,
        "reply_form": reply_form,
        "publish_form": publish_form,
        "deadline_passed": feedback.deadline_at is not None and feedback.deadline_at < timezone.now(),
    }
    status = 400 if reply_form.errors or publish_form.errors else 200
    return render(request, "feedback/handle.html", context, status=status)


@route(Audience.PROFESSIONAL, "none")
@professional_required
def paper(request: HttpRequest) -> HttpResponse:
    """Staff enter an answer given on paper: the target, the day, then the core survey."""
    definition = surveys.definition(surveys.CORE_KEY)
    resource = definition.resource
    links = {node["linkId"] for node in engine.answerable(resource)}
    form = PaperForm(posted(request))
    answers_form = SurveyForm(posted(request), links)
    errors: dict = {}
    values: dict = {}
    if request.method == "POST" and form.is_valid() and answers_form.is_valid():
        target = form.cleaned_data["target"]
        values = answers_form.cleaned_data["raw"]
        units = [role.unit for role in work_roles(request.user)]
        if target.unit_id not in units_below(units):
            form.add_error("target", _("This target belongs to another unit."))
        else:
            day = form.cleaned_data["answered_on"]
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
            answer, errors = services.answer_survey(
                target, values, Channel.PAPER, language="fi", entered_by=request.user, answered_at=at
            )
            if answer is not None:
                messages.success(request, _("The paper answer was saved."))
                return redirect("feedback:paper")
    items = rendering.prepare(resource["item"], resource, values, errors, _language(), set(links))
    status = 400 if (form.errors or errors) else 200
    return render(
        request, "feedback/paper.html", {"form": form, "items": items, "errors": errors}, status=status
    )


def _report_scope(request: HttpRequest) -> tuple[OrgUnit | None, list[tuple[int, int]]]:
    code = request.GET.get("yksikko", "")
    root = OrgUnit.objects.filter(code=code).first() if code else None
    try:
        count = min(max(int(request.GET.get("kuukaudet", "12")), 1), 24)
    except ValueError:
        count = 12
    last_complete = timezone.localdate().replace(day=1) - dt.timedelta(days=1)  # the month just ended
    return root, reports.months_back(count, last_complete)


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    root, months = _report_scope(request)
    rows = reports.organisation_report(months, root)
    chart_row = rows[0] if rows else None
    chart = []
    if chart_row:
        for month, figures in chart_row.months.items():
            nps = figures.nps
            chart.append(
                {
                    "label": f"{month[1]}/{month[0] % 100:02d}",
                    "nps": nps,
                    "height": 0 if nps is None else max(0, round(nps)),
                    "rate": figures.response_rate,
                }
            )
    return render(
        request,
        "feedback/report.html",
        {
            "rows": rows,
            "months": months,
            "last": months[-1],
            "chart": chart,
            "chart_row": chart_row,
            "units": OrgUnit.objects.order_by("name"),
            "root": root,
            "nps_target": reports.NPS_TARGET,
            "rate_target": round(reports.RESPONSE_RATE_TARGET * 100),
        },
    )


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_GET
def report_csv(request: HttpRequest) -> HttpResponse:
    root, months = _report_scope(request)
    body = reports.as_csv(reports.organisation_report(months, root))
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="asiakaspalaute.csv"'
    return response


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_GET
def report_xlsx(request: HttpRequest) -> HttpResponse:
    root, months = _report_scope(request)
    response = HttpResponse(reports.as_xlsx(reports.organisation_report(months, root)), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="asiakaspalaute.xlsx"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
