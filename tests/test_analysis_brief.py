"""Briefs: selection, deduplicated key events, quotes, positions, chart and evidence links."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analysis_helpers import Coder, call_report, korea_report
from tidings.analysis.brief import (
    Selection,
    build,
    chart_svg,
    excerpt_around,
    to_html,
    to_markdown,
    write,
)
from tidings.cli import app
from tidings.model import Actor
from tidings.store import Store


def korea_brief():
    articles = [
        korea_report("EIR"),
        korea_report("TASS"),
        korea_report("Xinhua"),
        korea_report("Old News", published="2017-08-01"),  # before --since
        call_report("DW", "2017-09-08", 0),  # does not mention North Korea
    ]
    return build(articles, Selection(actor="PRK", since=date(2017, 9, 1)))


def test_brief_selects_deduplicates_and_cites() -> None:
    brief = korea_brief()
    assert brief.n_articles == 3
    # the call for talks, told by three outlets, is one key event with three reports; the
    # objection to the deployment in South Korea does not involve North Korea
    assert [(row.type, row.mention_count) for row in brief.events] == [("REQUEST", 3)]
    assert brief.events[0].outlets == ["EIR", "TASS", "Xinhua"]
    assert brief.events[0].date == "2017-09-07"
    assert brief.events[0].sources == "China (CHN), Russia (RUS)"
    speakers = list(brief.quotes)
    assert any(s.startswith("Wang Yi") for s in speakers)
    wang = next(rows for s, rows in brief.quotes.items() if s.startswith("Wang Yi"))
    assert all(row.mention_count == 3 for row in wang)
    rows = {(row.actor, row.issue): row.stances for row in brief.positions}
    assert {actor for actor, _ in rows} == {
        "China (CHN)",
        "China (CHN): Wang Yi",
        "Russian Federation (RUS)",
        "Russian Federation (RUS): Andrey Denisov",
        "United States (USA): Donald Trump",
    }
    # three outlets reporting one statement make one entry with three pieces of evidence
    [(day, stance, evidence)] = rows[
        ("Russian Federation (RUS): Andrey Denisov", "sanctions (PRK)")
    ]
    assert (day, stance, len(evidence)) == ("2017-09-07", "opposes", 3)
    assert brief.chart == [("2017-09-07", 1, 0)]
    # a topic brief takes every event of its articles: cooperation one day, conflict the next
    topic = build([korea_report("EIR"), korea_report("TASS")], Selection(topic="missile defence"))
    assert topic.chart == [("2017-09-07", 1, 0), ("2017-09-08", 0, 1)]


def test_every_statement_links_to_evidence_in_markdown_and_html() -> None:
    brief = korea_brief()
    markdown, page = to_markdown(brief), to_html(brief)
    for section in ("## Key events", "## Who said what", "## Positions", "## Evidence"):
        assert section in markdown
    cited = set(re.findall(r"\]\(#(e\d+)\)", markdown))
    anchors = set(re.findall(r'<a id="(e\d+)"></a>', markdown))
    assert cited and cited == anchors
    html_cited = set(re.findall(r'href="#(e\d+)"', page))
    assert html_cited == set(re.findall(r'<li id="(e\d+)"', page)) == cited
    for evidence in brief.evidence:  # article id and offsets, checkable against the text
        assert f"{evidence.article_id}:{evidence.start}-{evidence.end}" in markdown
    assert "<svg" in page and "<script" not in page
    assert not re.search(r'(?:src|href)="https?:', page)  # nothing fetched from elsewhere


def test_write_creates_markdown_and_html(tmp_path: Path) -> None:
    md, page = write(korea_brief(), tmp_path / "prk")
    assert md.name == "prk.md" and page.name == "prk.html"
    assert md.read_text(encoding="utf-8").startswith("# Brief: PRK since 2017-09-01")


def test_topic_selection_and_an_empty_brief_render() -> None:
    articles = [korea_report("EIR"), call_report("DW", "2017-09-08", 0)]
    brief = build(articles, Selection(topic="phone Merkel"))
    assert brief.n_articles == 1 and brief.events[0].type == "CONSULT"
    empty = build(articles, Selection(actor="ATA"))
    assert empty.n_articles == 0 and "No events found." in to_markdown(empty)
    with pytest.raises(ValueError):
        Selection()


def test_chart_bars_scale_to_the_largest_count() -> None:
    svg = chart_svg([("2017-09-07", 2, 0), ("2017-09-08", 0, 1)])
    assert svg.count("<rect") == 2 and "tallest bar 2" in svg
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert heights[0] == pytest.approx(2 * heights[1])


def test_tidings_brief_reads_the_store(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        for outlet in ("EIR", "TASS", "Xinhua"):
            store.write(korea_report(outlet))
        store.write(korea_report("Old News", published="2017-08-01"))
    out = tmp_path / "briefs" / "prk"
    args = ["brief", "--actor", "PRK", "--since", "2017-09-01", "--db", str(db), "--out", str(out)]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "briefs" / "prk.md").read_text(encoding="utf-8")
    assert "3 articles" in markdown and "| 2017-09-07 | REQUEST" in markdown
    assert "<svg" in (tmp_path / "briefs" / "prk.html").read_text(encoding="utf-8")
    missing = CliRunner().invoke(app, ["brief", "--db", str(db)])
    assert missing.exit_code == 2 and "actor or topic" in missing.output


def test_evidence_links_to_the_dashboard_article_view_when_a_server_is_named() -> None:
    articles = [korea_report("EIR")]
    brief = build(articles, Selection(actor="PRK"), server="http://127.0.0.1:8000/")
    page, markdown = to_html(brief), to_markdown(brief)
    view = "http://127.0.0.1:8000/dashboard/#/article/eir-korea?event=e1"
    assert f'href="{view}"' in page and f"[view]({view})" in markdown
    assert "dashboard" not in to_html(build(articles, Selection(actor="PRK")))


def test_an_actor_brief_keeps_only_events_the_actor_takes_part_in() -> None:
    """A meeting of two others in a sentence that names the actor is not about the actor."""
    text = (
        "The Mongolian president met the Emir of Qatar in Doha on Monday to discuss trade with "
        "Kazakhstan. Kazakhstan later hosted talks with Mongolia."
    )
    coder = Coder(text, "Steppe Wire", "2021-05-04", article_id="steppe-1")
    mongolia, qatar, kazakhstan = (
        Actor("Mongolia", "MNG"),
        Actor("Qatar", "QAT"),
        Actor("Kazakhstan", "KAZ"),
    )
    coder.mention("Kazakhstan", kazakhstan)
    coder.event("CONSULT", "met", [("Mongolian president", mongolia)], [("Emir of Qatar", qatar)])
    coder.event("CONSULT", "hosted", [("Kazakhstan", kazakhstan)], [("Mongolia", mongolia)])
    brief = build([coder.article], Selection(actor="KAZ"))
    assert [row.summary for row in brief.events] == ["Kazakhstan later hosted talks with Mongolia."]


def test_an_evidence_snippet_always_holds_its_trigger() -> None:
    """A long sentence is cut around the words it cites, never before them."""
    text = (
        "After a week in which the delegations traded accusations over the harbour, the fishing "
        "quotas, the detained crews, the pipeline route, the customs posts, the broadcast licences "
        "and the border markers, and after mediators from three neighbouring states had shuttled "
        "between the two hotels for most of the night, Estonia finally signed the accord with "
        "Latvia on Friday morning in the old town hall."
    )
    estonia, latvia = Actor("Estonia", "EST"), Actor("Latvia", "LVA")
    coder = Coder(text, "Baltic Desk", "2022-02-11", article_id="baltic-1")
    coder.event("AGREE", "signed", [("Estonia", estonia)], [("Latvia", latvia)])
    [row] = build([coder.article], Selection(actor="EST")).events
    assert text.index("signed") > 280 and "signed the accord" in row.summary
    assert row.summary.startswith("…") and len(row.summary) <= 282
    assert excerpt_around(text, (0, 40), (5, 9)) == " ".join(text[:40].split())
