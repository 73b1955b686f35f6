"""Search on the database the suite runs on (PostgreSQL: full text with the finnish/swedish/english
configurations and pg_trgm)."""

import datetime as dt

import pytest
from django.utils import timezone

from luukku.directory import services
from luukku.directory.models import DirectoryService

from .factories import make_service

pytestmark = pytest.mark.django_db

HELSINKI = services.HELSINKI


def names(results: services.Results) -> list[str]:
    return [hit.service.name for hit in results.hits]


def find(text: str, **filters) -> list[str]:
    return names(services.search(services.Query(text=text, **filters)))


@pytest.fixture
def catalogue():
    DirectoryService.objects.all().delete()  # the test county's few services stay out of the counts
    return {
        "physio": make_service(
            "Fysioterapia",
            name_sv="Fysioterapi",
            name_en="Physiotherapy",
            summary="Fysioterapeutin vastaanotto selkäkipuun.",
            kind="own",
        ),
        "aqua": make_service(
            "Vesijumppa",
            name_sv="Vattengymnastik",
            summary_sv="Ledvänlig motion i simhallen.",
            target_groups=("older",),
            municipality="694",
            at=(60.7394, 24.7727),
            languages=("fi", "sv"),
            step_free=True,
        ),
        "family": make_service(
            "Perhekahvila",
            name_en="Family café",
            description_en="An open meeting place for families with small children.",
            target_groups=("families",),
            municipality="061",
            at=(60.8146, 23.6215),
            hours=((5, 10, 14),),
        ),
    }


def test_finnish_inflected_forms_find_the_service(catalogue):
    assert find("fysioterapiaan") == ["Fysioterapia"]  # illative
    assert find("selkäkipua") == ["Fysioterapia"]  # partitive of a word in the summary


def test_swedish_and_english_words_find_the_service(catalogue):
    assert find("vattengymnastiken") == ["Vesijumppa"]
    assert find("simhallen") == ["Vesijumppa"]
    assert find("families") == ["Perhekahvila"]


def test_prefix_and_typo_tolerance(catalogue):
    assert find("fysio") == ["Fysioterapia"]
    assert find("fysiotrapia") == ["Fysioterapia"]
    assert find("perhekahvla") == ["Perhekahvila"]


def test_the_last_part_of_a_compound_is_found():
    DirectoryService.objects.all().delete()
    make_service("Äitiys- ja lastenneuvola")
    assert find("neuvola") == ["Äitiys- ja lastenneuvola"]


def test_words_are_anded_and_nonsense_finds_nothing(catalogue):
    assert find("vesijumppa fysioterapia") == []
    assert find("qqqqzzzz") == []
    assert find("ja") == names(services.search(services.Query()))  # only a stopword: no text condition


def test_query_syntax_is_not_interpreted(catalogue):
    for text in ("fysio & | ! :* ( ' \"", "'); DROP TABLE x; --", "NEAR(a b)", "*"):
        services.search(services.Query(text=text))  # no error


def test_filters(catalogue):
    assert find("", municipality="694") == ["Vesijumppa"]
    assert find("", kind="own") == ["Fysioterapia"]
    assert find("", target_group="families") == ["Perhekahvila"]
    assert find("", language="sv") == ["Vesijumppa"]
    assert find("", accessible=True) == ["Vesijumppa"]
    assert find("", municipality="694", kind="own") == []


def test_sort_by_distance_from_home(catalogue):
    forssa = services.home_of("061")
    results = services.search(services.Query(home=forssa))
    assert names(results) == [
        "Perhekahvila",
        "Fysioterapia",
        "Vesijumppa",
    ]  # Hämeenlinna ~50 km, Riihimäki ~63
    assert results.hits[0].distance_km == pytest.approx(0, abs=0.01)
    riihimaki = services.home_of("694")
    assert find("", home=riihimaki)[0] == "Vesijumppa"
    assert find("", home=riihimaki, sort="name") == ["Fysioterapia", "Perhekahvila", "Vesijumppa"]


def test_relevance_puts_name_matches_first():
    DirectoryService.objects.all().delete()
    make_service("Kuntosaliryhmä", summary="Ohjattu ryhmä.")
    make_service("Kävelyryhmä", description="Kävelyn jälkeen voi käydä kuntosalilla.")
    assert find("kuntosali") == ["Kuntosaliryhmä", "Kävelyryhmä"]


def at(year, month, day, hour, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def test_open_now_boundaries_and_holidays():
    DirectoryService.objects.all().delete()
    make_service("Arkiauki", hours=((0, 8, 16), (1, 8, 16), (2, 8, 16), (3, 8, 16), (4, 8, 16)))
    make_service("Pyhäauki", hours=((3, 8, 16), (4, 8, 16)), open_on_holidays=True)

    def open_at(moment):
        return names(services.search(services.Query(open_now=True, sort="name"), now=moment))

    monday = at(2026, 11, 23, 8)
    assert open_at(monday) == ["Arkiauki"]  # opening time is open
    assert open_at(monday.replace(hour=7, minute=59)) == []
    assert open_at(monday.replace(hour=15, minute=59)) == ["Arkiauki"]
    assert open_at(monday.replace(hour=16)) == []  # closing time is closed
    assert open_at(at(2026, 11, 28, 12)) == []  # Saturday
    # Christmas Eve 2026 is a Thursday, Christmas Day a Friday: only the one open on holidays.
    assert open_at(at(2026, 12, 24, 10)) == ["Pyhäauki"]
    assert open_at(at(2026, 12, 25, 10)) == ["Pyhäauki"]
    assert open_at(at(2026, 12, 23, 10)) == ["Arkiauki"]  # a Wednesday before
    # Midsummer Eve 2026: Friday 19 June.
    assert open_at(at(2026, 6, 19, 10)) == ["Pyhäauki"]
    # Times are compared in Helsinki: 06:30 UTC on a winter Monday is 08:30 there.
    assert open_at(dt.datetime(2026, 11, 23, 6, 30, tzinfo=dt.UTC)) == ["Arkiauki"]


def test_paging(catalogue):
    first = services.search(services.Query(sort="name", page_size=2))
    second = services.search(services.Query(sort="name", page_size=2, page=2))
    assert first.total == 3 and first.pages == 2
    assert names(first) + names(second) == ["Fysioterapia", "Perhekahvila", "Vesijumppa"]
    assert services.search(services.Query(page=99, page_size=2)).query.page == 2  # clamped to the last page


def test_stale_after_twelve_months():
    service = make_service("Vanha")
    today = timezone.localdate()
    service.updated_at = timezone.now() - dt.timedelta(days=365)
    assert not services.is_stale(service, today)
    service.updated_at = timezone.now() - dt.timedelta(days=366)
    assert services.is_stale(service, today)
    service.reviewed_at = timezone.now()
    assert not services.is_stale(service, today)
