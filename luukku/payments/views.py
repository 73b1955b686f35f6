from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from luukku.access.policy import readable
from luukku.booking.services import appointment_by_public_id
from luukku.identity.decorators import professional_required, resident_required
from luukku.web.downloads import attachment_disposition
from luukku.web.forms import Action, NoFieldsForm, run_action
from luukku.web.routes import Audience, route

from . import rules, services
from .forms import NoShowForm
from .models import Invoice


@route(Audience.RESIDENT, "own")
@resident_required
def invoices(request: HttpRequest) -> HttpResponse:
    person = request.acting_for
    shown = readable(
        request.user, person, services.invoices_of(person), services.scope, what="invoice", log=False
    )
    return render(request, "payments/list.html", {"person": person, "invoices": shown})


@route(Audience.RESIDENT, "own")
@resident_required
@require_http_methods(["GET", "POST"])
def invoice_view(request: HttpRequest, public_id) -> HttpResponse:
    invoice = services.invoice_for_resident(request.user, str(public_id))
    form = NoFieldsForm()
    if request.method == "POST":
        form, address = run_action(
            request,
            {
                "pay": Action(
                    NoFieldsForm,
                    lambda data: services.start_payment(invoice, request.user),
                    None,  # the payment service's page follows; the receipt arrives in the inbox
                )
            },
        )
        if address:
            return redirect(address)
    return render(
        request,
        "payments/invoice.html",
        {
            "invoice": invoice,
            "form": form,
            "reference": rules.format_reference(invoice.reference),
            "barcode": services.barcode_of(invoice),
            "creditor": settings.LUUKKU_CREDITOR,
            "payments": invoice.payments.order_by("-created_at"),
        },
        status=400 if form.errors else 200,
    )


@route(Audience.RESIDENT, "own")
@resident_required
def invoice_pdf(request: HttpRequest, public_id) -> HttpResponse:
    invoice = services.invoice_for_resident(request.user, str(public_id))
    response = HttpResponse(services.invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = attachment_disposition(f"lasku-{invoice.reference}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@route(Audience.PUBLIC, "none")
def returned(request: HttpRequest) -> HttpResponse:
    """The resident comes back from the payment service: the signed status is applied (once)."""
    try:
        payment = services.apply_result(request.GET.dict())
    except services.BadSignature:
        return HttpResponseBadRequest(_("The payment service's answer could not be verified."))
    if payment.status == payment.Status.PAID:
        messages.success(request, _("Thank you, the invoice has been paid. The receipt is in your messages."))
    else:
        messages.warning(request, _("The invoice was not paid. You can try again."))
    return redirect("payments:invoice", public_id=payment.invoice.public_id)


@route(Audience.INTEGRATION, "none")
@csrf_exempt
@require_http_methods(["GET", "POST"])
def callback(request: HttpRequest) -> HttpResponse:
    """The payment service's own call with the signed status (whatever the resident's browser does)."""
    try:
        services.apply_result(request.GET.dict())
    except services.BadSignature:
        return HttpResponseBadRequest("bad signature")
    return HttpResponse("ok", content_type="text/plain")


@route(Audience.PUBLIC, "none")
@require_http_methods(["GET", "POST"])
def local_service(request: HttpRequest, stamp: str) -> HttpResponse:
    """The demo's stand-in for Suomi.fi Payments' own page; absent unless the local backend is in use."""
    if settings.LUUKKU_SUOMIFI_PAYMENTS["backend"] != "local":
        raise Http404
    try:
        params = services.local_result(stamp, pay=True)
    except services.BadSignature:
        raise Http404 from None
    if request.method == "POST":
        params = services.local_result(stamp, pay=request.POST.get("action") == "pay")
        services.apply_result(params)  # the service's callback, before the browser returns
        from urllib.parse import urlencode

        return redirect(f"{_returned_path()}?{urlencode(params)}")
    return render(request, "payments/local_service.html", {"amount": int(params["checkout-amount"])})


def _returned_path() -> str:
    from django.urls import reverse

    return reverse("payments:returned")


@route(Audience.PROFESSIONAL, "health")
@professional_required
@require_http_methods(["GET", "POST"])
def no_show(request: HttpRequest, public_id) -> HttpResponse:
    """A professional records that the client did not come: the fee is invoiced if the rules allow."""
    appointment = appointment_by_public_id(str(public_id))
    if appointment is None or appointment.person is None:
        raise Http404
    form = NoShowForm()
    if request.method == "POST":
        form, done = run_action(
            request,
            {
                "charge": Action(
                    NoShowForm,
                    lambda data: (
                        services.charge_no_show(appointment, request.user, data["acceptable_reason"])
                        or "none"
                    ),
                    lambda result: (
                        _("The fee was invoiced.") if isinstance(result, Invoice) else _("No fee is charged.")
                    ),
                )
            },
            refusals=(services.FeeRefused, ValidationError),
        )
        if done is not None:
            return redirect("payments:no_show", public_id=appointment.public_id)
    else:
        from luukku.access.policy import category_of_unit, require

        require(
            request.user,
            appointment.person,
            category_of_unit(appointment.service.unit),
            what="invoice",
            service_event=appointment.service.code,
        )
    return render(
        request,
        "payments/no_show.html",
        {
            "appointment": appointment,
            "form": form,
            "invoice": Invoice.objects.filter(source=f"no_show:{appointment.public_id}").first(),
        },
        status=400 if form.errors else 200,
    )
