"""The plain-text reader: layouts, titles, boilerplate, datelines, dates and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tidings.read.dateline import parse_dateline
from tidings.read.files import read_paths
from tidings.read.text import read_text

PAGE = """Harbour Courier Online
Sign up for our newsletter


Ministers Meet in Oslo to Discuss Arctic Fishing Quotas

OSLO, March 3, 2021 (HCO) -- Fisheries ministers from Norway and Iceland met on Wednesday to \
settle a long dispute over mackerel quotas in the North Atlantic, officials said.

Advertisement

"We have found common ground," the Norwegian minister told reporters after the talks.
"""

CORPUS = """Protesters Fill Central Square in Capital
2019-06-12

Thousands of people marched through the capital on Tuesday to demand early elections, \
witnesses said.
"""


def read(text: str, **kwargs):
    result = read_text(text.encode(), "fixture.txt", **kwargs)
    assert result.status == "read", result.reason
    return result.article


def test_page_layout_title_boilerplate_and_dateline():
    article = read(PAGE)
    assert article.title == "Ministers Meet in Oslo to Discuss Arctic Fishing Quotas"
    assert article.outlet == "HCO"
    assert article.dateline_place == "Oslo"
    assert article.published == date(2021, 3, 3)
    assert article.date_source == "dateline"
    excluded = {span.text.strip() for span in article.excluded}
    assert {"Harbour Courier Online", "Sign up for our newsletter", "Advertisement"} <= excluded
    analysed = article.analysed_text
    assert len(analysed) == len(article.text)
    assert "Sign up" not in analysed and "Advertisement" not in analysed
    assert "mackerel quotas" in analysed and "common ground" in analysed


def test_corpus_layout_uses_the_metadata_date():
    article = read(CORPUS)
    assert article.title == "Protesters Fill Central Square in Capital"
    assert article.published == date(2019, 6, 12)
    assert article.date_source == "metadata"
    assert "2019-06-12" not in article.analysed_text
    assert "Thousands of people" in article.analysed_text


def test_metadata_date_wins_and_option_date_is_the_fallback():
    body = "Officials from both governments met again to discuss the trade agreement details.\n"
    assert read(body, default_date=date(2020, 1, 5)).published == date(2020, 1, 5)
    assert read(body, default_date=date(2020, 1, 5)).date_source == "option"
    dated = "ROME, May 2 (ANSA) - " + body
    assert read(dated, default_date=date(2020, 1, 5)).published == date(2020, 5, 2)
    assert read(dated, metadata_date=date(2020, 5, 3)).published == date(2020, 5, 3)


@pytest.mark.parametrize(
    ("line", "place", "outlet", "when"),
    [
        ("Sept. 8, 2017 (EIRNS)—China and", None, "EIRNS", date(2017, 9, 8)),
        ("KHARTOUM, Nov. 12, 2006 (Xinhua) -- The", "Khartoum", "Xinhua", date(2006, 11, 12)),
        ("ATHENS, March 27 - Greek", "Athens", None, date(2019, 3, 27)),
        ("WASHINGTON (AP) — The", "Washington", "AP", None),
        ("BERLIN, 4 March 2019 (Reuters) - German", "Berlin", "Reuters", date(2019, 3, 4)),
        ("NAIROBI, Kenya (AP) _ Police", "Nairobi, Kenya", "AP", None),
        ("KABUL, Dec 15 , 2005 -- Voters", "Kabul", None, date(2005, 12, 15)),
    ],
)
def test_dateline_shapes(line, place, outlet, when):
    found = parse_dateline(line, year_hint=2019)
    assert found is not None
    assert (found.place, found.outlet, found.date) == (place, outlet, when)
    assert line[found.end :].split()[0] in {"China", "The", "Greek", "German", "Police", "Voters"}


@pytest.mark.parametrize(
    "line",
    ["The president said - no more talks", "In Sept. 8 - nothing", "U.S. officials - said"],
)
def test_not_a_dateline(line):
    assert parse_dateline(line, year_hint=2019) is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("caf\u00e9 news".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_input_fails_with_a_reason(data, reason):
    result = read_text(data, "bad.txt")
    assert result.status == "failed"
    assert reason in result.reason
    assert result.source == "bad.txt"


def test_a_batch_with_bad_files_reads_the_good_ones(tmp_path: Path):
    (tmp_path / "good.txt").write_text(CORPUS, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin.txt").write_bytes("d\u00e9j\u00e0 vu".encode("latin-1"))
    results = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    by_name = {Path(r.source).name: r for r in results}
    assert by_name["good.txt"].status == "read"
    assert by_name["empty.txt"].status == "failed"
    assert by_name["latin.txt"].article.text == "d\u00e9j\u00e0 vu"  # encoding detected
    assert by_name["missing.txt"].reason == "no such file or folder"
    assert len(results) == 4


def test_article_id_is_stable_under_rewrapping():
    a = read(CORPUS)
    b = read(CORPUS.replace("\n", "\r\n"))
    assert a.id == b.id
