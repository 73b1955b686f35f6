"""PEF home monitoring by Käypä hoito: ≥ 20 % and ≥ 60 l/min diurnal variation, or ≥ 15 % and ≥ 60 l/min
bronchodilator response, at least three times in two weeks."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.questionnaires import scoring
from luukku.questionnaires.definitions.catalogue import pef_diary
from luukku.questionnaires.scoring import PefDay


@pytest.mark.parametrize(
    ("morning", "evening", "variable"),
    [
        (400, 480, True),  # 80 l/min = 20 % of 400
        (400, 479, False),  # 19.75 %
        (480, 400, True),  # the lower reading may be either
        (300, 360, True),  # exactly 60 l/min and 20 %
        (300, 359, False),  # 59 l/min although 19.7 %
        (250, 305, False),  # 22 % but only 55 l/min
        (600, 700, False),  # 100 l/min but 16.7 %
    ],
)
def test_diurnal_variation_needs_both_limits(morning, evening, variable):
    findings = scoring.pef_monitoring([PefDay(morning=morning, evening=evening)])
    assert findings.variable_days == (1 if variable else 0)


@pytest.mark.parametrize(
    ("before", "after", "response"),
    [
        (400, 460, True),  # 15 % and 60 l/min
        (400, 459, False),
        (300, 360, True),  # 20 %
        (500, 570, False),  # 70 l/min but 14 %
        (200, 240, False),  # 20 % but 40 l/min
    ],
)
def test_bronchodilator_response_needs_both_limits(before, after, response):
    findings = scoring.pef_monitoring([PefDay(evening=before, evening_after=after)])
    assert findings.bronchodilator_responses == (1 if response else 0)


def test_three_times_in_two_weeks_meets_the_criterion():
    ordinary = PefDay(morning=450, morning_after=460, evening=470, evening_after=480)
    variable = PefDay(morning=380, evening=470)
    two = scoring.pef_monitoring([variable, variable, *[ordinary] * 12])
    three = scoring.pef_monitoring([variable, variable, variable, *[ordinary] * 11])
    assert not two.meets_criteria and three.meets_criteria
    responses = PefDay(morning=380, morning_after=450, evening=390, evening_after=460)  # two a day
    assert scoring.pef_monitoring([responses, responses]).bronchodilator_responses == 4


def test_missing_readings_count_nothing():
    assert scoring.pef_monitoring([PefDay(morning=300), PefDay(evening_after=500)]) == scoring.PefFindings(
        0, 0
    )


readings = st.integers(min_value=50, max_value=900)


@given(st.lists(st.tuples(readings, readings), min_size=1, max_size=14))
def test_variation_is_relative_to_the_lower_reading(pairs):
    """A day is variable exactly when the change is ≥ 60 l/min and ≥ 20 % of the day's lower reading."""
    days = [PefDay(morning=a, evening=b) for a, b in pairs]
    expected = sum(1 for a, b in pairs if abs(a - b) >= 60 and abs(a - b) * 100 >= 20 * min(a, b))
    assert scoring.pef_monitoring(days).variable_days == expected


def test_the_diary_questionnaire_is_scored():
    diary = pef_diary()
    answers = {}
    for day in (1, 2, 3):
        answers[f"pef-{day}-morning"] = [380.0]
        answers[f"pef-{day}-evening"] = [470.0]
    [score] = scoring.pef(diary, answers)
    assert (score.instrument, score.total, score.band) == ("pef", 3, "pef_variable")
    answers.pop("pef-3-evening")
    assert scoring.pef(diary, answers)[0].band == "pef_not_variable"
