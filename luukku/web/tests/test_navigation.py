"""The header navigation: each kind of visitor gets their own menu, the page shown is marked, the
professional's menu counts what waits, and every menu link leads somewhere that answers."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from luukku.testing import professional, sign_in_persona
from luukku.web import navigation

pytestmark = pytest.mark.django_db

WITHOUT_SIGN_IN = (
    "booking:services",
    "assessment:start",
    "chat:home",
    "desk:call_back",
    "questionnaires:list",
)
LINK = re.compile(r'<a class="main-nav__link" href="([^"]+)"([^>]*)>(.*?)</a>', re.S)


def nav_of(page: str) -> list[tuple[str, str, bool]]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', page, re.S)
    assert nav, "the page has no main navigation"
    return [
        (href, re.sub(r"<[^>]+>", "", text).strip(), 'aria-current="page"' in attrs)
        for href, attrs, text in re.findall(
            r'<a class="main-nav__link" href="([^"]+)"([^>]*)>(.*?)</a>', nav[0]
        )
    ]


def test_visitor_menu_offers_everything_that_needs_no_sign_in(client):
    links = nav_of(client.get("/").content.decode())
    hrefs = [href for href, _text, _current in links]
    for name in (
        "booking:services",
        "assessment:start",
        "chat:home",
        "desk:call_back",
        "questionnaires:list",
    ):
        assert reverse(name) in hrefs
    assert [current for _h, _t, current in links].count(True) == 1 and links[0][2]


def test_front_page_links_to_every_service_without_sign_in(client):
    page = client.get("/").content.decode()
    main = page[page.index("<main") :]
    for name in (
        "booking:services",
        "assessment:start",
        "chat:home",
        "desk:call_back",
        "questionnaires:list",
    ):
        assert f'href="{reverse(name)}"' in main


def test_resident_menu_and_the_current_page(client, personas):
    sign_in_persona(client, "lempi")
    links = nav_of(client.get(reverse("booking:services")).content.decode())
    assert [href for href, _t, _c in links] == [
        reverse("identity:home"),
        reverse("booking:mine"),
        reverse("inbox:list"),
        reverse("chat:home"),
        reverse("questionnaires:list"),
        reverse("applications:list"),
        reverse("assessment:start"),
        reverse("directory:search"),
        reverse("consent:my_data"),
        reverse("feedback:index"),
    ]
    assert [href for href, _t, current in links if current] == [reverse("booking:mine")]


def test_every_menu_link_answers_for_its_audience(client, personas):
    for href, _text, _current in nav_of(client.get("/").content.decode()):
        assert client.get(href).status_code == 200, href
    sign_in_persona(client, "lempi")
    for href, _text, _current in nav_of(client.get(reverse("identity:home")).content.decode()):
        assert client.get(href).status_code == 200, href


def test_professional_menu_counts_the_work_queue(client, personas):
    from luukku.desk import services as desk
    from luukku.testing import OrgUnitFactory

    unit = OrgUnitFactory()
    nurse = professional(unit=unit)
    client.force_login(nurse.user)
    desk.request_call_back(unit, "Reseptin uusiminen", "Testi Asiakas", "+358401234567")
    links = nav_of(client.get(reverse("desk:queue")).content.decode())
    hrefs = [href for href, _t, _c in links]
    assert hrefs == [
        reverse("desk:queue"),
        reverse("chat:desk"),
        reverse("booking:professional_calendar"),
        reverse("carepaths:team"),
        reverse("access:professional_home"),
        reverse("feedback:handler_list"),
        reverse("assistant:topics"),  # a plain nurse of a health unit: no manager's or social care items
    ]
    assert links[0][1].startswith("Työjono 1") and links[0][2]
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_work_queue_count_follows_new_work(personas):
    from luukku.desk import services as desk
    from luukku.testing import OrgUnitFactory

    unit = OrgUnitFactory()
    nurse = professional(unit=unit)
    assert navigation.links(nurse.user, "/", False, True)[0]["count"] == 0
    desk.request_call_back(unit, "Reseptin uusiminen", "Testi Asiakas", "+358401234567")
    desk.request_call_back(unit, "Toinen asia", "Testi Asiakas", "+358401234568")
    assert navigation.links(nurse.user, "/", False, True)[0]["count"] == 2
    assert navigation.links(nurse.user, "/", True, False)[0]["count"] is None  # the front page counts nothing


def test_only_one_item_is_current_and_an_exact_address_wins():
    links = navigation.links(AnonymousUser(), reverse("booking:services"), False, False)
    assert [link["key"] for link in links if link["current"]] == ["booking"]
    links = navigation.links(AnonymousUser(), "/", False, False)
    assert [link["key"] for link in links if link["current"]] == ["front"]
    links = navigation.links(AnonymousUser(), "/nowhere/", False, False)
    assert not any(link["current"] for link in links)


def test_favicon_is_served_from_static(client):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301 and answer["Location"].endswith("/static/web/favicon.ico")
    assert 'rel="icon"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("username", "shown", "hidden"),
    [
        ("esihenkilo.eija", {"insight:dashboard"}, {"records:desk", "vouchers:desk"}),
        ("palveluohjaaja.paula", {"applications:queue", "vouchers:desk"}, {"insight:dashboard"}),
        ("hoitaja.hanna", set(), {"insight:dashboard", "applications:queue", "records:desk"}),
    ],
)
def test_items_some_professionals_use_are_shown_to_them_only(client, personas, username, shown, hidden):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    hrefs = {href for href, _t, _c in nav_of(client.get(reverse("desk:queue")).content.decode())}
    assert {reverse(name) for name in shown} <= hrefs
    assert not {reverse(name) for name in hidden} & hrefs
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_the_menu_looks_the_roles_up_once_for_all_its_items(personas, monkeypatch):
    from django.contrib.auth import get_user_model

    source = navigation._roles_source["roles"]
    calls = []
    monkeypatch.setitem(navigation._roles_source, "roles", lambda user: calls.append(user) or source(user))
    paula = get_user_model().objects.get(username="palveluohjaaja.paula")
    keys = {link["key"] for link in navigation.links(paula, "/", is_resident=False, is_professional=True)}
    assert {"applications", "vouchers"} <= keys and len(calls) == 1
