"""The data model: offsets, masking and exact JSON round trips."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tidings.model import (
    SCHEMA_VERSION,
    Actor,
    Article,
    Event,
    Mention,
    Participant,
    Place,
    Quote,
    Span,
    TimeExpression,
)

TEXT = "Site name\nLISBON, May 2 - Portugal and Spain signed a water treaty on Friday, he said."


def annotated() -> Article:
    article = Article(text=TEXT, published=date(2022, 5, 2), title="Site name")
    article.excluded = [article.span(0, 9)]
    portugal = Actor("Portugal", "PRT", None, None, "country", "PRT")
    article.mentions = [
        Mention(26, 34, "Portugal", id="m1", actor=portugal),
        Mention(39, 44, "Spain", id="m2", actor=Actor("Spain", "ESP")),
    ]
    article.places = [Place(10, 16, "LISBON", id="p1", name="Lisbon", country="PRT")]
    article.timexes = [
        TimeExpression(70, 76, "Friday", id="t1", value="2022-04-29", granularity="day")
    ]
    article.quotes = [
        Quote(26, 76, TEXT[26:76], id="q1", kind="indirect", speaker=article.span(78, 80))
    ]
    article.events = [
        Event(
            id="e1",
            type="AGREE",
            trigger=article.span(45, 51),
            sentence=article.span(26, 86),
            sources=[Participant(26, 34, "Portugal", mention_id="m1", actor=portugal)],
            targets=[Participant(39, 44, "Spain", mention_id="m2", actor=Actor("Spain", "ESP"))],
            cameo="057",
            goldstein=8.0,
            quad_class=1,
        )
    ]
    return article


def test_every_span_points_at_its_text():
    article = annotated()
    spans: list[Span] = [*article.mentions, *article.places, *article.timexes, *article.quotes]
    spans += [article.events[0].trigger, *article.events[0].sources]
    for span in spans:
        assert article.text[span.start : span.end] == span.text


def test_json_round_trip_is_exact():
    article = annotated()
    data = json.loads(json.dumps(article.to_dict()))
    assert data["schema_version"] == SCHEMA_VERSION
    assert Article.from_dict(data) == article


def test_unknown_schema_version_is_refused():
    data = annotated().to_dict()
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(ValueError, match="schema version"):
        Article.from_dict(data)


def test_analysed_text_blanks_excluded_spans_without_moving_offsets():
    article = annotated()
    assert len(article.analysed_text) == len(article.text)
    assert article.analysed_text.startswith(" " * 9 + "\nLISBON")


def test_mentions_in_and_codes():
    article = annotated()
    assert [m.id for m in article.mentions_in(30, 40)] == ["m1", "m2"]
    assert article.mentions[0].actor.code == "PRT"
    assert Actor("Kremlin", "RUS", "GOV").code == "RUSGOV"
