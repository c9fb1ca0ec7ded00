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


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Ferries sail on Mondays.", "Mondays", "XXXX-WXX-1"),
        ("The market opens Friday nights.", "Friday nights", "XXXX-WXX-5TNI"),
        ("The council sits each Wednesday.", "each Wednesday", "XXXX-WXX-3"),
        ("Pilgrims come every April.", "every April", "XXXX-04"),
        ("The river floods each spring.", "each spring", "XXXX-SP"),
    ],
)
def test_sets_of_named_days_months_and_seasons(text: str, surface: str, value: str) -> None:
    assert _found(text)[surface] == ("SET", value)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The convoy left early Tuesday.", "early Tuesday", "2017-09-05"),
        ("Later Sunday the rebels withdrew.", "Later Sunday", "2017-09-03"),
        ("The envoy will land later this afternoon.", "later this afternoon", "2017-09-08TAF"),
        ("Stocks slid at mid-afternoon yesterday.", "mid-afternoon yesterday", "2017-09-07TAF"),
        ("The talks collapsed around 9:40 p.m.", "around 9:40 p.m.", "2017-09-08T21:40"),
        ("The vote is due around Oct. 2.", "around Oct. 2", "2017-10-02"),
        ("Exports grew in the past year.", "the past year", "2016"),
        ("Shares were up from the previous Monday.", "the previous Monday", "2017-09-04"),
        ("The ministry will reply as soon as possible.", "as soon as possible", "FUTURE_REF"),
    ],
)
def test_modifiers_and_determiners_inside(text: str, surface: str, value: str) -> None:
    assert _found(text)[surface][1] == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Output rose over a five-year period.", "a five-year period", "P5Y"),
        ("The index lagged for six trading days.", "six trading days", "P6D"),
        ("Prices peaked in March nineteen eighty-one.", "March nineteen eighty-one", "1981-03"),
        (
            "It froze in the winter of nineteen ninety-one.",
            "the winter of nineteen ninety-one",
            "1991-WI",
        ),
        ("After several quarters of losses the firm recovered.", "several quarters", "PXQ"),
    ],
)
def test_stretches_spoken_years_and_quarters(text: str, surface: str, value: str) -> None:
    assert _found(text)[surface][1] == value


def test_a_year_before_a_plural_noun_it_names() -> None:
    found = values("Relics from the 1936 Olympics and the firm's 1989 results.", PUBLISHED)
    assert found == {"1936": "1936", "1989": "1989"}
    assert values("Some 2000 troops and three quarters of the vote.", PUBLISHED) == {}


def test_quarters_seasons_and_soon_in_context() -> None:
    text = (
        "The firm posted a loss for the third quarter of $5 million, and net income for the "
        "fiscal second-quarter rose. It was the worst quarter-century for steel."
    )
    found = values(text, PUBLISHED)
    assert found == {"the third quarter": "2017-Q3", "the fiscal second-quarter": "2017-Q2"}
    assert values("Demand stayed strong well into the summer.", PUBLISHED) == {
        "the summer": "2017-SU"
    }
    assert (
        values("They will leave as soon as the roads open, soon after the vote.", PUBLISHED) == {}
    )
    assert values("The ministry will soon publish the list.", PUBLISHED) == {"soon": "FUTURE_REF"}


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Sales fell this past spring.", "this past spring", "2017-SP"),
        ("The envoys meet this coming Sunday.", "this coming Sunday", "2017-09-10"),
        ("Storms hit the coast this past weekend.", "this past weekend", "2017-W35-WE"),
        ("The vote is set for this coming March.", "this coming March", "2018-03"),
    ],
)
def test_this_past_and_this_coming(text: str, surface: str, value: str) -> None:
    assert _found(text)[surface][1] == value
