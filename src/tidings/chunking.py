"""Parse texts of any length: long ones are cut at natural boundaries and the Docs re-joined.

spaCy refuses texts over ``nlp.max_length`` and its memory grows with text length, so a 1 MB
line with no sentence boundary must not reach it whole. :func:`pipe_chunked` splits a long text
into consecutive pieces (at a paragraph break, else a line break, else a sentence end, else any
space, else a hard cut) and joins their Docs with ``Doc.from_docs``: the joined Doc's text is
exactly the input, so character offsets are those of the whole text and nothing is lost.

spaCy's working memory while it parses a batch grows with the batch's tokens (about 16 KB a
token for the small English model: 16 articles of 3,000 words take 800 MB), so batches are
bounded by characters as well as by count: peak memory no longer depends on how long the
articles of one batch happen to be.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

#: Pieces are at most this many characters (spaCy's default limit is 1,000,000).
MAX_CHUNK_CHARS = 100_000
#: A spaCy batch holds at most this many characters (a longer piece is parsed alone): about
#: 100 MB of parser working memory, at under 1% more CPU than unbounded batches of 16.
MAX_BATCH_CHARS = 30_000
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
