"""One filter language for the store: a filter class per table, compiled to SQL with bound params.

Each table that can be queried has one filter class (:class:`EventFilter`, :class:`QuoteFilter`,
:class:`ArticleFilter`, :class:`ActorFilter`, :class:`ClusterFilter`, :class:`TimexFilter`); its
fields are the filters' names, types, limits and help texts. The library
(``tidings.connect(...).events(type="CONSULT")``), the command line (``tidings events --type
CONSULT``) and the REST API (``GET /events?type=CONSULT``) all read their filters from these
classes, so a filter has one name and one meaning everywhere. Values are checked against what is
known (PLOVER types, factualities, quote kinds...) and a misspelt one is refused with a "did you
mean" (:class:`FilterError`).

Every user value reaches DuckDB as a parameter, never as SQL text; names (group keys, measures,
tables) come from the fixed vocabularies below and are rejected otherwise. Each ``*_sql``
function returns ``(statement, params)``.

Actor filters (``actor``, ``source``, ``target``, ``dyad``) match a participant (an event's
source or target, a quote's speaker, an article's mentions) whose code (``RUSGOV``), country
(``RUS``) or name (``Sergei Lavrov``) equals the value, ignoring case; whose name contains it as
whole words (``Putin``); or who is what the value names wherever the store met it as a mention
(``the Kremlin``: the actor such mentions resolved to; a country's name: the country's code).
Date filters (``since``, ``until``, inclusive ISO dates) apply to an event's ``day`` (its own
date when known to the day, else the article's publication date) and to the publication date of
articles, quotes and actor mentions.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from tidings.events.ontology import plover_types
from tidings.model import FACTUALITIES, SPEECH_KINDS, QuoteKind
from tidings.time import calendar

#: The most rows one page of a query may ask for (the REST API pages by at most ``MAX_PAGE``).
MAX_LIMIT = 1_000_000_000
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
EVENT_TYPES = plover_types()


class FilterError(ValueError):
    """A filter that is unknown or has a value outside what it accepts (the message says which,
    and what it accepts)."""


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """``" (did you mean 'CONSULT'?)"`` for the closest known value, else ``""``."""
    choices = {k.casefold(): k for k in known}
    folded = value.casefold()
    close = difflib.get_close_matches(folded, list(choices), n=1, cutoff=0.6)
    close = close or [k for k in choices if k in folded.split("_") or folded in k.split("_")]
    return f" (did you mean {choices[close[0]]!r}?)" if close else ""


def _one_of(name: str, values: list[str], known: Sequence[str]) -> list[str]:
    """``values`` in their known spelling (matched ignoring case), or a FilterError naming the
    first unknown one with a suggestion and the accepted values."""
    spelling = {k.casefold(): k for k in known}
    out = []
    for value in values:
        if value.casefold() not in spelling:
            raise ValueError(
                f"unknown {name} {value!r}{did_you_mean(value, known)}; use one of: "
                + ", ".join(known)
            )
        out.append(spelling[value.casefold()])
    return out


def _listed(value: Any) -> Any:
    """A single value where a list is accepted becomes a one-item list."""
    return [value] if isinstance(value, str | int | float) else value


def _to_list(cls: type, value: Any) -> Any:
    """Validator (before the type check) of the fields that take one value or several."""
    return _listed(value)


Words = Annotated[str, Field(min_length=1, max_length=200)]
WordList = Annotated[list[Words], Field(max_length=20)]


class Filter(BaseModel):
    """The filters of one table. ``Filter.parse(mapping)`` checks names and values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def parse(cls, values: Mapping[str, Any] | Self | None = None) -> Self:
        """Filters from keyword values (``None`` = not given), or a FilterError in one line."""
        if isinstance(values, cls):
            return values
        given = {k: v for k, v in (values or {}).items() if v is not None}
        for name in given:
            if name not in cls.model_fields:
                raise FilterError(
                    f"unknown filter {name!r}{did_you_mean(name, cls.model_fields)}; "
                    f"filters: {', '.join(cls.model_fields)}"
                )
        try:
            return cls(**given)
        except ValidationError as err:
            raise FilterError(describe(err)) from None

    def given(self) -> dict[str, Any]:
        """The filters that are set, by name."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


def describe(err: ValidationError) -> str:
    """A validation error as one line per problem: ``factuality: unknown factuality 'maybe'``."""
    lines = []
    for problem in err.errors():
        where = ".".join(str(part) for part in problem["loc"] if not isinstance(part, int))
        message = str(problem["msg"]).removeprefix("Value error, ")
        lines.append(f"{where}: {message}" if where else message)
    return "; ".join(lines)


# -- the filters, each defined once ------------------------------------------------------------


class ByActor(Filter):
    actor: Words | None = Field(
        None,
        description="An actor taking part (event: source or target; quote: speaker; article: "
        "mentioned): code (RUSGOV), country (RUS), name or alias (Putin, the Kremlin).",
    )


class ByDates(Filter):
    since: date | None = Field(
        None, description="From this day on (YYYY-MM-DD; or the first day of 2017-09, 2017-Q3...)."
    )
    until: date | None = Field(
        None, description="Up to this day (YYYY-MM-DD; or the last day of 2017-09, 2017-Q3...)."
    )

    @field_validator("since", "until", mode="before")
    @classmethod
    def _period(cls, value: Any, info: ValidationInfo) -> Any:
        """A day, or a period (2017-09, 2017-Q3, 2017): ``since`` its first day, ``until`` its
        last."""
        if not isinstance(value, str):
            return value
        span = calendar.parse(value)
        if span is None:
            raise ValueError(
                "not an ISO date (YYYY-MM-DD) or a period such as 2017-09, 2017-Q3 or 2017: "
                f"{value!r}"
            )
        return span.first if info.field_name == "since" else span.last


class ByOutlet(Filter):
    outlet: WordList | None = Field(None, description="Published by this outlet (or these).")

    _outlet_list = field_validator("outlet", mode="before")(_to_list)


class ByText(Filter):
    text: Words | None = Field(
        None,
        description="Words in the row, ignoring case (event: its sentence; quote: its words; "
        "article: title and text; actor: its name).",
    )


class ByArticle(Filter):
    article_id: WordList | None = Field(None, description="In this article (or these), by id.")

    _article_list = field_validator("article_id", mode="before")(_to_list)


class EventFilter(ByArticle, ByText, ByOutlet, ByDates, ByActor):
    """Events: dates apply to the event's day (its own date, else its article's)."""

    source: Words | None = Field(None, description="A source actor (as for actor).")
    target: Words | None = Field(None, description="A target actor (as for actor).")
    dyad: str | None = Field(
        None,
        max_length=400,
        pattern=r"^[^,]+,[^,]+$",
        description="A source and a target: SOURCE,TARGET.",
    )
    type: list[Literal[EVENT_TYPES]] | None = Field(  # type: ignore[valid-type]
        None, description="PLOVER event type (CONSULT, ASSAULT...), or several."
    )
    cameo: str | None = Field(
        None, pattern=r"^\d{2,4}$", description="CAMEO code or its prefix (19, 042)."
    )
    quad_class: list[Annotated[int, Field(ge=1, le=4)]] | None = Field(
        None,
        description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
        "4 material conflict; or several.",
    )
    factuality: list[Literal[FACTUALITIES]] | None = Field(  # type: ignore[valid-type]
        None, description="asserted, negated, possible, hypothetical, proposed or future."
    )
    min_confidence: float | None = Field(None, ge=0, le=1, description="Lowest confidence.")

    @field_validator("type", mode="before")
    @classmethod
    def _known_type(cls, value: Any) -> Any:
        return _one_of("event type", _listed(value), EVENT_TYPES) if value else value

    @field_validator("dyad", mode="before")
    @classmethod
    def _pair(cls, value: Any) -> Any:
        """A (source, target) pair is written ``SOURCE,TARGET``."""
        return ",".join(map(str, value)) if isinstance(value, list | tuple) else value

    @field_validator("factuality", mode="before")
    @classmethod
    def _known_factuality(cls, value: Any) -> Any:
        return _one_of("factuality", _listed(value), FACTUALITIES) if value else value

    _quad_list = field_validator("quad_class", mode="before")(_to_list)


class QuoteFilter(ByArticle, ByText, ByOutlet, ByDates, ByActor):
    """Quotes: ``actor`` is the speaker; dates apply to the publication date."""

    kind: list[QuoteKind] | None = Field(
        None,
        description="direct, indirect, partial, directive, topic or scare; or several. Without "
        "it: the quotes proper (direct, indirect and partial).",
    )

    @field_validator("kind", mode="before")
    @classmethod
    def _known_kind(cls, value: Any) -> Any:
        known = QuoteKind.__args__  # type: ignore[attr-defined]
        return _one_of("quote kind", _listed(value), known) if value else value


class ArticleFilter(ByArticle, ByText, ByOutlet, ByDates, ByActor):
    """Articles: ``actor`` is any actor mentioned; dates apply to the publication date."""


class ActorFilter(ByArticle, ByText, ByOutlet, ByDates, ByActor):
    """Resolved actors (and their mentions), counted over the mentions that match."""

    country: WordList | None = Field(None, description="ISO 3166 alpha-3 country code(s), IGO.")
    sector: WordList | None = Field(None, description="Sector code(s): GOV, MIL, BUS...")

    _country_list = field_validator("country", "sector", mode="before")(_to_list)


class ClusterFilter(ByDates, ByArticle, ByOutlet):
    """Stored clusters, one row per mention: dates apply to the cluster's first report, outlets
    to the mention's."""

    kind: list[Literal["event", "quote"]] | None = Field(None, description="event or quote.")
    cluster_id: WordList | None = Field(None, description="This cluster (or these).")
    label: WordList | None = Field(None, description="Cluster label (an event type, 'quote').")
    min_mentions: int | None = Field(None, ge=1, description="Clusters reported this often.")

    _lists = field_validator("kind", "cluster_id", "label", mode="before")(_to_list)


class TimexFilter(ByArticle):
    """Time expressions."""

    type: list[Literal[TIMEX_TYPES]] | None = Field(  # type: ignore[valid-type]
        None, description="DATE, TIME, DURATION or SET."
    )

    @field_validator("type", mode="before")
    @classmethod
    def _known_type(cls, value: Any) -> Any:
        return _one_of("time expression type", _listed(value), TIMEX_TYPES) if value else value


class Page(BaseModel):
    """Which rows of the result: ``limit`` rows (all when None) after skipping ``offset``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    limit: int | None = Field(None, ge=0, le=MAX_LIMIT, description="Rows to return.")
    offset: int = Field(0, ge=0, le=MAX_LIMIT, description="Rows to skip.")

    @classmethod
    def parse(cls, limit: int | None, offset: int) -> Page:
        try:
            return cls(limit=limit, offset=offset)
        except ValidationError as err:
            raise FilterError(describe(err)) from None

    def sql(self) -> tuple[str, list[Any]]:
        if self.limit is None:
            return (" OFFSET ?", [self.offset]) if self.offset else ("", [])
        return " LIMIT ? OFFSET ?", [self.limit, self.offset]


#: Table name -> its filter class (the REST resources and CLI commands use the same names).
FILTERS: dict[str, type[Filter]] = {
    "events": EventFilter,
    "quotes": QuoteFilter,
    "articles": ArticleFilter,
    "actors": ActorFilter,
    "mentions": ActorFilter,
    "clusters": ClusterFilter,
    "timexes": TimexFilter,
}


# -- SQL ---------------------------------------------------------------------------------------


@dataclass
class Where:
    """SQL conditions joined with AND, and their parameters in order."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    needs_article: bool = False  # a condition reads the joined ``articles a`` row

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def one_of(self, column: str, values: list[Any] | None) -> None:
        """``column`` equals one of the values."""
        if values:
            self.add(f"{column} IN ({', '.join('?' * len(values))})", *values)

    def one_of_folded(self, column: str, values: list[str] | None) -> None:
        """``column`` equals one of the values, ignoring case."""
        if values:
            marks = ", ".join("lower(?)" for _ in values)
            self.add(f"lower({column}) IN ({marks})", *values)

    def contains(self, expression: str, needle: str | None) -> None:
        """Case-insensitive substring search."""
        if needle:
            self.add(f"strpos(lower({expression}), lower(?)) > 0", needle)

    def dates(self, column: str, since: date | None, until: date | None) -> None:
        if since is not None:
            self.add(f"{column} >= ?", since)
        if until is not None:
            self.add(f"{column} <= ?", until)

    def common(self, flt: Filter, published: str, text: str, article_id: str) -> None:
        """The filters every table shares: dates, outlet, text and article."""
        if isinstance(flt, ByDates):
            self.dates(published, flt.since, flt.until)
        if isinstance(flt, ByOutlet):
            self.one_of_folded("a.outlet", flt.outlet)
        if isinstance(flt, ByText):
            self.contains(text, flt.text)
        if isinstance(flt, ByArticle):
            self.one_of(article_id, flt.article_id)

    def actor_in(self, sides: tuple[str, ...], value: str | None) -> None:
        """A participant on one of ``sides`` (``source``, ``target``) is the actor ``value``."""
        if value:
            keys, params = actor_keys(value)
            tests = [f"list_has_any(e.{side}_keys, {keys})" for side in sides]
            self.add("(" + " OR ".join(tests) + ")", *params * len(sides))

    def actor_is(self, columns: Sequence[str], value: str | None) -> None:
        """One of the actor ``columns`` (code, country, name...) is the actor ``value``."""
        if value:
            keys, params = actor_keys(value)
            tests = [f"list_contains({keys}, lower({column}))" for column in columns]
            self.add("(" + " OR ".join(tests) + ")", *params * len(columns))

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


#: An actor filter's value -> the lower-cased codes, countries and names it stands for: itself;
#: the names that contain it as whole words; and what mentions written that way resolved to
#: (a person or body by name, a country by its code).
_ACTOR_KEYS = """(SELECT list(DISTINCT k) FROM (
    SELECT lower(?) AS k
    UNION ALL SELECT lower(m.actor_name) FROM mentions m
        WHERE m.actor_name IS NOT NULL
        AND (lower(m.text) = lower(?) OR regexp_matches(lower(m.actor_name), ?))
    UNION ALL SELECT lower(m.actor_code) FROM mentions m
        WHERE m.actor_kind = 'country' AND m.actor_code IS NOT NULL
        AND (lower(m.text) = lower(?) OR regexp_matches(lower(m.actor_name), ?))))"""


def actor_keys(value: str) -> tuple[str, list[Any]]:
    """The SQL list of keys an actor filter value matches, and its parameters."""
    words = r"(^|\W)" + re.escape(value.strip().lower()) + r"(\W|$)"
    return _ACTOR_KEYS, [value, value, words, value, words]


def parse_dyad(dyad: str | Sequence[str] | None) -> tuple[str, str] | None:
    """``"USA,CHN"`` or ``("USA", "CHN")`` -> ``("USA", "CHN")``."""
    if dyad is None:
        return None
    parts = [p.strip() for p in dyad.split(",")] if isinstance(dyad, str) else list(dyad)
    if len(parts) != 2 or not all(parts):
        raise FilterError(f"dyad must be two actors 'SOURCE,TARGET', got {dyad!r}")
    return parts[0], parts[1]


def _page(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    return Page.parse(limit, offset).sql()


# -- events ------------------------------------------------------------------------------------

SENTENCE_TEXT = "substring(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)"
EVENT_COLUMNS = """
    e.* EXCLUDE (source_keys, target_keys),
    a.published,
    a.outlet,
    a.title AS article_title,
    a.source AS article_source
"""


def event_where(**filters: Any) -> Where:
    """The conditions for an events query over ``events e JOIN articles a``."""
    flt = EventFilter.parse(filters)
    where = Where()
    where.actor_in(("source", "target"), flt.actor)
    where.actor_in(("source",), flt.source)
    where.actor_in(("target",), flt.target)
    pair = parse_dyad(flt.dyad)
    if pair:
        where.actor_in(("source",), pair[0])
        where.actor_in(("target",), pair[1])
    where.one_of("e.type", flt.type)
    if flt.cameo:
        where.add("starts_with(e.cameo, ?)", flt.cameo)
    where.one_of("e.quad_class", flt.quad_class)
    where.one_of("e.factuality", flt.factuality)
    where.common(flt, "e.day", SENTENCE_TEXT, "e.article_id")
    where.needs_article = bool(flt.outlet or flt.text)
    if flt.min_confidence is not None:
        where.add("e.confidence >= ?", flt.min_confidence)
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
MENTION_ACTOR = ("m.actor_code", "m.actor_country", "m.actor_name")


def articles_sql(
    *, with_text: bool = False, limit: int | None = None, offset: int = 0, **filters: Any
) -> tuple[str, list]:
    flt = ArticleFilter.parse(filters)
    where = Where()
    if flt.actor:
        inner = Where()
        inner.actor_is(MENTION_ACTOR, flt.actor)
        where.add(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND "
            + " AND ".join(inner.clauses)
            + ")",
            *inner.params,
        )
    where.common(flt, "a.published", "coalesce(a.title, '') || ' ' || a.text", "a.id")
    page, page_params = _page(limit, offset)
    columns = ARTICLE_COLUMNS + (", a.text" if with_text else "")
    statement = (
        f"SELECT {columns} FROM articles a{where.sql()} ORDER BY a.published NULLS LAST, a.id{page}"
    )
    return statement, where.params + page_params


# -- quotes ------------------------------------------------------------------------------------

SPEAKER = ("q.speaker_code", "q.speaker_country", "q.speaker_name", "q.speaker_text")


def quotes_sql(*, limit: int | None = None, offset: int = 0, **filters: Any) -> tuple[str, list]:
    """Quotes; ``actor`` matches the resolved speaker (or the speaker's words)."""
    flt = QuoteFilter.parse(filters)
    where = Where()
    where.actor_is(SPEAKER, flt.actor)
    where.one_of("q.kind", flt.kind or list(SPEECH_KINDS))
    where.common(flt, "a.published", "q.text", "q.article_id")
    page, page_params = _page(limit, offset)
    statement = (
        "SELECT q.*, a.published, a.outlet, a.title AS article_title "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id{where.sql()} "
        f"ORDER BY a.published NULLS LAST, q.article_id, q.start{page}"
    )
    return statement, where.params + page_params


# -- actors and mentions ----------------------------------------------------------------------


def _mention_where(filters: Mapping[str, Any]) -> Where:
    flt = ActorFilter.parse(filters)
    where = Where()
    where.actor_is(MENTION_ACTOR, flt.actor)
    where.one_of_folded("m.actor_country", flt.country)
    where.one_of_folded("m.actor_sector", flt.sector)
    where.common(flt, "a.published", "m.actor_name", "m.article_id")
    return where


def actors_sql(*, limit: int | None = None, offset: int = 0, **filters: Any) -> tuple[str, list]:
    """Resolved actors with mention and article counts, most mentioned first."""
    where = _mention_where(filters)
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


def mentions_sql(*, limit: int | None = None, offset: int = 0, **filters: Any) -> tuple[str, list]:
    where = _mention_where(filters)
    page, page_params = _page(limit, offset)
    statement = (
        "SELECT m.*, a.published, a.outlet FROM mentions m JOIN articles a ON a.id = m.article_id"
        f"{where.sql()} ORDER BY a.published NULLS LAST, m.article_id, m.start{page}"
    )
    return statement, where.params + page_params


def timexes_sql(*, limit: int | None = None, offset: int = 0, **filters: Any) -> tuple[str, list]:
    flt = TimexFilter.parse(filters)
    where = Where()
    where.one_of("t.article_id", flt.article_id)
    where.one_of("t.type", flt.type)
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


def group_keys(by: Sequence[str] | str) -> list[str]:
    """The group keys named by ``by`` (aliases expanded), or a FilterError naming the known."""
    keys: list[str] = []
    for name in [by] if isinstance(by, str) else by:
        for key in GROUP_ALIASES.get(name, (name,)):
            if key not in GROUP_KEYS:
                known = [*GROUP_ALIASES, *GROUP_KEYS]
                raise FilterError(
                    f"cannot group by {name!r}{did_you_mean(name, known)}; use any of: "
                    + ", ".join(known)
                )
            if key not in keys:
                keys.append(key)
    return keys


def aggregate_sql(
    *,
    by: Sequence[str] | str = ("dyad", "month"),
    measures: Sequence[str] | str = ("count", "goldstein"),
    limit: int | None = None,
    offset: int = 0,
    **filters: Any,
) -> tuple[str, list]:
    """Events grouped by ``by`` with ``measures``.

    Grouping by an actor key (dyad, source, target, *_country) counts an event once per
    source-target pair (PLOVER events may have several of each); other groupings count each
    event once.
    """
    keys = group_keys(by)
    measures = [measures] if isinstance(measures, str) else list(measures)
    for name in measures:
        if name not in MEASURES:
            raise FilterError(
                f"unknown measure {name!r}{did_you_mean(name, MEASURES)}; use any of: "
                + ", ".join(MEASURES)
            )
    if not measures:
        raise FilterError("give at least one measure")
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
    positions = [str(i + 1) for i in range(len(keys))]
    group = (" GROUP BY " + ", ".join(positions)) if keys else ""
    order = (" ORDER BY " + ", ".join(f"{p} NULLS LAST" for p in positions)) if keys else ""
    page, page_params = _page(limit, offset)
    statement = f"SELECT {', '.join(columns)} FROM ({rows}) d{group}{order}{page}"
    return statement, where.params + page_params


#: Each article's dateline place among its resolved places (the first mention of that name).
_DATELINE_PLACES = """
    WITH dateline AS (
        SELECT p.article_id, arg_min(p.id, p.start) AS place_id
        FROM places p JOIN articles a ON a.id = p.article_id
        WHERE lower(p.name) = lower(trim(split_part(a.dateline_place, ',', 1)))
        GROUP BY p.article_id
    )
"""


def places_sql(*, limit: int | None = None, offset: int = 0, **filters: Any) -> tuple[str, list]:
    """Event places for a map: one row per resolved place (name, country, coordinates) with the
    number of events located there and their mean Goldstein score, most events first. An event
    is located at its own place, else at its article's dateline place."""
    where = event_where(**filters)
    where.add("p.latitude IS NOT NULL AND p.longitude IS NOT NULL")
    page, page_params = _page(limit, offset)
    statement = (
        f"{_DATELINE_PLACES} SELECT p.name, p.country, round(p.latitude, 4) AS latitude, "
        "round(p.longitude, 4) AS longitude, count(*) AS count, "
        "round(avg(e.goldstein), 3) AS goldstein_mean, count(DISTINCT e.article_id) AS articles "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN dateline d ON d.article_id = e.article_id "
        "JOIN places p ON p.article_id = e.article_id AND p.id = coalesce(e.place_id, d.place_id)"
        f"{where.sql()} GROUP BY ALL ORDER BY count DESC, p.name{page}"
    )
    return statement, where.params + page_params


# -- clusters ----------------------------------------------------------------------------------


def clusters_sql(*, limit: int | None = None, offset: int = 0, **filters: Any) -> tuple[str, list]:
    """Stored cluster rows (one per mention), clusters in the order of their first report.

    ``since``/``until`` apply to the cluster's first report; ``outlet`` to the mention's outlet.
    """
    flt = ClusterFilter.parse(filters)
    where = Where()
    where.one_of("kind", flt.kind)
    where.one_of("cluster_id", flt.cluster_id)
    where.one_of("article_id", flt.article_id)
    where.one_of("label", flt.label)
    where.one_of("outlet", flt.outlet)
    if flt.min_mentions is not None:
        where.add("mention_count >= ?", flt.min_mentions)
    where.dates("first_published", flt.since, flt.until)
    page, page_params = _page(limit, offset)
    statement = (
        f"SELECT * FROM clusters{where.sql()} ORDER BY first_published NULLS LAST, cluster_id, "
        f"published NULLS LAST, article_id, start, annotation_id{page}"
    )
    return statement, where.params + page_params


# -- finding an article ------------------------------------------------------------------------

_ARTICLE_REF = r"""
SELECT id, source, CASE WHEN id = ? THEN 0 WHEN starts_with(id, ?) THEN 1
                        WHEN list_contains(?, source) THEN 2 WHEN file = ? THEN 3 ELSE 4 END AS rank
FROM (SELECT id, source, regexp_extract(coalesce(source, ''), '[^/\\]*$') AS file FROM articles)
WHERE id = ? OR (length(?) >= 4 AND starts_with(id, ?)) OR list_contains(?, source)
   OR file = ? OR regexp_replace(file, '\.[^.]*$', '') = ?
ORDER BY rank, id
"""


def article_ref_sql(ref: str, paths: Sequence[str] = ()) -> tuple[str, list]:
    """The articles ``ref`` may name, each with a rank (lower is a better fit): 0 its id, 1 an
    id prefix (4 characters at least), 2 the source it was read from (``ref`` itself or one of
    ``paths``, the same file spelt otherwise), 3 that source's file name, 4 the name without its
    ending."""
    sources = [ref, *paths]
    return _ARTICLE_REF, [ref, ref, sources, ref, ref, ref, ref, sources, ref, ref]
