"""Readers for real-world inputs: HTML, feeds, JSONL/CSV, encodings, limits, folders, stdin."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest

from tidings.chunking import pipe_chunked, split_text
from tidings.nlp import load as load_model
from tidings.read.encoding import DecodeError, decode_any
from tidings.read.feeds import read_feed
from tidings.read.files import ReadOptions, expand, read_inputs, sniff
from tidings.read.html import read_html
from tidings.read.language import identify
from tidings.read.records import FieldMap, read_csv, read_jsonl

BODY = (
    "GENEVA, March 4 (Example Wire) - The foreign ministers of Armenia and Azerbaijan met on "
    "Tuesday for a third round of talks on the border, officials said.\n\n"
    "Both delegations agreed to meet again next month, a spokesman for the hosts said."
)

PAGE = f"""<!DOCTYPE html>
<html><head><title>Ministers meet in Geneva | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2024-03-04T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ministers meet in Geneva for border talks</h1>
{"".join(f"<p>{p}</p>" for p in BODY.split(chr(10) * 2))}
</article>
<footer>Subscribe to our newsletter. Copyright Example Times.</footer>
</body></html>"""


def test_html_page_gives_title_date_outlet_and_main_text():
    result = read_html(PAGE.encode(), "page.html")
    article = result.article
    assert result.status == "read", result.reason
    assert article.title == "Ministers meet in Geneva for border talks"
    assert article.published == date(2024, 3, 4)
    assert article.outlet == "Example Times"
    assert article.dateline_place and article.dateline_place.lower() == "geneva"
    assert "third round of talks" in article.analysed_text
    assert "Sport" not in article.text and "newsletter" not in article.text
    assert article.title_span.text == article.title  # offsets into the text


def test_truncated_and_malformed_html_is_read_or_skipped_with_a_reason():
    truncated = PAGE.encode()[: len(PAGE) * 2 // 3]
    assert read_html(truncated, "cut.html").status == "read"
    broken = read_html(b"<html><body><div><p>Too short</div></span>", "broken.html")
    assert broken.status == "skipped" and "no article text" in broken.reason
    assert read_html(b"", "empty.html").status == "failed"
    assert "binary" in read_html(b"\x00\x01<html>", "bin.html").reason


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Talks resume</title><link>http://127.0.0.1:9/a</link>
<pubDate>Tue, 03 Sep 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The two foreign ministers met on Tuesday to discuss a ceasefire.&lt;/p&gt;
</description></item>
<item><title>No text here</title></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Example Atom</title><entry><title>Envoy visits capital</title>
<link href="http://127.0.0.1:9/b"/><updated>2023-11-02T08:00:00Z</updated>
<content type="html">&lt;p&gt;The envoy arrived on Thursday and met the premier.&lt;/p&gt;
</content>
</entry></feed>"""


def test_rss_and_atom_entries_become_articles_and_empty_entries_are_reported():
    rss = list(read_feed(RSS, "wire.rss"))
    assert [r.status for r in rss] == ["read", "failed"]
    first = rss[0].article
    assert first.title == "Talks resume" and first.published == date(2024, 9, 3)
    assert first.outlet == "Example Wire" and first.meta["url"] == "http://127.0.0.1:9/a"
    assert rss[0].source == "wire.rss#1" and rss[1].source == "wire.rss#2"
    atom = list(read_feed(ATOM, "x.atom"))
    assert atom[0].article.published == date(2023, 11, 2)
    assert "envoy arrived" in atom[0].article.text
    (not_a_feed,) = read_feed(b"not a feed", "x.xml")
    assert not_a_feed.status == "failed"


def test_fetching_links_that_fail_keeps_the_entry_text_and_the_error():
    from tidings.read.feeds import PoliteFetcher

    fetcher = PoliteFetcher(timeout=1, delay=0)
    result = next(read_feed(RSS, "wire.rss", fetcher=fetcher))
    assert result.status == "read"
    assert "cannot fetch" in result.article.meta["fetch_error"]


def test_jsonl_codes_good_lines_and_reports_broken_ones_with_line_numbers():
    lines = [
        '{"body": "The president met the visiting premier on Monday.", "headline": "Meeting",'
        ' "day": "2022-05-02", "site": "Example News"}',
        "{not json",
        "",
        "[1, 2]",
        '{"headline": "no body"}',
        '{"body": "Protesters gathered outside parliament on Friday evening."}',
    ]
    stream = io.BufferedReader(io.BytesIO("\n".join(lines).encode()))
    fields = FieldMap.parse("text=body,title=headline,date=day,outlet=site")
    results = list(read_jsonl(stream, "dump.jsonl", field_map=fields))
    assert [(r.source, r.status) for r in results] == [
        ("dump.jsonl:1", "read"),
        ("dump.jsonl:2", "failed"),
        ("dump.jsonl:4", "failed"),
        ("dump.jsonl:5", "failed"),
        ("dump.jsonl:6", "read"),
    ]
    assert "line 2" in results[1].reason
    first = results[0].article
    assert (first.title, first.published, first.outlet) == (
        "Meeting",
        date(2022, 5, 2),
        "Example News",
    )


def test_an_over_long_jsonl_line_is_reported_and_the_next_line_still_read():
    data = b'{"text": "' + b"x" * 5000 + b'"}\n{"text": "A short and valid report."}\n'
    results = list(
        read_jsonl(io.BufferedReader(io.BytesIO(data)), "big.jsonl", max_record_bytes=1000)
    )
    assert [r.status for r in results] == ["failed", "read"]
    assert "over 1,000 bytes" in results[0].reason


def test_csv_in_a_legacy_encoding_with_multiline_fields():
    text = 'text,title,date\n"Talks in Bogotá ended.\nBoth sides spoke.",Talks,2021-06-01\n,,\n'
    stream = io.BufferedReader(io.BytesIO(text.encode("cp1252")))
    results = list(read_csv(stream, "x.csv"))
    assert [r.status for r in results] == ["read", "failed"]
    assert "Bogotá" in results[0].article.text
    assert results[0].article.published == date(2021, 6, 1)
    with pytest.raises(ValueError, match="bad field mapping"):
        FieldMap.parse("body")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Le ministre a parlé à Montréal.".encode("cp1252"), "Montréal"),
        ("Talks in Zürich ended.".encode("utf-16"), "Zürich"),
        (b"\xef\xbb\xbfWith a BOM.", "With a BOM."),
        (b"A bell\x07 rang in the old hall and an\x1b escape code", "bell  rang"),
    ],
)
def test_encodings_are_detected_and_control_characters_blanked(data, expected):
    text, _ = decode_any(data)
    assert expected in text


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), (b"\x00\x01\x02\x03" * 50, "binary")])
def test_undecodable_input_fails_with_the_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_any(data)


def test_gigantic_file_is_refused_before_reading(tmp_path: Path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:  # sparse: 200 MB on paper, nothing on disk
        f.truncate(200_000_000)
    (result,) = read_inputs([huge])
    assert (
        result.status == "failed"
        and "too large" in result.reason
        and "200,000,000" in result.reason
    )


def test_folders_with_globs_stdin_and_missing_paths(tmp_path: Path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(BODY)
    (tmp_path / "a" / "draft.txt").write_text(BODY + " Draft.")
    (tmp_path / "a" / "page.html").write_text(PAGE)
    (tmp_path / "a" / "notes.pdf").write_text("ignored")
    names = [Path(n).name for n in expand([tmp_path / "a"], exclude=["draft*"])]
    assert names == ["one.txt", "page.html"]
    assert [Path(n).name for n in expand([tmp_path / "a"], include=["*.pdf"])] == ["notes.pdf"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    results = list(read_inputs([tmp_path / "a", "-", tmp_path / "nope.txt"], ReadOptions()))
    assert [r.status for r in results] == ["read", "read", "read", "read", "failed"]
    assert results[3].source == "<stdin>" and results[3].article.title.startswith("Ministers")


def test_sniffing_formats():
    assert sniff(b"  <?xml version='1.0'?><rss>") == "feed"
    assert sniff(b"<!doctype html><html>") == "html"
    assert sniff(b'{"text": 1}') == "jsonl"
    assert sniff(b"WASHINGTON (AP) - ...") == "text"


def test_language_identification_offline():
    assert identify(BODY).english
    german = "Der Bundeskanzler hat heute in Berlin gesagt, dass die Regierung die Steuern senkt."
    verdict = identify(german)
    assert not verdict.english and verdict.code == "de"
    assert identify("Short line").code == "und"


def test_long_texts_are_parsed_in_pieces_without_losing_a_character():
    nlp = load_model()
    line = " ".join(f"word{i}" for i in range(4000))  # one long line, no sentence end
    pieces = split_text(line, max_chars=5000)
    assert "".join(pieces) == line and max(map(len, pieces)) <= 5000
    assert "".join(split_text("x" * 12_000, max_chars=5000)) == "x" * 12_000
    docs = list(pipe_chunked(nlp, ["Short one.", line, "Another short one."], max_chars=5000))
    assert [d.text for d in docs] == ["Short one.", line, "Another short one."]
    assert len(docs[1]) == 4000


def test_link_fetching_obeys_robots_txt_spaces_requests_and_reads_the_page():
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from tidings.read.feeds import PoliteFetcher

    hits: list[tuple[str, float, str]] = []

    class Site(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append((self.path, time.monotonic(), self.headers["User-Agent"]))
            pages = {"/robots.txt": b"User-agent: *\nDisallow: /private/\n", "/a": PAGE.encode()}
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    feed = (
        f'<rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Open</title><link>{base}/a</link><description>Summary one of the "
        f"open page.</description></item><item><title>Closed</title><link>{base}/private/b"
        f"</link><description>Summary of the closed page, kept.</description></item>"
        f"</channel></rss>"
    ).encode()
    try:
        fetcher = PoliteFetcher(timeout=5, delay=0.3)
        first, second = read_feed(feed, "wire.rss", fetcher=fetcher)
    finally:
        server.shutdown()
    assert first.article.title == "Ministers meet in Geneva for border talks"  # the page's
    assert "third round of talks" in first.article.text
    assert second.article.text.endswith("Summary of the closed page, kept.")
    assert "robots.txt" in second.article.meta["fetch_error"]
    assert [path for path, _, _ in hits] == ["/robots.txt", "/a"]  # /private/b never requested
    assert hits[1][1] - hits[0][1] >= 0.3 and hits[0][2].startswith("tidings/")
