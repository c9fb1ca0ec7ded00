"""What a TIMEX3 covers by the TimeML conventions, and the number words and ranges inside it."""

from __future__ import annotations

from datetime import date

import pytest

from time_helpers import tag, values

PUBLISHED = date(2017, 9, 8)


def _found(text: str) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in tag(text, PUBLISHED)}


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a preposition is a signal, outside the expression; an approximator is inside
        ("Exports fell over the past two years.", "the past two years"),
        ("The pipeline was built over three years.", "three years"),
        ("The siege lasted over two months.", "over two months"),
        ("The ceasefire held for nearly four months.", "nearly four months"),
        ("The inquiry may run for no more than ninety days.", "no more than ninety days"),
        # focus adverbs are not TimeML modifiers
        ("She led the agency for only six months.", "six months"),
        ("The envoy arrived barely a week after the vote.", "a week"),
        # the article of a larger noun phrase belongs to that phrase
        ("Lawmakers ended the two-week recess early.", "two-week"),
        ("The firm blamed the third-quarter loss on fuel costs.", "third-quarter"),
        # possessives stay outside
        ("The firm said its fourth quarter ended in June.", "fourth quarter"),
    ],
)
def test_span_boundaries(text: str, surface: str) -> None:
    assert surface in _found(text)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Repairs may take two to three weeks.", "two to three weeks", "PXW"),
        ("The rebels could hold out for weeks or months.", "weeks or months", "PXW"),
        ("A deal could come in a year or two.", "a year or two", "PXY"),
        ("The plant will close over the next two years or so.", "the next two years or so", "P2Y"),
        ("Talks should resume next month or so.", "next month or so", "2017-10"),
        ("The tanks moved in a week or so ago.", "a week or so ago", "2017-W35"),
        ("No surplus is expected until 2021 or later.", "2021 or later", "2021"),
        ("Troops have left in recent weeks and months.", "recent weeks and months", "PXW"),
    ],
)
def test_ranges_and_approximate_tails(text: str, surface: str, value: str) -> None:
    assert _found(text)[surface][1] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The treaty kept the peace for more than two thousand years.", "P2000Y"),
        ("The empire lasted four hundred years.", "P400Y"),
        ("The relay took 3.5 hours.", "PT3.5H"),
        ("She finished in two minutes 26.85 seconds.", "PT2M26.85S"),
        ("The occupation lasted three years and six months.", "P3Y6M"),
        ("The hostages were held 2 hours, 30 minutes.", "PT2H30M"),
    ],
    ids=["thousands", "hundreds", "decimal", "minutes-and-seconds", "years-and-months", "comma"],
)
def test_number_words_decimals_and_compound_durations(text: str, value: str) -> None:
    found = _found(text)
    assert [v for v in found.values() if v[0] == "DURATION"] == [("DURATION", value)]


def test_units_in_the_wrong_order_are_a_list_not_one_duration() -> None:
    found = values("Terms of six months and three years were handed down.", PUBLISHED)
    assert found == {"six months": "P6M", "three years": "P3Y"}
