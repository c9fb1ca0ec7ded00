"""The bundled sample corpus: every gold file is consistent with its article and readable."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import get_args

import pycountry
import pytest

from tidings.events.ontology import load as load_ontology
from tidings.model import Factuality
from tidings.read.files import read_file

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "sample"
ARTICLES = sorted(SAMPLE.glob("*.txt"))

PLOVER = set(load_ontology().types)
FACTUALITY = set(get_args(Factuality))
SECTORS = {
    "GOV",
    "MIL",
    "MED",
    "BUS",
    "REB",
    "OPP",
    "CVL",
    "COP",
    "JUD",
    "UNO",
    "LEG",
    "LAB",
    "NGO",
    "EUR",
}
TIMEX_VALUE = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}|T(MO|AF|EV|NI))?)?|-W\d{2}|-(WI|SP|SU|FA))?"
    r"|\d{3}|P(\d+|X)(Y|M|W|D|DE)|PT\d+H|(PRESENT|PAST|FUTURE)_REF"
)
GOLD_KEYS = {
    "article",
    "published",
    "outlet",
    "title",
    "boilerplate",
    "timexes",
    "actors",
    "quotes",
    "events",
    "not_events",
}


def gold_of(article: Path) -> dict:
    return json.loads(article.with_name(article.stem + ".gold.json").read_text(encoding="utf-8"))


def is_code(code: str) -> bool:
    return code == "IGO" or pycountry.countries.get(alpha_3=code) is not None


def analysed_body(text: str, gold: dict) -> str:
    """The text with title, ISO date line and boilerplate lines blanked (offsets kept)."""
    header = {gold["title"], *gold["boilerplate"]}
    return "\n".join(
        " " * len(line) if line in header or re.fullmatch(r"\d{4}-\d{2}-\d{2}", line) else line
        for line in text.split("\n")
    )


def nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find(needle, pos + 1)
        assert pos >= 0, f"{needle!r} occurs fewer than {n} times"
    return pos


def test_sample_has_at_least_ten_articles_each_with_gold() -> None:
    assert len(ARTICLES) >= 10
    golds = sorted(SAMPLE.glob("*.gold.json"))
    assert [g.name.removesuffix(".gold.json") for g in golds] == [a.stem for a in ARTICLES]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_gold_is_consistent_with_article(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    gold = gold_of(article)
    body = analysed_body(text, gold)
    assert set(gold) == GOLD_KEYS
    assert gold["article"] == article.name
    published = date.fromisoformat(gold["published"])
    lines = text.split("\n")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", lines[1]):  # corpus layout
        assert date.fromisoformat(lines[1]) == published
        assert gold["title"] == lines[0] and gold["boilerplate"] == []
    else:  # web page layout: boilerplate lines, then the title
        assert gold["boilerplate"] == [line for line in lines[: len(gold["boilerplate"])]]
        assert gold["title"] in lines
    for timex in gold["timexes"]:
        start = nth(text, timex["text"], timex["occurrence"])
        assert body[start : start + len(timex["text"])] == timex["text"], timex
        assert TIMEX_VALUE.fullmatch(timex["value"]), timex
    for actor in gold["actors"]:
        assert actor["text"] in body, actor
        assert "actor" not in actor or is_code(actor["actor"]), actor
        assert actor.get("sector", "GOV") in SECTORS, actor
    for quote in gold["quotes"]:
        assert quote["text"] in body and quote["speaker"], quote
        assert quote["kind"] in {"direct", "indirect"}, quote
        assert "actor" not in quote or is_code(quote["actor"]), quote
    for event in gold["events"] + gold["not_events"]:
        assert event["event"] and set(event["event"]) <= PLOVER, event
        assert all(is_code(c) for c in event["source"] + event["target"]), event
        assert event.get("factuality", "asserted") in FACTUALITY, event
        assert event.get("evidence") is None or event["evidence"] in body, event
    for event in gold["events"]:
        assert event["evidence"], event
    for event in gold["not_events"]:
        assert event["why"] and event.get("factuality"), event


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_reader_finds_title_outlet_and_boilerplate(article: Path) -> None:
    gold = gold_of(article)
    result = read_file(article, metadata_date=date.fromisoformat(gold["published"]))
    assert result.status == "read", result.reason
    read = result.article
    assert read.title == gold["title"]
    assert read.published == date.fromisoformat(gold["published"])
    if read.dateline is not None and "(" in read.dateline.text:  # the dateline names an outlet
        assert read.outlet == gold["outlet"]
    excluded = {span.text.strip() for span in read.excluded}
    assert set(gold["boilerplate"]) <= excluded
