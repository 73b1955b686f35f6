"""The permission matrix: every declared route, run by every kind of actor, reads and writes.

Actors (tests/world.py): anonymous; Lempi herself; Matti with Lempi's mandate in force; a resident
whose mandate from Lempi was revoked at the source; Aino, guardian of 14-year-old Ella who decides
alone on her contraception counselling; Riikka, the nurse serving Lempi's municipality; Hanna, a
nurse of another area; Paula, a social worker, without and with Lempi's consent; Lauri, a doctor of
another area with whom Lempi has booked a time; Tiina the auditor; Pekka the administrator.

Each route gets its expected outcome for each actor: "ok" (shown or done), "deny" (403/404, a
refused form, or a FHIR search that finds nothing) or "login" (sent to sign in). A route that is
declared but missing from MATRIX fails the suite, as does a route that is not declared.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from luukku.consent import services as consent
from luukku.consent.models import Scope
from luukku.identity.models import OrgUnit
from luukku.web.routes import rule_of

from .test_routes_declared import all_routes
from .world import World, build

pytestmark = pytest.mark.django_db

ACTORS = (
    "anonymous",
    "lempi",
    "matti",
    "revoked_mandate",
    "aino",
    "riikka",
    "hanna",
    "paula",
    "paula+consent",
    "lauri",
    "tiina",
    "pekka",
)
RESIDENTS = ("lempi", "matti", "revoked_mandate", "aino")
PROFESSIONALS = ("riikka", "hanna", "paula", "paula+consent", "lauri", "tiina", "pekka")


@dataclass(frozen=True)
class Case:
    url: Callable[[World], str]
    expect: dict[str, str]
    method: str = "get"
    data: Callable[[World], dict] = field(default=lambda w: {})


def everyone(outcome: str, **others: str) -> dict[str, str]:
    """`outcome` for every actor but those named (keyword names use _ for + and spaces)."""
    named = {k.replace("__", "+"): v for k, v in others.items()}
    return {actor: named.get(actor, outcome) for actor in ACTORS}


def residents_only(**others: str) -> dict[str, str]:
    """A resident page: the signed-in resident sees it, anyone else is sent to sign in."""
    return everyone(
        "login", **{"lempi": "ok", "matti": "ok", "revoked_mandate": "ok", "aino": "ok", **others}
    )


def professional_page(**others: str) -> dict[str, str]:
    """A page for anyone with a role (auditors and administrators included): no client data on it."""
    residents = {
        "anonymous": "login",
        "lempi": "deny",
        "matti": "deny",
        "revoked_mandate": "deny",
        "aino": "deny",
    }
    return everyone("ok", **{**residents, **others})


def client_health_data(**others: str) -> dict[str, str]:
    """Lempi's health data for professionals: her serving nurse and her booked doctor; social care only
    with her consent; never auditors or administrators."""
    return professional_page(**{"hanna": "deny", "paula": "deny", "tiina": "deny", "pekka": "deny", **others})


def fhir_health(**others: str) -> dict[str, str]:
    """Over FHIR the resident and her mandate holder read too; everyone else finds nothing."""
    return client_health_data(**{"anonymous": "deny", "lempi": "ok", "matti": "ok", **others})


def _lempis_feedback(w: World):
    """Lempi's complaint to Riihimäki health station (Riikka's unit), made once per world."""
    if getattr(w, "feedback", None) is None:
        from luukku.feedback import services as feedback

        target = feedback.unit_target(OrgUnit.objects.get(code="rmk-terveysasema"))
        w.feedback = feedback.give_feedback(
            "complaint", target, "Odotin tunnin.", person=w.lempi, wants_reply=True
        )
    return w.feedback


PUBLIC = everyone("ok")


def _voucher_provider(name: str) -> str:
    from luukku.vouchers.models import Provider

    return str(Provider.objects.get(name=name).public_id)


def _after_a_worker_heartbeat(url: str) -> str:
    from luukku.serving.heartbeat import beat

    beat("matrix-test-worker")
    return url


def _published_topic() -> int:
    from luukku.assistant.models import Topic

    return Topic.objects.get(key="ajanvaraus", language="fi").pk


def _directory_service(kind: str = "") -> uuid.UUID:
    """A published service of the test county's directory (of a kind)."""
    from luukku.directory.models import DirectoryService

    services = DirectoryService.objects.published().order_by("pk")
    return (services.filter(kind=kind) if kind else services).values_list("public_id", flat=True)[0]


MATRIX: dict[str, list[Case]] = {
    "web:front": [Case(lambda w: "/", PUBLIC)],
    "web:favicon": [Case(lambda w: "/favicon.ico", PUBLIC)],
    # Health endpoints: no personal data; /readyz is ready here once a task worker has beaten.
    "serving:healthz": [Case(lambda w: "/healthz", PUBLIC)],
    "serving:readyz": [Case(lambda w: _after_a_worker_heartbeat("/readyz"), PUBLIC)],
    "identity:login": [Case(lambda w: reverse("identity:login"), PUBLIC)],
    "identity:oidc_callback": [
        Case(lambda w: reverse("identity:oidc_callback"), everyone("deny"))
    ],  # personas
    "identity:logout": [Case(lambda w: reverse("identity:logout"), PUBLIC, method="post")],
    "identity:home": [Case(lambda w: reverse("identity:home"), residents_only())],
    "identity:acting_for": [Case(lambda w: reverse("identity:acting_for"), residents_only())],
    "identity:mandates_begin": [Case(lambda w: reverse("identity:mandates_begin"), residents_only())],
    "identity:mandates_callback": [Case(lambda w: reverse("identity:mandates_callback"), residents_only())],
    "identity:professional_login": [Case(lambda w: reverse("identity:professional_login"), PUBLIC)],
    # The county's OpenID provider is not configured here: both answer 404.
    "identity:professional_oidc_login": [
        Case(lambda w: reverse("identity:professional_oidc_login"), everyone("deny"))
    ],
    "identity:professional_oidc_callback": [
        Case(lambda w: reverse("identity:professional_oidc_callback"), everyone("deny"))
    ],
    # SCIM takes the identity management's bearer token only: no session, whoever's, reaches it.
    "scim:service_provider_config": [Case(lambda w: "/scim/v2/ServiceProviderConfig", everyone("deny"))],
    "scim:resource_types": [Case(lambda w: "/scim/v2/ResourceTypes", everyone("deny"))],
    "scim:resource_type": [Case(lambda w: "/scim/v2/ResourceTypes/User", everyone("deny"))],
    "scim:schemas": [Case(lambda w: "/scim/v2/Schemas", everyone("deny"))],
    "scim:schema": [
        Case(lambda w: "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", everyone("deny"))
    ],
    "scim:users": [
        Case(lambda w: "/scim/v2/Users", everyone("deny")),
        Case(
            lambda w: "/scim/v2/Users",
            everyone("deny"),
            method="json",
            data=lambda w: {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "uusi"},
        ),
    ],
    "scim:user": [
        Case(lambda w: f"/scim/v2/Users/{w.users['riikka'].professional.public_id}", everyone("deny")),
        Case(
            lambda w: f"/scim/v2/Users/{w.users['riikka'].professional.public_id}",
            everyone("deny"),
            method="delete",
        ),
    ],
    "scim:groups": [Case(lambda w: "/scim/v2/Groups", everyone("deny"))],
    "scim:group": [Case(lambda w: "/scim/v2/Groups/rmk-terveysasema.nurse", everyone("deny"))],
    "access:access_log": [Case(lambda w: reverse("access:access_log"), residents_only())],
    "access:professional_home": [Case(lambda w: reverse("access:professional_home"), professional_page())],
    "access:client": [
        Case(
            lambda w: reverse("access:client", args=[w.lempi.public_id]) + "?purpose=care",
            professional_page(hanna="deny", tiina="deny", pekka="deny"),
        )
    ],
    "access:audit_log": [
        Case(
            lambda w: reverse("access:audit_log"),
            everyone("deny", anonymous="login", tiina="ok"),
        )
    ],
    "booking:services": [Case(lambda w: reverse("booking:services"), PUBLIC)],
    "booking:mine": [Case(lambda w: reverse("booking:mine"), residents_only())],
    "booking:times": [Case(lambda w: reverse("booking:times", args=[w.appointment.service.code]), PUBLIC)],
    "booking:confirm": [
        Case(
            lambda w: reverse("booking:confirm", args=[w.free_slot.pk]),
            residents_only(),  # this service is not for anonymous booking: identify first
        )
    ],
    "booking:detail": [
        Case(
            lambda w: reverse("booking:detail", args=[w.appointment.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
        )
    ],
    "booking:cancel": [
        Case(
            lambda w: reverse("booking:cancel", args=[w.ella_appointment.public_id]),
            residents_only(lempi="deny", matti="deny", revoked_mandate="deny", aino="deny"),
            method="post",
        )
    ],
    "booking:ics": [
        Case(
            lambda w: reverse("booking:ics", args=[w.appointment.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
        )
    ],
    "booking:manage_open": [
        Case(lambda w: reverse("booking:manage_open"), PUBLIC),
        Case(
            lambda w: reverse("booking:manage_open"),
            everyone("deny"),
            method="post",
            data=lambda w: {"token": "x" * 20},
        ),
    ],
    # A booking made without identification opens only in a session that posted its code.
    "booking:manage": [
        Case(lambda w: reverse("booking:manage", args=[w.appointment.public_id]), everyone("deny"))
    ],
    "booking:manage_cancel": [
        Case(
            lambda w: reverse("booking:manage_cancel", args=[w.appointment.public_id]),
            everyone("deny"),
            method="post",
        )
    ],
    "booking:manage_ics": [
        Case(lambda w: reverse("booking:manage_ics", args=[w.appointment.public_id]), everyone("deny"))
    ],
    "booking:professional_calendar": [
        Case(lambda w: reverse("booking:professional_calendar"), professional_page())
    ],
    "booking:book_for_client": [
        Case(
            lambda w: reverse("booking:book_for_client", args=[w.free_slot.pk]),
            # Booking a health-station time writes health data: social care may not, consent or not.
            professional_page(hanna="deny", tiina="deny", pekka="deny", paula="deny", paula__consent="deny"),
            method="post",
            data=lambda w: {"hetu": w.lempi.hetu, "phone": "040 123 4567"},
        )
    ],
    "questionnaires:list": [Case(lambda w: reverse("questionnaires:list"), PUBLIC)],
    "questionnaires:begin": [
        Case(
            lambda w: reverse("questionnaires:begin", args=["audit"]),
            everyone("ok"),  # AUDIT may be answered anonymously
            method="post",
        )
    ],
    "questionnaires:fill": [
        Case(
            lambda w: reverse("questionnaires:fill", args=[w.response.public_id]),
            everyone("deny", lempi="ok", matti="ok"),
        )
    ],
    "questionnaires:done": [
        Case(
            lambda w: reverse("questionnaires:done", args=[w.response.public_id]),
            everyone("deny", lempi="ok", matti="ok"),
        )
    ],
    "questionnaires:professional_response": [
        Case(
            lambda w: reverse("questionnaires:professional_response", args=[w.response.public_id]),
            client_health_data(paula__consent="ok"),
        ),
        Case(
            lambda w: reverse("questionnaires:professional_response", args=[w.response.public_id]),
            client_health_data(paula__consent="deny"),  # reading with consent, yes; handling, no
            method="post",
            data=lambda w: {"action": "handled"},
        ),
    ],
    "questionnaires:inbox": [Case(lambda w: reverse("questionnaires:inbox"), professional_page())],
    "questionnaires:statistics": [
        Case(
            lambda w: reverse("questionnaires:statistics"),
            professional_page(paula="deny", paula__consent="deny", tiina="deny"),
        )
    ],
    "carepaths:list": [Case(lambda w: reverse("carepaths:list"), residents_only())],
    "carepaths:enrol": [
        Case(
            lambda w: reverse("carepaths:enrol", args=[w.path.template.code]),
            residents_only(),
            method="post",
        )
    ],
    "carepaths:path": [
        Case(
            lambda w: reverse("carepaths:path", args=[w.path.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
        )
    ],
    "carepaths:task": [
        Case(
            lambda w: reverse("carepaths:task", args=[w.path.public_id, w.path.tasks.first().pk]),
            residents_only(revoked_mandate="deny", aino="deny"),
        )
    ],
    "carepaths:team": [Case(lambda w: reverse("carepaths:team"), professional_page())],
    "carepaths:statistics": [Case(lambda w: reverse("carepaths:statistics"), professional_page())],
    "carepaths:professional_path": [
        Case(
            lambda w: reverse("carepaths:professional_path", args=[w.path.public_id]),
            client_health_data(paula__consent="ok"),
        ),
        Case(
            lambda w: reverse("carepaths:professional_path", args=[w.path.public_id]),
            client_health_data(paula__consent="deny"),
            method="post",
            data=lambda w: {"action": "handled"},
        ),
        Case(  # a consent lets social care read the path, never write in it
            lambda w: reverse("carepaths:professional_path", args=[w.path.public_id]),
            client_health_data(paula__consent="deny"),
            method="post",
            data=lambda w: {"action": "message", "body": "Muistathan mittaukset."},
        ),
    ],
    "consent:list": [Case(lambda w: reverse("consent:list"), residents_only())],
    "inbox:list": [Case(lambda w: reverse("inbox:list"), residents_only())],
    "inbox:preferences": [
        Case(lambda w: reverse("inbox:preferences"), residents_only()),
        Case(  # a refused (invalid) save is a 400: nobody's preferences change
            lambda w: reverse("inbox:preferences"),
            residents_only(lempi="deny", matti="deny", revoked_mandate="deny", aino="deny"),
            method="post",
            data=lambda w: {"action": "save", "by_sms": "on", "phone": "x"},
        ),
    ],
    "inbox:thread": [
        Case(
            lambda w: reverse("inbox:thread", args=[w.inbox_message.thread.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
        ),
        Case(
            lambda w: reverse("inbox:thread", args=[w.inbox_message.thread.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
            method="post",
            data=lambda w: {"action": "write", "body": "Kysyisin ajasta."},
        ),
    ],
    "inbox:letter": [
        Case(
            lambda w: reverse("inbox:letter", args=[w.inbox_message.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
        )
    ],
    "payments:list": [Case(lambda w: reverse("payments:list"), residents_only())],
    "payments:invoice": [
        Case(
            lambda w: reverse("payments:invoice", args=[w.invoice.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
        ),
        Case(  # paying sends the payer to the payment service
            lambda w: reverse("payments:invoice", args=[w.invoice.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
            method="post",
            data=lambda w: {"action": "pay"},
        ),
    ],
    "payments:invoice_pdf": [
        Case(
            lambda w: reverse("payments:invoice_pdf", args=[w.invoice.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
        )
    ],
    # Only the payment service's signed answer is believed: unsigned, everyone gets a 400.
    "payments:returned": [Case(lambda w: reverse("payments:returned"), everyone("deny"))],
    "payments:callback": [Case(lambda w: reverse("payments:callback"), everyone("deny"), method="post")],
    "payments:local_service": [
        Case(lambda w: reverse("payments:local_service", args=[str(uuid.uuid4())]), everyone("deny"))
    ],
    "payments:no_show": [
        Case(
            lambda w: reverse("payments:no_show", args=[w.appointment.public_id]),
            client_health_data(paula__consent="ok"),
        ),
        Case(  # the time has not begun: nobody invoices it
            lambda w: reverse("payments:no_show", args=[w.appointment.public_id]),
            everyone("deny", anonymous="login"),
            method="post",
            data=lambda w: {"action": "charge"},
        ),
    ],
    "vouchers:mine": [Case(lambda w: reverse("vouchers:mine"), residents_only())],
    "vouchers:voucher": [
        Case(
            lambda w: reverse("vouchers:voucher", args=[w.voucher.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
        ),
        Case(  # Lempi or Matti chooses a home care provider of Riihimäki
            lambda w: reverse("vouchers:voucher", args=[w.voucher.public_id]),
            residents_only(revoked_mandate="deny", aino="deny"),
            method="post",
            data=lambda w: {"action": "choose", "provider": _voucher_provider("Riihimäen Kotiapu Oy")},
        ),
    ],
    # The county's voucher administration: social care staff only; Lempi's social care data by the policy.
    "vouchers:desk": [
        Case(
            lambda w: reverse("vouchers:desk"),
            professional_page(riikka="deny", hanna="deny", lauri="deny", tiina="deny", pekka="deny"),
        )
    ],
    "vouchers:providers": [
        Case(
            lambda w: reverse("vouchers:providers"),
            professional_page(riikka="deny", hanna="deny", lauri="deny", tiina="deny", pekka="deny"),
        )
    ],
    "vouchers:client": [
        Case(  # health care reads it only with Lempi's social-to-health consent (which the world gives)
            lambda w: reverse("vouchers:client", args=[w.lempi.public_id]),
            professional_page(hanna="deny", tiina="deny", pekka="deny"),
        ),
        Case(  # an empty decision is refused with the form's errors, whoever sends it
            lambda w: reverse("vouchers:client", args=[w.lempi.public_id]),
            everyone("deny", anonymous="login"),
            method="post",
            data=lambda w: {"action": "grant"},
        ),
    ],
    "vouchers:batch_file": [
        Case(
            lambda w: reverse("vouchers:batch_file", args=[999999, "xml"]),
            everyone("deny", anonymous="login"),
        )
    ],
    # Providers' staff only (none of the actors is): the organisation account linked to a provider.
    "vouchers:provider": [Case(lambda w: reverse("vouchers:provider"), everyone("deny", anonymous="login"))],
    "vouchers:application": [Case(lambda w: reverse("vouchers:application"), professional_page())],
    "api:GET /vouchers/": [
        Case(
            lambda w: "/api/vouchers/",
            everyone("deny", lempi="ok", matti="ok", revoked_mandate="ok", aino="ok"),
        )
    ],
    "api:GET /vouchers/{voucher_id}/providers": [
        Case(
            lambda w: f"/api/vouchers/{w.voucher.public_id}/providers",
            everyone("deny", lempi="ok", matti="ok"),
        )
    ],
    "inbox:attachment": [  # whoever may read the thread: the resident, her mandate holder, her care
        Case(
            lambda w: reverse("inbox:attachment", args=[w.inbox_picture.public_id]),
            client_health_data(paula__consent="ok", anonymous="login", lempi="ok", matti="ok"),
        )
    ],
    "inbox:professional_thread": [
        Case(
            lambda w: reverse("inbox:professional_thread", args=[w.inbox_message.thread.public_id]),
            client_health_data(paula__consent="ok"),
        ),
        Case(  # a consent lets social care read the messages, never answer them
            lambda w: reverse("inbox:professional_thread", args=[w.inbox_message.thread.public_id]),
            client_health_data(paula__consent="deny"),
            method="post",
            data=lambda w: {"action": "answer", "body": "Aika on voimassa."},
        ),
    ],
    "consent:revoke": [
        Case(
            lambda w: reverse("consent:revoke", args=[w.consent.pk]),
            residents_only(matti="deny", revoked_mandate="deny", aino="deny", lempi="ok"),
            method="post",
        )
    ],
    "consent:my_data": [Case(lambda w: reverse("consent:my_data"), residents_only())],
    "feedback:index": [Case(lambda w: reverse("feedback:index") + "?q=riihim", PUBLIC)],
    "feedback:thanks": [Case(lambda w: reverse("feedback:thanks"), PUBLIC)],
    "feedback:survey": [
        Case(lambda w: reverse("feedback:survey", args=["rmk-terveysasema"]), PUBLIC),
        Case(
            lambda w: reverse("feedback:survey", args=["rmk-terveysasema"]),
            PUBLIC,
            method="post",
            data=lambda w: {"nps": "9"},
        ),
    ],
    "feedback:give": [
        Case(lambda w: reverse("feedback:give", args=["rmk-terveysasema"]), PUBLIC),
        Case(
            lambda w: reverse("feedback:give", args=["rmk-terveysasema"]),
            PUBLIC,
            method="post",
            data=lambda w: {"kind": "praise", "text": "Kiitos!", "anonymous": "on"},
        ),
    ],
    "feedback:invitation": [
        Case(lambda w: reverse("feedback:invitation", args=["x" * 32]), everyone("deny"))
    ],
    "feedback:kiosk": [Case(lambda w: reverse("feedback:kiosk", args=["rmk-terveysasema"]), PUBLIC)],
    "feedback:kiosk_thanks": [
        Case(lambda w: reverse("feedback:kiosk_thanks", args=["rmk-terveysasema"]), PUBLIC)
    ],
    "feedback:you_said": [Case(lambda w: reverse("feedback:you_said", args=["rmk-terveysasema"]), PUBLIC)],
    "feedback:mine": [Case(lambda w: reverse("feedback:mine"), residents_only())],
    "feedback:mine_detail": [  # the feedback of the person the resident acts for in this session
        Case(
            lambda w: reverse("feedback:mine_detail", args=[_lempis_feedback(w).public_id]),
            residents_only(matti="deny", revoked_mandate="deny", aino="deny"),
        )
    ],
    "feedback:handler_list": [Case(lambda w: reverse("feedback:handler_list"), professional_page())],
    "feedback:handle": [  # feedback to Riihimäki health station is for its (and its managers') staff only
        Case(
            lambda w: reverse("feedback:handle", args=[_lempis_feedback(w).pk]),
            client_health_data(lauri="deny", paula__consent="deny"),
        ),
        Case(
            lambda w: reverse("feedback:handle", args=[_lempis_feedback(w).pk]),
            client_health_data(lauri="deny", paula__consent="deny"),
            method="post",
            data=lambda w: {"action": "reply", "reply": "Pahoittelemme."},
        ),
    ],
    "feedback:paper": [Case(lambda w: reverse("feedback:paper"), professional_page())],
    "feedback:report": [Case(lambda w: reverse("feedback:report"), professional_page())],
    "feedback:report_csv": [Case(lambda w: reverse("feedback:report_csv"), professional_page())],
    "feedback:report_xlsx": [Case(lambda w: reverse("feedback:report_xlsx"), professional_page())],
    "assistant:page": [
        Case(lambda w: reverse("assistant:page"), PUBLIC),
        Case(
            lambda w: reverse("assistant:page"),
            PUBLIC,
            "post",
            lambda w: {"action": "ask", "question": "kela"},
        ),
    ],
    "assistant:handover": [Case(lambda w: reverse("assistant:handover"), PUBLIC)],
    "assistant:topics": [Case(lambda w: reverse("assistant:topics"), professional_page())],
    "assistant:topic_new": [Case(lambda w: reverse("assistant:topic_new"), professional_page())],
    "assistant:topic_edit": [  # anyone with a role reads the (public) content; its unit's people change it
        Case(lambda w: reverse("assistant:topic_edit", args=[_published_topic()]), professional_page()),
        Case(  # a published topic is not sent for review again (edit it first): refused to everyone
            lambda w: reverse("assistant:topic_edit", args=[_published_topic()]),
            everyone("deny", anonymous="login"),
            "post",
            lambda w: {"action": "submit"},
        ),
    ],
    "assistant:learning": [Case(lambda w: reverse("assistant:learning"), professional_page())],
    # knowledge management: unit managers only (none of the twelve actors is one); no client data
    "insight:dashboard": [Case(lambda w: reverse("insight:dashboard"), everyone("deny", anonymous="login"))],
    "insight:download_csv": [
        Case(
            lambda w: reverse("insight:download_csv", args=["bookings"]), everyone("deny", anonymous="login")
        )
    ],
    "insight:download_xlsx": [
        Case(
            lambda w: reverse("insight:download_xlsx", args=["bookings"]), everyone("deny", anonymous="login")
        )
    ],
    "insight:workforce": [Case(lambda w: reverse("insight:workforce"), everyone("deny", anonymous="login"))],
    "insight:log_contact": [
        Case(lambda w: reverse("insight:log_contact"), professional_page(tiina="deny", pekka="deny")),
        Case(  # in a unit where nobody of them works: refused for all
            lambda w: reverse("insight:log_contact"),
            everyone("deny", anonymous="login"),
            method="post",
            data=lambda w: {
                "action": "log",
                "channel": "phone",
                "unit": "sosiaalipalvelut",
                "topic": "other",
            },
        ),
    ],
    "desk:call_back": [Case(lambda w: reverse("desk:call_back"), PUBLIC)],
    "desk:queue": [Case(lambda w: reverse("desk:queue"), professional_page())],
    "desk:item": [  # work addressed to Riihimäki health station is for its professionals only
        Case(
            lambda w: reverse("desk:item", args=[w.work_item.pk]),
            client_health_data(lauri="deny", paula__consent="deny"),
        ),
        Case(
            lambda w: reverse("desk:item", args=[w.work_item.pk]),
            client_health_data(lauri="deny", paula__consent="deny"),
            method="post",
            data=lambda w: {"action": "claim"},
        ),
    ],
    "desk:claim": [
        Case(
            lambda w: reverse("desk:claim", args=[w.work_item.pk]),
            client_health_data(lauri="deny", paula__consent="deny"),
            method="post",
        )
    ],
    "desk:client": [
        Case(
            lambda w: reverse("desk:client", args=[w.lempi.public_id]),
            professional_page(hanna="deny", tiina="deny", pekka="deny"),
        ),
        Case(
            lambda w: reverse("desk:client", args=[w.lempi.public_id]),
            professional_page(hanna="deny", tiina="deny", pekka="deny", paula="deny", paula__consent="deny"),
            method="post",
            data=lambda w: {"action": "chain", "template": w.chain_template},
        ),
        Case(
            lambda w: reverse("desk:client", args=[w.lempi.public_id]),
            # only a nurse of a unit serving Lempi names herself Lempi's own nurse
            everyone("deny", anonymous="login", riikka="ok"),
            method="post",
            data=lambda w: {"action": "responsible", "kind": "own_nurse"},
        ),
    ],
    "chat:home": [Case(lambda w: reverse("chat:home"), PUBLIC)],
    "chat:start": [Case(lambda w: reverse("chat:start", args=["hoitaja"]), PUBLIC, method="post")],
    "chat:conversation": [
        Case(
            lambda w: reverse("chat:conversation", args=[w.conversation.public_id]),
            everyone("deny", lempi="ok", matti="ok"),
        )
    ],
    "chat:attachment": [
        Case(
            lambda w: reverse("chat:attachment", args=[w.attachment.pk]),
            # The nurse chat is county-wide: its nurses and doctors read through the contacted unit.
            everyone("deny", lempi="ok", matti="ok", riikka="ok", hanna="ok", lauri="ok"),
        )
    ],
    "chat:video_room": [Case(lambda w: reverse("chat:video_room", args=["luukku-x"]), PUBLIC)],
    "chat:desk": [Case(lambda w: reverse("chat:desk"), professional_page())],
    "chat:professional": [
        Case(
            lambda w: reverse("chat:professional", args=[w.conversation.public_id]),
            professional_page(paula="deny", paula__consent="deny", tiina="deny", pekka="deny"),
        ),
        Case(  # an anonymous chat: no client, the queue's professionals answer it
            lambda w: reverse("chat:professional", args=[w.anonymous_conversation.public_id]),
            professional_page(paula="deny", paula__consent="deny", tiina="deny", pekka="deny"),
            method="post",
            data=lambda w: {"action": "take"},
        ),
    ],
    "assessment:start": [Case(lambda w: reverse("assessment:start"), PUBLIC)],
    "assessment:begin": [Case(lambda w: reverse("assessment:begin"), PUBLIC, method="post")],
    "assessment:result": [
        Case(
            lambda w: reverse("assessment:result", args=[w.response.public_id]),
            everyone("deny", lempi="ok", matti="ok"),
        )
    ],
    "assessment:by_phone": [
        Case(
            lambda w: reverse("assessment:by_phone"),
            client_health_data(paula__consent="ok", lauri="ok"),
            method="post",
            data=lambda w: {"hetu": w.lempi.hetu},
        )
    ],
    "notify:outbox": [Case(lambda w: reverse("notify:outbox"), PUBLIC)],
    "fhir:schedule": [Case(lambda w: f"/fhir/Schedule/{w.appointment.slot.calendar_id}", PUBLIC)],
    "fhir:slot_search": [Case(lambda w: "/fhir/Slot", PUBLIC)],
    "fhir:slot": [Case(lambda w: f"/fhir/Slot/{w.appointment.slot_id}", PUBLIC)],
    "fhir:appointment": [
        Case(lambda w: f"/fhir/Appointment/{w.appointment.public_id}", fhir_health(paula__consent="ok")),
        # Ella's contraception counselling: her own decision; Hämeenlinna's professionals serve her.
        Case(
            lambda w: f"/fhir/Appointment/{w.ella_appointment.public_id}",
            everyone("deny", hanna="ok", lauri="ok"),
        ),
    ],
    "fhir:appointment_search": [
        Case(
            lambda w: f"/fhir/Appointment?patient=Patient/{w.lempi.public_id}",
            fhir_health(paula__consent="ok"),
        ),
        Case(
            lambda w: f"/fhir/Appointment?patient=Patient/{w.ella.public_id}",
            everyone("deny", hanna="ok", lauri="ok"),
        ),
    ],
    "fhir:questionnaire_search": [Case(lambda w: "/fhir/Questionnaire", PUBLIC)],
    "fhir:questionnaire": [
        Case(lambda w: f"/fhir/Questionnaire/audit-{w.response.definition.version}", PUBLIC)
    ],
    "fhir:questionnaire_response": [
        Case(
            lambda w: f"/fhir/QuestionnaireResponse/{w.response.public_id}",
            fhir_health(paula__consent="ok"),
        )
    ],
    "fhir:questionnaire_response_search": [
        Case(
            lambda w: f"/fhir/QuestionnaireResponse?patient=Patient/{w.lempi.public_id}",
            # Lempi's application forms (applications) are social care: her social worker finds those
            fhir_health(paula="ok", paula__consent="ok"),
        )
    ],
    "fhir:care_plan": [
        Case(lambda w: f"/fhir/CarePlan/{w.path.public_id}", fhir_health(paula__consent="ok"))
    ],
    "fhir:care_plan_search": [
        Case(
            lambda w: f"/fhir/CarePlan?patient=Patient/{w.lempi.public_id}", fhir_health(paula__consent="ok")
        )
    ],
    "fhir:patient": [
        Case(lambda w: f"/fhir/Patient/{w.lempi.public_id}", fhir_health(paula="ok", paula__consent="ok"))
    ],
    "fhir:patient_search": [
        Case(lambda w: f"/fhir/Patient?_id={w.lempi.public_id}", fhir_health(paula="ok", paula__consent="ok"))
    ],
    "fhir:schedule_search": [Case(lambda w: "/fhir/Schedule", PUBLIC)],
    "fhir:practitioner": [
        Case(lambda w: f"/fhir/Practitioner/{w.appointment.slot.calendar.professional_id}", PUBLIC)
    ],
    "fhir:practitioner_search": [Case(lambda w: "/fhir/Practitioner", PUBLIC)],
    "fhir:practitioner_role": [
        Case(
            lambda w: f"/fhir/PractitionerRole/{w.appointment.slot.calendar.professional.roles.first().pk}",
            PUBLIC,
        )
    ],
    "fhir:practitioner_role_search": [Case(lambda w: "/fhir/PractitionerRole", PUBLIC)],
    "fhir:organization": [Case(lambda w: f"/fhir/Organization/{w.appointment.service.unit.code}", PUBLIC)],
    "fhir:organization_search": [Case(lambda w: "/fhir/Organization", PUBLIC)],
    "fhir:location": [Case(lambda w: f"/fhir/Location/{w.appointment.service.unit.code}", PUBLIC)],
    "fhir:location_search": [Case(lambda w: "/fhir/Location", PUBLIC)],
    "fhir:healthcare_service": [
        Case(lambda w: f"/fhir/HealthcareService/{w.appointment.service.code}", PUBLIC)
    ],
    "fhir:healthcare_service_search": [Case(lambda w: "/fhir/HealthcareService", PUBLIC)],
    "fhir:metadata": [Case(lambda w: "/fhir/metadata", PUBLIC)],
    "fhir:smart_configuration": [Case(lambda w: "/fhir/.well-known/smart-configuration", PUBLIC)],
    # Machine clients only: a session is no credential here, a request without an assertion is refused.
    "fhir:smart_token": [Case(lambda w: "/fhir/auth/token", everyone("deny"), method="post")],
    # Machine clients only (a SMART bearer token): a session gets 401.
    "fhir:subscription_search": [Case(lambda w: "/fhir/Subscription", everyone("deny"), method="json")],
    "fhir:subscription": [Case(lambda w: f"/fhir/Subscription/{uuid.uuid4()}", everyone("deny"))],
    # The base and unknown types or interactions: a 404 OperationOutcome for everyone.
    "fhir:base": [Case(lambda w: "/fhir/", everyone("deny"))],
    "fhir:unknown": [
        Case(lambda w: "/fhir/Observation", everyone("deny")),
        Case(lambda w: f"/fhir/Patient/{w.lempi.public_id}/_history", everyone("deny")),
    ],
    "api:GET /identity/me": [
        Case(
            lambda w: "/api/identity/me",
            everyone("deny", lempi="ok", matti="ok", revoked_mandate="ok", aino="ok"),
        )
    ],
    "api:POST /identity/acting-for": [
        Case(
            lambda w: "/api/identity/acting-for",
            everyone("deny", lempi="ok", matti="ok"),
            method="json",
            data=lambda w: {"person": str(w.lempi.public_id)},
        )
    ],
    "api:GET /identity/access-log": [
        Case(
            lambda w: "/api/identity/access-log",
            everyone("deny", lempi="ok", matti="ok", revoked_mandate="ok", aino="ok"),
        )
    ],
    "api:POST /registry/hetu/check": [
        Case(
            lambda w: "/api/registry/hetu/check",
            PUBLIC,
            method="json",
            data=lambda w: {"hetu": "010101-0101"},
        )
    ],
    "api:POST /assistant/ask": [
        Case(lambda w: "/api/assistant/ask", PUBLIC, method="json", data=lambda w: {"question": "kela"})
    ],
    "api:POST /assistant/topic": [
        Case(lambda w: "/api/assistant/topic", PUBLIC, method="json", data=lambda w: {"key": "maksukatto"})
    ],
    "api:POST /assistant/rate": [  # only the asker's own conversation rates its answers
        Case(
            lambda w: "/api/assistant/rate",
            everyone("deny"),
            method="json",
            data=lambda w: {"exchange": 1, "conversation": str(uuid.uuid4()), "helpful": True},
        )
    ],
    "api:GET /booking/services": [Case(lambda w: "/api/booking/services", PUBLIC)],
    "api:GET /booking/services/{code}/slots": [
        Case(lambda w: f"/api/booking/services/{w.appointment.service.code}/slots", PUBLIC)
    ],
    "api:POST /booking/appointments": [
        Case(
            lambda w: "/api/booking/appointments",
            everyone("deny"),  # the time is already taken: the rules answer, nobody gets it twice
            method="json",
            data=lambda w: {"slot": w.appointment.slot_id, "name": "Testi", "phone": "0401234567"},
        )
    ],
    "api:GET /booking/appointments": [
        Case(
            lambda w: "/api/booking/appointments",
            everyone("deny", lempi="ok", matti="ok", revoked_mandate="ok", aino="ok"),
        )
    ],
    "api:POST /booking/appointments/{public_id}/cancel": [
        Case(
            lambda w: f"/api/booking/appointments/{w.ella_appointment.public_id}/cancel",
            everyone("deny"),
            method="json",
        )
    ],
    # Home care: Riikka is Lempi's home-care nurse today (world.homecare_visit); visits are her own.
    "homecare:day": [Case(lambda w: reverse("homecare:day"), professional_page())],
    "homecare:visit": [
        Case(
            lambda w: reverse("homecare:visit", args=[w.homecare_visit.public_id]),
            everyone("deny", anonymous="login", riikka="ok"),
        ),
        Case(
            lambda w: reverse("homecare:visit", args=[w.homecare_visit.public_id]),
            everyone("deny", anonymous="login", riikka="ok"),
            method="post",
            data=lambda w: {"action": "open_door"},
        ),
    ],
    "homecare:planner": [
        Case(lambda w: reverse("homecare:planner"), everyone("deny", anonymous="login", riikka="ok")),
        Case(
            lambda w: reverse("homecare:planner"),
            everyone("deny", anonymous="login", riikka="ok"),
            method="post",
            data=lambda w: {"action": "publish"},
        ),
    ],
    "homecare:mine": [Case(lambda w: reverse("homecare:mine"), residents_only())],
    "api:GET /homecare/day": [
        Case(
            lambda w: "/api/homecare/day",
            everyone("ok", anonymous="deny", lempi="deny", matti="deny", revoked_mandate="deny", aino="deny"),
        )
    ],
    "api:GET /payments/invoices": [
        Case(
            lambda w: "/api/payments/invoices",
            everyone("deny", lempi="ok", matti="ok", revoked_mandate="ok", aino="ok"),
        )
    ],
    "api:GET /inbox/threads": [
        Case(
            lambda w: "/api/inbox/threads",
            everyone("deny", lempi="ok", matti="ok", revoked_mandate="ok", aino="ok"),
        )
    ],
    "api:GET /inbox/threads/{public_id}": [
        Case(
            lambda w: f"/api/inbox/threads/{w.inbox_message.thread.public_id}",
            everyone("deny", lempi="ok", matti="ok"),
        )
    ],
    "api:POST /inbox/threads/{public_id}/messages": [
        Case(
            lambda w: f"/api/inbox/threads/{w.inbox_message.thread.public_id}/messages",
            everyone("deny", lempi="ok", matti="ok"),
            method="json",
            data=lambda w: {"body": "Kiitos viestistä."},
        )
    ],
    # The service directory is public: no client data (a resident's own home municipality only sorts).
    "directory:search": [
        Case(lambda w: reverse("directory:search"), PUBLIC),
        Case(lambda w: reverse("directory:search") + "?haku=fysioterapia&kunta=109&auki=on", PUBLIC),
    ],
    "directory:detail": [
        Case(lambda w: reverse("directory:detail", args=[_directory_service()]), PUBLIC),
        # An empty contact request is refused with the form's errors, whoever sends it.
        Case(
            lambda w: reverse("directory:detail", args=[_directory_service("own")]),
            everyone("deny"),
            method="post",
            data=lambda w: {"action": "contact"},
        ),
    ],
    "api:GET /directory/services": [Case(lambda w: "/api/directory/services?q=liikunta", PUBLIC)],
    "api:GET /directory/services/{public_id}": [
        Case(lambda w: f"/api/directory/services/{_directory_service()}", PUBLIC)
    ],
    "api:GET /directory/services/{public_id}/ptv": [
        Case(lambda w: f"/api/directory/services/{_directory_service()}/ptv", PUBLIC)
    ],
    # Privacy notices are public; the records officer's desk is for the records officer role only (none
    # of the actors has it: tests in luukku/records/tests/test_views.py sign one in).
    "records:privacy_index": [Case(lambda w: reverse("records:privacy_index"), PUBLIC)],
    "records:privacy_notice": [
        Case(lambda w: reverse("records:privacy_notice", args=["social"]), PUBLIC),
        Case(lambda w: reverse("records:privacy_notice", args=["nosuch"]), everyone("deny")),
    ],
    "records:desk": [
        Case(lambda w: reverse("records:desk"), everyone("deny", anonymous="login")),
        Case(
            lambda w: reverse("records:desk"),
            everyone("deny", anonymous="login"),
            method="post",
            data=lambda w: {"action": "dry_run"},
        ),
    ],
    "api:GET /records/schedule": [Case(lambda w: "/api/records/schedule", PUBLIC)],
    "api:GET /records/dry-run": [Case(lambda w: "/api/records/dry-run", everyone("deny"))],
}


def _lempis_application(**others: str) -> dict[str, str]:
    """Lempi's application (social care) for residents: herself and her mandate holder."""
    return residents_only(revoked_mandate="deny", aino="deny", **others)


def _application_for_professionals(**others: str) -> dict[str, str]:
    """Lempi's social-care application: her services for older people (Paula); health care reads it only
    with her consent to disclose social data to health care (the world's consent), never writes."""
    return client_health_data(paula="ok", hanna="deny", **others)


MATRIX.update(
    {
        "applications:list": [Case(lambda w: reverse("applications:list"), residents_only())],
        "applications:begin": [
            Case(
                lambda w: reverse("applications:begin", args=["hakemus-kotihoito"]),
                residents_only(),
                method="post",
            )
        ],
        "applications:receipt": [
            Case(
                lambda w: reverse("applications:receipt", args=[w.application.response.public_id]),
                _lempis_application(),
            )
        ],
        "applications:detail": [
            Case(
                lambda w: reverse("applications:detail", args=[w.application.public_id]),
                _lempis_application(),
            ),
            Case(
                lambda w: reverse("applications:detail", args=[w.application.public_id]),
                _lempis_application(),
                method="post",
                data=lambda w: {"action": "answer", "body": "Lisätietoa."},
            ),
        ],
        "applications:decision_pdf": [
            Case(
                lambda w: reverse("applications:decision_pdf", args=[w.decided_application.public_id]),
                _application_for_professionals(anonymous="login", lempi="ok", matti="ok"),
            )
        ],
        "applications:attachment": [
            Case(
                lambda w: reverse(
                    "applications:attachment", args=[w.decided_application.attachments.get().public_id]
                ),
                _application_for_professionals(anonymous="login", lempi="ok", matti="ok"),
            )
        ],
        "applications:queue": [Case(lambda w: reverse("applications:queue"), professional_page())],
        "api:GET /applications/applications": [
            Case(
                lambda w: "/api/applications/applications",
                everyone("deny", lempi="ok", matti="ok", revoked_mandate="ok", aino="ok"),
            )
        ],
        "api:GET /applications/applications/{public_id}": [
            Case(
                lambda w: f"/api/applications/applications/{w.decided_application.public_id}",
                everyone("deny", lempi="ok", matti="ok"),
            )
        ],
        "api:POST /applications/applications/{public_id}/messages": [
            Case(
                lambda w: f"/api/applications/applications/{w.application.public_id}/messages",
                everyone("deny", lempi="ok", matti="ok"),
                method="json",
                data=lambda w: {"body": "Lisätietoa."},
            )
        ],
        "applications:handle": [
            Case(
                lambda w: reverse("applications:handle", args=[w.application.public_id]),
                _application_for_professionals(),
            ),
            Case(  # a consent lets health care read the application, never process it
                lambda w: reverse("applications:handle", args=[w.application.public_id]),
                _application_for_professionals(riikka="deny", lauri="deny"),
                method="post",
                data=lambda w: {"action": "request_info", "body": "Lähettäkää lausunto."},
            ),
        ],
    }
)
# The WebSocket route is run by actors in test_consumer.py (it needs an ASGI communicator).
ELSEWHERE = {"ws:ws/chat/<uuid:public_id>/"}


def test_every_declared_route_is_in_the_matrix():
    missing = [name for name, _pattern, callback in all_routes() if rule_of(callback) and name not in MATRIX]
    missing = [name for name in missing if name not in ELSEWHERE]
    assert not missing, "add these routes to the permission matrix: " + ", ".join(missing)


def _outcome(response) -> str:
    status = response.status_code
    if status in (301, 302):
        location = urlsplit(response["Location"]).path
        return (
            "login"
            if location in (reverse("identity:login"), reverse("identity:professional_login"))
            else "ok"
        )
    if status >= 500:
        return f"server error {status}"
    if status in (400, 401, 403, 404, 405, 409, 422):
        return "deny"
    if response.get("Content-Type", "").startswith("application/fhir+json"):
        body = json.loads(response.content)
        if body.get("resourceType") == "Bundle":
            return "ok" if body.get("total") else "deny"
    return "ok"


def _request(client: Client, case: Case, world: World):
    url, data = case.url(world), case.data(world)
    if case.method == "json":
        return client.post(url, json.dumps(data), content_type="application/json")
    return getattr(client, case.method)(url, data)


def _run(world: World, actor: str) -> list[str]:
    wrong = []
    for name, cases in MATRIX.items():
        for number, case in enumerate(cases):
            client = Client()
            user = world.users[actor.removesuffix("+consent")]
            if user is not None:
                client.force_login(user)
            got = _outcome(_request(client, case, world))
            expected = case.expect[actor]
            if got != expected:
                wrong.append(
                    f"{name} #{number} {case.method.upper()} as {actor}: expected {expected}, got {got}"
                )
    return wrong


@pytest.mark.parametrize("actor", ACTORS)
def test_each_actor_gets_what_the_matrix_says(actor, personas):
    world = build()
    from luukku.desk.demo import seed_chains

    seed_chains()
    world.chain_template = "uniapnea"
    world.consent = consent.grant(world.lempi, Scope.SOCIAL_TO_HEALTH, world.users["lempi"])
    if actor == "paula+consent":
        consent.grant(world.lempi, Scope.HEALTH_TO_SOCIAL, world.users["lempi"])
    wrong = _run(world, actor)
    assert not wrong, "\n".join(wrong)
