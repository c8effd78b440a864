"""PartialDate: a date known to the day, the month or the year, and when two dates can be ordered."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.chronology import InvalidDate, PartialDate, Precision, Qualifier


def d(text: str, qualifier: str | None = None) -> PartialDate:
    return PartialDate.parse(text, qualifier)


@pytest.mark.parametrize(
    "text, precision",
    [("2003", Precision.YEAR), ("2003-04", Precision.MONTH), ("2003-04-09", Precision.DAY)],
)
def test_precision_follows_the_written_form(text, precision):
    date = d(text)
    assert date.precision is precision
    assert date.iso() == text


def test_span_of_each_precision():
    assert (d("2003").earliest, d("2003").latest) == (dt.date(2003, 1, 1), dt.date(2003, 12, 31))
    assert (d("2004-02").earliest, d("2004-02").latest) == (dt.date(2004, 2, 1), dt.date(2004, 2, 29))
    assert d("2003-04-09").earliest == d("2003-04-09").latest == dt.date(2003, 4, 9)


def test_qualifiers_narrow_the_span_but_stay_wide():
    early = d("2007", "early")
    assert early.earliest == dt.date(2007, 1, 1) and early.latest == dt.date(2007, 6, 30)
    late_april = d("2004-04", "late")
    assert late_april.earliest == dt.date(2004, 4, 16) and late_april.latest == dt.date(2004, 4, 30)
    assert str(late_april) == "late 2004-04"


def test_same_day_events_cannot_be_ordered():
    assert not d("2020-01-03").can_be_ordered_with(d("2020-01-03"))


def test_a_day_inside_a_month_cannot_be_ordered_with_that_month():
    assert not d("2014-06-29").can_be_ordered_with(d("2014-06"))
    assert d("2014-06-29").can_be_ordered_with(d("2014-08"))


def test_early_year_and_a_day_early_that_year_cannot_be_ordered():
    assert not d("2007", "early").can_be_ordered_with(d("2007-01-15"))
    assert d("2007", "early").certainly_before(d("2007-09-01"))


def test_end_of_year_is_after_the_first_half():
    assert d("2017-03").certainly_before(d("2017", "late"))
    assert not d("2017-12").can_be_ordered_with(d("2017", "late"))


def test_sort_key_puts_narrower_dates_first_on_the_same_start():
    dates = [d("2011"), d("2011-12"), d("2011-01"), d("2011-01-01")]
    assert [x.iso() for x in sorted(dates, key=PartialDate.sort_key)] == ["2011-01-01", "2011-01", "2011", "2011-12"]


@pytest.mark.parametrize(
    "text, qualifier, message",
    [
        ("2003-02-30", None, "does not exist"),
        ("2003-13", None, "month 13"),
        ("03-04-2003", None, "not YYYY"),
        ("", None, "not YYYY"),
        ("2003-04-09", "early", "cannot carry"),
    ],
)
def test_invalid_dates_say_why(text, qualifier, message):
    with pytest.raises(InvalidDate, match=message):
        d(text, qualifier)


def test_unknown_qualifier_is_refused():
    with pytest.raises(ValueError):
        d("2003", "sometime")


partial_dates = st.builds(
    lambda y, m, day, q, precision: (
        PartialDate(y) if precision == "year" and q is None
        else PartialDate(y, qualifier=q) if precision == "year"
        else PartialDate(y, m, qualifier=q) if precision == "month"
        else PartialDate(y, m, day)
    ),
    st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28),
    st.one_of(st.none(), st.sampled_from(list(Qualifier))), st.sampled_from(["year", "month", "day"]),
)


@given(partial_dates, partial_dates)
def test_ordering_is_antisymmetric_and_consistent_with_spans(a, b):
    assert not (a.certainly_before(b) and b.certainly_before(a))
    if a.certainly_before(b):
        assert a.sort_key() < b.sort_key()
    assert a.can_be_ordered_with(b) == b.can_be_ordered_with(a)
    assert not a.can_be_ordered_with(a)


@given(partial_dates)
def test_iso_round_trips(date):
    assert PartialDate.parse(date.iso(), date.qualifier) == date
