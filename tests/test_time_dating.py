"""The dating stage: events and quotes take the date that governs them in the text."""

from __future__ import annotations

from datetime import date

from tidings import nlp
from tidings.model import Actor, Article, Event, Quote, Span
from tidings.time.event_and_quote_dates import DatingStage, calendar_date
from tidings.time.stage import TimeStage

PUBLISHED = date(2017, 9, 8)


def span(text: str, words: str, after: str = "") -> Span:
    start = text.index(words, text.index(after) if after else 0)
    return Span(start, start + len(words), words)


def article_with(text: str, published: date | None = PUBLISHED) -> tuple[Article, object]:
    article = Article(text=text, published=published)
    doc = nlp.load()(article.analysed_text)
    TimeStage()(article, doc)
    return article, doc


def event(text: str, trigger: str, after: str = "") -> Event:
    where = span(text, trigger, after)
    return Event(id="e1", type="CONSULT", trigger=where, sentence=where)


def quote(text: str, content: str, cue: str, speaker: str) -> Quote:
    words = span(text, content)
    return Quote(
        start=words.start,
        end=words.end,
        text=words.text,
        cue=span(text, cue, speaker),
        speaker=span(text, speaker),
        speaker_actor=Actor(name=speaker),
    )


def test_quote_dated_by_the_time_attached_to_its_speech_verb() -> None:
    text = 'The foreign minister said in Oslo yesterday, "We will sign the accord next month."'
    article, doc = article_with(text)
    article.quotes = [quote(text, "We will sign the accord next month.", "said", "minister")]
    DatingStage()(article, doc)
    (dated,) = article.quotes
    assert (dated.date, dated.date_source) == ("2017-09-07", "text")
    assert article.timexes[0].id == dated.time_id


def test_a_date_inside_the_quote_does_not_date_the_speaking() -> None:
    text = 'The general said, "The drills will end next month."'
    article, doc = article_with(text)
    article.quotes = [quote(text, "The drills will end next month.", "said", "general")]
    DatingStage()(article, doc)
    assert (article.quotes[0].date, article.quotes[0].date_source) == ("2017-09-08", "dateline")


def test_event_dated_by_a_nominal_modifier() -> None:
    text = "Seoul condemned the Sept. 3 missile launch by the North."
    article, doc = article_with(text)
    article.events = [event(text, "launch")]
    DatingStage()(article, doc)
    dated = article.events[0]
    assert (dated.date, dated.date_source, dated.date_granularity) == ("2017-09-03", "text", "day")


def test_event_dated_by_a_time_in_its_clause() -> None:
    text = "On Sept. 7, in a phone call with the Japanese premier, the president urged restraint."
    article, doc = article_with(text)
    article.events = [event(text, "call")]
    DatingStage()(article, doc)
    assert article.events[0].date == "2017-09-07"


def test_event_keeps_the_granularity_of_its_time() -> None:
    text = "The two armies clashed in March 2016 near the river."
    article, doc = article_with(text)
    article.events = [event(text, "clashed")]
    DatingStage()(article, doc)
    assert (article.events[0].date, article.events[0].date_granularity) == ("2016-03", "month")


def test_without_a_time_the_dateline_dates_it() -> None:
    text = "The parliament approved the budget."
    article, doc = article_with(text)
    article.events = [event(text, "approved")]
    DatingStage()(article, doc)
    dated = article.events[0]
    assert (dated.date, dated.date_source, dated.time_id) == ("2017-09-08", "dateline", None)


def test_without_any_date_nothing_is_invented() -> None:
    text = "The parliament approved the budget."
    article, doc = article_with(text, published=None)
    article.events = [event(text, "approved")]
    DatingStage()(article, doc)
    assert (article.events[0].date, article.events[0].date_source) == (None, "none")


def test_continued_quote_takes_the_date_of_the_speakers_previous_quote() -> None:
    text = (
        'The envoy said on Tuesday, "We are ready to talk."\n\n'
        '"We only ask for guarantees," the envoy said.'
    )
    article, doc = article_with(text)
    first = quote(text, "We are ready to talk.", "said", "envoy")
    second = quote(text, "We only ask for guarantees,", "said", "envoy")
    second.cue = span(text, "said", "guarantees")
    article.quotes = [first, second]
    DatingStage()(article, doc)
    assert [q.date for q in article.quotes] == ["2017-09-05", "2017-09-05"]


def test_durations_and_vague_times_date_nothing() -> None:
    article, _ = article_with("The talks lasted three days and are now over.")
    assert [calendar_date(t) for t in article.timexes] == [None, None]


def test_an_event_outside_a_quote_is_not_dated_by_a_time_inside_it() -> None:
    text = 'The council condemned the plan, "which would starve the north this winter."'
    article, doc = article_with(text)
    content = span(text, "which would starve the north this winter.")
    article.quotes = [Quote(start=content.start, end=content.end, text=content.text)]
    article.events = [event(text, "condemned")]
    DatingStage()(article, doc)
    assert (article.events[0].date, article.events[0].date_source) == ("2017-09-08", "dateline")


def test_the_dateline_date_is_no_date_in_the_text() -> None:
    text = "Sept. 8, 2017 (Wire)—The two governments resumed talks."
    article, doc = article_with(text)
    article.dateline = span(text, "Sept. 8, 2017 (Wire)—")
    article.events = [event(text, "resumed")]
    DatingStage()(article, doc)
    assert (article.events[0].date, article.events[0].date_source) == ("2017-09-08", "dateline")


def test_a_date_modifying_a_noun_dates_only_that_noun() -> None:
    text = "The allies pressed for talks in the wake of the Sept. 3 missile launch."
    article, doc = article_with(text)
    article.events = [event(text, "pressed"), event(text, "launch")]
    DatingStage()(article, doc)
    assert [e.date for e in article.events] == ["2017-09-08", "2017-09-03"]
    assert [e.date_source for e in article.events] == ["dateline", "text"]


def test_the_paragraphs_date_carries_over_to_later_sentences() -> None:
    text = "The envoy arrived in Cairo on Sept. 6. He met the foreign minister.\n\nThe talks ended."
    article, doc = article_with(text)
    article.events = [event(text, "met"), event(text, "ended")]
    DatingStage()(article, doc)
    assert [e.date for e in article.events] == ["2017-09-06", "2017-09-08"]


def test_blank_or_empty_spans_fall_back_to_the_dateline() -> None:
    text = 'He said  \n\n  "We are ready."'
    article, doc = article_with(text)
    words = span(text, "We are ready.")
    article.quotes = [
        Quote(start=words.start, end=words.end, text=words.text, cue=Span(9, 12, text[9:12]))
    ]
    article.events = [Event(id="e1", type="AGREE", trigger=Span(3, 3, ""), sentence=words)]
    DatingStage()(article, doc)
    assert article.quotes[0].date_source == "dateline"
    assert article.events[0].date_source == "dateline"
