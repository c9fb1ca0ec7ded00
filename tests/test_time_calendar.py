"""calendar.parse: the one reading of TimeML values as intervals (dedup, store and queries)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tidings.time import calendar
from tidings.time.calendar import Point, parse


@pytest.mark.parametrize(
    ("value", "first", "last", "granularity"),
    [
        ("2017-09-07", "2017-09-07", "2017-09-07", "day"),
        ("2017-09-07T14:30", "2017-09-07", "2017-09-07", "day"),
        ("2017-09", "2017-09-01", "2017-09-30", "month"),
        ("2016-02", "2016-02-01", "2016-02-29", "month"),
        ("2017-W36", "2017-09-04", "2017-09-10", "week"),
        ("2017-W36-WE", "2017-09-09", "2017-09-10", "weekend"),
        ("2020-W53", "2020-12-28", "2021-01-03", "week"),
        ("2017-Q2", "2017-04-01", "2017-06-30", "quarter"),
        ("2017-H2", "2017-07-01", "2017-12-31", "half"),
        ("2017-WI", "2017-12-01", "2018-02-28", "season"),
        ("2019-WI", "2019-12-01", "2020-02-29", "season"),
        ("2017-SU", "2017-06-01", "2017-08-31", "season"),
        ("2017", "2017-01-01", "2017-12-31", "year"),
        ("201", "2010-01-01", "2019-12-31", "decade"),
        ("19", "1900-01-01", "1999-12-31", "century"),
    ],
)
def test_calendar_values_become_intervals(value, first, last, granularity) -> None:
    span = parse(value)
    assert span == calendar.Interval(
        date.fromisoformat(first), date.fromisoformat(last), granularity
    )


@pytest.mark.parametrize(
    "value",
    [
        "PRESENT_REF",
        "PAST_REF",
        "P3Y",
        "PT2H",
        "XXXX-XX",
        "2017-02-30",
        "2017-W54",
        "2017-13",
        "2017-Q5",
        "",
        "0",
        "not a date",
        "2017-09-07-01",
    ],
)
def test_values_that_name_no_calendar_stretch(value) -> None:
    assert parse(value) is None


@given(
    st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)),
    st.sampled_from(["day", "week", "month", "quarter", "half", "year", "decade"]),
)
def test_every_formatted_point_parses_back_to_an_interval_holding_it(day, granularity) -> None:
    point = Point.of(day, granularity)
    span = parse(point.value)
    assert span is not None and span.granularity == granularity
    assert span.first == point.day <= day <= span.last
