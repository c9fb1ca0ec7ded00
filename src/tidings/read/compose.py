"""Build an Article from parts that a structured source already separates (page, feed, record).

The title becomes the first line of ``Article.text`` (excluded from analysis, as in plain-text
files); the body goes through the same layout rules as a plain-text file, so boilerplate lines
and a dateline opening the body are found the same way whatever the source.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tidings.model import Article, Span
from tidings.read.encoding import clean_controls
from tidings.read.text import parse_layout


def compose_article(
    body: str,
    *,
    title: str | None = None,
    published: date | None = None,
    default_date: date | None = None,
    outlet: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Article:
    """An unannotated Article of ``title`` + blank line + ``body`` with offsets into that text."""
    body = clean_controls(body.replace("\r\n", "\n").replace("\r", "\n")).strip("\n")
    title = " ".join(clean_controls(title).split()) if title else ""
    if title and body.split("\n", 1)[0].strip() == title:
        body = body.split("\n", 1)[1].lstrip("\n") if "\n" in body else ""
    parsed = parse_layout(body, metadata_date=published, default_date=default_date)
    if not title:
        article = parsed
    else:
        prefix = f"{title}\n\n"
        shift = len(prefix)
        title_span = Span(0, len(title), title)
        excluded = [title_span] + [_shift(s, shift) for s in parsed.excluded]
        article = Article(
            text=prefix + body,
            title=title,
            title_span=title_span,
            outlet=parsed.outlet,
            dateline=_shift(parsed.dateline, shift) if parsed.dateline else None,
            dateline_place=parsed.dateline_place,
            published=parsed.published,
            date_source=parsed.date_source,
            excluded=excluded,
        )
    if outlet:
        article.outlet = outlet
    article.source = source
    if url:
        article.meta["url"] = url
    return article


def _shift(span: Span, offset: int) -> Span:
    return replace(span, start=span.start + offset, end=span.end + offset)
