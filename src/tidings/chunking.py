"""Texts of any length: long ones are cut at natural boundaries, parsed and coded in pieces.

spaCy refuses texts over ``nlp.max_length`` and its memory grows with text length, so a 1 MB
line with no sentence boundary must not reach it whole. :func:`pipe_chunked` splits a long text
into consecutive pieces (at a paragraph break, else a line break, else a sentence end, else any
space, else a hard cut) and joins their Docs with ``Doc.from_docs``: the joined Doc's text is
exactly the input, so character offsets are those of the whole text and nothing is lost.

spaCy's working memory while it parses a batch grows with the batch's tokens (about 16 KB a
token for the small English model: 16 articles of 3,000 words take 800 MB), so batches are
bounded by characters as well as by count: peak memory no longer depends on how long the
articles of one batch happen to be.

A long *article* is coded in pieces too (:func:`split_article`, :func:`join_pieces`): each piece
is parsed and annotated on its own, its Doc dropped, and the pieces' annotations are joined into
the article with offsets shifted and ids renumbered. Memory then grows with the annotations
(small), not with the parse of the whole text, and time stays linear in its length; only
context across a cut (a pronoun whose antecedent is in the previous piece) is lost, once every
``MAX_PIECE_CHARS`` characters (30,000: longer than all but the longest news reports).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from tidings.model import REFERENCE_FIELDS, Article, Span

#: Pieces are at most this many characters (spaCy's default limit is 1,000,000).
MAX_CHUNK_CHARS = 100_000
#: A spaCy batch holds at most this many characters (a longer piece is parsed alone): about
#: 100 MB of parser working memory, at under 1% more CPU than unbounded batches of 16.
MAX_BATCH_CHARS = 30_000
#: An article longer than this is coded in pieces of at most this many characters: each piece
#: fits one parser batch, so the parse of a text of any length needs no more memory than a batch.
MAX_PIECE_CHARS = MAX_BATCH_CHARS
_BREAKS = ("\n\n", "\n", ". ", " ")


def split_text(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[str]:
    """Consecutive pieces of ``text``, each at most ``max_chars`` long, joining back to it."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        window_end = start + max_chars
        cut = -1
        for mark in _BREAKS:
            found = text.rfind(mark, start + max_chars // 2, window_end - len(mark) + 1)
            if found != -1:
                cut = found + len(mark)
                break
        if cut == -1:
            cut = window_end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def pipe_chunked(
    nlp: Language,
    texts: Iterable[str],
    *,
    batch_size: int = 32,
    max_chars: int = MAX_CHUNK_CHARS,
    batch_chars: int = MAX_BATCH_CHARS,
) -> Iterator[Doc]:
    """Like ``nlp.pipe(texts)``, one Doc per text, in order, for texts of any length.

    spaCy parses at most ``batch_size`` pieces and ``batch_chars`` characters at a time.
    """
    counts: deque[int] = deque()  # pieces per text, in input order

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = split_text(text, max_chars) if len(text) > max_chars else [text]
            counts.append(len(parts))
            yield from parts

    pending: list[Doc] = []
    for batch in bounded_batches(pieces(), batch_size, batch_chars):
        for doc in nlp.pipe(batch, batch_size=len(batch)):
            pending.append(doc)
            while counts and len(pending) >= counts[0]:
                n = counts.popleft()
                group, pending = pending[:n], pending[n:]
                yield group[0] if n == 1 else Doc.from_docs(group, ensure_whitespace=False)


def bounded_batches(texts: Iterable[str], max_count: int, max_chars: int) -> Iterator[list[str]]:
    """Consecutive batches of ``texts``, each of at most ``max_count`` texts and ``max_chars``
    characters (a longer text makes a batch of its own)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= max_count or size + len(text) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def split_article(article: Article, max_chars: int = MAX_PIECE_CHARS) -> list[tuple[int, Article]]:
    """``(offset, piece)`` for consecutive pieces of ``article``, each an Article with the
    metadata of the whole (the dateline and excluded spans only where they fall) and at most
    ``max_chars`` characters; a short article is its own single piece."""
    if len(article.text) <= max_chars:
        return [(0, article)]
    pieces: list[tuple[int, Article]] = []
    offset = 0
    for text in split_text(article.text, max_chars):
        end = offset + len(text)
        piece = replace(
            article,
            text=text,
            title_span=_moved(article.title_span, offset, end),
            dateline=_moved(article.dateline, offset, end),
            excluded=[s for e in article.excluded if (s := _moved(e, offset, end)) is not None],
            **{name: [] for name in Article.ANNOTATIONS},
            layout=None,
        )
        pieces.append((offset, piece))
        offset = end
    return pieces


def _moved(span: Span | None, start: int, end: int) -> Span | None:
    """The part of ``span`` inside ``[start, end)``, in the piece's offsets."""
    if span is None or span.end <= start or span.start >= end:
        return None
    first, last = max(span.start, start), min(span.end, end)
    return Span(first - start, last - start, span.text[first - span.start : last - span.start])


def join_pieces(article: Article, pieces: list[tuple[int, Article]]) -> Article:
    """Put the annotations of the coded ``pieces`` on ``article``: offsets shifted into its
    text, ids renumbered in text order (``m1``, ``m2``... across pieces) and references to
    them (antecedents, speakers, dates, places) following."""
    if len(pieces) == 1 and pieces[0][1] is article:
        return article
    article.clear_annotations()
    article.layout = None
    for offset, piece in pieces:
        renamed: dict[str, str] = {}
        for name in Article.ANNOTATIONS:
            joined = getattr(article, name)
            for item in getattr(piece, name):
                old = getattr(item, "id", "")
                if old:
                    item.id = renamed[old] = _renumbered(old, len(joined) + 1)
                joined.append(item)
        moved: set[int] = set()
        for name in Article.ANNOTATIONS:
            for item in getattr(piece, name):
                _shift(item, offset, renamed, moved)
    return article


_NUMBERED = re.compile(r"(.*?)(\d+)")


def _renumbered(old: str, number: int) -> str:
    """``old`` with its closing number replaced (``m3`` -> ``m41``, ``abc-e2`` -> ``abc-e9``)."""
    match = _NUMBERED.fullmatch(old)
    return f"{match.group(1)}{number}" if match else old


def _shift(item: Any, offset: int, renamed: dict[str, str], moved: set[int]) -> None:
    """Move every span in ``item`` (a model dataclass) by ``offset`` and map its references;
    ``moved`` holds the objects already moved (one span may be shared by two annotations)."""
    if id(item) in moved:
        return
    moved.add(id(item))
    if isinstance(item, Span):
        item.start += offset
        item.end += offset
    for f in fields(item):
        value = getattr(item, f.name)
        if f.name in REFERENCE_FIELDS and isinstance(value, str) and value in renamed:
            setattr(item, f.name, renamed[value])
        elif is_dataclass(value):
            _shift(value, offset, renamed, moved)
        elif isinstance(value, list):
            for element in value:
                if is_dataclass(element):
                    _shift(element, offset, renamed, moved)
