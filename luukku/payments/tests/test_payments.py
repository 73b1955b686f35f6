"""Invoicing a fee, paying it online (signed request, return and callback verified, applied once), the
receipt in the inbox; the professional's no-show page; the local payment service of the demo."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from luukku.booking.models import Slot
from luukku.booking.tests.factories import booked, booking_service
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register
from luukku.inbox.models import Message
from luukku.payments import adapters, rules, services
from luukku.payments.models import Invoice, Payment, PriceListEntry
from luukku.testing import professional, resident_user, sign_in_persona

pytestmark = pytest.mark.django_db


def past_appointment(person, unit=None, hours_ago: int = 2):
    from luukku.identity.models import RoleAssignment

    nurse = professional(unit=unit) if unit else professional()
    service = booking_service(unit=RoleAssignment.objects.filter(professional=nurse).first().unit)
    appointment = booked(person, service, nurse)
    start = timezone.now() - dt.timedelta(hours=hours_ago)
    Slot.objects.filter(pk=appointment.slot_id).update(
        starts_at=start, ends_at=start + dt.timedelta(minutes=20)
    )
    appointment.refresh_from_db()
    PriceListEntry.objects.create(
        service_code=service.code, year=timezone.localtime(start).year, no_show_fee_cents=5150
    )
    return appointment, nurse


def test_a_no_show_is_invoiced_once_into_the_inbox():
    person = resident_user(age=40)
    appointment, nurse = past_appointment(person)
    invoice = services.charge_no_show(appointment, nurse.user)
    assert services.charge_no_show(appointment, nurse.user).pk == invoice.pk
    assert invoice.amount_cents == 5150 and rules.is_reference_number(invoice.reference)
    assert invoice.rf_reference.endswith(invoice.reference)
    message = Message.objects.get(thread__person=person, kind=Message.Kind.INVOICE)
    assert message.letter and message.link == reverse("payments:invoice", args=[invoice.public_id])


def test_no_invoice_for_a_minor_or_an_acceptable_reason_or_a_future_time():
    minor = resident_user(age=17)
    appointment, nurse = past_appointment(minor)
    assert services.charge_no_show(appointment, nurse.user) is None
    adult = resident_user(age=40)
    appointment, nurse = past_appointment(adult)
    assert services.charge_no_show(appointment, nurse.user, acceptable_reason=True) is None
    future, nurse = past_appointment(resident_user(age=40), hours_ago=-5)
    with pytest.raises(services.FeeRefused):
        services.charge_no_show(future, nurse.user)
    assert not Invoice.objects.filter(person__in=[minor, adult]).exists()


def test_a_professional_without_a_basis_cannot_invoice():
    person = resident_user(age=40, municipality_code="694")
    appointment, _nurse = past_appointment(person)
    from luukku.access.policy import AccessDenied
    from luukku.testing import OrgUnitFactory

    outsider = professional(unit=OrgUnitFactory(municipality_codes=["999"]))
    with pytest.raises(AccessDenied):
        services.charge_no_show(appointment, outsider.user)


def _invoice_for(person) -> Invoice:
    return services.create_invoice(person, f"test:{person.pk}", "Käyttämätön aika", 5150, "health", "")


def _pay(client, invoice, outcome: str = "pay"):
    response = client.post(reverse("payments:invoice", args=[invoice.public_id]), {"action": "pay"})
    assert response.status_code == 302
    stamp = response["Location"].rstrip("/").split("/")[-1]
    return stamp, client.post(response["Location"], {"action": outcome})


def test_paying_online_marks_the_invoice_paid_and_the_receipt_arrives(client, personas):
    matti = sign_in_persona(client, "matti")
    invoice = _invoice_for(matti)
    stamp, back = _pay(client, invoice)
    assert back.status_code == 302 and back["Location"].startswith(reverse("payments:returned"))
    followed = client.get(back["Location"])
    assert followed.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID and invoice.paid_at is not None
    receipt = Message.objects.get(thread__person=matti, kind=Message.Kind.RECEIPT)
    assert receipt.thread.key == f"invoice:{invoice.public_id}"
    # The callback arriving again (or the return reloaded) changes nothing.
    params = services.local_result(stamp, pay=True)
    assert client.get(reverse("payments:callback") + "?" + urlencode(params)).status_code == 200
    assert Message.objects.filter(thread__person=matti, kind=Message.Kind.RECEIPT).count() == 1
    assert Payment.objects.get(stamp=stamp).status == Payment.Status.PAID


def test_a_cancelled_payment_leaves_the_invoice_open(client, personas):
    matti = sign_in_persona(client, "matti")
    invoice = _invoice_for(matti)
    _stamp, back = _pay(client, invoice, "cancel")
    client.get(back["Location"])
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.OPEN


def test_a_forged_or_altered_result_is_refused(client, personas):
    matti = sign_in_persona(client, "matti")
    invoice = _invoice_for(matti)
    response = client.post(reverse("payments:invoice", args=[invoice.public_id]), {"action": "pay"})
    stamp = response["Location"].rstrip("/").split("/")[-1]
    params = services.local_result(stamp, pay=True)
    altered = {**params, "checkout-amount": "1"}
    assert client.get(reverse("payments:callback") + "?" + urlencode(altered)).status_code == 400
    unsigned = {**params, "signature": "0" * 64}
    assert client.get(reverse("payments:returned") + "?" + urlencode(unsigned)).status_code == 400
    assert client.get(reverse("payments:callback") + "?checkout-stamp=x").status_code == 400
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.OPEN


def test_another_resident_cannot_see_or_pay_the_invoice(client, personas):
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    invoice = _invoice_for(lempi)
    sign_in_persona(client, "sofia")
    assert client.get(reverse("payments:invoice", args=[invoice.public_id])).status_code == 403
    assert (
        client.post(reverse("payments:invoice", args=[invoice.public_id]), {"action": "pay"}).status_code
        == 403
    )
    assert client.get(reverse("payments:invoice_pdf", args=[invoice.public_id])).status_code == 403


def test_the_invoice_pdf_and_api(client, personas):
    matti = sign_in_persona(client, "matti")
    invoice = _invoice_for(matti)
    pdf = client.get(reverse("payments:invoice_pdf", args=[invoice.public_id]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    listed = client.get("/api/payments/invoices").json()
    assert listed[0]["reference"] == invoice.reference and len(listed[0]["virtual_barcode"]) == 54


def test_signatures_round_trip_and_fail_when_anything_changes():
    secret = settings.LUUKKU_SUOMIFI_PAYMENTS["secret"]
    params = {"checkout-amount": "100", "checkout-stamp": "s", "other": "ignored"}
    signature = adapters.sign(secret, params)
    assert adapters.verify(secret, params, signature)
    assert adapters.verify(secret, {**params, "other": "changed"}, signature)  # only checkout-* is signed
    assert not adapters.verify(secret, {**params, "checkout-amount": "101"}, signature)
    assert not adapters.verify("another", params, signature) and not adapters.verify(secret, params, "")


def test_the_professional_records_a_no_show(client, personas):
    person = resident_user(age=40)
    appointment, nurse = past_appointment(person)
    client.force_login(nurse.user)
    url = reverse("payments:no_show", args=[appointment.public_id])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "charge"}).status_code == 302
    assert Invoice.objects.filter(person=person).count() == 1


def test_invoices_are_in_the_own_data_export_and_in_client_360_by_their_category(client, personas):
    from django.contrib.auth import get_user_model

    from luukku.desk import services as desk

    matti = sign_in_persona(client, "matti")
    health = _invoice_for(matti)
    social = services.create_invoice(matti, f"social:{matti.pk}", "Kotipalvelu", 2000, "social", "")
    exported = client.get(reverse("consent:my_data"), {"muoto": "json"}).content.decode()
    assert health.reference in exported and social.reference in exported
    users = get_user_model().objects
    nurse_view = desk.client_360(users.get(username="hoitaja.riikka"), matti, "care")
    shown = {s["section"].key: s["items"] for s in nurse_view.sections}
    assert health in shown["invoices"] and social not in shown["invoices"]
