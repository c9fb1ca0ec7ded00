"""RSS and Atom feeds from a file or a URL (feedparser), one Article per entry.

An entry's own content (or summary) is coded by default. With ``fetch_links`` the page an entry
links to is fetched and read as HTML instead, politely: robots.txt is obeyed, requests to one
host are spaced by ``delay`` seconds, every request has a timeout and a size cap, and the
User-Agent names tidings. When a page cannot be fetched the entry's own text is still coded and
the fetch error is kept in ``Article.meta["fetch_error"]``; nothing is dropped silently.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import httpx
import lxml.html
from lxml.etree import ParserError

from tidings.read import ReadResult
from tidings.read.compose import compose_article
from tidings.read.html import read_html

USER_AGENT = "tidings/0.1 (news event coder; +https://github.com/tidings)"
MAX_PAGE_BYTES = 10_000_000
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr", "section"}


class PoliteFetcher:
    """HTTP GET with robots.txt, a per-host delay, a timeout and a size cap."""

    def __init__(
        self, *, timeout: float = 10.0, delay: float = 1.0, max_bytes: int = MAX_PAGE_BYTES
    ):
        self.delay = delay
        self.max_bytes = max_bytes
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        )
        self._robots: dict[str, RobotFileParser | None] = {}
        self._last: dict[str, float] = {}

    def get(self, url: str) -> bytes:
        """The body of ``url``; raises ``OSError`` with a readable reason when not fetched."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"}:
            raise OSError(f"not an http(s) URL: {url}")
        host = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots_for(host)
        if robots is not None and not robots.can_fetch(USER_AGENT, url):
            raise OSError(f"robots.txt of {parts.netloc} disallows {url}")
        return self._fetch(host, url)

    def close(self) -> None:
        self.client.close()

    def _robots_for(self, host: str) -> RobotFileParser | None:
        if host not in self._robots:
            try:
                rules = RobotFileParser()
                rules.parse(
                    self._fetch(host, f"{host}/robots.txt").decode("utf-8", "replace").splitlines()
                )
                self._robots[host] = rules
            except OSError:
                self._robots[host] = None  # no robots.txt: everything allowed
        return self._robots[host]

    def _fetch(self, host: str, url: str) -> bytes:
        wait = self._last.get(host, 0.0) + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            with self.client.stream("GET", url) as response:
                self._last[host] = time.monotonic()
                if response.status_code >= 400:
                    raise OSError(f"HTTP {response.status_code} for {url}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise OSError(f"{url} is over {self.max_bytes:,} bytes")
                return bytes(body)
        except httpx.HTTPError as err:
            self._last[host] = time.monotonic()
            raise OSError(f"cannot fetch {url}: {type(err).__name__}: {err}") from None


def read_feed(
    data: bytes,
    source: str,
    *,
    fetch_links: bool = False,
    fetcher: PoliteFetcher | None = None,
    default_date: date | None = None,
) -> Iterator[ReadResult]:
    """One result per entry of the feed in ``data`` (``source`` names the file or URL)."""
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not a feed: {feed.bozo_exception}" if feed.bozo else "feed has no entries"
        yield ReadResult.failed(source, reason)
        return
    outlet = feed.feed.get("title") or None
    own_fetcher = fetch_links and fetcher is None
    fetcher = PoliteFetcher() if own_fetcher else fetcher
    try:
        for number, entry in enumerate(feed.entries, 1):
            yield _entry(entry, f"{source}#{number}", outlet, fetcher, default_date)
    finally:
        if own_fetcher and fetcher is not None:
            fetcher.close()


def _entry(
    entry: feedparser.FeedParserDict,
    where: str,
    outlet: str | None,
    fetcher: PoliteFetcher | None,
    default_date: date | None,
) -> ReadResult:
    link = entry.get("link")
    published = _entry_date(entry)
    fetch_error = None
    if fetcher is not None and link:
        try:
            page = read_html(fetcher.get(link), link, url=link, default_date=default_date)
        except OSError as err:
            fetch_error = str(err)
        else:
            if page.article is not None:
                page.source = page.article.source = where
                if published and page.article.date_source != "metadata":
                    page.article.published, page.article.date_source = published, "metadata"
                return page
            fetch_error = page.reason
    contents = [c.get("value", "") for c in entry.get("content", [])]
    body = _fragment_text(max(contents, key=len) if contents else entry.get("summary", ""))
    if not body.strip():
        return ReadResult.failed(where, fetch_error or "entry has no text")
    article = compose_article(
        body,
        title=_fragment_text(entry.get("title", "")).strip() or None,
        published=published,
        default_date=default_date,
        outlet=outlet,
        source=where,
        url=link,
    )
    if fetch_error:
        article.meta["fetch_error"] = fetch_error
    return ReadResult(source=where, status="read", article=article)


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    # plain dict lookups: feedparser's own mapping between the two keys is deprecated
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    return date(*parsed[:3]) if parsed else None


def _fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, with block elements on their own lines."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment
    for element in root.iter():
        if element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return "\n".join(" ".join(line.split()) for line in root.text_content().split("\n")).strip()
