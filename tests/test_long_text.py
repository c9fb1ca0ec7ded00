"""A long article is coded in bounded pieces whose annotations join into one consistent article."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date

from tidings.chunking import split_article
from tidings.model import REFERENCE_FIELDS, Article, Span

PARAGRAPHS = [
    "GENEVA, May 3 - Norway's foreign minister met Chilean President Ana Reyes on Tuesday, "
    "officials said.",
    '"We agreed to resume the talks next month," Reyes told reporters in Geneva.',
    "She said Chile would send an envoy to Oslo on June 2, 2022.",
    "Protesters in Santiago accused the government of ignoring the fishing communities.",
    "The Norwegian ministry said it welcomed the proposal and would reply by Friday.",
]


def long_article(repeats: int) -> Article:
    body = "\n\n".join(PARAGRAPHS * repeats)
    text = "Talks in Geneva\n2022-05-03\n\n" + body + "\n"
    return Article(
        text=text,
        title="Talks in Geneva",
        title_span=Span(0, 15, "Talks in Geneva"),
        excluded=[Span(0, 15, "Talks in Geneva")],
        published=date(2022, 5, 3),
        dateline=Span(29, 43, text[29:43]),
        dateline_place="Geneva",
    )


def spans_in(item: object) -> list[Span]:
    found = [item] if isinstance(item, Span) else []
    for f in fields(item):
        value = getattr(item, f.name)
        for element in value if isinstance(value, list) else [value]:
            if is_dataclass(element):
                found.extend(spans_in(element))
    return found


def test_pieces_cover_the_text_with_the_metadata_where_it_falls() -> None:
    article = long_article(20)
    pieces = split_article(article, max_chars=1500)
    assert len(pieces) > 3
    assert "".join(piece.text for _, piece in pieces) == article.text
    assert all(len(piece.text) <= 1500 for _, piece in pieces)
    assert [offset for offset, _ in pieces][1:] == [
        offset + len(piece.text) for offset, piece in pieces[:-1]
    ]
    first, rest = pieces[0][1], [piece for _, piece in pieces[1:]]
    assert first.dateline == article.dateline and first.excluded == article.excluded
    assert all(p.dateline is None and not p.excluded and p.title_span is None for p in rest)
    assert all(p.published == article.published and p.id == article.id for _, p in pieces)
    assert split_article(article, max_chars=len(article.text)) == [(0, article)]


def test_a_long_article_coded_in_pieces_is_one_consistent_article(pipeline, monkeypatch) -> None:
    repeats = 12
    whole = pipeline(long_article(repeats))
    monkeypatch.setattr(pipeline, "piece_chars", 2000)
    seen: list[int] = []
    (pieced,) = pipeline.process(
        [long_article(repeats)], progress=lambda article, done: seen.append(done)
    )
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] == len(pieced.text)
    for name in Article.ANNOTATIONS:
        items = getattr(pieced, name)
        ids = [getattr(item, "id", "") for item in items]
        assert len(set(ids)) == len(ids), name
        for item in items:
            for span in spans_in(item):
                assert pieced.text[span.start : span.end] == span.text, (name, span)
    known = {
        i.id for name in Article.ANNOTATIONS for i in getattr(pieced, name) if hasattr(i, "id")
    }
    for name in Article.ANNOTATIONS:
        for item in getattr(pieced, name):
            for f in fields(item):
                value = getattr(item, f.name)
                if f.name in REFERENCE_FIELDS and value and value != "dateline":
                    assert value in known, (name, f.name, value)
    # every piece found what the whole text holds, bar the context lost at a few cuts
    for name in ("mentions", "timexes", "quotes", "events"):
        assert abs(len(getattr(pieced, name)) - len(getattr(whole, name))) <= 0.1 * len(
            getattr(whole, name)
        ), name
    assert [t.value for t in pieced.timexes].count("2022-06-02") == repeats
