from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from luukku.access.policy import professional_of
from luukku.audit.models import Purpose
from luukku.identity.decorators import professional_required
from luukku.identity.models import Resident
from luukku.identity.services import SignInRefused
from luukku.web import throttle
from luukku.web.forms import Action, NoFieldsForm, posted, run_action
from luukku.web.routes import Audience, route

from . import services
from .forms import (
    AssignForm,
    CallBackForm,
    ChainForm,
    ChainStepForm,
    LinkClientForm,
    MaturityForm,
    PriorityForm,
    ResponsibleForm,
    StatusForm,
)
from .models import ChainTemplate, ResponsibleWorker, WorkItem
from .registry import name_items

VIEWS = {
    "unit": gettext_lazy("My units"),
    "mine": gettext_lazy("Mine"),
    "escalated": gettext_lazy("Escalated"),
}


@route(Audience.PROFESSIONAL, "basic")
@professional_required
def work_queue(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("nakyma", "unit")
    view = view if view in VIEWS else "unit"
    items = name_items(list(services.queue(request.user, view)))
    return render(
        request,
        "desk/queue.html",
        {
            "items": items,
            "others": services.others_handling(items, request.user),
            "view": view,
            "views": VIEWS,
            "chain_steps": services.chains_needing(request.user),
        },
    )


def _item(request: HttpRequest, pk: int) -> WorkItem:
    item = get_object_or_404(WorkItem.objects.select_related("client", "assignee", "unit"), pk=pk)
    services.open_item(request.user, item)
    return item


@route(Audience.PROFESSIONAL, "basic")
@sensitive_post_parameters("hetu")
@professional_required
@require_http_methods(["GET", "POST"])
def item_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    user = request.user
    form = None
    if request.method == "POST":
        form, _done = run_action(
            request,
            {
                "claim": Action(
                    NoFieldsForm,
                    lambda data: services.claim(item, user),
                    _("You are handling this work now."),
                ),
                "assign": Action(
                    lambda post: AssignForm(post, services.colleagues(item)),
                    lambda data: services.assign(item, data["to"], user),
                    _("The work was handed to your colleague."),
                ),
                "status": Action(
                    StatusForm,
                    lambda data: services.set_status(item, data["status"], user),
                    _("The status was changed."),
                ),
                "priority": Action(
                    PriorityForm,
                    lambda data: services.set_priority(item, data["priority"], user),
                    _("The priority was changed."),
                ),
                "link": Action(
                    LinkClientForm,
                    lambda data: services.link_client(item, user, data["hetu"]),
                    _("The client is linked to this work."),
                ),
            },
            refusals=(SignInRefused,),
        )
        if form.is_valid():
            return redirect("desk:item", pk=item.pk)
    return render(
        request,
        "desk/item.html",
        {
            "item": item,
            "history": item.history.select_related("actor"),
            "colleagues": services.colleagues(item),
            "others": services.others_handling([item], request.user)[item.pk],
            "statuses": WorkItem.Status.choices,
            "priorities": WorkItem.Priority.choices,
            "error": " ".join(e for errors in form.errors.values() for e in errors) if form else "",
        },
        status=400 if form is not None else 200,
    )


@route(Audience.PROFESSIONAL, "basic")
@professional_required
@require_http_methods(["GET", "POST"])
def client_360(request: HttpRequest, public_id) -> HttpResponse:
    client = get_object_or_404(Resident, public_id=public_id)
    purpose = request.GET.get("purpose", Purpose.CARE)
    if purpose not in Purpose.values or purpose == Purpose.AUDIT:
        purpose = Purpose.CARE
    user = request.user
    form = None
    if request.method == "POST":
        form, _done = run_action(
            request,
            {
                "responsible": Action(
                    ResponsibleForm,
                    lambda data: services.set_responsible(client, data["kind"], professional_of(user), user),
                    _("You are now named the client's responsible worker."),
                ),
                "chain": Action(
                    ChainForm,
                    lambda data: services.start_chain(data["template"], client, user),
                    _("The service chain was started."),
                ),
                "take": Action(
                    lambda post: ChainStepForm(post, client),
                    lambda data: services.take_step(data["step"], professional_of(user)),
                    _("You own this step now."),
                ),
                "complete": Action(
                    lambda post: ChainStepForm(post, client),
                    lambda data: services.complete_step(data["step"], user),
                    _("The step is done; the next one goes to its owner."),
                ),
                "maturity": Action(
                    MaturityForm,
                    lambda data: services.assess_maturity(client, user, **data),
                    _("The maturity assessment is recorded."),
                ),
            },
        )
        if form.is_valid():
            return redirect(f"{reverse('desk:client', args=[client.public_id])}?purpose={purpose}")
    view = services.client_360(user, client, purpose)
    group = request.GET.get("tapahtumat", "")
    maturity = form if isinstance(form, MaturityForm) else MaturityForm()
    return render(
        request,
        "desk/client.html",
        {
            "view": view,
            "purpose": purpose,
            "timeline": services.filter_timeline(view.timeline, group),
            "timeline_groups": services.TIMELINE_GROUPS,
            "timeline_group": group,
            "chain_templates": ChainTemplate.objects.order_by("name"),
            "worker_kinds": ResponsibleWorker.Kind.choices,
            "maturity_form": maturity,
            "action_form": form if form is not None and not isinstance(form, MaturityForm) else None,
        },
        status=400 if form is not None else 200,
    )


@route(Audience.PUBLIC, "own")
@sensitive_post_parameters("phone", "name")
@require_http_methods(["GET", "POST"])
def call_back(request: HttpRequest) -> HttpResponse:
    """A resident (signed in or not) asks a unit to call back; it lands in that unit's queue."""
    person = request.acting_for if getattr(request.user, "resident", None) is not None else None
    initial = {"name": person.full_name} if person else {}
    form = CallBackForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.request_call_back(
                data["unit"],
                data["topic"],
                data["name"],
                data["phone"],
                client=person,
                address=throttle.address_key(request),
            )
        except throttle.Throttled as limited:
            form.add_error(None, limited.message)
            return throttle.with_retry_after(render(request, "desk/call_back.html", {"form": form}), limited)
        messages.success(
            request,
            _("Thank you. %(unit)s will call you, usually within a few hours on weekdays.")
            % {"unit": data["unit"].name},
        )
        return redirect("desk:call_back")
    return render(request, "desk/call_back.html", {"form": form}, status=400 if form.errors else 200)


@route(Audience.PROFESSIONAL, "basic")
@professional_required
@require_POST
def claim_from_queue(request: HttpRequest, pk: int) -> HttpResponse:
    services.claim(_item(request, pk), request.user)  # _item decides and logs the opening
    return redirect("desk:item", pk=pk)
