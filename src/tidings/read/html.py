"""Saved web pages: main text, title, date, outlet and URL with trafilatura.

trafilatura drops navigation, comments, ads and other page furniture and reads the page's
metadata (``<title>``/OpenGraph/JSON-LD, ``htmldate`` for the publication date). Truncated or
malformed markup is parsed leniently by lxml; a page with no recognisable article text is
recorded as skipped with the reason, never as an empty article.
"""

from __future__ import annotations

import re
from datetime import date

import lxml.html
import trafilatura
from lxml.etree import ParserError

from tidings.read import ReadResult
from tidings.read.compose import compose_article

#: Publication date, not the last modification; no guessing from the URL alone.
_DATE_PARAMS = {"original_date": True, "extensive_search": True}
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—]\s+")
_MIN_WORDS = 5  # fewer words than this is not an article (an error page, a bare menu)


def read_html(
    data: bytes | str,
    source: str,
    *,
    url: str | None = None,
    default_date: date | None = None,
) -> ReadResult:
    """Read one HTML page into an Article (title line + main text)."""
    if not data.strip():
        return ReadResult.failed(source, "empty file")
    if isinstance(data, bytes) and b"\x00" in data[:8192] and not _is_utf16(data):
        return ReadResult.failed(source, "binary file (contains NUL bytes), not HTML")
    try:
        page = trafilatura.bare_extraction(
            data,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, RecursionError, LookupError) as err:
        return ReadResult.failed(source, f"unreadable HTML: {type(err).__name__}: {err}")
    body = (page.text or "") if page is not None else ""
    if len(body.split()) < _MIN_WORDS:
        return ReadResult.skipped(source, "no article text found in the page")
    article = compose_article(
        body,
        title=_headline(data) or _strip_site(page.title, page.sitename, page.hostname),
        published=_iso_date(page.date),
        default_date=default_date,
        outlet=page.sitename or page.hostname,
        source=source,
        url=page.url or url,
    )
    if page.author:
        article.meta["author"] = page.author
    return ReadResult(source=source, status="read", article=article)


def _headline(data: bytes | str) -> str | None:
    """The page's first ``<h1>`` when it reads like a headline (the SEO ``<title>`` often
    carries a different wording or the site name)."""
    try:
        tree = lxml.html.fromstring(data)
    except (ParserError, ValueError):
        return None
    for h1 in tree.iter("h1"):
        text = " ".join(h1.text_content().split())
        if text:
            return text if 3 <= len(text.split()) <= 40 else None
    return None


def _strip_site(title: str | None, *site_names: str | None) -> str | None:
    """``"Headline - Section | Site"`` -> ``"Headline"`` when a trailing part names the site."""
    if not title:
        return title
    parts = _TITLE_SEPARATOR.split(title)
    names = {re.sub(r"\W", "", n.lower().removeprefix("www.")) for n in site_names if n}
    while len(parts) > 1 and any(
        name and name in re.sub(r"\W", "", parts[-1].lower()) for name in names
    ):
        parts.pop()
    return " - ".join(parts) if parts else title


def _is_utf16(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
