"""Event sides: joint parties, backfilled sides and their confidence, NGO and attacker coding.

Sentences written for these tests. The structural cases use the test-only actor tagger; the
coding conventions that depend on the actors stage (NGOs, places) use the whole pipeline.
"""

from __future__ import annotations

import pytest

from events_fallback import FallbackActors, dyad, fallback_coder
from tidings import nlp as nlp_models
from tidings.events.mentions import MentionIndex, side_code
from tidings.events.stage import create
from tidings.model import Article, Event
from tidings.pipeline import Pipeline, PipelineConfig


@pytest.fixture(scope="module")
def code():
    return fallback_coder()


def coded(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article(text=text)
    pipeline.annotate(article, pipeline.nlp(article.analysed_text))
    return article.events


def codes(participants) -> list[str | None]:
    return [side_code(p.actor) for p in participants]


def test_parties_meeting_or_agreeing_together_are_all_sources(code):
    for text in (
        "Peru and Chile signed a border agreement on Tuesday.",
        "Brazil and Argentina held talks on trade.",
        "Russia and Germany agreed to expand trade.",
    ):
        (event,) = code(text)
        assert len(event.sources) == 2, text
        assert event.targets == [], text


def test_no_event_has_the_same_actors_on_both_sides(code):
    texts = (
        "Peru and Chile signed a border agreement on Tuesday.",
        "Japan and South Korea agreed to hold talks with each other.",
        "Egypt and Jordan condemned the attack on Jordan.",
        "Israel said Israel would not negotiate.",
    )
    for text in texts:
        for event in code(text):
            sources = {p.actor.code for p in event.sources}
            assert not sources & {p.actor.code for p in event.targets}, text


def test_a_side_found_on_a_path_keeps_the_reading_confidence(code):
    (event,) = code("Israel was attacked by Syrian forces on Monday.")
    assert [p.found for p in event.sources + event.targets] == ["path", "path"]
    assert event.sources[0].confidence == event.confidence > 0.5


def typed_event(text: str, trigger_word: str, plover_type: str) -> Event | None:
    """The event a detector that typed ``trigger_word`` would get (test-only actor tagger)."""
    article = Article(text=text)
    doc = nlp_models.load()(article.analysed_text)
    FallbackActors()(article, doc)
    stage = create(PipelineConfig())
    index = MentionIndex(article, doc)
    token = next(t for t in doc if t.text == trigger_word)
    return stage.code(article, index, stage.detector.typed(token, plover_type, index))


def test_a_detected_event_with_one_side_on_a_path_is_kept_with_a_nearby_side():
    event = typed_event(
        "Turkish warplanes hit hard overnight, officials said, along the border with Iraq.",
        "hit",
        "ASSAULT",
    )
    assert event is not None
    assert dyad(event) == (["TUR"], "ASSAULT", ["IRQ"])
    (source,), (target,) = event.sources, event.targets
    assert (source.found, target.found) == ("path", "nearby")
    assert target.confidence < source.confidence
    assert event.confidence == target.confidence


def test_a_detected_event_with_no_side_on_a_path_takes_the_sentence_actors():
    event = typed_event("The talks were cordial, Chile told Peru.", "talks", "CONSULT")
    assert event is not None
    assert dyad(event) == (["CHL"], "CONSULT", ["PER"])
    assert {p.found for p in event.sources + event.targets} == {"nearby"}
    assert event.confidence < 0.7


def test_a_detected_event_names_no_side_twice():
    event = typed_event("Peru and Chile agreed to cooperate.", "agreed", "AGREE")
    assert event is not None
    assert sorted(codes(event.sources)) == ["CHL", "PER"]
    assert event.targets == []


def test_unknown_attackers_act_for_the_country_where_they_strike(pipeline):
    events = coded(pipeline, "Unidentified attackers shot dead two Nigerian policemen in Kano.")
    (attack,) = [e for e in events if e.type == "ASSAULT"]
    (source,) = attack.sources
    assert (side_code(source.actor), source.found) == ("NGA", "implied")
    assert source.confidence < attack.targets[0].confidence


def test_an_attack_with_no_agent_word_has_no_source(pipeline):
    events = coded(pipeline, "A bombing at the Kenyan parliament in Nairobi killed four guards.")
    assert all(e.sources == [] for e in events if e.type == "ASSAULT")


def test_an_ngo_is_coded_ngo(pipeline):
    events = coded(pipeline, "Amnesty International accused Egypt of abusing prisoners.")
    accusation = next(e for e in events if e.type == "ACCUSE")
    assert codes(accusation.sources) == ["NGO"]
    assert codes(accusation.targets) == ["EGY"]


def test_an_ngo_giving_aid_is_the_source(pipeline):
    events = coded(pipeline, "The Red Cross delivered food to refugees in Chad.")
    (aid,) = [e for e in events if e.type == "AID"]
    assert codes(aid.sources) == ["NGO"]
