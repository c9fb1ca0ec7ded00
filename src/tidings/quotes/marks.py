"""Pair quotation marks into quoted stretches, bounded by paragraph rules.

News style opens every paragraph of a long quote and closes only the last one, so a quote left
open at the end of a paragraph continues only when the next paragraph opens with a quotation
mark. Any other unclosed mark ends at its paragraph's end (and an orphan closing mark starts at its
paragraph's start): an unbalanced mark can never swallow the rest of the article.

Paragraphs are those of :mod:`tidings.layout`: lines; blank lines between them are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"

#: Double marks; ``''`` is the typewriter double quote of older wire copy, opened there by two
#: backticks. A straight mark after feet (``6'3"``) is an inch sign.
_DOUBLE_MARKS = re.compile(r"``|''|(?<!\d'\d)(?<!\d'\d\d)[\"“”„«»]")
BACKTICKS = "``"
_SINGLE_MARKS = re.compile(r"['‘’]")
_BEFORE_OPEN = set(" \t([{—–-/:;\n")
_AFTER_CLOSE = set(" \t)]}—–-/:;,.!?…\n")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A stretch of text inside quotation marks.

    ``start``/``end`` bound the words inside the marks; ``open_mark``/``close_mark`` are the mark
    offsets (``None`` when the mark is missing and the paragraph bound was used instead).
    """

    start: int
    end: int
    open_mark: int | None
    close_mark: int | None
    paragraphs: int = 1
    close_length: int = 1

    @property
    def balanced(self) -> bool:
        return self.open_mark is not None and self.close_mark is not None

    @property
    def outer_start(self) -> int:
        return self.open_mark if self.open_mark is not None else self.start

    @property
    def outer_end(self) -> int:
        if self.close_mark is None:
            return self.end
        return self.close_mark + self.close_length


def _role(text: str, i: int, para_start: int, para_end: int, length: int = 1) -> str:
    """``open``, ``close`` or ``either`` for the mark at ``i``, from the mark and its context."""
    mark = text[i]
    if mark in DOUBLE_OPEN or mark in SINGLE_OPEN or text.startswith(BACKTICKS, i):
        return "open"
    if mark in DOUBLE_CLOSE:
        return "close"
    before = text[i - 1] if i > para_start else "\n"
    after = text[i + length] if i + length < para_end else "\n"
    opens = before in _BEFORE_OPEN and not after.isspace()
    closes = after in _AFTER_CLOSE and not before.isspace()
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _single_role(text: str, i: int, para_start: int, para_end: int) -> str | None:
    """Role of a single mark, or ``None`` when it is an apostrophe (don't, voters', ’90s)."""
    before = text[i - 1] if i > para_start else "\n"
    after = text[i + 1] if i + 1 < para_end else "\n"
    if before in _BEFORE_OPEN and after.isalnum() and text[i] != SINGLE_CLOSE:
        return "open"
    if before.isalnum() and after.isalnum():
        return None
    if after in _AFTER_CLOSE and not before.isspace() and text[i] != SINGLE_OPEN:
        return "close"
    return None


def find_quoted(text: str, paras: list[tuple[int, int]]) -> list[Quoted]:
    """All quoted stretches of ``text`` in order: double marks first, then single marks outside
    them (``'Inaccurate'``, ``‘Mocking’``). ``paras`` are the text's paragraphs
    (:func:`tidings.layout.paragraphs`)."""
    doubles = _pair_doubles(text, paras)
    singles = _pair_singles(text, paras, doubles)
    return sorted(doubles + singles, key=lambda q: q.start)


def _pair_doubles(text: str, paras: list[tuple[int, int]]) -> list[Quoted]:
    found: list[Quoted] = []
    open_at: int | None = None  # offset of the pending opening mark
    span_paras = 1
    reopening: int | None = None  # the mark that re-opens a quote running on from above
    open_len = 1
    for index, (p_start, p_end) in enumerate(paras):
        marks = [(m.start(), len(m.group())) for m in _DOUBLE_MARKS.finditer(text, p_start, p_end)]
        for i, length in marks:
            if i == reopening:
                continue
            role = _role(text, i, p_start, p_end, length)
            if open_at is None:
                if role == "close":
                    # orphan closing mark: the quote began at the paragraph's start
                    found.append(_quoted(text, p_start, i, None, i, 1, close_length=length))
                else:
                    open_at, open_len, span_paras = i, length, 1
            elif role == "open" and i > open_at + open_len and text[i - 1].isspace():
                # a second opening mark: the first one was never closed
                found.append(
                    _quoted(text, open_at + open_len, _trim_end(text, i), open_at, None, 1)
                )
                open_at, open_len, span_paras = i, length, 1
            else:
                found.append(
                    _quoted(
                        text, open_at + open_len, i, open_at, i, span_paras, close_length=length
                    )
                )
                open_at = None
        if open_at is None:
            continue
        next_para = paras[index + 1] if index + 1 < len(paras) else None
        if (
            next_para
            and _role(text, next_para[0], *next_para) != "close"
            and (
                text[next_para[0]] in STRAIGHT_DOUBLE + DOUBLE_OPEN
                or text.startswith("''", next_para[0])
                or text.startswith(BACKTICKS, next_para[0])
            )
        ):
            # news style: the quote goes on in the next paragraph, which re-opens it
            span_paras += 1
            reopening = next_para[0]
            continue
        found.append(_quoted(text, open_at + open_len, p_end, open_at, None, span_paras))
        open_at = None
    return found


def _pair_singles(text: str, paras: list[tuple[int, int]], doubles: list[Quoted]) -> list[Quoted]:
    found: list[Quoted] = []
    inside = [(q.outer_start, q.outer_end) for q in doubles]
    for p_start, p_end in paras:
        open_at: int | None = None
        for match in _SINGLE_MARKS.finditer(text, p_start, p_end):
            i = match.start()
            if any(s <= i < e for s, e in inside):
                continue
            role = _single_role(text, i, p_start, p_end)
            if role == "open":
                open_at = i
            elif role == "close" and open_at is not None:
                found.append(_quoted(text, open_at + 1, i, open_at, i, 1))
                open_at = None
    return found


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _quoted(
    text: str,
    start: int,
    end: int,
    open_mark: int | None,
    close_mark: int | None,
    paras: int,
    close_length: int = 1,
) -> Quoted:
    end = _trim_end(text, end)
    while start < end and text[start].isspace():
        start += 1
    return Quoted(start, end, open_mark, close_mark, paras, close_length)
