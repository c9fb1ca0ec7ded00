"""Absolute dates in news styles: full dates, day-month, month-year, years, decades."""

from __future__ import annotations

from datetime import date

import pytest

from time_helpers import tag, values

PUBLISHED = date(2017, 9, 8)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The summit opened on Sept. 8, 2017 in Hanoi.", "Sept. 8, 2017", "2017-09-08"),
        ("Talks were held on 8 September 2016 in Minsk.", "8 September 2016", "2016-09-08"),
        ("The treaty was signed in March 1999.", "March 1999", "1999-03"),
        ("The decree took effect on 2016-02-29.", "2016-02-29", "2016-02-29"),
        ("Elections were held in 1998 and again later.", "1998", "1998"),
        ("The army grew in the late 1980s.", "the late 1980s", "198"),
        ("Prices fell on Tuesday, Sept. 5, analysts said.", "Tuesday, Sept. 5", "2017-09-05"),
    ],
)
def test_absolute_dates(text: str, surface: str, value: str) -> None:
    assert values(text, PUBLISHED)[surface] == value


def test_day_without_year_takes_the_article_year() -> None:
    found = values("The minister arrived on Sept. 7 and left two days later.", PUBLISHED)
    assert found["Sept. 7"] == "2017-09-07"
    assert found["two days later"] == "2017-09-09"


def test_day_without_year_is_absolute_when_the_year_is_written() -> None:
    (timex,) = tag("The accord dates from July 4, 1976.", PUBLISHED)
    assert (timex.anchor, timex.granularity) == ("", "day")


def test_ambiguous_month_names_need_context() -> None:
    assert values("The talks may resume and march on.", PUBLISHED) == {}
    assert values("The vote was held in May.", PUBLISHED) == {"May": "2017-05"}


def test_counts_are_not_years() -> None:
    assert "2000" not in values("The ministry sent 2000 soldiers to the border.", PUBLISHED)


def test_without_a_publication_date_values_stay_unresolved() -> None:
    found = values("He arrived on Sept. 7 and spoke yesterday.", None)
    assert found == {"Sept. 7": "XXXX-09-07", "yesterday": "XXXX-XX-XX"}


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        (
            "Shops reopened the day after Thanksgiving.",
            date(2017, 11, 28),
            "Thanksgiving",
            "2017-11-23",
        ),
        ("Crowds filled the square on Good Friday.", date(2018, 4, 2), "Good Friday", "2018-03-30"),
        ("The strike began on Labor Day.", date(2017, 9, 8), "Labor Day", "2017-09-04"),
        ("Veterans will march on Memorial Day.", date(2017, 5, 1), "Memorial Day", "2017-05-29"),
        ("Easter 2019 fell late in April.", date(2017, 1, 1), "Easter 2019", "2019-04-21"),
        ("Spending rose sharply in FY2016.", date(2017, 9, 8), "FY2016", "2016"),
    ],
)
def test_movable_holidays_and_fiscal_years(
    text: str, published: date, surface: str, value: str
) -> None:
    assert values(text, published)[surface] == value
