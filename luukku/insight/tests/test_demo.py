import datetime as dt
from collections import Counter

from luukku.insight.demo import Catalogue, history

CATALOGUE = Catalogue(
    residents=list(range(1, 2001)),
    services=["clinic"],
    video=["video"],
    campaign=["flu"],
    queues=["nurse"],
    units=["unit-a", "unit-b"],
    templates=["diabetes"],
)


def test_generated_history_has_seasons_a_campaign_and_a_growing_digital_share():
    events = list(history(CATALOGUE, dt.date(2024, 1, 1), dt.date(2027, 1, 1)))
    months = Counter((e[0].year, e[0].month) for e in events if e[1] == "assessment.made")
    assert len(months) == 36 and all(count > 0 for count in months.values())
    for year in (2024, 2025, 2026):  # winter busier than July
        assert months[(year, 1)] > 1.4 * months[(year, 7)]
    flu = Counter(e[0].month for e in events if e[1] == "booking.booked" and e[3]["service"] == "flu")
    assert set(flu) <= {10, 11, 12, 1} and flu[10] > flu[12]

    def digital(year: int) -> float:
        assessments = [e for e in events if e[1] == "assessment.made" and e[0].year == year]
        return sum(not e[3]["by_professional"] for e in assessments) / len(assessments)

    assert digital(2026) > digital(2024) + 0.04
    kinds = {e[1] for e in events}
    for needed in ("identity.signed_in", "chat.started", "insight.contact_logged", "questionnaire.answered"):
        assert needed in kinds
    per_person = sorted(Counter(e[2] for e in events if e[2]).values(), reverse=True)
    assert sum(per_person[:200]) > 0.3 * sum(per_person)  # a tenth of the residents, a third of the use


def test_history_is_reproducible():
    first = list(history(CATALOGUE, dt.date(2026, 1, 1), dt.date(2026, 2, 1), seed=3))
    assert first == list(history(CATALOGUE, dt.date(2026, 1, 1), dt.date(2026, 2, 1), seed=3))
