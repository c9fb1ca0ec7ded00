"""Relative expressions against the dateline: deictic days, weekdays by tense, units,
seasons, year boundaries and anaphora against the narrative's last date."""

from __future__ import annotations

from datetime import date

from time_helpers import tag, values

FRIDAY = date(2017, 9, 8)  # a Friday
WEDNESDAY = date(2018, 1, 10)


def test_deictic_days() -> None:
    found = values("Officials said yesterday that talks resume tomorrow, not today.", FRIDAY)
    assert found == {"yesterday": "2017-09-07", "tomorrow": "2017-09-09", "today": "2017-09-08"}


def test_weekday_takes_the_tense_of_its_clause() -> None:
    past = values("The envoy said on Monday that the border was closed.", WEDNESDAY)
    future = values("The envoys will meet on Monday in Geneva.", WEDNESDAY)
    assert past["Monday"] == "2018-01-08"
    assert future["Monday"] == "2018-01-15"


def test_weekday_with_last_and_next() -> None:
    found = values("They met last Friday and will talk again next Friday.", WEDNESDAY)
    assert found == {"last Friday": "2018-01-05", "next Friday": "2018-01-12"}


def test_calendar_units_relative_to_the_dateline() -> None:
    text = "Output fell last week and last month, rose earlier this year and may rise next month."
    found = values(text, FRIDAY)
    assert found["last week"] == "2017-W35"
    assert found["last month"] == "2017-08"
    assert found["earlier this year"] == "2017"
    assert found["next month"] == "2017-10"


def test_year_boundary_last_december_in_january() -> None:
    found = values("The rebels attacked last December.", WEDNESDAY)
    assert found["last December"] == "2017-12"


def test_year_boundary_past_date_late_in_the_previous_year() -> None:
    assert values("The ceasefire collapsed on Dec. 28.", WEDNESDAY)["Dec. 28"] == "2017-12-28"
    assert values("Voters will go to the polls on Jan. 3.", date(2017, 12, 20))["Jan. 3"] == (
        "2018-01-03"
    )


def test_seasons() -> None:
    found = values("A deep freeze is feared this winter, as happened last winter.", FRIDAY)
    assert found == {"this winter": "2017-WI", "last winter": "2016-WI"}


def test_two_days_later_resolves_against_the_previous_narrative_date() -> None:
    timexes = tag("Troops crossed the border on March 3. Two days later they withdrew.", FRIDAY)
    first, later = timexes
    assert later.value == "2017-03-05"
    assert later.anchor == first.id


def test_quarters_and_year_ago_comparisons() -> None:
    text = (
        "Profit rose in the third quarter to $5 million from $4 million a year earlier. "
        "Revenue in the quarter was flat."
    )
    found = values(text, date(2017, 10, 30))
    assert found["the third quarter"] == "2017-Q3"
    assert found["a year earlier"] == "2016-Q3"
    assert found["the quarter"] == "2017-Q3"


def test_deictic_anchor_is_the_dateline() -> None:
    (timex,) = tag("The ministry spoke yesterday.", FRIDAY)
    assert timex.anchor == "dateline"
