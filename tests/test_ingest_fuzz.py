"""Property-based fuzzing: over 10,000 generated bad inputs through the readers, and a smaller
number through the coder. Nothing crashes or hangs, and every input is accounted for."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_ingest_scale import CONFIG
from tidings.read import ReadResult
from tidings.read.compose import compose_article
from tidings.read.encoding import DecodeError, decode_any
from tidings.read.files import FORMATS, ReadOptions, read_bytes
from tidings.scale.worker import code_batch
from tidings.store.schema import article_rows

READER_SETTINGS = settings(
    deadline=timedelta(seconds=10),  # a hang fails the example instead of stalling the suite
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

TEMPLATES = [
    b"<!DOCTYPE html><html><head><title>Envoys meet</title></head><body><article><h1>Envoys "
    b"meet</h1><p>LIMA, June 2 (Example) - Two envoys met on Monday and agreed to talk again "
    b"next week, officials said.</p></article></body></html>",
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Vote'
    b"</title><pubDate>Tue, 03 Sep 2024 10:00:00 GMT</pubDate><description>The assembly voted "
    b"on Tuesday.</description></item></channel></rss>",
    b'{"text": "The minister resigned on Friday.", "title": "Resignation", "date": "2020-02-'
    b'03"}\n{"text": "Troops withdrew from the border town."}\n',
    b'text,title,date\n"The leaders signed a trade pact.",Pact,2019-07-01\n"Talks broke down.",,\n',
    b"Ceasefire holds\n2021-05-21\n\nGAZA, May 21 (Example) - A ceasefire held on Friday.\n",
]
CONTROLS = st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe"])
ENCODINGS = st.sampled_from(
    ["utf-8", "utf-16", "utf-32", "cp1252", "latin-1", "shift_jis", "koi8-r"]
)


def check(results: list[ReadResult], source: str) -> None:
    """Every result is a definite outcome that names its input; read ones hold text."""
    assert results, "an input vanished without a result"
    for result in results:
        assert result.status in {"read", "skipped", "failed"}
        assert result.source.startswith(source)
        if result.status == "read":
            assert result.article is not None and result.article.text.strip()
            assert len(result.article.analysed_text) == len(result.article.text)
            for span in result.article.excluded:
                assert result.article.text[span.start : span.end] == span.text
        else:
            assert result.reason


@settings(READER_SETTINGS, max_examples=4000)
@given(data=st.binary(max_size=3000), fmt=st.sampled_from((None, *FORMATS)))
def test_random_bytes_in_every_format(data: bytes, fmt: str | None):
    results = list(read_bytes(data, "fuzz", ReadOptions(), fmt=fmt))
    check(results, "fuzz")
    if fmt in {None, "text", "html"} and not data.lstrip().startswith((b"<rss", b"{", b"<?")):
        assert len(results) == 1
    if fmt == "jsonl":
        assert len(results) == max(1, sum(1 for line in data.split(b"\n") if line.strip()))


@settings(READER_SETTINGS, max_examples=3500)
@given(
    template=st.sampled_from(TEMPLATES),
    cut=st.integers(min_value=0, max_value=400),
    junk=st.binary(max_size=40),
    at=st.integers(min_value=0, max_value=400),
)
def test_truncated_and_corrupted_documents(template: bytes, cut: int, junk: bytes, at: int):
    """Real-looking pages, feeds, records and reports, cut short and with bytes spliced in."""
    data = template[: max(0, len(template) - cut)]
    data = data[:at] + junk + data[at:]
    check(list(read_bytes(data, "doc", ReadOptions())), "doc")


@settings(READER_SETTINGS, max_examples=3000)
@given(
    text=st.text(st.characters(exclude_categories=["Cs"]), max_size=400),
    controls=st.lists(CONTROLS, max_size=5),
    encoding=ENCODINGS,
)
def test_text_in_any_encoding_with_control_characters(text: str, controls, encoding: str):
    data = ("".join(controls) + text).encode(encoding, errors="replace")
    try:
        decoded, _ = decode_any(data)
    except DecodeError as err:
        assert str(err)
    else:
        assert not any(ch in decoded for ch in "\x00\x07\x1b\x7f\x85")
    check(list(read_bytes(data, "enc", ReadOptions(), fmt="text")), "enc")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
@given(
    st.lists(
        st.tuples(
            st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=2000),
            st.one_of(st.none(), st.text(max_size=80)),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_odd_articles_through_the_coder(items):
    """Odd texts (controls, scripts, no spaces) are coded, skipped or failed: one outcome each,
    and every coded article can be stored."""
    articles = [compose_article(body, title=title) for body, title in items]
    outcomes = code_batch(articles, CONFIG)
    assert len(outcomes) == len(articles)
    for outcome in outcomes:
        assert outcome.status in {"coded", "skipped", "failed"}
        if outcome.status == "coded":
            article_rows(outcome.article)
        else:
            assert outcome.reason
