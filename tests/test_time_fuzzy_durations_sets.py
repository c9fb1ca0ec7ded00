"""Vague references, durations, sets and clock times."""

from __future__ import annotations

from datetime import date

import pytest

from time_helpers import tag, values

PUBLISHED = date(2017, 9, 8)


def test_fuzzy_references() -> None:
    found = values("Relations have recently improved and are now stable.", PUBLISHED)
    assert found == {"recently": "PAST_REF", "now": "PRESENT_REF"}


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The war has lasted three years.", "three years", "P3Y"),
        ("The talks took 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("Prices doubled in the past decade.", "the past decade", "P10Y"),
        ("The strike lasted nearly four months.", "nearly four months", "P4M"),
        ("The siege ended after 36 hours.", "36 hours", "PT36H"),
        ("A two-year truce was agreed.", "two-year", "P2Y"),
    ],
)
def test_durations(text: str, surface: str, value: str) -> None:
    timexes = {t.text: t for t in tag(text, PUBLISHED)}
    assert timexes[surface].value == value
    assert timexes[surface].type == "DURATION"


def test_ages_are_not_durations() -> None:
    assert values("The minister, 52 years old, resigned.", PUBLISHED) == {}


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Inspectors visit the site every week.", "every week", "P1W"),
        ("Patrols run daily along the border.", "daily", "P1D"),
        ("The council meets every other month.", "every other month", "P2M"),
    ],
)
def test_sets(text: str, surface: str, value: str) -> None:
    timexes = {t.text: t for t in tag(text, PUBLISHED)}
    assert (timexes[surface].type, timexes[surface].value) == ("SET", value)


def test_frequency_adjectives_are_sets_too() -> None:
    assert values("She spoke at her weekly briefing.", PUBLISHED) == {"weekly": "P1W"}


def test_unknown_numbers_of_decades() -> None:
    assert values("The dispute has lasted for decades.", PUBLISHED) == {"decades": "PXDE"}
    found = values("The vote ended years of talks and decades of war.", PUBLISHED)
    assert found == {"years": "PXY", "decades": "PXDE"}
    assert values("Most of the years of the war were lost.", PUBLISHED) == {}


def test_clock_times_take_the_day() -> None:
    found = values("The vote closes at 10:30 p.m. Friday.", PUBLISHED)
    assert found["10:30 p.m. Friday"] == "2017-09-08T22:30"
    assert values("He spoke this morning.", PUBLISHED)["this morning"] == "2017-09-08TMO"
