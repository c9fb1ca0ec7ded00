"""Filters and aggregations over the store, compiled to SQL with bound parameters.

Every user value reaches DuckDB as a parameter, never as SQL text; names (group keys, measures,
tables) come from the fixed vocabularies below and are rejected otherwise. Each ``*_sql``
function returns ``(statement, params)``.

Actor filters (``actor``, ``source``, ``target``, ``speaker``, ``dyad``) match a participant whose
code (``RUSGOV``), country (``RUS``) or name (``Sergei Lavrov``) equals the value, ignoring case.
``dyad`` is ``(source, target)`` or the string ``"source,target"``. Date filters (``since``,
``until``, inclusive ISO dates) apply to an event's ``day`` (its own date when known to the day,
else the article's publication date) and to the publication date of articles and quotes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tidings.time import calendar

MAX_LIMIT = 100_000


@dataclass
class Where:
    """SQL conditions joined with AND, and their parameters in order."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    needs_article: bool = False  # a condition reads the joined ``articles a`` row

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def one_of(self, column: str, values: Any) -> None:
        """``column`` equals the value, or one of the values when given a list."""
        if values is None:
            return
        values = _as_list(values)
        if not values:
            return
        self.add(f"{column} IN ({', '.join('?' * len(values))})", *values)

    def contains(self, expression: str, needle: str | None) -> None:
        """Case-insensitive substring search."""
        if needle:
            self.add(f"strpos(lower({expression}), lower(?)) > 0", needle)

    def dates(self, column: str, since: Any, until: Any) -> None:
        if since is not None:
            self.add(f"{column} >= ?", _date(since, "since").first)
        if until is not None:
            self.add(f"{column} <= ?", _date(until, "until").last)

    def actor_in(self, sides: tuple[str, ...], value: str | None) -> None:
        """A participant on one of ``sides`` (``source``, ``target``) is the actor ``value``."""
        if value:
            tests = [f"list_contains(e.{side}_keys, lower(?))" for side in sides]
            self.add("(" + " OR ".join(tests) + ")", *[value] * len(sides))

    def actor_is(self, prefix: str, value: str | None) -> None:
        """The actor in the flat ``<prefix>_code/_country/_name`` columns is ``value``."""
        if value:
            self.add(
                f"lower(?) IN (lower({prefix}_code), lower({prefix}_country), "
                f"lower({prefix}_name))",
                value,
            )

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _as_list(values: Any) -> list[Any]:
    if isinstance(values, str | int | float):
        return [values]
    return list(values)


def _date(value: Any, name: str) -> calendar.Interval:
    """The days a date filter names: a day, or a month, week, quarter, year... (``2017-09``)."""
    if isinstance(value, date):
        return calendar.Interval(value, value, "day")
    span = calendar.parse(str(value))
    if span is None:
        raise ValueError(
            f"{name} must be an ISO date (YYYY-MM-DD) or a period such as 2017-09, 2017-Q3 or "
            f"2017, got {value!r}"
        )
    return span


def _page(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if offset < 0:
        raise ValueError("offset must be >= 0")
    if limit is None:
        return (" OFFSET ?", [offset]) if offset else ("", [])
    if not 0 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 0 and {MAX_LIMIT}")
    return " LIMIT ? OFFSET ?", [limit, offset]


def parse_dyad(dyad: str | Sequence[str] | None) -> tuple[str, str] | None:
    """``"USA,CHN"`` or ``("USA", "CHN")`` -> ``("USA", "CHN")``."""
    if dyad is None:
        return None
    parts = [p.strip() for p in dyad.split(",")] if isinstance(dyad, str) else list(dyad)
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"dyad must be two actors 'SOURCE,TARGET', got {dyad!r}")
    return parts[0], parts[1]


# -- events ------------------------------------------------------------------------------------

SENTENCE_TEXT = "substring(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)"
EVENT_COLUMNS = """
    e.* EXCLUDE (source_keys, target_keys),
    a.published,
    a.outlet,
    a.title AS article_title,
    a.source AS article_source
"""


def event_where(
    *,
    actor: str | None = None,
    source: str | None = None,
    target: str | None = None,
    dyad: str | Sequence[str] | None = None,
    event_type: str | Iterable[str] | None = None,
    cameo: str | None = None,
    quad_class: int | Iterable[int] | None = None,
    factuality: str | Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    outlet: str | Iterable[str] | None = None,
    text: str | None = None,
    article_id: str | Iterable[str] | None = None,
    min_confidence: float | None = None,
) -> Where:
    """The conditions for an events query over ``events e JOIN articles a``."""
    where = Where()
    where.actor_in(("source", "target"), actor)
    where.actor_in(("source",), source)
    where.actor_in(("target",), target)
    pair = parse_dyad(dyad)
    if pair:
        where.actor_in(("source",), pair[0])
        where.actor_in(("target",), pair[1])
    where.one_of("e.type", [t.upper() for t in _as_list(event_type)] if event_type else None)
    if cameo:
        where.add("starts_with(e.cameo, ?)", cameo)
    where.one_of("e.quad_class", quad_class)
    where.one_of("e.factuality", factuality)
    where.dates("e.day", since, until)
    if outlet:
        where.add(
            f"lower(a.outlet) IN ({', '.join('lower(?)' for _ in _as_list(outlet))})",
            *_as_list(outlet),
        )
    where.contains(SENTENCE_TEXT, text)
    where.needs_article = bool(outlet or text)
    where.one_of("e.article_id", article_id)
    if min_confidence is not None:
        where.add("e.confidence >= ?", float(min_confidence))
    return where


def events_sql(*, limit: int | None = None, offset: int = 0, **filters: Any) -> tuple[str, list]:
    where = event_where(**filters)
    page, page_params = _page(limit, offset)
    statement = (
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
        f"{where.sql()} ORDER BY e.day NULLS LAST, e.article_id, e.trigger_start, e.id{page}"
    )
    return statement, where.params + page_params


def events_count_sql(**filters: Any) -> tuple[str, list]:
    """How many events match (joining articles only when a filter needs them)."""
    where = event_where(**filters)
    join = " JOIN articles a ON a.id = e.article_id" if where.needs_article else ""
    return f"SELECT count(*) FROM events e{join}{where.sql()}", where.params


def count_sql(build: Any, **filters: Any) -> tuple[str, list]:
    """``SELECT count(*)`` over what ``build(**filters)`` selects (for pagination totals)."""
    filters.pop("limit", None)
    filters.pop("offset", None)
    if build is events_sql:
        return events_count_sql(**filters)
    statement, params = build(**filters)
    return f"SELECT count(*) FROM ({statement})", params


# -- articles ----------------------------------------------------------------------------------

ARTICLE_COLUMNS = (
    "a.id, a.title, a.outlet, a.dateline_place, a.published, a.date_source, a.source, "
    "a.language, a.n_mentions, a.n_timexes, a.n_quotes, a.n_events, a.coded_at"
)


def articles_sql(
    *,
    actor: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    outlet: str | Iterable[str] | None = None,
    text: str | None = None,
    article_id: str | Iterable[str] | None = None,
    with_text: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list]:
    where = Where()
    if actor:
        where.add(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND lower(?) IN "
            "(lower(m.actor_code), lower(m.actor_country), lower(m.actor_name)))",
            actor,
        )
    where.dates("a.published", since, until)
    if outlet:
        where.add(
            f"lower(a.outlet) IN ({', '.join('lower(?)' for _ in _as_list(outlet))})",
            *_as_list(outlet),
        )
    where.contains("coalesce(a.title, '') || ' ' || a.text", text)
    where.one_of("a.id", article_id)
    page, page_params = _page(limit, offset)
    columns = ARTICLE_COLUMNS + (", a.text" if with_text else "")
    statement = (
        f"SELECT {columns} FROM articles a{where.sql()} ORDER BY a.published NULLS LAST, a.id{page}"
    )
    return statement, where.params + page_params


# -- quotes ------------------------------------------------------------------------------------


def quotes_sql(
    *,
    speaker: str | None = None,
    actor: str | None = None,
    kind: str | Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    outlet: str | Iterable[str] | None = None,
    text: str | None = None,
    article_id: str | Iterable[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list]:
    """Quotes; ``speaker`` (or its alias ``actor``) matches the resolved speaker."""
    where = Where()
    who = speaker or actor
    if who:
        where.add(
            "lower(?) IN (lower(q.speaker_code), lower(q.speaker_country), "
            "lower(q.speaker_name), lower(q.speaker_text))",
            who,
        )
    where.one_of("q.kind", kind)
    where.dates("a.published", since, until)
    if outlet:
        where.add(
            f"lower(a.outlet) IN ({', '.join('lower(?)' for _ in _as_list(outlet))})",
            *_as_list(outlet),
        )
    where.contains("q.text", text)
    where.one_of("q.article_id", article_id)
    page, page_params = _page(limit, offset)
    statement = (
        "SELECT q.*, a.published, a.outlet, a.title AS article_title "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id{where.sql()} "
        f"ORDER BY a.published NULLS LAST, q.article_id, q.start{page}"
    )
    return statement, where.params + page_params


# -- actors and mentions ----------------------------------------------------------------------


def _mention_where(
    actor: str | None,
    country: str | Iterable[str] | None,
    sector: str | Iterable[str] | None,
    since: date | str | None,
    until: date | str | None,
    outlet: str | Iterable[str] | None,
    text: str | None,
    article_id: str | Iterable[str] | None,
) -> Where:
    where = Where()
    where.actor_is("m.actor", actor)
    where.one_of("m.actor_country", country)
    where.one_of("m.actor_sector", sector)
    where.dates("a.published", since, until)
    if outlet:
        where.add(
            f"lower(a.outlet) IN ({', '.join('lower(?)' for _ in _as_list(outlet))})",
            *_as_list(outlet),
        )
    where.contains("m.actor_name", text)
    where.one_of("m.article_id", article_id)
    return where


def actors_sql(
    *,
    actor: str | None = None,
    country: str | Iterable[str] | None = None,
    sector: str | Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    outlet: str | Iterable[str] | None = None,
    text: str | None = None,
    article_id: str | Iterable[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list]:
    """Resolved actors with mention and article counts, most mentioned first."""
    where = _mention_where(actor, country, sector, since, until, outlet, text, article_id)
    where.add("m.actor_name IS NOT NULL")
    page, page_params = _page(limit, offset)
    statement = (
        "SELECT m.actor_name AS name, m.actor_code AS code, m.actor_country AS country, "
        "m.actor_sector AS sector, m.actor_kind AS kind, m.actor_kb_id AS kb_id, "
        "count(*) AS mentions, count(DISTINCT m.article_id) AS articles "
        f"FROM mentions m JOIN articles a ON a.id = m.article_id{where.sql()} "
        "GROUP BY ALL ORDER BY mentions DESC, name, code" + page
    )
    return statement, where.params + page_params


def mentions_sql(
    *,
    actor: str | None = None,
    country: str | Iterable[str] | None = None,
    sector: str | Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    outlet: str | Iterable[str] | None = None,
    text: str | None = None,
    article_id: str | Iterable[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list]:
    where = _mention_where(actor, country, sector, since, until, outlet, text, article_id)
    page, page_params = _page(limit, offset)
    statement = (
        "SELECT m.*, a.published, a.outlet FROM mentions m JOIN articles a ON a.id = m.article_id"
        f"{where.sql()} ORDER BY a.published NULLS LAST, m.article_id, m.start{page}"
    )
    return statement, where.params + page_params


def timexes_sql(
    *,
    article_id: str | Iterable[str] | None = None,
    timex_type: str | Iterable[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list]:
    where = Where()
    where.one_of("t.article_id", article_id)
    where.one_of("t.type", timex_type)
    page, page_params = _page(limit, offset)
    statement = f"SELECT t.* FROM timexes t{where.sql()} ORDER BY t.article_id, t.start{page}"
    return statement, where.params + page_params


# -- aggregates --------------------------------------------------------------------------------

#: Group keys: name -> (SQL expression over the dyad rows ``d``, needs one row per dyad).
GROUP_KEYS: dict[str, tuple[str, bool]] = {
    "source": ("d.source_code", True),
    "target": ("d.target_code", True),
    "source_country": ("d.source_country", True),
    "target_country": ("d.target_country", True),
    "day": ("d.day", False),
    "month": ("strftime(d.day, '%Y-%m')", False),
    "year": ("year(d.day)", False),
    "type": ("d.type", False),
    "cameo_root": ("left(d.cameo, 2)", False),
    "quad_class": ("d.quad_class", False),
    "factuality": ("d.factuality", False),
    "outlet": ("d.outlet", False),
}
#: ``dyad`` is shorthand for ``source`` and ``target``.
GROUP_ALIASES: dict[str, tuple[str, ...]] = {"dyad": ("source", "target")}

MEASURES: dict[str, str] = {
    "count": "count(*)",
    "goldstein": "round(sum(d.goldstein), 3)",
    "goldstein_mean": "round(avg(d.goldstein), 3)",
    "articles": "count(DISTINCT d.article_id)",
    "confidence_mean": "round(avg(d.confidence), 3)",
    "verbal_cooperation": "count(*) FILTER (WHERE d.quad_class = 1)",
    "material_cooperation": "count(*) FILTER (WHERE d.quad_class = 2)",
    "verbal_conflict": "count(*) FILTER (WHERE d.quad_class = 3)",
    "material_conflict": "count(*) FILTER (WHERE d.quad_class = 4)",
}

_DYAD_ROWS = """
    SELECT e.* EXCLUDE (source, target, source_keys, target_keys),
           a.outlet,
           s.p.name AS source_name, s.p.country AS source_country, s.p.code AS source_code,
           t.p.name AS target_name, t.p.country AS target_country, t.p.code AS target_code
    FROM events e JOIN articles a ON a.id = e.article_id,
         unnest(if(len(e.sources) = 0, [NULL], e.sources)) AS s(p),
         unnest(if(len(e.targets) = 0, [NULL], e.targets)) AS t(p)
"""


def aggregate_sql(
    *,
    by: Sequence[str] = ("dyad", "month"),
    measures: Sequence[str] = ("count", "goldstein"),
    limit: int | None = None,
    offset: int = 0,
    **filters: Any,
) -> tuple[str, list]:
    """Events grouped by ``by`` with ``measures``.

    Grouping by an actor key (dyad, source, target, *_country) counts an event once per
    source-target pair (PLOVER events may have several of each); other groupings count each
    event once.
    """
    by = [by] if isinstance(by, str) else list(by)
    measures = [measures] if isinstance(measures, str) else list(measures)
    keys: list[str] = []
    for name in by:
        for key in GROUP_ALIASES.get(name, (name,)):
            if key not in GROUP_KEYS:
                known = ", ".join([*GROUP_ALIASES, *GROUP_KEYS])
                raise ValueError(f"cannot group by {name!r}; use any of: {known}")
            if key not in keys:
                keys.append(key)
    for name in measures:
        if name not in MEASURES:
            raise ValueError(f"unknown measure {name!r}; use any of: {', '.join(MEASURES)}")
    if not measures:
        raise ValueError("give at least one measure")
    where = event_where(**filters)
    per_dyad = any(GROUP_KEYS[k][1] for k in keys)
    rows = (
        _DYAD_ROWS + where.sql()
        if per_dyad
        else (
            "SELECT e.*, a.outlet FROM events e JOIN articles a ON a.id = e.article_id"
            + where.sql()
        )
    )
    columns = [f"{GROUP_KEYS[k][0]} AS {k}" for k in keys]
    columns += [f"{MEASURES[m]} AS {m}" for m in measures]
    group = (" GROUP BY " + ", ".join(str(i + 1) for i in range(len(keys)))) if keys else ""
    order = (
        (" ORDER BY " + ", ".join(f"{i + 1} NULLS LAST" for i in range(len(keys)))) if keys else ""
    )
    page, page_params = _page(limit, offset)
    statement = f"SELECT {', '.join(columns)} FROM ({rows}) d{group}{order}{page}"
    return statement, where.params + page_params


# -- clusters ----------------------------------------------------------------------------------


def clusters_sql(
    *,
    kind: str | Iterable[str] | None = None,
    cluster_id: str | Iterable[str] | None = None,
    article_id: str | Iterable[str] | None = None,
    label: str | Iterable[str] | None = None,
    outlet: str | Iterable[str] | None = None,
    min_mentions: int | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list]:
    """Stored cluster rows (one per mention), clusters in the order of their first report.

    ``since``/``until`` apply to the cluster's first report; ``outlet`` to the mention's outlet.
    """
    where = Where()
    where.one_of("kind", kind)
    where.one_of("cluster_id", cluster_id)
    where.one_of("article_id", article_id)
    where.one_of("label", label)
    where.one_of("outlet", outlet)
    if min_mentions is not None:
        where.add("mention_count >= ?", int(min_mentions))
    where.dates("first_published", since, until)
    page, page_params = _page(limit, offset)
    statement = (
        f"SELECT * FROM clusters{where.sql()} ORDER BY first_published NULLS LAST, cluster_id, "
        f"published NULLS LAST, article_id, start, annotation_id{page}"
    )
    return statement, where.params + page_params
