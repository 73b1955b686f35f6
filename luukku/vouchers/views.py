"""Pages: the resident's vouchers and choice, the county's voucher desk, the provider's pages."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from luukku.access.policy import readable, require
from luukku.identity.decorators import professional_required, resident_required
from luukku.identity.models import Resident
from luukku.web.downloads import attachment_disposition
from luukku.web.forms import Action, run_action
from luukku.web.routes import Audience, route

from . import payments, services
from .forms import (
    ApplicationForm,
    ChooseForm,
    EventForm,
    GrantForm,
    MonthForm,
    ProviderReviewForm,
    RecordForm,
    RejectForm,
    VoucherForm,
)
from .models import PaymentBatch, Provider, ServiceEvent, Settlement

REFUSALS = (services.VoucherRefused,)


# --- The resident -----------------------------------------------------------------------------------


@route(Audience.RESIDENT, "own")
@resident_required
def my_vouchers(request: HttpRequest) -> HttpResponse:
    person = request.acting_for
    shown = readable(
        request.user, person, services.vouchers_of(person), services.scope, what="voucher", log=False
    )
    return render(request, "vouchers/mine.html", {"person": person, "vouchers": shown})


@route(Audience.RESIDENT, "own")
@resident_required
@require_http_methods(["GET", "POST"])
def voucher(request: HttpRequest, public_id) -> HttpResponse:
    found = services.voucher_for(request.user, str(public_id))
    form = ChooseForm()
    if request.method == "POST":
        form, done = run_action(
            request,
            {
                "choose": Action(
                    ChooseForm,
                    lambda data: services.choose(request.user, found, data["provider"]),
                    _("Your choice was sent to the provider, who confirms it."),
                )
            },
            refusals=REFUSALS,
        )
        if done is not None:
            return redirect("vouchers:voucher", public_id=found.public_id)
    sort = request.GET.get("sort", "own_share")
    choosing = found.status in {found.Status.GRANTED, found.Status.CHOSEN}
    return render(
        request,
        "vouchers/voucher.html",
        {
            "voucher": found,
            "form": form,
            "choices": services.compare(found, sort) if choosing else [],
            "sort": sort,
            "events": found.events.order_by("-day"),
        },
        status=400 if form.errors else 200,
    )


# --- The county's professionals ---------------------------------------------------------------------


def _administrator(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        services.require_administrator(request.user)
        return view(request, *args, **kwargs)

    return wrapper


@route(Audience.PROFESSIONAL, "social")
@professional_required
@_administrator
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    """Deviating service events to review, the monthly settlement and the payment batches."""
    form = MonthForm()
    if request.method == "POST":

        def review(data: dict, approve: bool) -> object:
            event = get_object_or_404(ServiceEvent, public_id=data["event"])
            return services.review_event(request.user, event, approve)

        form, done = run_action(
            request,
            {
                "approve": Action(EventForm, lambda d: review(d, True), _("The service event will be paid.")),
                "refuse": Action(
                    EventForm, lambda d: review(d, False), _("The service event will not be paid.")
                ),
                "settle": Action(
                    MonthForm,
                    lambda d: services.settle_month(*d["month"]),
                    lambda result: _("Settled: %(count)s providers.") % {"count": len(result)},
                ),
                "batch": Action(
                    MonthForm, lambda d: payments.make_batch(*d["month"]), _("The payment batch is ready.")
                ),
            },
            refusals=REFUSALS,
        )
        if done is not None:
            return redirect("vouchers:desk")
    held = []
    for event in services.held_events()[:50]:  # the oldest first; each read is logged
        if readable(
            request.user,
            event.voucher.person,
            [event],
            lambda e: services.scope(e.voucher),
            what="voucher_service",
        ):
            held.append(event)
    return render(
        request,
        "vouchers/desk.html",
        {
            "form": form,
            "held": held,
            "settlements": Settlement.objects.select_related("provider", "batch")[:60],
            "batches": PaymentBatch.objects.order_by("-year", "-month")[:12],
        },
        status=400 if form.errors else 200,
    )


@route(Audience.PROFESSIONAL, "social")
@professional_required
@require_http_methods(["GET", "POST"])
def client(request: HttpRequest, public_id) -> HttpResponse:
    """A client's vouchers and the decision form (grant or reject)."""
    person = get_object_or_404(Resident, public_id=public_id)
    form = GrantForm()
    if request.method == "POST":
        form, done = run_action(
            request,
            {
                "grant": Action(
                    GrantForm,
                    lambda d: services.grant(
                        request.user,
                        person,
                        d["service"],
                        valid_from=d["valid_from"],
                        units_per_month=d["units_per_month"],
                        household_size=d.get("household_size"),
                        monthly_income_cents=d.get("monthly_income_cents"),
                    ),
                    _("The voucher was granted and the decision sent to the client."),
                ),
                "reject": Action(
                    RejectForm,
                    lambda d: services.reject(request.user, person, d["service"], d["reason"]),
                    _("The decision was sent to the client."),
                ),
            },
            refusals=REFUSALS,
        )
        if done is not None:
            return redirect("vouchers:client", public_id=person.public_id)
    else:
        require(request.user, person, services.CATEGORY, what="voucher", service_event="voucher")
    vouchers = readable(
        request.user, person, services.vouchers_of(person), services.scope, what="voucher", log=False
    )
    return render(
        request,
        "vouchers/client.html",
        {"client": person, "vouchers": vouchers, "form": form, "reject_form": RejectForm()},
        status=400 if form.errors else 200,
    )


@route(Audience.PROFESSIONAL, "none")
@professional_required
@_administrator
@require_http_methods(["GET", "POST"])
def providers(request: HttpRequest) -> HttpResponse:
    """The register of providers: applications to review, approved and suspended ones."""
    form = ProviderReviewForm()
    if request.method == "POST":

        def review(data: dict, decision: str) -> Provider:
            provider = get_object_or_404(Provider, public_id=data["provider"])
            return services.review_provider(request.user, provider, decision, data["reason"])

        form, done = run_action(
            request,
            {
                name: Action(ProviderReviewForm, lambda d, name=name: review(d, name), notice)
                for name, notice in (
                    ("approve", _("The provider was approved.")),
                    ("reject", _("The application was rejected.")),
                    ("suspend", _("The provider was suspended.")),
                )
            },
            refusals=REFUSALS,
        )
        if done is not None:
            return redirect("vouchers:providers")
    return render(
        request,
        "vouchers/providers.html",
        {
            "form": form,
            "providers": Provider.objects.prefetch_related("offers__service").order_by("status", "name"),
        },
        status=400 if form.errors else 200,
    )


@route(Audience.PROFESSIONAL, "none")
@professional_required
@_administrator
def batch_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    batch = get_object_or_404(PaymentBatch, pk=pk)
    if kind == "xml":
        response = HttpResponse(batch.xml, content_type="application/xml")
        name = f"{batch.message_id}.xml"
    else:
        response = HttpResponse(batch.csv, content_type="text/csv; charset=utf-8")
        name = f"{batch.message_id}.csv"
    response["Content-Disposition"] = attachment_disposition(name)
    response["Cache-Control"] = "private, no-store"
    return response


# --- Providers' staff -------------------------------------------------------------------------------


def provider_required(view: Callable) -> Callable:
    """Signed in with the professionals' login, as staff of at least one provider."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "identity:professional_login")
        if (
            getattr(request.user, "resident", None) is not None
            or not services.providers_of(request.user).exists()
        ):
            raise PermissionDenied(_("Your account is not linked to a voucher provider."))
        return view(request, *args, **kwargs)

    return wrapper


@route(Audience.PROFESSIONAL, "social")
@provider_required
@require_http_methods(["GET", "POST"])
def provider_home(request: HttpRequest) -> HttpResponse:
    provider = services.providers_of(request.user).first()
    form = RecordForm()
    if request.method == "POST":

        def accept(data: dict) -> object:
            return services.accept(
                request.user, services.provider_voucher(request.user, provider, str(data["voucher"]))
            )

        def record(data: dict) -> object:
            found = services.provider_voucher(request.user, provider, str(data["voucher"]))
            return services.record_service(request.user, found, data["day"], data["units"])

        form, done = run_action(
            request,
            {
                "accept": Action(VoucherForm, accept, _("The client was accepted.")),
                "record": Action(
                    RecordForm,
                    record,
                    lambda event: (
                        _("Recorded, but it deviates from the voucher and waits for the county's review.")
                        if event.status == ServiceEvent.Status.HELD
                        else _("Recorded.")
                    ),
                ),
            },
            refusals=REFUSALS,
        )
        if done is not None:
            return redirect("vouchers:provider")
    return render(
        request,
        "vouchers/provider.html",
        {
            "provider": provider,
            "form": form,
            "clients": services.clients_of(request.user, provider),
            "settlements": services.settlements_of(provider)[:12],
        },
        status=400 if form.errors else 200,
    )


@route(Audience.PROFESSIONAL, "none")
@require_http_methods(["GET", "POST"])
def application(request: HttpRequest) -> HttpResponse:
    """A provider applies with the organisation's account (the professionals' login)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), "identity:professional_login")
    if getattr(request.user, "resident", None) is not None:
        raise PermissionDenied(_("Sign in with your organisation's account to apply."))
    form = ApplicationForm()
    if request.method == "POST":
        form, done = run_action(
            request,
            {
                "apply": Action(
                    ApplicationForm,
                    lambda d: services.apply(request.user, **d),
                    _("Thank you. The county reviews the application and tells you its decision."),
                )
            },
            refusals=(ValidationError, *REFUSALS),
        )
        if done is not None:
            return redirect("vouchers:application")
    return render(
        request,
        "vouchers/application.html",
        {"form": form, "applied": services.providers_of(request.user)},
        status=400 if form.errors else 200,
    )
