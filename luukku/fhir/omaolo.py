"""Omaolo: symptom and service assessments that residents make in the national Omaolo service.

They arrive as FHIR QuestionnaireResponses through an adapter (`omaolo()`: the Omaolo endpoint in
production, a few realistic assessments of the demo personas locally), each naming the resident by
henkilötunnus, the assessment's urgency (extension `URGENCY`) and its service area (extension `AREA`).
`import_new()` lands each in the work queue of the unit that serves the resident: urgent ones as
notifications, the rest as forms to review, with the answers and the urgency in the item. An assessment
is stored once by its Omaolo id, so importing it again changes nothing."""

import datetime as dt
import logging
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

from luukku.desk import services as desk
from luukku.desk.models import WorkItem
from luukku.identity.models import OrgUnit, Resident
from luukku.identity.services import SignInRefused, resident_from_register, units_below

from .directory import HETU
from .models import OmaoloAssessment

log = logging.getLogger(__name__)

SOURCE = "omaolo"
URGENCY = "https://www.omaolo.fi/fhir/StructureDefinition/urgency"
AREA = "https://www.omaolo.fi/fhir/StructureDefinition/service-area"
Urgency = OmaoloAssessment.Urgency

# How each urgency is queued: the kind of work, its priority and the time to react.
QUEUED = {
    Urgency.EMERGENCY: (WorkItem.Kind.NOTIFICATION, WorkItem.Priority.URGENT, dt.timedelta(hours=1)),
    Urgency.URGENT: (WorkItem.Kind.NOTIFICATION, WorkItem.Priority.HIGH, dt.timedelta(hours=24)),
    Urgency.NON_URGENT: (WorkItem.Kind.FORM_REVIEW, WorkItem.Priority.NORMAL, dt.timedelta(days=2)),
    Urgency.SELF_CARE: (WorkItem.Kind.FORM_REVIEW, WorkItem.Priority.LOW, dt.timedelta(days=7)),
}


class OmaoloUnavailable(RuntimeError):
    pass


class Refused(ValueError):
    """The assessment cannot be imported (malformed, unknown person or service area)."""


# --- The adapter ------------------------------------------------------------------------------------


class Omaolo(Protocol):
    def assessments(self, since: dt.datetime | None) -> list[dict]:
        """QuestionnaireResponses completed or updated after `since` (all when None), oldest first."""


def _answer(text: str, value: object) -> dict:
    kind = "valueBoolean" if isinstance(value, bool) else "valueInteger" if isinstance(value, int) else ""
    return {"linkId": text[:40], "text": text, "answer": [{kind or "valueString": value}]}


def assessment(
    omaolo_id: str,
    hetu: str,
    title: str,
    area: str,
    urgency: str,
    answers: list[tuple[str, object]],
    authored: dt.datetime,
) -> dict:
    """An Omaolo assessment as the service sends it."""
    return {
        "resourceType": "QuestionnaireResponse",
        "id": omaolo_id,
        "meta": {"lastUpdated": authored.isoformat()},
        "questionnaire": f"https://www.omaolo.fi/fhir/Questionnaire/{area}|{title}",
        "status": "completed",
        "subject": {"identifier": {"system": HETU, "value": hetu}},
        "authored": authored.isoformat(),
        "extension": [
            {"url": URGENCY, "valueCode": urgency},
            {"url": AREA, "valueCode": area},
            {"url": "https://www.omaolo.fi/fhir/StructureDefinition/title", "valueString": title},
        ],
        "item": [_answer(text, value) for text, value in answers],
    }


class LocalOmaolo:
    """The demo's Omaolo: a few assessments made by the test personas during the last hours."""

    def __init__(self, examples: list[dict] | None = None) -> None:
        self.examples = examples

    def assessments(self, since: dt.datetime | None) -> list[dict]:
        examples = self.examples if self.examples is not None else demo_assessments()
        return [a for a in examples if since is None or parse_datetime(a["meta"]["lastUpdated"]) > since]


def demo_assessments() -> list[dict]:
    from luukku.identity.personas import BY_KEY

    today = timezone.now().replace(minute=0, second=0, microsecond=0)
    return [
        assessment(
            "demo-aino-flunssa",
            BY_KEY["aino"].hetu,
            "Hengitystieinfektio (flunssa)",
            "health",
            Urgency.NON_URGENT,
            [("Kuume yli 38 °C", True), ("Oireiden kesto (vrk)", 4), ("Hengenahdistusta", False)],
            today - dt.timedelta(hours=5),
        ),
        assessment(
            "demo-matti-rintakipu",
            BY_KEY["matti"].hetu,
            "Rintakipu",
            "health",
            Urgency.EMERGENCY,
            [("Kipu säteilee käsivarteen", True), ("Kivun kesto (min)", 20), ("Aiempi sydänsairaus", False)],
            today - dt.timedelta(hours=1),
        ),
        assessment(
            "demo-lempi-palvelutarve",
            BY_KEY["lempi"].hetu,
            "Ikääntyneen palvelutarpeen arvio",
            "elderly",
            Urgency.URGENT,
            [
                ("Selviytyy peseytymisestä itse", False),
                ("Kaatunut viimeisen kuukauden aikana", True),
                ("Asuu yksin", True),
            ],
            today - dt.timedelta(hours=3),
        ),
        assessment(
            "demo-mikko-selkakipu",
            BY_KEY["mikko"].hetu,
            "Selkäkipu",
            "health",
            Urgency.SELF_CARE,
            [("Kipu alkoi nostaessa", True), ("Puutumista jaloissa", False), ("Oireiden kesto (vrk)", 2)],
            today - dt.timedelta(hours=8),
        ),
    ]


class HttpOmaolo:
    """The Omaolo FHIR endpoint: `QuestionnaireResponse?_lastUpdated=gt…` with a bearer token, following
    the Bundle's `next` links."""

    def __init__(self, config: dict | None = None, session: requests.Session | None = None) -> None:
        self.config = config or settings.LUUKKU_OMAOLO
        self.http = session or requests.Session()

    def assessments(self, since: dt.datetime | None) -> list[dict]:
        url = f"{self.config['url'].rstrip('/')}/QuestionnaireResponse"
        params: dict | None = {"_sort": "_lastUpdated", "_count": "100"}
        if since is not None:
            params["_lastUpdated"] = f"gt{since.isoformat()}"
        found: list[dict] = []
        for _page in range(1000):  # a bound, never a loop on a server's bad link
            try:
                response = self.http.get(
                    url,
                    params=params,
                    headers={
                        "Authorization": f"Bearer {self.config['token']}",
                        "Accept": "application/fhir+json",
                    },
                    timeout=self.config["timeout"],
                )
                response.raise_for_status()
                bundle = response.json()
            except (requests.RequestException, ValueError) as error:
                raise OmaoloUnavailable(type(error).__name__) from error
            found += [
                e["resource"]
                for e in bundle.get("entry", [])
                if e.get("resource", {}).get("resourceType") == "QuestionnaireResponse"
            ]
            url = next((link["url"] for link in bundle.get("link", []) if link.get("relation") == "next"), "")
            if not url or urlsplit(url).netloc != urlsplit(self.config["url"]).netloc:
                break  # the token goes to the configured server only
            params = None
        return found


@cache
def omaolo() -> Omaolo:
    return HttpOmaolo() if settings.LUUKKU_OMAOLO["backend"] == "http" else LocalOmaolo()


# --- Import -----------------------------------------------------------------------------------------


@dataclass
class Imported:
    new: list[OmaoloAssessment] = field(default_factory=list)
    known: int = 0
    refused: list[str] = field(default_factory=list)  # "<omaolo id>: reason", never a henkilötunnus


def _extension(resource: dict, url: str) -> str:
    for extension in resource.get("extension", []):
        if extension.get("url") == url:
            return extension.get("valueCode") or extension.get("valueString") or ""
    return ""


def unit_for(area: str, person: Resident) -> OrgUnit:
    """The unit under the area's part of the organisation (LUUKKU_OMAOLO["units"]) that serves the
    person's home municipality."""
    code = settings.LUUKKU_OMAOLO["units"].get(area)
    root = OrgUnit.objects.filter(code=code).first() if code else None
    if root is None:
        raise Refused(_("No unit handles Omaolo assessments of this service area."))
    ids = units_below([root])
    units = OrgUnit.objects.in_bulk(ids)
    for unit in (units[pk] for pk in ids):
        if unit.level == OrgUnit.Level.UNIT and person.municipality_code in unit.served_municipalities():
            return unit
    raise Refused(_("No unit serves the person's home municipality."))


def answers_text(resource: dict) -> str:
    lines = []
    for item in resource.get("item", []):
        for answer in item.get("answer", []):
            value = next((v for k, v in answer.items() if k.startswith("value")), "")
            if isinstance(value, bool):
                value = _("yes") if value else _("no")
            lines.append(f"{item.get('text') or item.get('linkId')}: {value}")
    return "\n".join(lines)


def import_assessment(resource: dict) -> tuple[OmaoloAssessment, bool]:
    """Store the assessment and queue it for the unit serving the resident; (assessment, created)."""
    try:
        parsed = QuestionnaireResponse.model_validate(resource)
    except ValidationError:
        raise Refused(_("Not a valid QuestionnaireResponse.")) from None
    if not parsed.id or parsed.status not in ("completed", "amended"):
        raise Refused(_("Only completed assessments are imported."))
    known = OmaoloAssessment.objects.filter(omaolo_id=parsed.id).first()
    if known is not None:
        return known, False
    subject = parsed.subject.identifier if parsed.subject else None
    if subject is None or subject.system != HETU or not subject.value:
        raise Refused(_("The assessment does not name the person by personal identity code."))
    try:
        urgency = Urgency(_extension(resource, URGENCY))
    except ValueError:
        raise Refused(_("The assessment has no known urgency.")) from None
    try:
        person = resident_from_register(subject.value)
    except SignInRefused as refused:
        raise Refused(str(refused)) from None
    unit = unit_for(_extension(resource, AREA), person)
    title = _extension(resource, "https://www.omaolo.fi/fhir/StructureDefinition/title") or _("assessment")
    authored = parsed.authored or timezone.now()
    kind, priority, react_within = QUEUED[urgency]
    with transaction.atomic():
        stored, created = OmaoloAssessment.objects.get_or_create(
            omaolo_id=parsed.id,
            defaults={
                "person": person,
                "title": title[:200],
                "urgency": urgency,
                "resource": resource,
                "authored_at": authored,
            },
        )
        if created:
            note = _("Urgency: %(urgency)s\nMade in Omaolo on %(date)s\n\n%(answers)s") % {
                "urgency": urgency.label,
                "date": timezone.localtime(authored).strftime("%d.%m.%Y %H:%M"),
                "answers": answers_text(resource),
            }
            desk.submit(
                kind,
                f"{SOURCE}:{parsed.id}",
                unit,
                queue_title(title, urgency),
                client=person,
                priority=priority,
                due_at=timezone.now() + react_within,
                note=note,
            )
    return stored, created


def import_new(source: Omaolo | None = None) -> Imported:
    """Pull the assessments made since the last one imported and queue the new ones."""
    latest = OmaoloAssessment.objects.order_by("-authored_at").values_list("authored_at", flat=True).first()
    since = latest - dt.timedelta(hours=1) if latest else None  # overlap: importing twice is harmless
    result = Imported()
    for resource in (source or omaolo()).assessments(since):
        try:
            stored, created = import_assessment(resource)
        except Refused as refused:
            result.refused.append(f"{resource.get('id', '?')}: {refused}")
            log.warning("Omaolo assessment %s refused: %s", resource.get("id", "?"), refused)
            continue
        if created:
            result.new.append(stored)
        else:
            result.known += 1
    return result


# --- The resident's own data and client 360 -------------------------------------------------------


def assessments_of(person) -> list[OmaoloAssessment]:
    return list(OmaoloAssessment.objects.filter(person=person).order_by("-authored_at"))


def scope(assessment: OmaoloAssessment) -> tuple[str, str]:
    """Health data; its service event is the Omaolo service area (a minor's decision about it hides it
    from the guardians like any other)."""
    return "health", f"omaolo:{_extension(assessment.resource, AREA) or 'general'}"


def as_json(assessment: OmaoloAssessment) -> dict:
    return {
        "title": assessment.title,
        "urgency": assessment.urgency,
        "made_at": assessment.authored_at.isoformat(),
        "arrived_at": assessment.imported_at.isoformat(),
        "handled_at": assessment.handled_at.isoformat() if assessment.handled_at else None,
        "answers": answers_text(assessment.resource).splitlines(),
    }


def summary(assessment: OmaoloAssessment) -> str:
    return _("%(title)s, made in Omaolo on %(date)s: %(urgency)s") % {
        "title": assessment.title,
        "date": timezone.localtime(assessment.authored_at).strftime("%d.%m.%Y"),
        "urgency": assessment.get_urgency_display(),
    }


def queue_title(title: str, urgency: str) -> str:
    return _("Omaolo: %(title)s (%(urgency)s)") % {"title": title, "urgency": Urgency(urgency).label}


def titles(items: list) -> dict[int, str]:
    """Queue items' titles in the reader's language (the urgency; the title is Omaolo's own)."""
    by_id = {item.source.partition(":")[2]: item.pk for item in items}
    assessments = OmaoloAssessment.objects.filter(omaolo_id__in=by_id).values_list(
        "omaolo_id", "title", "urgency"
    )
    return {by_id[omaolo_id]: queue_title(title, urgency) for omaolo_id, title, urgency in assessments}


def close_at_origin(omaolo_id: str, actor: AbstractBaseUser | None) -> None:
    """The queue item was marked done: the assessment has been handled."""
    OmaoloAssessment.objects.filter(omaolo_id=omaolo_id, handled_at=None).update(handled_at=timezone.now())


def seed_demo() -> str:
    return f"{len(import_new(LocalOmaolo()).new)} Omaolo assessments in the queues"
