import secrets

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from luukku.audit.models import Purpose
from luukku.identity.decorators import professional_required
from luukku.identity.models import Professional, Resident
from luukku.identity.services import SignInRefused
from luukku.web.forms import posted
from luukku.web.routes import Audience, route

from . import services
from .forms import CallBackForm, MaturityForm
from .models import ChainTemplate, ClientChainStep, ResponsibleWorker, WorkItem

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
    items = list(services.queue(request.user, view))
    return render(
        request,
        "desk/queue.html",
        {
            "items": items,
            "others": services.others_handling(items),
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
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "claim":
                services.claim(item, request.user)
            elif action == "assign":
                colleague = get_user_model().objects.filter(pk=request.POST.get("to") or 0).first()
                if colleague is None:
                    raise PermissionDenied(_("Choose a colleague."))
                services.assign(item, colleague, request.user)
            elif action == "status" and request.POST.get("status") in WorkItem.Status.values:
                services.set_status(item, request.POST["status"], request.user)
            elif action == "priority" and request.POST.get("priority", "").isdigit():
                services.set_priority(item, int(request.POST["priority"]), request.user)
            elif action == "link":
                services.link_client(item, request.user, request.POST.get("hetu", ""))
            return redirect("desk:item", pk=item.pk)
        except SignInRefused as refused:
            error = str(refused)
        except PermissionDenied as denied:
            error = str(denied)
    return render(
        request,
        "desk/item.html",
        {
            "item": item,
            "history": item.history.select_related("actor"),
            "colleagues": services.colleagues(item),
            "others": services.others_handling([item])[item.pk],
            "statuses": WorkItem.Status.choices,
            "priorities": WorkItem.Priority.choices,
            "error": error,
        },
        status=400 if error else 200,
    )


@route(Audience.PROFESSIONAL, "basic")
@professional_required
@require_http_methods(["GET", "POST"])
def client_360(request: HttpRequest, public_id) -> HttpResponse:
    client = get_object_or_404(Resident, public_id=public_id)
    purpose = request.GET.get("purpose", Purpose.CARE)
    if purpose not in Purpose.values or purpose == Purpose.AUDIT:
        purpose = Purpose.CARE
    maturity = MaturityForm(request.POST if request.POST.get("action") == "maturity" else None)
    if request.method == "POST" and maturity.is_bound:
        if maturity.is_valid():
            try:
                services.assess_maturity(client, request.user, **maturity.cleaned_data)
            except ValidationError as invalid:
                maturity.add_error(None, invalid)
            else:
                messages.success(request, _("The maturity assessment is recorded."))
                return redirect(f"{reverse('desk:client', args=[client.public_id])}?purpose={purpose}")
    elif request.method == "POST":
        professional = Professional.objects.get(user=request.user)
        if (
            request.POST.get("action") == "responsible"
            and request.POST.get("kind") in ResponsibleWorker.Kind.values
        ):
            services.set_responsible(client, request.POST["kind"], professional, request.user)
        elif request.POST.get("action") == "chain":
            template = get_object_or_404(ChainTemplate, code=request.POST.get("template", ""))
            services.start_chain(template, client, request.user)
        elif request.POST.get("action") in {"take", "complete"}:
            step = get_object_or_404(ClientChainStep, pk=request.POST.get("step") or 0, chain__client=client)
            if request.POST["action"] == "take":
                services.take_step(step, professional)
            else:
                services.complete_step(step, request.user)
        return redirect(f"{reverse('desk:client', args=[client.public_id])}?purpose={purpose}")
    view = services.client_360(request.user, client, purpose)
    return render(
        request,
        "desk/client.html",
        {
            "view": view,
            "purpose": purpose,
            "chain_templates": ChainTemplate.objects.order_by("name"),
            "worker_kinds": ResponsibleWorker.Kind.choices,
            "maturity_form": maturity,
        },
        status=400 if maturity.errors else 200,
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
        services.submit(
            WorkItem.Kind.CALL_BACK,
            f"callback:{secrets.token_hex(8)}",
            data["unit"],
            _("Call back: %(topic)s") % {"topic": data["topic"][:120]},
            client=person,
            contact_name=data["name"],
            contact_phone=data["phone"],
            note=data["topic"],
        )
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
    services.claim(_item(request, pk), request.user)
    return redirect("desk:item", pk=pk)
