import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from luukku.audit.models import Event
from luukku.insight import warehouse
from luukku.insight.mappings import CONTACT_LOGGED

from . import scenario

pytestmark = pytest.mark.django_db

DASHBOARD = "/ammattilainen/tietojohtaminen/"


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def loaded(personas, warehouse_file):
    made = scenario.build()
    warehouse.load()
    return made


def test_the_dashboard_is_for_managers(loaded):
    assert reverse("insight:dashboard") == DASHBOARD
    assert Client().get(DASHBOARD).status_code == 302
    assert _client("hoitaja.riikka").get(DASHBOARD).status_code == 403
    assert _client("tietosuoja.tiina").get(DASHBOARD).status_code == 403
    with translation.override("en"):
        page = _client("esihenkilo.eija").get(DASHBOARD + "?grain=year&kausi=2026")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-indicator="chart' not in body
    for key in ("pre_information", "digital_share", "bookings", "audit_clients", "chats_video", "hyte"):
        assert f'data-indicator="{key}"' in body
    for key in ("digital_share", "bookings", "chats_video"):  # Hämeenlinna's (the others: no events)
        assert f'<script id="chart-{key}" type="application/json">' in body
    assert "vendor/vega-embed.min.js" in body and "cdn" not in body.lower()


def test_a_manager_sees_only_their_own_units(loaded):
    eija = _client("esihenkilo.eija")  # manager of Hämeenlinna's health station
    page = eija.get(DASHBOARD, {"grain": "year", "kausi": "2026", "yksikko": "hml-terveysasema"})
    assert page.status_code == 200
    # Hämeenlinna had the video booking and the visit logged at its desk; Riihimäki's figures are not shown
    tables = {t.key: t for t in page.context["tables"]}
    assert tables["chats_video"].body == [["2026", 0, 1]]
    assert tables["digital_share"].body == [["2026", 2, 0, 0.0]]
    refused = eija.get(DASHBOARD, {"yksikko": "rmk-terveysasema"})
    assert refused.status_code == 400
    assert eija.get(DASHBOARD + "insight_x.csv", {"yksikko": "kanta-hame"}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [{"kausi": "2026-13"}, {"grain": "week"}, {"kanava": "fax"}, {"jako": "hetu"}, {"ryhma": "x\x01"}],
)
def test_bad_filters_are_a_400_with_the_field_error(loaded, query):
    page = _client("esihenkilo.sanna").get(DASHBOARD, query)
    assert page.status_code == 400
    assert page.context["form"].errors


def test_csv_and_xlsx_downloads(loaded):
    sanna = _client("esihenkilo.sanna")  # social services: the voucher event's unit is under her division
    query = {"grain": "quarter", "kausi": "2026-Q1", "yksikko": "sosiaalipalvelut"}
    csv_page = sanna.get(reverse("insight:download_csv", args=["logged_in"]), query)
    assert csv_page.status_code == 200 and csv_page["Content-Type"].startswith("text/csv")
    assert csv_page.content.decode("utf-8-sig").splitlines()[0].count(";") == 2
    eija = _client("esihenkilo.eija")
    xlsx = eija.get(
        reverse("insight:download_xlsx", args=["chats_video"]),
        {"grain": "year", "kausi": "2026", "yksikko": "hml-terveysasema"},
    )
    assert xlsx.status_code == 200
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[1] == ("2026", 0, 1)
    assert eija.get(reverse("insight:download_xlsx", args=["nothing"])).status_code == 404
    assert eija.get(reverse("insight:download_csv", args=["bookings"]), {"grain": "week"}).status_code == 400


def test_logging_a_contact_at_the_desk(personas):
    riikka = _client("hoitaja.riikka")
    url = reverse("insight:log_contact")
    assert riikka.get(url).status_code == 200
    done = riikka.post(
        url, {"action": "log", "channel": "phone", "unit": "rmk-terveysasema", "topic": "advice"}
    )
    assert done.status_code == 302
    logged = Event.objects.filter(kind=CONTACT_LOGGED).latest("pk")
    assert logged.data == {"channel": "phone", "unit": "rmk-terveysasema", "topic": "advice"}
    assert logged.subject is None and logged.actor.username == "hoitaja.riikka"
    for bad in (
        {"channel": "fax", "unit": "rmk-terveysasema", "topic": "advice"},
        {"channel": "phone", "unit": "hml-terveysasema", "topic": "advice"},  # not her unit
        {"channel": "phone", "unit": "rmk-terveysasema", "topic": "gossip"},
    ):
        refused = riikka.post(url, {"action": "log", **bad})
        assert refused.status_code == 400
    assert Event.objects.filter(kind=CONTACT_LOGGED).count() == 1
    assert _client("tietosuoja.tiina").get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_the_workforce_forecast_page(loaded):
    url = reverse("insight:workforce")
    assert _client("hoitaja.riikka").get(url).status_code == 403
    page = _client("esihenkilo.eija").get(url)
    assert page.status_code == 200
    # Hämeenlinna's demand: the video booking and the visit logged at its desk (no other unit's)
    assert {row["service"] for row in page.context["rows"]} <= {
        loaded["video"].code,
        "insight.contact_logged",
    }
