"""Properties of the search-parameter parsing (search.py): no input crashes it, dates span exactly their
precision, the prefixes partition time as R4 3.1.1.4.2 says, and links carry only applied parameters."""

import datetime as dt
from urllib.parse import parse_qsl

import pytest
from django.db.models import Q
from hypothesis import given
from hypothesis import strategies as st

from luukku.fhir.search import (
    DATE,
    DATE_PREFIXES,
    STRING,
    TOKEN,
    SearchError,
    date_q,
    parse_date,
    parse_query,
    reference,
    token,
)

HELSINKI = dt.timezone(dt.timedelta(hours=2))
moments = st.datetimes(
    min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2100, 12, 30), timezones=st.just(HELSINKI)
).map(lambda d: d.replace(microsecond=0))
DECLARED = {"name": STRING, "status": TOKEN, "start": DATE}


def _holds(condition: Q, value: dt.datetime) -> bool:
    """Evaluate a Q of `x__gte`/`x__lt` lookups on one instant."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(_holds(child, value))
        else:
            lookup, bound = child
            results.append(value >= bound if lookup.endswith("__gte") else value < bound)
    combined = (all if condition.connector == Q.AND else any)(results) if results else True
    return not combined if condition.negated else combined


@given(st.text(max_size=40))
def test_any_text_is_a_date_or_a_search_error(text):
    try:
        value = parse_date(text)
    except SearchError:
        return
    assert value.prefix in DATE_PREFIXES and value.low < value.high


@given(moments, st.sampled_from(["year", "month", "day", "minute", "second"]))
def test_a_date_spans_exactly_its_precision(moment, precision):
    text = {
        "year": moment.strftime("%Y"),
        "month": moment.strftime("%Y-%m"),
        "day": moment.strftime("%Y-%m-%d"),
        "minute": moment.strftime("%Y-%m-%dT%H:%M+02:00"),
        "second": moment.isoformat(),
    }[precision]
    value = parse_date(text)
    if precision in ("year", "month", "day"):  # local time: compare wall clocks (Helsinki was +1:39 once)
        assert value.low.replace(tzinfo=None) <= moment.replace(tzinfo=None) < value.high.replace(tzinfo=None)
    else:
        assert value.low <= moment < value.high
    if precision == "second":
        assert value.low == moment and value.high - value.low == dt.timedelta(seconds=1)
    if precision == "year":
        assert (value.low.month, value.low.day, value.high.year) == (1, 1, moment.year + 1)


@given(moments, moments)
def test_prefixes_partition_time(searched, target):
    text = searched.isoformat()
    holds = {p: _holds(date_q("x", parse_date(p + text), now=searched), target) for p in DATE_PREFIXES}
    assert holds["eq"] != holds["ne"]
    assert holds["ge"] == (holds["eq"] or holds["gt"]) and holds["le"] == (holds["eq"] or holds["lt"])
    assert not (holds["gt"] and holds["lt"]) and holds["sa"] == holds["gt"] and holds["eb"] == holds["lt"]
    assert holds["eq"] <= holds["ap"]


def test_out_of_range_and_impossible_dates_are_refused():
    for text in [
        "1899-12-31",
        "2101",
        "2026-02-30",
        "2026-13",
        "２０２６",
        "2026-01-01T25:00",
        "2026-01-01T10:00+15:00",
    ]:
        with pytest.raises(SearchError):
            parse_date(text)


names = st.sampled_from(
    [*DECLARED, "_count", "_offset", "_sort", "colour", "name:exact", "name:bogus", "_id"]
)
pairs = st.lists(st.tuples(names, st.text(max_size=12)), max_size=6)


@given(pairs)
def test_parsing_never_crashes_and_links_carry_only_applied_parameters(given_pairs):
    try:
        query = parse_query(given_pairs, DECLARED, {"start"})
    except SearchError:
        return
    linked = {name for name, _value in parse_qsl(query.link(), keep_blank_values=True)}
    assert linked <= {"name", "name:exact", "status", "start", "_count", "_offset", "_sort"}
    assert not {"colour", "name:bogus", "_id"} & linked
    assert 0 <= query.count <= 500


@given(pairs)
def test_strict_handling_refuses_what_lenient_ignores(given_pairs):
    try:
        lenient = parse_query(given_pairs, DECLARED, {"start"})
    except SearchError:
        return
    if lenient.ignored:
        with pytest.raises(SearchError):
            parse_query(given_pairs, DECLARED, {"start"}, prefer="handling=strict")
    else:
        parse_query(given_pairs, DECLARED, {"start"}, prefer="handling=strict")


def test_tokens_and_references():
    assert token("http://x|a") == ("http://x", "a") and token("a") == (None, "a") and token("|a") == ("", "a")
    assert reference("Patient/abc-1", "Patient") == "abc-1"
    assert reference("https://example.fi/fhir/Patient/abc", "Patient") == "abc"
    assert reference("abc", "Patient") == "abc"
    for wrong in ["Practitioner/1", "Patient/a b", "Patient/²"]:
        with pytest.raises(SearchError):
            reference(wrong, "Patient")
