"""Actor positions read from quotes and events."""

from __future__ import annotations

from dataclasses import replace

import pytest

from analysis_helpers import NORTH_KOREA, RUSSIA, WANG, Coder, korea_report
from tidings.analysis.positions import (
    clauses,
    issue_of,
    positions,
    stance_of,
    stances_over_time,
)
from tidings.model import Actor

JAPAN = Actor("Japan", "JPN")


def test_positions_of_china_russia_and_the_united_states() -> None:
    found = positions([korea_report("EIR")])
    stances = {(p.country, p.issue, p.stance, p.via) for p in found}
    assert stances == {
        ("CHN", "security_council", "supports", "quote"),
        ("CHN", "dialogue/PRK", "calls for", "quote"),
        ("RUS", "sanctions/PRK", "opposes", "quote"),
        ("RUS", "dialogue", "calls for", "quote"),  # "persuade Pyongyang to keep up the talks"
        ("USA", "military_action", "opposes", "quote"),
        ("CHN", "dialogue/PRK", "calls for", "event"),
        ("RUS", "dialogue/PRK", "calls for", "event"),
        ("CHN", "deployment", "rejects", "event"),  # "deployment of a ... system in South Korea"
    }
    article = korea_report("EIR")
    for p in found:  # every position points at the words it was read from
        assert article.text[p.start : p.end] == p.evidence and p.article_id == article.id
    denisov = next(p for p in found if p.issue == "sanctions/PRK")
    assert (denisov.actor, denisov.date) == ("Andrey Denisov", "2017-09-07")
    trump = next(p for p in found if p.country == "USA")
    assert trump.date == "2017-09-08"  # no date in the text: the publication date


def test_stances_over_time_groups_by_actor_and_issue_in_date_order() -> None:
    early = korea_report("EIR", published="2017-09-08")
    late = korea_report("TASS", published="2017-09-20")
    table = stances_over_time(positions([late, early]))
    history = table[("USA", "military_action")]
    assert [p.date for p in history] == ["2017-09-08", "2017-09-20"]
    # date order even when different people of one country speak
    late = replace(history[0], actor="Aaron Example", date="2017-10-01")
    early = replace(history[0], actor="Zoe Example", date="2017-09-01")
    dated = stances_over_time([late, early])[("USA", "military_action")]
    assert [p.date for p in dated] == ["2017-09-01", "2017-10-01"]


@pytest.mark.parametrize(
    ("clause", "stance"),
    [
        ("the ministers urged a return to talks", "calls for"),
        ("Tokyo does not support new sanctions", "opposes"),
        ("we welcome the resolution", "supports"),
        ("the government rejected the proposal outright", "rejects"),
        ("the plan is unacceptable to us", "rejects"),
        ("a military strike would not be a good option for anyone", "opposes"),
        ("the weather was fine", None),
    ],
)
def test_stance_cues(clause: str, stance: str | None) -> None:
    found = stance_of(clause)
    assert (found[0] if found else None) == stance


def test_the_issue_nearest_the_cue_wins() -> None:
    clause = "after the nuclear test they insisted on negotiations"
    stance = stance_of(clause)
    assert stance is not None and stance[0] == "calls for"
    issue = issue_of(clause, stance[2])
    assert issue is not None and issue.key == "dialogue"
    assert clause[issue.start : issue.end] == "negotiations"


def test_a_clause_without_an_issue_continues_the_previous_one() -> None:
    text = "A peaceful settlement is within reach. This must be done, the minister said."
    coder = Coder(text, "AP", "2017-09-08")

    coder.quote("A peaceful settlement is within reach. This must be done", WANG, "the minister")
    [position] = positions([coder.article])
    assert (position.issue, position.stance) == ("dialogue", "calls for")
    assert position.evidence == "This must be done"


def test_the_country_an_issue_is_about_comes_from_the_phrase() -> None:
    text = "Japan wants curbs on Pyongyang's missile programmes, the minister said."
    coder = Coder(text, "AP", "2017-09-08")
    coder.mention("Pyongyang", NORTH_KOREA)
    coder.mention("Japan", JAPAN)
    coder.quote("Japan wants curbs on Pyongyang's missile programmes", WANG, "the minister")
    [position] = positions([coder.article])
    assert (position.issue, position.stance) == ("nuclear_programme/PRK", "calls for")


def test_an_event_without_an_issue_in_its_clause_takes_the_sentence_topic() -> None:
    text = (
        "The draft would ban fuel sales to the north, a step toward talks. Parts are unacceptable."
    )
    coder = Coder(text, "AP", "2017-09-08")
    event = coder.event("REJECT", "unacceptable", [("Parts", RUSSIA)])
    event.sentence = coder.article.span(0, len(text))  # a stage may give a span of two sentences
    [position] = positions([coder.article])
    assert (position.issue, position.stance, position.via) == ("sanctions", "rejects", "event")


def test_a_clause_ends_after_a_closing_quotation_mark() -> None:
    text = 'The plan would ban fuel sales, "a step toward talks." Parts are unacceptable.'
    assert [text[s:e] for s, e in clauses(0, len(text), text)] == [
        'The plan would ban fuel sales, "a step toward talks',
        "Parts are unacceptable.",
    ]
