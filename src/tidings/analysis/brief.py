"""Briefs: a readable Markdown and HTML account of an actor or a topic, every line with evidence.

A brief selects the coded articles about an actor (``PRK``, ``RUSGOV``, ``Wang Yi``) or topic
words, published in a date range; deduplicates their events and quotes across articles; and writes

* the key events in time order, each real event once with its reports and outlets;
* who said what: each speaker's most reported statements, with dates;
* the positions table: each actor's stance on each issue over time;
* a cooperation/conflict chart (an inline SVG of the deduplicated events per day, week or month);
* the evidence: every statement above links to the article id and character offsets it rests on.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote as url_quote

import pycountry

from tidings.analysis.dedup import (
    Cluster,
    DedupConfig,
    Deduplicator,
    EventMention,
    Kind,
    M,
    QuoteMention,
    event_mentions,
    quote_mentions,
)
from tidings.analysis.positions import Position, positions, stances_over_time
from tidings.model import Actor, Article, Event, Quote
from tidings.time import calendar

EXCERPT_CHARS = 280


@dataclass(frozen=True)
class Selection:
    """Which articles a brief covers: an actor or topic words, and a publication date range."""

    actor: str | None = None  # actor code (PRK, RUSGOV), country or name
    topic: str | None = None  # words that must all occur in the article
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if not (self.actor or self.topic):
            raise ValueError("a brief needs an actor or topic words")

    def is_actor(self, actor: Actor | None) -> bool:
        if actor is None or not self.actor:
            return False
        wanted = self.actor.casefold()
        return wanted in {
            actor.code.casefold(),
            (actor.country or "").casefold(),
            actor.name.casefold(),
        }

    def covers(self, article: Article) -> bool:
        published = article.published
        if self.since and (published is None or published < self.since):
            return False
        if self.until and (published is None or published > self.until):
            return False
        if self.topic:
            text = article.text.casefold()
            if not all(word in text for word in self.topic.casefold().split()):
                return False
        if self.actor:
            actors = [m.actor for m in article.mentions]
            actors += [p.actor for e in article.events for p in (*e.sources, *e.targets)]
            actors += [q.speaker_actor for q in article.quotes]
            return any(self.is_actor(a) for a in actors)
        return True

    def involves(self, event: Event) -> bool:
        """An event about the selection: the actor is one of its sides (being named in the same
        sentence is not enough: a meeting between two others that mentions the actor is about
        them, not it). A topic brief takes every event of its articles."""
        if not self.actor:
            return True
        return any(self.is_actor(p.actor) for p in (*event.sources, *event.targets))

    @property
    def title(self) -> str:
        about = " and ".join(x for x in (self.actor, self.topic and f"“{self.topic}”") if x)
        since = f" since {self.since.isoformat()}" if self.since else ""
        until = f" until {self.until.isoformat()}" if self.until else ""
        return f"Brief: {about}{since}{until}"


@dataclass(frozen=True)
class Evidence:
    """Where a statement of the brief comes from."""

    number: int
    article_id: str
    outlet: str | None
    published: date | None
    start: int
    end: int
    excerpt: str
    source: str | None  # the path or URL the article was read from
    event_id: str | None = None  # for the dashboard's article view

    @property
    def anchor(self) -> str:
        return f"e{self.number}"

    @property
    def citation(self) -> str:
        return f"{self.article_id}:{self.start}-{self.end}"

    def view(self, server: str) -> str:
        """The article view of a running ``tidings serve`` at ``server``, event highlighted."""
        event = f"?event={url_quote(self.event_id)}" if self.event_id else ""
        return f"{server.rstrip('/')}/dashboard/#/article/{url_quote(self.article_id)}{event}"


@dataclass(frozen=True)
class EventRow:
    cluster_id: str
    date: str
    type: str
    cameo: str
    quad_class: int | None
    goldstein: float | None
    factuality: str
    sources: str
    targets: str
    summary: str  # the first report's sentence
    mention_count: int
    outlets: list[str]
    evidence: list[Evidence]


@dataclass(frozen=True)
class QuoteRow:
    cluster_id: str
    date: str
    text: str
    kind: str
    mention_count: int
    outlets: list[str]
    evidence: list[Evidence]


@dataclass(frozen=True)
class PositionRow:
    actor: str  # "China (Wang Yi, Xi Jinping)"
    issue: str
    stances: list[tuple[str, str, list[Evidence]]]  # (date, stance, its reports) in date order


@dataclass
class Brief:
    """Everything a brief shows, ready to render."""

    selection: Selection
    n_articles: int
    events: list[EventRow] = field(default_factory=list)
    quotes: dict[str, list[QuoteRow]] = field(default_factory=dict)  # speaker -> top quotes
    positions: list[PositionRow] = field(default_factory=list)
    chart: list[tuple[str, int, int]] = field(default_factory=list)  # (bin, cooperation, conflict)
    evidence: list[Evidence] = field(default_factory=list)
    server: str | None = None  # a `tidings serve` URL: evidence links to its article view


class _Citations:
    """Numbers evidence in order of first use (one number per article span)."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self.articles = articles
        self.numbered: dict[tuple[str, int, int], Evidence] = {}

    def cite(
        self,
        article_id: str,
        start: int,
        end: int,
        context: tuple[int, int],
        event_id: str | None = None,
    ) -> Evidence:
        key = (article_id, start, end)
        if key not in self.numbered:
            article = self.articles[article_id]
            # excluded spans (title, boilerplate) are blanked in the analysed text
            excerpt = excerpt_around(article.analysed_text, context, (start, end))
            self.numbered[key] = Evidence(
                len(self.numbered) + 1,
                article_id,
                article.outlet,
                article.published,
                start,
                end,
                excerpt,
                article.source,
                event_id,
            )
        return self.numbered[key]


def excerpt_around(
    text: str, context: tuple[int, int], span: tuple[int, int], limit: int = EXCERPT_CHARS
) -> str:
    """The ``context`` stretch of ``text`` (a sentence) in one line, cut to about ``limit``
    characters around ``span`` (the trigger or quote it cites), never cutting ``span`` itself;
    "…" marks each cut end, and cuts fall between words."""
    lo, hi = context
    if hi - lo > limit:
        start = max(lo, min((span[0] + span[1] - limit) // 2, hi - limit, span[0]))
        end = min(hi, max(start + limit, span[1]))
        if start > lo:  # begin at the next word (before the span)
            space = text.find(" ", start, span[0])
            start = space + 1 if space >= 0 else start
        if end < hi:  # end at the last whole word (after the span)
            space = text.rfind(" ", span[1], end)
            end = space if space >= 0 else end
        lo, hi = start, end
    words = " ".join(text[lo:hi].split())
    return ("…" if lo > context[0] else "") + words + ("…" if hi < context[1] else "")


def build(
    articles: Iterable[Article],
    selection: Selection,
    *,
    config: DedupConfig | None = None,
    max_events: int = 40,
    quotes_per_speaker: int = 3,
    server: str | None = None,
    stored: dict[tuple[str, str, str], str] | None = None,
) -> Brief:
    """Select, deduplicate and organise the articles' events, quotes and positions.

    ``stored`` maps (kind, article id, event or quote id) to the cluster id ``tidings dedup``
    stored; when it covers every selected mention, those clusters are used (restricted to the
    selection), else the selection is clustered on the fly.
    """
    chosen = {a.id: a for a in articles if selection.covers(a)}
    dedup = Deduplicator(config or DedupConfig.load())
    events = {(a.id, e.id): e for a in chosen.values() for e in a.events if selection.involves(e)}
    event_list: list[EventMention] = []
    quote_list: list[QuoteMention] = []
    for article in chosen.values():
        involved = [e for e in article.events if (article.id, e.id) in events]
        event_list.extend(event_mentions(replace(article, events=involved), dedup.config))
        quote_list.extend(quote_mentions(article, dedup.config))
    stored_events = _stored_clusters("event", event_list, stored or {})
    stored_quotes = _stored_clusters("quote", quote_list, stored or {})
    if stored_events is not None and stored_quotes is not None:
        clusters, quote_clusters = stored_events, stored_quotes
    else:
        dedup.add_events(event_list)
        dedup.add_quotes(quote_list)
        clusters, quote_clusters = dedup.event_clusters(), dedup.quote_clusters()
    citations = _Citations(chosen)
    brief = Brief(selection, len(chosen), server=server)
    key_clusters = sorted(clusters, key=lambda c: (-c.mention_count, c.first.order))[:max_events]
    brief.events = sorted(
        (_event_row(c, events, citations) for c in key_clusters),
        key=lambda r: (r.date, r.cluster_id),
    )
    brief.quotes = _top_quotes(quote_clusters, chosen, citations, quotes_per_speaker)
    brief.positions = _position_rows(positions(chosen.values()), citations)
    brief.chart = _chart(clusters, events)
    brief.evidence = sorted(citations.numbered.values(), key=lambda e: e.number)
    return brief


def _stored_clusters(
    kind: Kind, mentions: list[M], stored: dict[tuple[str, str, str], str]
) -> list[Cluster[M]] | None:
    """The stored clusters of ``mentions`` (first report first), or None when one of them has
    no stored cluster (not clustered since it was coded)."""
    groups: dict[str, dict[tuple[str, int, int], M]] = defaultdict(dict)
    for mention in mentions:
        annotation = mention.event_id if isinstance(mention, EventMention) else mention.quote_id
        cluster_id = stored.get((kind, mention.article_id, annotation))
        if cluster_id is None:
            return None
        groups[cluster_id].setdefault(mention.key, mention)
    clusters = [
        Cluster(cluster_id, kind, tuple(sorted(group.values(), key=lambda m: m.order)))
        for cluster_id, group in groups.items()
    ]
    return sorted(clusters, key=lambda c: c.first.order)


def _names(participants: Iterable[Any]) -> str:
    names = []
    for p in participants:
        label = p.actor.name if p.actor else p.text
        if p.actor and p.actor.code and p.actor.code != "---":
            label += f" ({p.actor.code})"
        if label not in names:
            names.append(label)
    return ", ".join(names) or "—"


def _event_row(
    cluster: Cluster[EventMention],
    events: dict[tuple[str, str], Event],
    citations: _Citations,
) -> EventRow:
    first = cluster.first
    event = events[(first.article_id, first.event_id)]
    evidence = [
        citations.cite(m.article_id, m.start, m.end, (m.sentence_start, m.sentence_end), m.event_id)
        for m in cluster.mentions
    ]
    day = cluster.date or (first.published.isoformat() if first.published else "undated")
    return EventRow(
        cluster_id=cluster.id,
        date=day,
        type=cluster.label,
        cameo=event.cameo,
        quad_class=event.quad_class,
        goldstein=event.goldstein,
        factuality=event.factuality,
        sources=_names(event.sources),
        targets=_names(event.targets),
        summary=evidence[0].excerpt,
        mention_count=cluster.mention_count,
        outlets=cluster.outlets,
        evidence=evidence,
    )


def _speaker_label(quote: Quote) -> str:
    actor = quote.speaker_actor
    if actor is None:
        return "unknown"
    details = ", ".join(x for x in (actor.role, actor.code if actor.code != "---" else None) if x)
    return f"{actor.name} ({details})" if details else actor.name


def _top_quotes(
    clusters: list[Cluster[QuoteMention]],
    articles: dict[str, Article],
    citations: _Citations,
    per_speaker: int,
) -> dict[str, list[QuoteRow]]:
    by_speaker: dict[str, list[tuple[Cluster[QuoteMention], Quote]]] = defaultdict(list)
    for cluster in clusters:
        first = cluster.first
        quote = next(q for q in articles[first.article_id].quotes if q.id == first.quote_id)
        by_speaker[_speaker_label(quote)].append((cluster, quote))
    ranked = sorted(
        by_speaker.items(), key=lambda kv: (-sum(c.mention_count for c, _ in kv[1]), kv[0])
    )
    table: dict[str, list[QuoteRow]] = {}
    for speaker, found in ranked:
        best = sorted(found, key=lambda cq: (-cq[0].mention_count, -len(cq[1].text), cq[0].id))
        rows = []
        for cluster, quote in best[:per_speaker]:
            first = cluster.first
            rows.append(
                QuoteRow(
                    cluster_id=cluster.id,
                    date=quote.date
                    or (first.published.isoformat() if first.published else "undated"),
                    text=" ".join(quote.text.split()),
                    kind=quote.kind,
                    mention_count=cluster.mention_count,
                    outlets=cluster.outlets,
                    evidence=[
                        citations.cite(m.article_id, m.start, m.end, (m.start, m.end))
                        for m in cluster.mentions
                    ],
                )
            )
        table[speaker] = sorted(rows, key=lambda r: (r.date, r.cluster_id))
    return table


def _position_rows(found: list[Position], citations: _Citations) -> list[PositionRow]:
    """One row per (actor, issue); the same stance on the same day is one entry, all reports."""
    rows = []
    for (who, _), history in stances_over_time(found).items():
        people = sorted({p.actor for p in history if p.actor_code != p.country})
        label = _country_name(who) if who == history[0].country else who
        stances: list[tuple[str, str, list[Evidence]]] = []
        for p in history:
            evidence = citations.cite(p.article_id, p.start, p.end, (p.start, p.end))
            day = p.date or "undated"
            if stances and stances[-1][:2] == (day, p.stance):
                stances[-1][2].append(evidence)
            else:
                stances.append((day, p.stance, [evidence]))
        rows.append(
            PositionRow(
                actor=f"{label}: {', '.join(people)}" if people else label,
                issue=history[0].issue_label,
                stances=stances,
            )
        )
    return rows


def _country_name(code: str) -> str:
    """ "China (CHN)" for an ISO 3166 alpha-3 code; other codes (IGO) as they are."""
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if country is None:
        return code
    return f"{getattr(country, 'common_name', None) or country.name} ({code})"


def _chart(
    clusters: list[Cluster[EventMention]], events: dict[tuple[str, str], Event]
) -> list[tuple[str, int, int]]:
    """Deduplicated events per time bin: (bin label, cooperation count, conflict count)."""
    dated: list[tuple[date, int]] = []
    for cluster in clusters:
        first = cluster.first
        event = events[(first.article_id, first.event_id)]
        side = _side(event)
        day = _day(cluster.date) or first.published
        if side and day:
            dated.append((day, side))
    if not dated:
        return []
    lo, hi = min(d for d, _ in dated), max(d for d, _ in dated)
    span = (hi - lo).days
    if span <= 45:
        label, step = (lambda d: d.isoformat()), "day"
    elif span <= 370:
        label, step = (lambda d: (d - timedelta(days=d.weekday())).isoformat()), "week"
    else:
        label, step = (lambda d: d.isoformat()[:7]), "month"
    counts: dict[str, list[int]] = {}
    day = lo
    while day <= hi:  # every bin in the range, empty ones too
        counts.setdefault(label(day), [0, 0])
        day += timedelta(days=1 if step == "day" else 7 if step == "week" else 28)
    counts.setdefault(label(hi), [0, 0])
    for day, side in dated:
        counts.setdefault(label(day), [0, 0])[0 if side > 0 else 1] += 1
    return [(k, v[0], v[1]) for k, v in sorted(counts.items())]


def _side(event: Event) -> int:
    """+1 cooperation, -1 conflict, 0 unknown (quad class first, then the Goldstein sign)."""
    if event.factuality != "asserted":
        return 0
    if event.quad_class in (1, 2):
        return 1
    if event.quad_class in (3, 4):
        return -1
    if event.goldstein:
        return 1 if event.goldstein > 0 else -1
    return 0


def _day(value: str | None) -> date | None:
    """The first day of a TimeML date value (a month's first day), None when it has none."""
    span = calendar.parse(value) if value else None
    return span.first if span else None


# -- rendering -----------------------------------------------------------------------------------


def chart_svg(chart: list[tuple[str, int, int]], width: int = 720, height: int = 240) -> str:
    """Cooperation (up, green) and conflict (down, red) bars per time bin, as inline SVG."""
    if not chart:
        return ""
    top = max(max(c, k) for _, c, k in chart) or 1
    pad, mid = 28, height // 2
    bar = (width - 2 * pad) / len(chart)
    scale = (mid - pad) / top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="cooperation and conflict events">',
        f'<line x1="{pad}" y1="{mid}" x2="{width - pad}" y2="{mid}" stroke="#555"/>',
        f'<text x="{pad}" y="14" font-size="11"><tspan fill="#2e7d32">▲ cooperation</tspan> '
        f'<tspan fill="#c62828">▼ conflict</tspan> '
        f"(deduplicated events per period; tallest bar {top})</text>",
    ]
    for i, (label, cooperation, conflict) in enumerate(chart):
        x = pad + i * bar + bar * 0.1
        w = max(bar * 0.8, 1)
        title = html.escape(f"{label}: {cooperation} cooperation, {conflict} conflict")
        if cooperation:
            h = cooperation * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{mid - h:.1f}" width="{w:.1f}" height="{h:.1f}" '
                f'fill="#43a047"><title>{title}</title></rect>'
            )
        if conflict:
            h = conflict * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{mid:.1f}" width="{w:.1f}" height="{h:.1f}" '
                f'fill="#e53935"><title>{title}</title></rect>'
            )
    for i in sorted({0, len(chart) // 2, len(chart) - 1}):
        x = pad + (i + 0.5) * bar
        parts.append(
            f'<text x="{x:.1f}" y="{height - 8}" font-size="10" text-anchor="middle" '
            f'fill="#333">{html.escape(chart[i][0])}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _md_refs(evidence: list[Evidence]) -> str:
    return " ".join(f"[[{e.number}]](#{e.anchor})" for e in evidence)


def to_markdown(brief: Brief) -> str:
    """The brief as Markdown (GitHub-flavoured tables; evidence links are in-page anchors)."""
    out = [f"# {brief.selection.title}", ""]
    out.append(
        f"{_count(brief.n_articles, 'article')}, {_count(len(brief.events), 'key event')}, "
        f"{_count(sum(len(q) for q in brief.quotes.values()), 'statement')}. Numbers in brackets "
        "link to "
        "the evidence: article id and character offsets."
    )
    out += ["", "## Key events", ""]
    if brief.events:
        out.append("| date | event | source | target | reports | outlets | evidence |")
        out.append("|---|---|---|---|---|---|---|")
        for row in brief.events:
            kind = row.type + (f" ({row.factuality})" if row.factuality != "asserted" else "")
            out.append(
                f"| {row.date} | {kind}: {_cell(row.summary)} | {_cell(row.sources)} | "
                f"{_cell(row.targets)} | {row.mention_count} | {', '.join(row.outlets) or '—'} | "
                f"{_md_refs(row.evidence)} |"
            )
    else:
        out.append("No events found.")
    out += ["", "## Who said what", ""]
    for speaker, rows in brief.quotes.items():
        out.append(f"**{speaker}**")
        out.append("")
        for row in rows:
            reports = f", {row.mention_count} reports" if row.mention_count > 1 else ""
            out.append(f"- {row.date}{reports}: “{_cell(row.text)}” {_md_refs(row.evidence)}")
        out.append("")
    if not brief.quotes:
        out += ["No attributed statements found.", ""]
    out += ["## Positions", ""]
    if brief.positions:
        out.append("| actor | issue | stance over time |")
        out.append("|---|---|---|")
        for row in brief.positions:
            history = "; ".join(f"{d} {s} {_md_refs(ev)}" for d, s, ev in row.stances)
            out.append(f"| {_cell(row.actor)} | {_cell(row.issue)} | {history} |")
    else:
        out.append("No positions found.")
    out += ["", "## Cooperation and conflict", ""]
    if brief.chart:
        out.append("| period | cooperation | conflict |")
        out.append("|---|---|---|")
        out += [f"| {label} | {coop} | {conf} |" for label, coop, conf in brief.chart]
    else:
        out.append("No events with a quad class or Goldstein score.")
    out += ["", "## Evidence", ""]
    for e in brief.evidence:
        when = e.published.isoformat() if e.published else "undated"
        view = f" [view]({e.view(brief.server)})" if brief.server else ""
        out.append(
            f'- <a id="{e.anchor}"></a>**[{e.number}]** `{e.citation}`{view} '
            f"({e.outlet or 'unknown outlet'}, {when}): {_cell(e.excerpt)}"
        )
    return "\n".join(out) + "\n"


def _html_refs(evidence: list[Evidence]) -> str:
    return " ".join(f'<a class="ev" href="#{e.anchor}">[{e.number}]</a>' for e in evidence)


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;font-size:14px;text-align:left}
th{background:#f3f3f3} a.ev{text-decoration:none;font-size:12px} code{font-size:12px}
li:target{background:#fff3c4} .meta{color:#555}
"""


def to_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page (inline CSS and SVG, no external assets)."""
    e = html.escape
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(brief.selection.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(brief.selection.title)}</h1>",
        f'<p class="meta">{_count(brief.n_articles, "article")}, '
        f"{_count(len(brief.events), 'key event')}. "
        "Numbers in brackets link to the evidence: article id and character offsets.</p>",
        "<h2>Key events</h2>",
    ]
    if brief.events:
        out.append(
            "<table><tr><th>date</th><th>event</th><th>source</th><th>target</th>"
            "<th>reports</th><th>outlets</th><th>evidence</th></tr>"
        )
        for row in brief.events:
            kind = row.type + (f" ({row.factuality})" if row.factuality != "asserted" else "")
            out.append(
                f"<tr><td>{e(row.date)}</td><td><b>{e(kind)}</b> {e(row.summary)}</td>"
                f"<td>{e(row.sources)}</td><td>{e(row.targets)}</td><td>{row.mention_count}</td>"
                f"<td>{e(', '.join(row.outlets) or '—')}</td>"
                f"<td>{_html_refs(row.evidence)}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append("<p>No events found.</p>")
    out.append("<h2>Who said what</h2>")
    for speaker, rows in brief.quotes.items():
        out.append(f"<h3>{e(speaker)}</h3><ul>")
        for row in rows:
            reports = f", {row.mention_count} reports" if row.mention_count > 1 else ""
            out.append(
                f"<li>{e(row.date)}{reports}: “{e(row.text)}” {_html_refs(row.evidence)}</li>"
            )
        out.append("</ul>")
    if not brief.quotes:
        out.append("<p>No attributed statements found.</p>")
    out.append("<h2>Positions</h2>")
    if brief.positions:
        out.append("<table><tr><th>actor</th><th>issue</th><th>stance over time</th></tr>")
        for row in brief.positions:
            history = "<br>".join(
                f"{e(d)} <b>{e(s)}</b> {_html_refs(ev)}" for d, s, ev in row.stances
            )
            out.append(f"<tr><td>{e(row.actor)}</td><td>{e(row.issue)}</td><td>{history}</td></tr>")
        out.append("</table>")
    else:
        out.append("<p>No positions found.</p>")
    out.append("<h2>Cooperation and conflict</h2>")
    out.append(chart_svg(brief.chart) or "<p>No events with a quad class or Goldstein score.</p>")
    out.append("<h2>Evidence</h2><ol>")
    for ev in brief.evidence:
        when = ev.published.isoformat() if ev.published else "undated"
        source = f" — {e(ev.source)}" if ev.source else ""
        view = f' <a href="{e(ev.view(brief.server))}">view</a>' if brief.server else ""
        out.append(
            f'<li id="{ev.anchor}" value="{ev.number}"><code>{e(ev.citation)}</code>{view} '
            f"({e(ev.outlet or 'unknown outlet')}, {when}{source}): {e(ev.excerpt)}</li>"
        )
    out.append("</ol></body></html>")
    return "\n".join(out) + "\n"


def write(brief: Brief, out: Path) -> tuple[Path, Path]:
    """Write ``out.md`` and ``out.html`` (``out`` without its suffix); return both paths."""
    base = out.with_suffix("") if out.suffix in {".md", ".html"} else out
    base.parent.mkdir(parents=True, exist_ok=True)
    markdown, page = base.with_name(base.name + ".md"), base.with_name(base.name + ".html")
    markdown.write_text(to_markdown(brief), encoding="utf-8")
    page.write_text(to_html(brief), encoding="utf-8")
    return markdown, page


class ArticleStore(Protocol):
    """What a brief needs from the store (``tidings.store.Store``)."""

    def articles(self, **filters: Any) -> Any: ...

    def article(self, article_id: str) -> Article | None: ...


def load_articles(store: ArticleStore, selection: Selection) -> list[Article]:
    """The stored articles the selection covers (the store filters by actor and dates)."""
    filters: dict[str, Any] = {"since": selection.since, "until": selection.until}
    if selection.actor:
        filters["actor"] = selection.actor
    rows = store.articles(**{k: v for k, v in filters.items() if v is not None})
    found = (store.article(article_id) for article_id in rows.column("id").to_pylist())
    return [a for a in found if a is not None and selection.covers(a)]
