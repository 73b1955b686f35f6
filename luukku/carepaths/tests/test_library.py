"""The care-path library: twenty paths with content in three languages that point to real questionnaires,
services and instruments; surgery follow-ups and the asthma PEF diary route as their texts promise."""

import datetime as dt

import pytest

from luukku.booking.demo import SERVICES
from luukku.carepaths import services
from luukku.carepaths.demo import TEMPLATES
from luukku.carepaths.library_surgery import SURGERY_PATHS
from luukku.carepaths.models import MeasurementKind, PathTemplate, Phase, TaskKind, TeamTask
from luukku.questionnaires import scoring
from luukku.questionnaires import services as questionnaires
from luukku.questionnaires.definitions.carepath_forms import WARNING_SIGNS
from luukku.questionnaires.definitions.catalogue import BY_KEY
from luukku.testing import professional, resident_user

NEW_PATHS = {
    "tyo-ja-opiskelu",
    "lapsettomuus",
    "palliatiivinen-hoito",
    "astma",
    "omatiimi",
    "kuntouttava-tyotoiminta",
    "sappirakon-tahystysleikkaus",
    "rintojen-pienennys",
    "ylaluomileikkaus",
    "vatsanpeitteiden-korjaus",
    "napatyraleikkaus",
    "kohdunpoisto",
    "sterilisaatio",
    "sivuelinmuutoksen-poisto",
    "refluksileikkaus",
}
LANGUAGES = ("fi", "sv", "en")
BY_CODE = {spec["code"]: spec for spec in TEMPLATES}


def test_the_county_publishes_twenty_paths():
    assert len(TEMPLATES) == len(BY_CODE) == 20
    assert set(BY_CODE) >= NEW_PATHS


@pytest.mark.parametrize("code", sorted(NEW_PATHS))
def test_new_paths_have_real_content_in_three_languages(code):
    spec = BY_CODE[code]
    texts = [spec["name"], spec["description"]] + [t[f] for t in spec["tasks"] for f in ("title", "body")]
    for text in texts:
        assert all(text[language].strip() for language in LANGUAGES), text
    for body in [spec["description"]] + [t["body"] for t in spec["tasks"]]:
        assert len({body[language] for language in LANGUAGES}) == 3, body  # translated, not copied
    assert len(spec["tasks"]) >= 4


@pytest.mark.parametrize("spec", TEMPLATES, ids=lambda spec: spec["code"])
def test_every_task_points_to_something_that_exists(spec):
    services_known = {code for code, _unit, _fields in SERVICES}
    for item in spec["tasks"]:
        if item["kind"] == TaskKind.QUESTIONNAIRE:
            assert item["questionnaire"] in BY_KEY
        if item["kind"] == TaskKind.BOOKING:
            assert item["service"] in services_known
        if item["kind"] == TaskKind.MEASUREMENT:
            assert item["measurement"] in MeasurementKind.values
    questionnaire, instrument, threshold = spec.get("routing", ("", "", None))
    if questionnaire:
        assert instrument in BY_KEY[questionnaire].instruments and threshold > 0


@pytest.mark.parametrize("spec", SURGERY_PATHS, ids=lambda spec: spec["code"])
def test_surgery_paths_prepare_and_follow_up(spec):
    questionnaires_used = [t["questionnaire"] for t in spec["tasks"] if t["kind"] == TaskKind.QUESTIONNAIRE]
    assert "leikkausta-edeltava" in questionnaires_used and "leikkauksen-jalkeen" in questionnaires_used
    assert spec["routing"] == ("leikkauksen-jalkeen", "postop", 1)
    fasting = next(t for t in spec["tasks"] if t["title"]["en"] == "Fasting and the day of the operation")
    assert "six hours" in fasting["body"]["en"] and "kuuteen tuntiin" in fasting["body"]["fi"]
    medicines = next(t for t in spec["tasks"] if t["title"]["en"] == "Medicines before the operation")
    assert "blood thinners" in medicines["body"]["en"]
    assert any(t["phase"] == Phase.WITH_PROFESSIONAL for t in spec["tasks"])


def test_diabetes_path_names_the_risk_band_where_routing_starts():
    spec = BY_CODE["diabetesriski"]
    threshold = spec["routing"][2]
    assert scoring.findrisc_band(threshold) == "findrisc_moderate"
    assert scoring.findrisc_band(threshold - 1) == "findrisc_slight"
    routed = [spec["description"]] + [
        t["body"] for t in spec["tasks"] if t["phase"] == Phase.WITH_PROFESSIONAL
    ]
    words = {"fi": ("kohtalainen", "suuri"), "sv": ("måttlig", "hög"), "en": ("moderate", "is high")}
    for text in routed:
        if str(threshold) not in text["fi"] and "kohtalainen" not in text["fi"]:
            continue
        for language, (moderate, high) in words.items():
            assert moderate in text[language] and high not in text[language]
    assert all(str(threshold) in spec["description"][language] for language in LANGUAGES)


# --- Routing with the database --------------------------------------------------------------------------


@pytest.fixture
def templates(personas):
    return {t.code: t for t in PathTemplate.objects.all()}


def answer(person, key: str, raw: dict) -> None:
    response = questionnaires.start(questionnaires.current(key), person, person.user)
    for page in range(len(questionnaires.steps(response.definition))):
        questionnaires.save_page(response, page, raw, check_required=False)
    assert questionnaires.submit(response) == {}


def post_operative(warnings: set[str]) -> dict:
    return {link: ["yes" if link in warnings else "no"] for link, _texts in WARNING_SIGNS}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("warning", [link for link, _texts in WARNING_SIGNS])
def test_any_warning_sign_after_surgery_goes_to_the_team(templates, warning):
    person = resident_user(age=50)
    nurse = professional()
    path = services.start_path(templates["napatyraleikkaus"], person, nurse.user, by_professional=True)
    assert path.phase == Phase.ASSESSMENT
    answer(person, "leikkauksen-jalkeen", post_operative({warning}))
    path.refresh_from_db()
    assert path.phase == Phase.WITH_PROFESSIONAL
    routed = TeamTask.objects.get(path=path, kind=TeamTask.Kind.ROUTED)
    assert "POSTOP 1" in routed.summary


@pytest.mark.django_db(transaction=True)
def test_no_warning_signs_recover_at_home_with_a_second_follow_up(templates):
    person = resident_user(age=50)
    nurse = professional()
    path = services.start_path(templates["kohdunpoisto"], person, nurse.user, by_professional=True)
    answer(person, "leikkauksen-jalkeen", post_operative(set()))
    path.refresh_from_db()
    assert path.phase == Phase.SELF_CARE
    assert not TeamTask.objects.filter(path=path, kind=TeamTask.Kind.ROUTED).exists()
    second = path.tasks.get(questionnaire="leikkauksen-jalkeen", status="open")
    assert abs(second.due_at - path.phase_since - dt.timedelta(days=7)) < dt.timedelta(seconds=1)
    answer(person, "leikkauksen-jalkeen", post_operative({"warning-fever"}))
    path.refresh_from_db()
    assert path.phase == Phase.WITH_PROFESSIONAL


def pef_days(variable: int) -> dict:
    raw = {}
    for day in range(1, 15):
        raw[f"pef-{day}-morning"] = ["380" if day <= variable else "450"]
        raw[f"pef-{day}-evening"] = ["470"]
    return raw


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("variable_days", "phase"), [(2, Phase.SELF_CARE), (3, Phase.WITH_PROFESSIONAL)])
def test_asthma_pef_diary_routes_at_three_variable_days(templates, variable_days, phase):
    person = resident_user(age=40)
    nurse = professional()
    path = services.start_path(templates["astma"], person, nurse.user, by_professional=True)
    answer(person, "pef-seuranta", pef_days(variable_days))
    path.refresh_from_db()
    assert path.phase == phase
    reviews = path.tasks.filter(kind=TaskKind.BOOKING, service="sairaanhoitajan-vastaanotto")
    due_days = sorted(round((t.due_at - path.started_at) / dt.timedelta(days=1)) for t in reviews)
    assert due_days == [90, 180]
