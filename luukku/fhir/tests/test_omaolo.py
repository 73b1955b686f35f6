"""Omaolo assessments land in the queue of the unit serving the resident, by urgency, once."""

import datetime as dt
import io

import pytest
import requests
import responses
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext as _

from luukku.desk import services as desk
from luukku.desk.models import WorkItem
from luukku.fhir import omaolo
from luukku.fhir.models import OmaoloAssessment
from luukku.identity.personas import BY_KEY
from luukku.registry.hetu import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(personas, django_user_model):
    return {u.username: u for u in django_user_model.objects.all()}


def _item(omaolo_id: str) -> WorkItem:
    return WorkItem.objects.select_related("unit", "client").get(source=f"omaolo:{omaolo_id}")


def test_demo_assessments_land_in_the_serving_units_queue_by_urgency(personas):
    result = omaolo.import_new(omaolo.LocalOmaolo())
    assert len(result.new) == 4 and not result.refused
    chest = _item("demo-matti-rintakipu")
    assert chest.unit.code == "rmk-terveysasema" and chest.client.hetu == BY_KEY["matti"].hetu
    assert (chest.kind, chest.priority) == (WorkItem.Kind.NOTIFICATION, WorkItem.Priority.URGENT)
    assert chest.due_at < timezone.now() + dt.timedelta(hours=2)
    assert f"Kipu säteilee käsivarteen: {_('yes')}" in chest.note and _("emergency") in chest.note
    elderly = _item("demo-lempi-palvelutarve")
    assert elderly.unit.code == "ikaantyneiden-palveluohjaus"
    assert (elderly.kind, elderly.priority) == (WorkItem.Kind.NOTIFICATION, WorkItem.Priority.HIGH)
    flu = _item("demo-aino-flunssa")
    assert flu.unit.code == "hml-terveysasema"
    assert (flu.kind, flu.priority) == (WorkItem.Kind.FORM_REVIEW, WorkItem.Priority.NORMAL)
    assert "Oireiden kesto (vrk): 4" in flu.note
    assert _item("demo-mikko-selkakipu").priority == WorkItem.Priority.LOW


def test_the_same_assessment_twice_is_one_item_even_after_it_was_handled(personas, users):
    source = omaolo.LocalOmaolo()
    omaolo.import_new(source)
    desk.set_status(_item("demo-aino-flunssa"), "done", users["hoitaja.hanna"])
    assert OmaoloAssessment.objects.get(omaolo_id="demo-aino-flunssa").handled_at is not None
    assert omaolo.import_new(source).new == []  # the overlap with the last import is known already
    assert [omaolo.import_assessment(a)[1] for a in omaolo.demo_assessments()] == [False] * 4
    assert WorkItem.objects.filter(source__startswith="omaolo:").count() == 4


def _one(**changes) -> dict:
    resource = omaolo.demo_assessments()[0]
    resource.update(changes)
    return resource


def test_assessments_that_cannot_be_placed_are_refused_without_a_henkilotunnus(personas):
    unknown = build(dt.date(1950, 1, 1), 887)
    resources = [
        _one(id="unknown", subject={"identifier": {"system": omaolo.HETU, "value": unknown}}),
        _one(id="no-urgency", extension=[]),
        _one(id="draft", status="in-progress"),
        _one(id="broken", item="not a list"),
    ]
    result = omaolo.import_new(omaolo.LocalOmaolo(resources))
    assert result.new == [] and [r.split(":")[0] for r in result.refused] == [
        "unknown",
        "no-urgency",
        "draft",
        "broken",
    ]
    assert unknown not in " ".join(result.refused)
    assert not WorkItem.objects.filter(source__startswith="omaolo:").exists()


CONFIG = {"url": "https://omaolo.example/fhir", "token": "t0k", "timeout": 5, "units": {}}


@responses.activate
def test_the_http_adapter_pulls_pages_since_the_last_import():
    first, second = omaolo.demo_assessments()[:2]
    responses.get(
        "https://omaolo.example/fhir/QuestionnaireResponse",
        json={
            "resourceType": "Bundle",
            "entry": [{"resource": first}],
            "link": [{"relation": "next", "url": "https://omaolo.example/fhir/page2"}],
        },
    )
    responses.get(
        "https://omaolo.example/fhir/page2", json={"resourceType": "Bundle", "entry": [{"resource": second}]}
    )
    since = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    found = omaolo.HttpOmaolo(CONFIG).assessments(since)
    assert [a["id"] for a in found] == [first["id"], second["id"]]
    asked = responses.calls[0].request
    assert asked.headers["Authorization"] == "Bearer t0k"
    assert "_lastUpdated=gt2026-11-01" in requests.utils.unquote(asked.url)


@responses.activate
def test_an_unreachable_omaolo_is_reported():
    responses.get("https://omaolo.example/fhir/QuestionnaireResponse", status=503)
    with pytest.raises(omaolo.OmaoloUnavailable):
        omaolo.HttpOmaolo(CONFIG).assessments(None)


def test_the_command_imports_from_the_configured_omaolo(personas):
    out = io.StringIO()
    call_command("import_omaolo", stdout=out)
    call_command("import_omaolo", stdout=out)
    first, second = out.getvalue().splitlines()
    assert first == "4 new, 0 already imported, 0 refused" and second.startswith("0 new, ")


def test_an_imported_assessment_is_in_own_data_and_client_360(client, personas, users):
    from django.urls import reverse

    from luukku.consent.services import own_data
    from luukku.testing import sign_in_persona

    omaolo.import_new(omaolo.LocalOmaolo())
    matti = sign_in_persona(client, "matti")
    data = own_data(matti.user, matti)
    [chest] = data["omaolo"]
    assert chest["urgency"] == "emergency" and any("Kipu säteilee" in line for line in chest["answers"])
    assert any(section["key"] == "omaolo" and section["lines"] for section in data["sections"])
    client.force_login(users["hoitaja.riikka"])  # the nurse of the unit the assessment went to
    page = client.get(reverse("desk:client", args=[matti.public_id])).content.decode()
    title = OmaoloAssessment.objects.get(omaolo_id="demo-matti-rintakipu").title
    assert _("Omaolo assessments") in page and title in page
