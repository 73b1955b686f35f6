from hypothesis import given
from hypothesis import strategies as st

from luukku.questionnaires import scoring
from luukku.questionnaires.definitions.catalogue import audit, findrisc

AUDIT = audit()
FINDRISC = findrisc()
frequency = st.sampled_from(["0", "1", "2", "3", "4"])
injury = st.sampled_from(["0", "2", "4"])


@given(
    first=frequency,
    middle=st.lists(frequency, min_size=7, max_size=7),
    last=st.lists(injury, min_size=2, max_size=2),
)
def test_audit_total_is_the_sum_of_item_points(first, middle, last):
    answers = {
        "audit-1": [first],
        **{f"audit-{n}": [c] for n, c in zip(range(2, 9), middle, strict=True)},
        "audit-9": [last[0]],
        "audit-10": [last[1]],
    }
    score = scoring.audit(AUDIT, answers)
    expected = int(first) + sum(int(c) for c in middle) + sum(int(c) for c in last)
    assert score.total == expected and 0 <= score.total <= 40
    assert score.band == (
        "audit_1"
        if expected <= 7
        else "audit_2"
        if expected <= 15
        else "audit_3"
        if expected <= 19
        else "audit_4"
    )


def test_audit_zone_boundaries():
    assert [scoring.audit_band(t) for t in (0, 7, 8, 15, 16, 19, 20, 40)] == [
        "audit_1",
        "audit_1",
        "audit_2",
        "audit_2",
        "audit_3",
        "audit_3",
        "audit_4",
        "audit_4",
    ]


def test_audit_never_drinking_counts_only_injury_questions():
    from luukku.questionnaires import engine

    raw = {"audit-1": ["0"], "audit-2": ["4"], "audit-3": ["4"], "audit-9": ["2"], "audit-10": ["0"]}
    answers, errors = engine.clean(AUDIT, raw)
    assert errors == {} and "audit-2" not in answers
    assert scoring.audit(AUDIT, answers).total == 2


@given(st.floats(min_value=10, max_value=80, allow_nan=False))
def test_bmi_points_follow_the_published_bands(value):
    assert scoring.bmi_points(value) == (0 if value < 25 else 1 if value <= 30 else 3)


def test_bmi_and_waist_boundaries():
    assert [scoring.bmi_points(v) for v in (24.99, 25, 30, 30.01)] == [0, 1, 1, 3]
    assert [scoring.waist_points(v, "male") for v in (93.9, 94, 102, 102.1)] == [0, 3, 3, 4]
    assert [scoring.waist_points(v, "female") for v in (79.9, 80, 88, 88.1)] == [0, 3, 3, 4]
    assert round(scoring.bmi(180, 81), 2) == 25.0


choices = {
    "findrisc-age": st.sampled_from([("under45", 0), ("45-54", 2), ("55-64", 3), ("over64", 4)]),
    "findrisc-activity": st.sampled_from([("yes", 0), ("no", 2)]),
    "findrisc-vegetables": st.sampled_from([("daily", 0), ("less", 1)]),
    "findrisc-bp-medication": st.sampled_from([("no", 0), ("yes", 2)]),
    "findrisc-high-glucose": st.sampled_from([("no", 0), ("yes", 5)]),
    "findrisc-family": st.sampled_from([("no", 0), ("relatives", 3), ("close", 5)]),
}


@given(
    picked=st.fixed_dictionaries(choices),
    height=st.floats(140, 210),
    weight=st.floats(40, 200),
    waist=st.floats(50, 160),
    sex=st.sampled_from(["male", "female"]),
)
def test_findrisc_total_is_the_published_sum(picked, height, weight, waist, sex):
    answers = {link: [code] for link, (code, _points) in picked.items()}
    answers.update(
        {
            "findrisc-height": [height],
            "findrisc-weight": [weight],
            "findrisc-waist": [waist],
            "findrisc-sex": [sex],
        }
    )
    expected = (
        sum(points for _code, points in picked.values())
        + scoring.bmi_points(scoring.bmi(height, weight))
        + scoring.waist_points(waist, sex)
    )
    score = scoring.findrisc(FINDRISC, answers)
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
    assert scoring.findrisc(FINDRISC, worst).total == 26
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


@given(st.sampled_from(["0", "1", "2", "3"]), st.sampled_from(["0", "1", "2", "3"]))
def test_phq2_positive_from_three(first, second):
    from luukku.questionnaires.definitions.catalogue import pre_information

    score = scoring.phq2(pre_information(), {"phq-1": [first], "phq-2": [second]})
    assert score.total == int(first) + int(second)
    assert (score.band == "phq2_positive") is (score.total >= 3)


def test_incomplete_answers_give_no_score():
    assert scoring.findrisc(FINDRISC, {"findrisc-age": ["over64"]}) is None
    assert scoring.audit(AUDIT, {}) is None
