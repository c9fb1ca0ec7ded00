"""Quotation-mark pairing: paragraph rules, curly and straight marks, unbalanced marks."""

from __future__ import annotations

from tidings.layout import paragraphs
from tidings.quotes.marks import find_quoted


def texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text, paragraphs(text))]


def test_straight_and_curly_marks() -> None:
    text = 'She said "we are ready," and he replied “not yet.”'
    assert texts(text) == ["we are ready,", "not yet."]


def test_quote_over_several_paragraphs_reopens_each_paragraph() -> None:
    text = (
        '"The harbour will reopen on Monday.\n\n'
        '"Ships will be inspected before they dock," the port director said.\n\n'
        "Traffic resumed later."
    )
    (quote,) = find_quoted(text, paragraphs(text))
    assert quote.paragraphs == 2
    assert text[quote.start : quote.end].startswith("The harbour will reopen")
    assert text[quote.start : quote.end].endswith("before they dock,")
    assert "Traffic" not in text[quote.start : quote.end]


def test_unbalanced_mark_stops_at_its_paragraph() -> None:
    text = (
        'The envoy called the plan "a first step toward calm.\n\n'
        "Talks resume in Oslo next week.\n\n"
        'Delegates described the mood as "cautious" on Friday.'
    )
    found = find_quoted(text, paragraphs(text))
    assert [text[q.start : q.end] for q in found] == ["a first step toward calm.", "cautious"]
    assert not found[0].balanced
    assert "Oslo" not in text[found[0].start : found[0].end]


def test_orphan_closing_mark_starts_at_its_paragraph() -> None:
    text = 'Intro line.\n\nWe will not back down," the mayor said.'
    assert texts(text) == ["We will not back down,"]


def test_single_marks_but_not_apostrophes() -> None:
    text = "Protesters' banners read 'No more delays' outside the ministry's gate."
    assert texts(text) == ["No more delays"]


def test_typewriter_double_quotes_and_inch_marks() -> None:
    text = "The senator, who is 6'2\" tall, said ''we need a vote'' on the bill."
    assert texts(text) == ["we need a vote"]


def test_paragraphs_skip_blank_lines() -> None:
    text = "One.\n\n  Two.  \nThree."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two.", "Three."]


def test_backticks_open_a_typewriter_quote() -> None:
    """Older wire copy (and Penn Treebank text) opens with two backticks and closes with two
    apostrophes; each pair is one quote, not an orphan closing mark."""
    text = "KIEV (AP) _ Envoys met Friday. ``We settled every question,'' the envoy said. ``Yes.''"
    assert texts(text) == ["We settled every question,", "Yes."]
    first = find_quoted(text, paragraphs(text))[0]
    assert first.open_mark == text.index("``")
