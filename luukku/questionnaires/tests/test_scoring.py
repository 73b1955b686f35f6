import datetime as dt
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.questionnaires import engine, scoring
from luukku.questionnaires.definitions.catalogue import audit, findrisc, pre_information
from luukku.questionnaires.scoring import Client

AUDIT = audit()
FINDRISC = findrisc()
frequency = st.sampled_from(["0", "1", "2", "3", "4"])
injury = st.sampled_from(["0", "2", "4"])
MAN, WOMAN = Client("male", 40), Client("female", 40)
OLD_MAN, OLD_WOMAN = Client("male", 65), Client("female", 65)


def audit_answers(first: str, middle: list[str], last: list[str]) -> dict:
    return {
        "audit-1": [first],
        **{f"audit-{n}": [c] for n, c in zip(range(2, 9), middle, strict=True)},
        "audit-9": [last[0]],
        "audit-10": [last[1]],
    }


def by_instrument(scores: list[scoring.Score]) -> dict[str, scoring.Score]:
    return {score.instrument: score for score in scores}


# --- AUDIT ---------------------------------------------------------------------------------------------


@given(
    first=frequency,
    middle=st.lists(frequency, min_size=7, max_size=7),
    last=st.lists(injury, min_size=2, max_size=2),
    client=st.sampled_from([MAN, WOMAN, OLD_MAN, OLD_WOMAN, scoring.UNKNOWN]),
)
def test_audit_and_audit_c_totals_are_the_sums_of_item_points(first, middle, last, client):
    scores = by_instrument(scoring.audit(AUDIT, audit_answers(first, middle, last), client))
    expected = int(first) + sum(int(c) for c in middle) + sum(int(c) for c in last)
    assert scores["audit"].total == expected and scores["audit"].maximum == 40
    assert scores["audit-c"].total == int(first) + int(middle[0]) + int(middle[1])
    assert scores["audit-c"].maximum == 12
    zone = 1 if expected <= 7 else 2 if expected <= 15 else 3 if expected <= 19 else 4
    assert scores["audit"].band.startswith(f"audit_{zone}")


def test_who_zone_boundaries():
    assert [scoring.audit_zone(t) for t in (0, 7, 8, 15, 16, 19, 20, 40)] == [
        "audit_1",
        "audit_1",
        "audit_2",
        "audit_2",
        "audit_3",
        "audit_3",
        "audit_4",
        "audit_4",
    ]


# Käypä hoito (Alkoholiongelmaisen hoito): risky drinking from 8 points for men, from 6 for women; the age
# does not change the full AUDIT's limits.
@pytest.mark.parametrize(
    ("total", "client", "band"),
    [
        (5, MAN, "audit_1"),
        (6, MAN, "audit_1"),
        (7, MAN, "audit_1"),
        (8, MAN, "audit_2"),
        (5, WOMAN, "audit_1"),
        (6, WOMAN, "audit_1_risky_woman"),
        (7, WOMAN, "audit_1_risky_woman"),
        (8, WOMAN, "audit_2"),
        (5, OLD_MAN, "audit_1"),
        (7, OLD_MAN, "audit_1"),
        (8, OLD_MAN, "audit_2"),
        (5, OLD_WOMAN, "audit_1"),
        (6, OLD_WOMAN, "audit_1_risky_woman"),
        (8, OLD_WOMAN, "audit_2"),
        (5, scoring.UNKNOWN, "audit_1"),
        (6, scoring.UNKNOWN, "audit_1_risky_if_woman"),
        (7, scoring.UNKNOWN, "audit_1_risky_if_woman"),
        (8, scoring.UNKNOWN, "audit_2"),
    ],
)
def test_audit_5_to_8_by_sex_and_age(total, client, band):
    assert scoring.audit_band(total, client) == band


# THL: AUDIT-C suggests risky drinking from 6 points for men, 5 for women and 4 for everyone aged 65 or over.
@pytest.mark.parametrize(
    ("total", "client", "risky"),
    [
        (5, Client("male", 64), False),
        (6, Client("male", 64), True),
        (4, Client("female", 64), False),
        (5, Client("female", 64), True),
        (3, Client("male", 65), False),
        (4, Client("male", 65), True),
        (3, Client("female", 65), False),
        (4, Client("female", 65), True),
        (4, Client(None, 70), True),  # the age alone decides from 65
        (12, MAN, True),
        (0, OLD_WOMAN, False),
    ],
)
def test_audit_c_limits_by_sex_and_age(total, client, risky):
    assert scoring.audit_c_band(total, client) == ("auditc_risky" if risky else "auditc_below")


@pytest.mark.parametrize(
    ("total", "client", "band"),
    [
        (3, scoring.UNKNOWN, "auditc_below"),
        (4, scoring.UNKNOWN, "auditc_risky_for_some"),  # risky if 65 or over
        (5, scoring.UNKNOWN, "auditc_risky_for_some"),  # risky for a woman
        (6, scoring.UNKNOWN, "auditc_risky"),
        (4, Client(None, 40), "auditc_below"),
        (5, Client(None, 40), "auditc_risky_for_some"),
        (4, Client("female", None), "auditc_risky_for_some"),
        (5, Client("female", None), "auditc_risky"),
    ],
)
def test_audit_c_without_the_register_names_who_it_applies_to(total, client, band):
    assert scoring.audit_c_band(total, client) == band


def test_audit_worked_example_of_a_woman():
    """2-4 times a month (2), 3-4 drinks (1), six or more less than monthly (1), guilt less than monthly (1),
    someone worried but not in the last year (2): 7 points, 4 of them AUDIT-C."""
    raw = {
        "audit-1": ["2"],
        "audit-2": ["1"],
        "audit-3": ["1"],
        "audit-4": ["0"],
        "audit-5": ["0"],
        "audit-6": ["0"],
        "audit-7": ["1"],
        "audit-8": ["0"],
        "audit-9": ["0"],
        "audit-10": ["2"],
    }
    answers, errors = engine.clean(AUDIT, raw)
    assert errors == {}
    scores = by_instrument(scoring.audit(AUDIT, answers, WOMAN))
    assert (scores["audit"].total, scores["audit"].band) == (7, "audit_1_risky_woman")
    assert (scores["audit-c"].total, scores["audit-c"].band) == (4, "auditc_below")
    assert by_instrument(scoring.audit(AUDIT, answers, MAN))["audit"].band == "audit_1"
    assert by_instrument(scoring.audit(AUDIT, answers, OLD_MAN))["audit-c"].band == "auditc_risky"


def test_audit_never_drinking_counts_only_injury_questions():
    raw = {"audit-1": ["0"], "audit-2": ["4"], "audit-3": ["4"], "audit-9": ["2"], "audit-10": ["0"]}
    answers, errors = engine.clean(AUDIT, raw)
    assert errors == {} and "audit-2" not in answers
    scores = by_instrument(scoring.audit(AUDIT, answers, WOMAN))
    assert scores["audit"].total == 2 and scores["audit-c"].total == 0


def test_the_client_comes_from_the_henkilotunnus():
    person = SimpleNamespace(hetu="131052-308T", birth_date=dt.date(1952, 10, 13))  # DVV's example: female
    assert Client.of(person, dt.date(2026, 10, 12)) == Client("female", 73)
    man = SimpleNamespace(hetu="010594Y9032", birth_date=dt.date(1994, 5, 1))  # individual number 903: odd
    assert Client.of(man, dt.date(2026, 5, 1)) == Client("male", 32)
    assert Client.of(None) == scoring.UNKNOWN


def test_audit_wording_follows_the_official_texts():
    nodes = {node["linkId"]: node for node in AUDIT["item"]}
    assert "pieniä määriä" in nodes["audit-1"]["text"]
    assert "alkoholinkäytöstäsi" in nodes["audit-10"]["text"]
    assert "12 grammaa" in nodes["audit-intro"]["text"]  # the standard drink, also in the standalone AUDIT
    pre = [n["linkId"] for n in pre_information()["item"] for n in [n, *n.get("item", [])]]
    assert pre.count("audit-intro") == 1


# --- FINDRISC ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("height", "weight", "bmi", "points"),
    [
        (160, 63.7, "24.9", 0),
        (160, 64, "25.0", 1),  # float division gives 24.999…
        (170, 86.7, "30.0", 1),  # float division gives 30.000…1
        (170, 87.0, "30.1", 3),
        (180, 81, "25.0", 1),
        (180, 97.2, "30.0", 1),
    ],
)
def test_bmi_boundaries(height, weight, bmi, points):
    assert scoring.bmi(height, weight) == Decimal(bmi)
    assert scoring.bmi_points(scoring.bmi(height, weight)) == points


@pytest.mark.parametrize(
    ("waist", "sex", "points"),
    [
        (79.9, "female", 0),
        (80, "female", 3),
        (88, "female", 3),
        (88.1, "female", 4),
        (93.9, "male", 0),
        (94, "male", 3),
        (102, "male", 3),
        (102.1, "male", 4),
        (90, "female", 4),
        (90, "male", 0),
    ],
)
def test_waist_boundaries(waist, sex, points):
    assert scoring.waist_points(waist, sex) == points


def published_bmi_points(height: Decimal, weight: Decimal) -> int:
    """An independent reading of the form: BMI in exact fractions, rounded half up to one decimal."""
    exact = Fraction(weight) * 10000 / Fraction(height) ** 2
    tenths = (exact * 10 + Fraction(1, 2)).__floor__()
    return 0 if tenths < 250 else 1 if tenths <= 300 else 3


choices = {
    "findrisc-age": st.sampled_from([("under45", 0), ("45-54", 2), ("55-64", 3), ("over64", 4)]),
    "findrisc-activity": st.sampled_from([("yes", 0), ("no", 2)]),
    "findrisc-vegetables": st.sampled_from([("daily", 0), ("less", 1)]),
    "findrisc-bp-medication": st.sampled_from([("no", 0), ("yes", 2)]),
    "findrisc-high-glucose": st.sampled_from([("no", 0), ("yes", 5)]),
    "findrisc-family": st.sampled_from([("no", 0), ("relatives", 3), ("close", 5)]),
}
typed = {"places": 1, "allow_nan": False, "allow_infinity": False}


@given(
    picked=st.fixed_dictionaries(choices),
    height=st.decimals(min_value=140, max_value=210, **typed),
    weight=st.decimals(min_value=40, max_value=200, **typed),
    waist=st.decimals(min_value=50, max_value=160, **typed),
    sex=st.sampled_from(["male", "female"]),
)
def test_findrisc_total_is_the_published_sum(picked, height, weight, waist, sex):
    answers = {link: [code] for link, (code, _points) in picked.items()}
    answers.update(
        {
            "findrisc-height": [float(height)],  # the engine stores decimals as floats
            "findrisc-weight": [float(weight)],
            "findrisc-waist": [float(waist)],
            "findrisc-sex": [sex],
        }
    )
    low, high = (94, 102) if sex == "male" else (80, 88)
    expected = (
        sum(points for _code, points in picked.values())
        + published_bmi_points(height, weight)
        + (0 if waist < low else 3 if waist <= high else 4)
    )
    [score] = scoring.findrisc(FINDRISC, answers)
    assert score.total == expected and 0 <= score.total <= 26
    assert score.band == scoring.findrisc_band(expected)


def test_findrisc_maximum_and_bands():
    worst = {
        "findrisc-age": ["over64"],
        "findrisc-activity": ["no"],
        "findrisc-vegetables": ["less"],
        "findrisc-bp-medication": ["yes"],
        "findrisc-high-glucose": ["yes"],
        "findrisc-family": ["close"],
        "findrisc-height": [170.0],
        "findrisc-weight": [100.0],
        "findrisc-waist": [110.0],
        "findrisc-sex": ["male"],
    }
    assert scoring.findrisc(FINDRISC, worst)[0].total == 26
    assert [scoring.findrisc_band(t) for t in (6, 7, 11, 12, 14, 15, 20, 21)] == [
        "findrisc_low",
        "findrisc_slight",
        "findrisc_slight",
        "findrisc_moderate",
        "findrisc_moderate",
        "findrisc_high",
        "findrisc_high",
        "findrisc_very_high",
    ]


def test_findrisc_worked_example_at_the_bmi_boundary():
    """A 50-year-old woman, 160 cm, 64 kg (BMI 25.0), waist 80 cm, active, vegetables daily, no medication,
    no high glucose, an aunt with diabetes: 2 + 1 + 3 + 0 + 0 + 0 + 0 + 3 = 9, slightly elevated."""
    answers = {
        "findrisc-age": ["45-54"],
        "findrisc-activity": ["yes"],
        "findrisc-vegetables": ["daily"],
        "findrisc-bp-medication": ["no"],
        "findrisc-high-glucose": ["no"],
        "findrisc-family": ["relatives"],
        "findrisc-height": [160.0],
        "findrisc-weight": [64.0],
        "findrisc-waist": [80.0],
        "findrisc-sex": ["female"],
    }
    [score] = scoring.findrisc(FINDRISC, answers)
    assert (score.total, score.band) == (9, "findrisc_slight")


# --- PHQ-2 and the rest -----------------------------------------------------------------------------------


@given(st.sampled_from(["0", "1", "2", "3"]), st.sampled_from(["0", "1", "2", "3"]))
def test_phq2_positive_from_three(first, second):
    [score] = scoring.phq2(pre_information(), {"phq-1": [first], "phq-2": [second]})
    assert score.total == int(first) + int(second)
    assert (score.band == "phq2_positive") is (score.total >= 3)


def test_incomplete_answers_give_no_score():
    assert scoring.findrisc(FINDRISC, {"findrisc-age": ["over64"]}) == []
    assert scoring.audit(AUDIT, {}) == []


def test_every_band_has_a_label():
    bands = {scoring.audit_band(t, c) for t in range(41) for c in (MAN, WOMAN, scoring.UNKNOWN)} | {
        scoring.audit_c_band(t, c) for t in range(13) for c in (MAN, WOMAN, OLD_MAN, scoring.UNKNOWN)
    }
    bands |= {scoring.findrisc_band(t) for t in range(27)}
    assert bands <= set(scoring.BAND_LABELS)
