"""Plain-text news reports: decoding, layout, title, boilerplate, dateline and date.

Two layouts are recognised:

* the *corpus* layout: line 1 the title, line 2 an ISO date, a blank line, then the body;
* the *page* layout (text saved from a web page): a header of short lines (site name, "Subscribe
  to ...", the title) above the body, which often opens with a dateline.

The Article keeps the text verbatim; title, metadata and boilerplate lines are listed in
``Article.excluded`` so the stages never analyse them while offsets stay those of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files

import yaml

from tidings.model import Article, Span
from tidings.read import ReadResult
from tidings.read.dateline import parse_dateline

#: Files above this size are refused with a clear message instead of being read into memory.
MAX_BYTES = 20_000_000
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_BODY_MIN_WORDS = 12  # a body paragraph has this many words and ends like a sentence...
_BODY_LONG_WORDS = 30  # ...or is longer than any headline
_SENTENCE_END = (".", "!", "?", '"', "'", "”", "’", ":")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # excluding the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@lru_cache(maxsize=1)
def boilerplate_patterns() -> re.Pattern[str]:
    """One compiled regex of the site-furniture line patterns in ``data/read/boilerplate.yaml``."""
    data = yaml.safe_load(files("tidings.data").joinpath("read/boilerplate.yaml").read_text())
    return re.compile("|".join(f"(?:{p})" for p in data["line_patterns"]), re.IGNORECASE)


def decode(data: bytes) -> str:
    """Decode UTF-8 text (a BOM is dropped); raise ``ValueError`` with a readable reason."""
    if not data.strip():
        raise ValueError("empty file")
    sample = data[:8192]
    if b"\x00" in sample:
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"not valid UTF-8: byte 0x{data[err.start]:02x} at offset {err.start}"
        ) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:8192]) * 0.05:
        raise ValueError("binary file (mostly control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(
    data: bytes | str,
    source: str,
    *,
    metadata_date: date | None = None,
    default_date: date | None = None,
    outlet: str | None = None,
) -> ReadResult:
    """Read one plain-text report.

    The publication date is, in order: ``metadata_date`` (from a feed, a record or the corpus
    layout's date line), the dateline, then ``default_date`` (the ``--date`` option).
    """
    try:
        text = decode(data) if isinstance(data, bytes) else data
    except ValueError as err:
        return ReadResult.failed(source, str(err))
    if not text.strip():
        return ReadResult.failed(source, "empty file")
    article = parse_layout(text, metadata_date=metadata_date, default_date=default_date)
    article.source = source
    if outlet and not article.outlet:
        article.outlet = outlet
    return ReadResult(source=source, status="read", article=article)


def parse_layout(
    text: str, *, metadata_date: date | None = None, default_date: date | None = None
) -> Article:
    """Find title, boilerplate, dateline and date in ``text``; return the (unannotated) Article."""
    lines = _lines(text)
    excluded: list[Span] = []
    title: _Line | None = None
    date_source = "none"
    published = None
    body_from = 0  # index of the first line that may be body
    corpus_layout = False

    iso = _ISO_DATE.match(lines[1].text) if len(lines) > 2 else None
    if iso and not lines[2].stripped:
        # corpus layout: title / ISO date / blank / body
        title = lines[0] if lines[0].stripped else None
        excluded.append(Span(lines[1].start, lines[1].end, lines[1].text))
        published = _safe_date(*map(int, iso.groups()))
        date_source = "metadata" if published else "none"
        body_from = 3
        corpus_layout = True
    if metadata_date:
        published, date_source = metadata_date, "metadata"

    noise = boilerplate_patterns()
    content = [line for line in lines[body_from:] if line.stripped]
    body_start = _first_body_line(content, year_hint=_year(published or default_date))
    if not corpus_layout and body_start is not None:
        header = [line for line in content[:body_start] if not noise.fullmatch(line.stripped)]
        if header:
            title = header[-1]
        for line in content[:body_start]:
            if line is not title:
                excluded.append(Span(line.start, line.end, line.text))
    for line in content[body_start or 0 :]:
        if noise.fullmatch(line.stripped) and not any(s.start == line.start for s in excluded):
            excluded.append(Span(line.start, line.end, line.text))

    article = Article(text=text)
    if title is not None:
        article.title = title.stripped
        article.title_span = Span(title.start, title.end, title.text)
        excluded.append(article.title_span)
    article.excluded = sorted(excluded, key=lambda s: s.start)

    if body_start is not None and body_start < len(content):
        first = content[body_start]
        found = parse_dateline(first.text, _year(published or default_date))
        if found:
            article.dateline = Span(first.start, first.start + found.end, first.text[: found.end])
            article.dateline_place = found.place
            article.outlet = found.outlet
            if published is None and found.date:
                published, date_source = found.date, "dateline"
    if published is None and default_date:
        published, date_source = default_date, "option"
    article.published = published
    article.date_source = date_source
    return article


def _first_body_line(content: list[_Line], year_hint: int | None) -> int | None:
    """Index in ``content`` of the first body paragraph: a dateline or a long line."""
    for i, line in enumerate(content):
        if parse_dateline(line.text, year_hint) or _looks_like_body(line.stripped):
            return i
    return 0 if content else None


def _looks_like_body(line: str) -> bool:
    words = _words(line)
    return words >= _BODY_LONG_WORDS or (words >= _BODY_MIN_WORDS and line.endswith(_SENTENCE_END))


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _words(line: str) -> int:
    return len(line.split())


def _year(value: date | None) -> int | None:
    return value.year if value else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
