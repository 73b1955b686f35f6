"""Applications: sending (prefilled, for oneself or another), the receipt, the processing steps through the
access policy, deadlines in the work queue, the signed decision delivered to the inbox."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from luukku.access.policy import AccessDenied
from luukku.applications import adapters, rules, services
from luukku.applications.models import Decision
from luukku.audit.models import AccessLogEntry, Event
from luukku.desk.models import WorkItem
from luukku.identity.models import MaturityAssessment, Role
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register
from luukku.inbox.models import Message
from luukku.testing import child_of, mandate, professional, resident_user, sign_in_persona

from .factories import apply, user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _signing_dir(settings, tmp_path_factory):
    settings.LUUKKU_SIGNING_DIR = str(tmp_path_factory.getbasetemp() / "signing")
    adapters.signer.cache_clear()
    yield
    adapters.signer.cache_clear()


def _lempi():
    return resident_from_register(BY_KEY["lempi"].hetu)


def _signed_in_lempi(client):
    return sign_in_persona(client, "lempi")


def test_an_82_year_olds_application_gets_a_reference_and_the_seven_day_deadline_in_the_queue(
    client, personas
):
    lempi = _signed_in_lempi(client)
    application = apply(lempi)
    assert rules.reference_is_valid(application.reference)
    received = timezone.localtime(application.received_at).date()
    assert application.assessment_due == rules.add_working_days(received, 7)
    assert application.assessment_due_statutory and application.on_behalf == "self"
    assert application.unit.code == "ikaantyneiden-palveluohjaus"
    item = WorkItem.objects.get(source=f"application:{application.public_id}")
    assert item.kind == WorkItem.Kind.APPLICATION and item.priority == WorkItem.Priority.HIGH
    assert timezone.localtime(item.due_at).date() == application.assessment_due
    event = Event.objects.get(kind="applications.submitted", subject=lempi)
    assert event.data["type"] == "hakemus-kotihoito" and lempi.hetu not in str(event.data)


def test_an_urgent_application_is_urgent_work_due_the_same_day(personas):
    person = resident_user(age=50)
    application = apply(person, "hakemus-tukipalvelut", urgent=True)
    item = WorkItem.objects.get(source=f"application:{application.public_id}")
    assert application.urgent and item.priority == WorkItem.Priority.URGENT
    assert item.due_at <= timezone.now() + dt.timedelta(hours=4)
    assert application.assessment_due == timezone.localdate()


def test_a_family_with_a_child_needing_special_support_gets_the_seven_day_deadline(personas):
    parent = resident_user(age=35)
    application = apply(parent, "hakemus-perhetyo", special_support=["yes"])
    received = timezone.localtime(application.received_at).date()
    assert application.assessment_due == rules.add_working_days(received, 7)
    assert application.assessment_due_statutory
    assert application.unit.code == "lapsiperheiden-sosiaalityo"


def test_a_disability_application_has_a_three_month_decision_deadline(personas):
    person = resident_user(age=40)
    application = apply(person, "hakemus-kuljetuspalvelu")
    received = timezone.localtime(application.received_at).date()
    assert application.decision_due == rules.add_months(received, 3)
    assert not application.assessment_due_statutory  # under 75, no care allowance: county target


def test_the_form_is_prefilled_from_the_population_register(client, personas):
    from luukku.registry.adapters import population_register

    lempi = _signed_in_lempi(client)
    response = services.start(lempi, "hakemus-kotihoito", lempi.user)
    record = population_register().person(lempi.hetu)
    assert record.street_address and response.answers["address"] == [record.street_address]
    assert response.answers["postal-code"] == [record.postal_code]


def test_a_guardians_family_application_lists_the_children_of_the_household(personas):
    parent = resident_user(age=35)
    child_of(parent, age=4, first_names="Pikku")
    response = services.start(parent, "hakemus-perhetyo", parent.user)
    assert "Pikku" in response.answers["household"][0]


def test_a_mandate_holder_applies_for_the_principal_and_the_application_says_so(personas):
    principal = resident_user(age=85)
    agent = resident_user(age=55)
    mandate(agent, principal)
    application = apply(principal, author=agent.user)
    assert application.person == principal and application.on_behalf == "mandate"
    stranger = resident_user(age=55)
    with pytest.raises(PermissionDenied):
        services.start(principal, "hakemus-kotihoito", stranger.user)


def test_a_minor_deciding_alone_hides_the_application_from_the_guardian(personas):
    guardian = resident_user(age=45)
    teen = child_of(guardian, age=15)
    application = apply(teen, "hakemus-perhetyo", author=guardian.user)
    assert application.on_behalf == "guardian"
    assert services.visible_to_resident(guardian.user, teen) == [application]
    MaturityAssessment.objects.create(minor=teen, service_event=application.service_event, decides_alone=True)
    assert services.visible_to_resident(guardian.user, teen) == []
    with pytest.raises(Exception) as refused:
        services.for_resident(guardian.user, str(application.public_id))
    assert refused.type.__name__ == "Http404"


def test_the_receipt_page_shows_the_reference(client, personas):
    lempi = _signed_in_lempi(client)
    application = apply(lempi)
    with translation.override("en"):
        page = client.get(reverse("applications:receipt", args=[application.response.public_id]))
    assert page.status_code == 200 and application.reference in page.content.decode()
    listing = client.get(reverse("applications:list"))
    assert application.reference in listing.content.decode()


def _paula():
    return user("palveluohjaaja.paula")


def test_the_whole_processing_ends_in_a_signed_decision_in_the_inbox(client, personas):
    lempi = _signed_in_lempi(client)
    application = apply(lempi)
    paula = _paula()
    services.assign(application, paula, paula)
    application.refresh_from_db()
    assert application.status == "in_process" and application.handler == paula

    services.request_info(application, paula, "Lähettäkää lääkärinlausunto.")
    application.refresh_from_db()
    assert application.status == "info_requested"
    info = Message.objects.get(thread__person=lempi, thread__key=f"application:{application.public_id}")
    assert "lääkärinlausunto" in info.body

    answered = client.post(
        reverse("applications:detail", args=[application.public_id]),
        {"action": "answer", "body": "Lausunto tulee postissa."},
    )
    assert answered.status_code == 302
    application.refresh_from_db()
    assert application.status == "in_process"
    assert application.thread.filter(from_resident=True).count() == 1

    services.record_assessment(
        application, paula, "Tarvitsee apua aamuisin.", {"MAPLe": 3}, timezone.localdate()
    )
    assert not WorkItem.objects.open().filter(source=f"application:{application.public_id}").exists()
    assert WorkItem.objects.open().filter(source=f"application-decision:{application.public_id}").exists()

    services.draft_decision(application, paula, "granted", services.draft_body(application, "granted"))
    decision = services.approve(application, paula)
    application.refresh_from_db()
    assert application.status == "decided"
    assert application.service_due == rules.add_months(timezone.localdate(), 3)
    assert "oikaisu" in decision.appeal.lower() and "30" in decision.appeal
    assert "980/2012" in decision.legal_basis
    verification = services.verify(decision)
    assert verification.valid and verification.trusted and "TEST" in verification.signer
    assert not WorkItem.objects.open().filter(source__endswith=str(application.public_id)).exists()

    letter = Message.objects.get(thread__person=lempi, kind=Message.Kind.DECISION)
    assert letter.letter and letter.link == reverse("applications:decision_pdf", args=[application.public_id])
    from luukku.inbox.services import letter_of

    assert letter_of(letter).pdf == bytes(decision.signed_pdf)  # Suomi.fi Messages gets the signed PDF
    decided = Event.objects.get(kind="applications.decided", subject=lempi)
    assert decided.data["outcome"] == "granted" and decided.data["processing_days"] == 0
    assert Event.objects.filter(kind="applications.signed", subject=lempi).count() == 1

    pdf = client.get(reverse("applications:decision_pdf", args=[application.public_id]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and b"/ByteRange" in pdf.content
    with translation.override("en"):
        page = client.get(reverse("applications:detail", args=[application.public_id]))
    assert 'data-signature="valid"' in page.content.decode()


def test_a_tampered_decision_is_shown_as_not_verified(client, personas):
    lempi = _signed_in_lempi(client)
    application = apply(lempi, "hakemus-tukipalvelut")
    paula = _paula()
    services.draft_decision(application, paula, "refused", "Ei myönnetä.")
    decision = services.approve(application, paula)
    data = bytearray(decision.signed_pdf)
    data[len(data) // 3] ^= 1
    Decision.objects.filter(pk=decision.pk).update(signed_pdf=bytes(data))
    page = client.get(reverse("applications:detail", args=[application.public_id]))
    assert 'data-signature="invalid"' in page.content.decode()


def test_granting_needs_an_assessment_and_only_a_decider_approves(personas):
    application = apply(resident_user(age=80))
    paula = _paula()
    with pytest.raises(ValidationError):
        services.draft_decision(application, paula, "granted", "Myönnetään.")
    with pytest.raises(ValidationError):
        services.approve(application, paula)  # nothing drafted
    nurse = professional(Role.NURSE, unit=application.unit).user
    services.record_assessment(application, paula, "Arvioitu.")
    services.draft_decision(application, paula, "granted", "Myönnetään.")
    with pytest.raises(PermissionDenied):
        services.approve(application, nurse)


def test_rai_scores_out_of_their_scale_are_refused(personas):
    application = apply(resident_user(age=80))
    with pytest.raises(ValidationError):
        services.record_assessment(application, _paula(), "Arvioitu.", {"MAPLe": 9})


def test_a_nurse_of_another_area_is_refused_and_the_refusal_is_logged(client, personas):
    application = apply(resident_user(age=80))
    hanna = user("hoitaja.hanna")
    with pytest.raises(AccessDenied):
        services.for_professional(hanna, str(application.public_id))
    assert AccessLogEntry.objects.filter(actor=hanna, allowed=False, what="application").exists()
    client.force_login(hanna)
    assert client.get(reverse("applications:handle", args=[application.public_id])).status_code == 403


def test_the_handler_page_logs_the_read_and_refuses_bad_input_with_a_400(client, personas):
    application = apply(resident_user(age=80))
    paula = _paula()
    client.force_login(paula)
    url = reverse("applications:handle", args=[application.public_id])
    with translation.override("en"):
        page = client.get(url)
    assert page.status_code == 200
    assert AccessLogEntry.objects.filter(actor=paula, allowed=True, what="application").exists()
    assert (
        client.post(url, {"action": "assess", "functional_ability": "", "rai_MAPLe": "x"}).status_code == 400
    )
    assert client.post(url, {"action": "nonsense"}).status_code == 400
    assert client.post(url, {"action": "request_info", "body": "a\x00b"}).status_code == 400
    assigned = client.post(url, {"action": "assign", "handler": paula.pk})
    assert assigned.status_code == 302
    queue = client.get(reverse("applications:queue"))
    assert application.reference in queue.content.decode()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_attachments_accept_pictures_and_clean_pdfs_and_refuse_active_content(client, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from luukku.inbox.documents import Document, render

    lempi = _signed_in_lempi(client)
    application = apply(lempi)
    url = reverse("applications:detail", args=[application.public_id])
    clean_pdf = render(Document("Lausunto", "fi", "Lääkäri", [], ["Teksti."], timezone.now()))
    for name, data in (("kuva.png", _png()), ("lausunto.pdf", clean_pdf)):
        sent = client.post(url, {"action": "attach", "attachment": SimpleUploadedFile(name, data)})
        assert sent.status_code == 302, name
    hostile = clean_pdf.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (x) >>")
    for name, data in (("x.pdf", hostile), ("x.pdf", b"%PDF-1.4 garbage"), ("x.html", b"<html>")):
        refused = client.post(url, {"action": "attach", "attachment": SimpleUploadedFile(name, data)})
        assert refused.status_code == 400, name
    assert application.attachments.count() == 2
    stored = application.attachments.get(content_type="application/pdf")
    download = client.get(reverse("applications:attachment", args=[stored.public_id]))
    assert (
        download.status_code == 200 and download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    )


def test_the_maturity_assessment_is_made_per_application_type_with_a_reason(client, personas):
    guardian = resident_user(age=45)
    teen = child_of(guardian, age=15)
    application = apply(teen, "hakemus-perhetyo", author=guardian.user)
    saara = user("sosiaalityo.saara")
    client.force_login(saara)
    url = reverse("applications:handle", args=[application.public_id])
    made = client.post(url, {"action": "maturity", "decides_alone": "on", "reason": "Kypsä päättämään."})
    assert made.status_code == 302
    assessment = MaturityAssessment.objects.get(minor=teen, service_event=application.service_event)
    assert assessment.decides_alone and assessment.reason == "Kypsä päättämään."
    assert AccessLogEntry.objects.filter(actor=saara, what="maturity_assessment", allowed=True).exists()


def test_the_own_data_export_and_client_360_include_applications(client, personas):
    from luukku.consent import export

    lempi = _signed_in_lempi(client)
    application = apply(lempi)
    section = next(s for s in export.sections() if s.key == "applications")
    items = list(section.items(lempi))
    assert items == [application] and section.as_json(application)["reference"] == application.reference
    paula = user("palveluohjaaja.paula")
    client.force_login(paula)
    with translation.override("en"):
        page = client.get(reverse("desk:client", args=[lempi.public_id]))
    assert page.status_code == 200 and application.reference in page.content.decode()
    assert "Kotihoidon hakemus" in page.content.decode()  # the type's title in the page language
