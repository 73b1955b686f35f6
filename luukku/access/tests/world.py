"""One small county for the access tests: the demo organisation and personas, and client data of
Lempi (82, Riihimäki) in every app, plus Ella's (14) confidential contraception counselling."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from luukku.booking.models import Appointment, Service, Slot
from luukku.booking.tests.factories import booked, open_slot
from luukku.carepaths.tests.factories import care_path
from luukku.chat.tests.factories import conversation, picture
from luukku.desk.models import WorkItem
from luukku.desk.tests.factories import work_item
from luukku.identity.adapters import LocalMandateService
from luukku.identity.models import LocalMandate, OrgUnit, Professional, Resident
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register, store_mandates
from luukku.questionnaires.models import Response
from luukku.questionnaires.tests.factories import completed_response
from luukku.testing import resident


@dataclass
class World:
    users: dict = field(default_factory=dict)  # actor name -> user (None for anonymous)
    lempi: Resident | None = None
    ella: Resident | None = None
    appointment: Appointment | None = None
    ella_appointment: Appointment | None = None
    free_slot: Slot | None = None
    response: Response | None = None
    path: object = None
    conversation: object = None
    anonymous_conversation: object = None
    attachment: object = None
    work_item: WorkItem | None = None
    inbox_message: object = None
    invoice: object = None
    inbox_picture: object = None
    application: object = None  # Lempi's open home-care application (applications)
    decided_application: object = None  # and her decided one, with a signed decision and an attachment
    voucher: object = None
    homecare_visit: object = None  # Lempi's home visit today, Riikka's (she is a home-care nurse too)


def _user_for(person: Resident):
    person.user = get_user_model().objects.create(
        username=f"resident-{person.public_id}", first_name=person.calling_name, last_name=person.last_name
    )
    person.save(update_fields=["user"])
    return person.user


def _professional(username: str):
    return get_user_model().objects.get(username=username)


def _service(code: str, unit_code: str, name: str) -> Service:
    service, _created = Service.objects.get_or_create(
        code=code, defaults={"unit": OrgUnit.objects.get(code=unit_code), "name": name}
    )
    return service


def _appointment(
    person: Resident, service: Service, professional_username: str, days: int = 2
) -> Appointment:
    return booked(person, service, Professional.objects.get(user__username=professional_username), days)


def build() -> World:
    """The world's people and their relationships, on the shared test county (the `personas` fixture)."""
    world = World()
    world.lempi = resident_from_register(BY_KEY["lempi"].hetu)
    world.ella = resident_from_register(BY_KEY["ella"].hetu)
    matti = resident_from_register(BY_KEY["matti"].hetu)
    aino = resident_from_register(BY_KEY["aino"].hetu)
    revoked = resident(age=50, municipality_code="694")
    world.users = {
        "anonymous": None,
        "lempi": _user_for(world.lempi),
        "matti": _user_for(matti),
        "revoked_mandate": _user_for(revoked),
        "aino": _user_for(aino),
        **{
            key: _professional(username)
            for key, username in {
                "riikka": "hoitaja.riikka",  # nurse of Riihimäki health station: serves Lempi
                "hanna": "hoitaja.hanna",  # nurse of Hämeenlinna: another area
                "paula": "palveluohjaaja.paula",  # social care, county-wide: no health data without consent
                "lauri": "laakari.lauri",  # Hämeenlinna doctor with whom Lempi has booked a time
                "tiina": "tietosuoja.tiina",  # access-log auditor
                "pekka": "paakayttaja.pekka",  # administrator
            }.items()
        },
    }
    store_mandates(matti, LocalMandateService().finish(None, matti.hetu))  # Lempi's mandate is in force
    LocalMandate.objects.create(
        principal_hetu=world.lempi.hetu,
        agent_hetu=revoked.hetu,
        valid_from=dt.date(2024, 1, 1),
        revoked_at=timezone.now(),
    )
    from luukku.identity.models import MandateGrant

    MandateGrant.objects.create(agent=revoked, principal=world.lempi, issue="sote-asiointi")

    world.appointment = _appointment(
        world.lempi,
        _service("laakarin-vastaanotto-hml", "hml-terveysasema", "Lääkärin vastaanotto"),
        "laakari.lauri",
    )
    world.ella_appointment = _appointment(
        world.ella, _service("ehkaisyneuvonta", "hml-terveysasema", "Ehkäisyneuvonta"), "hoitaja.hanna"
    )
    world.free_slot = open_slot(
        _service("sairaanhoitajan-vastaanotto-rmk", "rmk-terveysasema", "Sairaanhoitajan vastaanotto"),
        starts_in=dt.timedelta(days=3),
    )
    world.response = completed_response(world.lempi, "audit", world.users["lempi"], {"audit-1": ["0"]})
    world.path = care_path(world.lempi)
    world.conversation = conversation(world.lempi)
    world.anonymous_conversation = conversation(None)
    world.attachment = picture(world.conversation, world.users["lempi"])
    from luukku.inbox.tests.factories import message

    world.inbox_message = message(
        world.lempi,
        key="matrix:1",
        unit=OrgUnit.objects.get(code="rmk-terveysasema"),
        replies_allowed=True,
        service_event="",
        letter=True,
        notify=False,
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    from luukku.inbox.services import write_to_unit
    from luukku.payments.services import create_invoice
    from luukku.web.images import clean_picture
    from luukku.web.tests.pictures import png

    upload = SimpleUploadedFile("kuva.png", png(), content_type="image/png")
    world.inbox_picture = write_to_unit(
        world.inbox_message.thread, world.users["lempi"], "Kuva ihottumasta.", clean_picture(upload).file
    )

    world.invoice = create_invoice(world.lempi, "matrix:1", "Käyttämätön aika", 5150, "health", "")
    from decimal import Decimal

    from luukku.vouchers import services as vouchers
    from luukku.vouchers.models import VoucherService

    world.voucher = vouchers.grant(
        world.users["paula"],
        world.lempi,
        VoucherService.objects.get(code="kotihoito-palveluseteli"),
        valid_from=timezone.localdate(),
        units_per_month=Decimal(12),
        household_size=1,
        monthly_income_cents=165000,
    )
    world.homecare_visit = _homecare_visit(world.lempi, world.users["riikka"])
    world.work_item = work_item(
        "rmk-terveysasema", source=f"response:{world.response.public_id}", client=world.lempi
    )
    from luukku.applications import services as applications
    from luukku.applications.tests.factories import apply

    world.application = apply(world.lempi, author=world.users["lempi"])
    world.decided_application = apply(world.lempi, "hakemus-tukipalvelut", author=world.users["lempi"])
    applications.add_attachment(
        world.decided_application, world.users["lempi"], clean_picture(upload).file, "image/png"
    )
    applications.draft_decision(world.decided_application, world.users["paula"], "refused", "Ei myönnetä.")
    applications.approve(world.decided_application, world.users["paula"])
    # Setting the world up (a voucher granted, a decision approved) is not what the tests examine: they
    # start from an empty access log.
    from luukku.audit.models import AccessLogEntry

    AccessLogEntry.objects.all().delete()
    return world


def _homecare_visit(person: Resident, nurse_user):
    """Lempi is a home-care client of Riihimäki; Riikka visits her today (the plan is published)."""
    from luukku.homecare import services as homecare
    from luukku.homecare.tests import factories as homecare_factories

    unit = OrgUnit.objects.get(code="rmk-terveysasema")
    nurse = homecare_factories.nurse(unit, pro=Professional.objects.get(user=nurse_user))
    client = homecare_factories.client(unit, person=person)
    visit = homecare_factories.visit_today(client, nurse)
    homecare.publish(unit, timezone.localdate(), None)
    return visit
