"""The layout of an article's text: paragraphs, quoted stretches and sentences, found once.

The pipeline records a :class:`Layout` on every article (``article.layout``) after parsing and
before the first stage, and every stage reads it there instead of finding these again:

- **paragraphs**: every non-blank line, trimmed. News copy puts one paragraph on a line
  (usually with a blank line between); a blank line is never part of a paragraph.
- **quoted stretches**: quotation marks paired by :func:`tidings.quotes.marks.find_quoted`,
  whose rules keep an unbalanced mark inside its paragraph.
- **sentences**: the bounds of the parse's sentences.

Offsets are into ``article.text`` (the analysed text has the same length). Lookups by offset
are binary searches, so a stage asking about every word of a long text stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tidings.quotes.marks import Quoted, find_quoted

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from tidings.model import Article

Bounds = tuple[int, int]
_LINE = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[Bounds]:
    """``(start, end)`` of each paragraph of ``text``: each non-blank line, whitespace trimmed."""
    spans = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + line.index(stripped)
            spans.append((start, start + len(stripped)))
    return spans


@dataclass(frozen=True, slots=True)
class Layout:
    """Paragraphs, quoted stretches and sentences of one text, in text order."""

    paragraphs: tuple[Bounds, ...]
    quoted: tuple[Quoted, ...]
    sentences: tuple[Bounds, ...]
    _paragraph_starts: list[int] = field(init=False, repr=False, compare=False)
    _quoted_starts: list[int] = field(init=False, repr=False, compare=False)
    _sentence_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "_paragraph_starts", [start for start, _ in self.paragraphs])
        set_(self, "_quoted_starts", [q.outer_start for q in self.quoted])
        set_(self, "_sentence_starts", [start for start, _ in self.sentences])

    @classmethod
    def of(cls, text: str, doc: Doc | None = None) -> Layout:
        """The layout of ``text``, with sentences from ``doc`` (the parse of ``text``) when it
        has sentence boundaries (a blank spaCy model has none)."""
        paras = paragraphs(text)
        sentences: tuple[Bounds, ...] = ()
        if doc is not None and doc.has_annotation("SENT_START"):
            sentences = tuple((s.start_char, s.end_char) for s in doc.sents)
        return cls(tuple(paras), tuple(find_quoted(text, paras)), sentences)

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (or the last one before it)."""
        return max(bisect_right(self._paragraph_starts, offset) - 1, 0)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (or the last one before it)."""
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def quote_at(self, offset: int) -> Quoted | None:
        """The quoted stretch (quotation marks included) that holds ``offset``, if any."""
        index = bisect_right(self._quoted_starts, offset) - 1
        # single-mark quotes lie outside double-mark ones, so stretches never nest: the last
        # one opening before the offset is the only one that can hold it
        if index >= 0 and offset < self.quoted[index].outer_end:
            return self.quoted[index]
        return None

    def same_paragraph(self, a: int, b: int) -> bool:
        """Whether offsets ``a`` and ``b`` lie in one paragraph (no line break between)."""
        return self.paragraph_of(a) == self.paragraph_of(b)


def recorded(article: Article, doc: Doc) -> Layout:
    """The article's layout; a stage run on its own (outside a pipeline) records it now."""
    if article.layout is None:
        article.layout = Layout.of(article.analysed_text, doc)
    return article.layout
