"""Table schemas of the embedded store, and the Article -> rows conversion.

The Arrow schemas below are the single source of truth: the DuckDB tables are created from them
and every write goes through them, so the store, the query API and the exports agree on column
names and types. Column names follow the model's field names (``start``, ``end``, ``text``...);
nested objects are flattened with a prefix (``actor_country``, ``speaker_start``, ``trigger_end``).

The faithful copy of each Article is the ``document`` column of ``articles`` (the model's own JSON
minus the text, which has its own column): :meth:`tidings.store.Store.article` rebuilds the exact
Article from it. The flat tables are for querying and exporting.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from tidings.model import Actor, Article, Participant, Span
from tidings.time import calendar

#: Version of the store's table layout (independent of the model's JSON schema version).
STORE_VERSION = 3
#: Older layouts a writable Store upgrades in place (only tables were added since).
UPGRADABLE_VERSIONS = frozenset({2})



def _span_fields(prefix: str) -> list[pa.Field]:
    return [
        pa.field(f"{prefix}_start", pa.int32()),
        pa.field(f"{prefix}_end", pa.int32()),
        pa.field(f"{prefix}_text", pa.string()),
    ]


def _actor_fields(prefix: str) -> list[pa.Field]:
    return [
        pa.field(f"{prefix}_name", pa.string()),
        pa.field(f"{prefix}_country", pa.string()),
        pa.field(f"{prefix}_sector", pa.string()),
        pa.field(f"{prefix}_role", pa.string()),
        pa.field(f"{prefix}_kind", pa.string()),
        pa.field(f"{prefix}_kb_id", pa.string()),
        pa.field(f"{prefix}_code", pa.string()),
    ]


_OWN_SPAN = [
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("id", pa.string()),
    pa.field("start", pa.int32()),
    pa.field("end", pa.int32()),
    pa.field("text", pa.string()),
]

PARTICIPANT = pa.struct(
    [
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("text", pa.string()),
        pa.field("mention_id", pa.string()),
        pa.field("name", pa.string()),
        pa.field("country", pa.string()),
        pa.field("sector", pa.string()),
        pa.field("role", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("kb_id", pa.string()),
        pa.field("code", pa.string()),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            pa.field("id", pa.string(), nullable=False),
            pa.field("title", pa.string()),
            pa.field("outlet", pa.string()),
            pa.field("dateline_place", pa.string()),
            pa.field("published", pa.date32()),
            pa.field("date_source", pa.string()),
            pa.field("source", pa.string()),
            pa.field("language", pa.string()),
            pa.field("text", pa.string()),
            pa.field("n_mentions", pa.int32()),
            pa.field("n_timexes", pa.int32()),
            pa.field("n_quotes", pa.int32()),
            pa.field("n_events", pa.int32()),
            pa.field("document", pa.string()),
            pa.field("coded_at", pa.timestamp("us", tz="UTC")),
        ]
    ),
    "mentions": pa.schema(
        [
            *_OWN_SPAN,
            pa.field("kind", pa.string()),
            pa.field("antecedent", pa.string()),
            pa.field("confidence", pa.float64()),
            pa.field("why", pa.string()),
            *_actor_fields("actor"),
        ]
    ),
    "places": pa.schema(
        [
            *_OWN_SPAN,
            pa.field("name", pa.string()),
            pa.field("country", pa.string()),
            pa.field("latitude", pa.float64()),
            pa.field("longitude", pa.float64()),
            pa.field("geonames_id", pa.int64()),
            pa.field("feature", pa.string()),
            pa.field("confidence", pa.float64()),
        ]
    ),
    "timexes": pa.schema(
        [
            *_OWN_SPAN,
            pa.field("type", pa.string()),
            pa.field("value", pa.string()),
            pa.field("granularity", pa.string()),
            pa.field("anchor", pa.string()),
            pa.field("confidence", pa.float64()),
        ]
    ),
    "quotes": pa.schema(
        [
            *_OWN_SPAN,
            pa.field("kind", pa.string()),
            *_span_fields("speaker"),
            pa.field("speaker_mention", pa.string()),
            *_actor_fields("speaker"),
            *_span_fields("cue"),
            *_span_fields("addressee"),
            *_span_fields("via"),
            pa.field("date", pa.string()),
            pa.field("date_source", pa.string()),
            pa.field("time_id", pa.string()),
            pa.field("place_id", pa.string()),
            pa.field("confidence", pa.float64()),
        ]
    ),
    "events": pa.schema(
        [
            pa.field("article_id", pa.string(), nullable=False),
            pa.field("id", pa.string()),
            pa.field("type", pa.string()),
            pa.field("mode", pa.string()),
            pa.field("context", pa.string()),
            pa.field("cameo", pa.string()),
            pa.field("goldstein", pa.float64()),
            pa.field("quad_class", pa.int8()),
            pa.field("factuality", pa.string()),
            *_span_fields("trigger"),
            *_span_fields("sentence"),
            pa.field("sources", pa.list_(PARTICIPANT)),
            pa.field("targets", pa.list_(PARTICIPANT)),
            # lower-cased codes, countries and names of the participants, for actor filters
            pa.field("source_keys", pa.list_(pa.string())),
            pa.field("target_keys", pa.list_(pa.string())),
            pa.field("source_name", pa.string()),
            pa.field("source_country", pa.string()),
            pa.field("source_sector", pa.string()),
            pa.field("source_code", pa.string()),
            pa.field("target_name", pa.string()),
            pa.field("target_country", pa.string()),
            pa.field("target_sector", pa.string()),
            pa.field("target_code", pa.string()),
            pa.field("date", pa.string()),
            pa.field("date_source", pa.string()),
            pa.field("date_granularity", pa.string()),
            pa.field("day", pa.date32()),  # event date when known to the day, else publication
            pa.field("time_id", pa.string()),
            pa.field("place_id", pa.string()),
            pa.field("quote_id", pa.string()),
            pa.field("confidence", pa.float64()),
        ]
    ),
    "inputs": pa.schema(
        [
            pa.field("source", pa.string(), nullable=False),
            pa.field("status", pa.string(), nullable=False),
            pa.field("reason", pa.string()),
            pa.field("article_id", pa.string()),
            pa.field("updated_at", pa.timestamp("us", tz="UTC")),
        ]
    ),
    # one row per clustered event or quote mention (see tidings.analysis.incremental_dedup)
    "clusters": pa.schema(
        [
            pa.field("kind", pa.string(), nullable=False),  # event or quote
            pa.field("article_id", pa.string(), nullable=False),
            pa.field("annotation_id", pa.string(), nullable=False),  # event or quote id
            pa.field("cluster_id", pa.string(), nullable=False),
            pa.field("start", pa.int32()),  # trigger (event) or content (quote) offsets
            pa.field("end", pa.int32()),
            pa.field("outlet", pa.string()),
            pa.field("published", pa.date32()),
            pa.field("label", pa.string()),  # the cluster's event type or speaker
            pa.field("date", pa.string()),  # the most precise date its reports give
            pa.field("mention_count", pa.int32()),
            pa.field("outlets", pa.list_(pa.string())),
            pa.field("n_outlets", pa.int32()),
            pa.field("first_article_id", pa.string()),
            pa.field("first_outlet", pa.string()),
            pa.field("first_published", pa.date32()),
            pa.field("clustered_at", pa.timestamp("us", tz="UTC")),
        ]
    ),
}

#: Tables holding one article's annotations (all keyed by ``article_id``).
ANNOTATION_TABLES: tuple[str, ...] = ("mentions", "places", "timexes", "quotes", "events")
#: Every table rewritten when an article is (re)coded.
ARTICLE_TABLES: tuple[str, ...] = ("articles", *ANNOTATION_TABLES)


def now() -> datetime:
    return datetime.now(UTC)


def _span(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def _actor(prefix: str, actor: Actor | None) -> dict[str, Any]:
    keys = ("name", "country", "sector", "role", "kind", "kb_id")
    row = {f"{prefix}_{k}": getattr(actor, k) if actor else None for k in keys}
    row[f"{prefix}_code"] = actor.code if actor else None
    return row


def _participant(p: Participant) -> dict[str, Any]:
    actor = p.actor
    return {
        "start": p.start,
        "end": p.end,
        "text": p.text,
        "mention_id": p.mention_id,
        **{k: getattr(actor, k) if actor else None for k in ("name", "country", "sector")},
        **{k: getattr(actor, k) if actor else None for k in ("role", "kind", "kb_id")},
        "code": actor.code if actor else None,
    }


def _first(prefix: str, participants: list[Participant]) -> dict[str, Any]:
    actor = participants[0].actor if participants else None
    return {
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_country": actor.country if actor else None,
        f"{prefix}_sector": actor.sector if actor else None,
        f"{prefix}_code": actor.code if actor else None,
    }


def actor_keys(participants: list[Participant]) -> list[str]:
    """What an actor filter may name for these participants: code, country, name (lower-case)."""
    keys: list[str] = []
    for p in participants:
        if p.actor is None:
            continue
        for value in (p.actor.code, p.actor.country, p.actor.name):
            if value and value.lower() not in keys:
                keys.append(value.lower())
    return keys


def event_day(value: str | None, published: date | None) -> date | None:
    """The day an event is placed on: its own date when known to the day, else publication."""
    span = calendar.parse(value) if value else None
    return span.first if span is not None and span.granularity == "day" else published


def document(article: Article) -> str:
    """The article's model JSON without its text (stored in its own column)."""
    data = article.to_dict()
    del data["text"]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def article_rows(article: Article, coded_at: datetime | None = None) -> dict[str, pa.Table]:
    """One Arrow table per store table with the rows of ``article``."""
    aid = article.id
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [
            {
                "id": aid,
                "title": article.title,
                "outlet": article.outlet,
                "dateline_place": article.dateline_place,
                "published": article.published,
                "date_source": article.date_source,
                "source": article.source,
                "language": article.language,
                "text": article.text,
                "n_mentions": len(article.mentions),
                "n_timexes": len(article.timexes),
                "n_quotes": len(article.quotes),
                "n_events": len(article.events),
                "document": document(article),
                "coded_at": coded_at or now(),
            }
        ],
        "mentions": [
            {
                "article_id": aid,
                "id": m.id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "kind": m.kind,
                "antecedent": m.antecedent,
                "confidence": m.confidence,
                "why": m.why,
                **_actor("actor", m.actor),
            }
            for m in article.mentions
        ],
        "places": [
            {
                "article_id": aid,
                "id": p.id,
                "start": p.start,
                "end": p.end,
                "text": p.text,
                "name": p.name,
                "country": p.country,
                "latitude": p.latitude,
                "longitude": p.longitude,
                "geonames_id": p.geonames_id,
                "feature": p.feature,
                "confidence": p.confidence,
            }
            for p in article.places
        ],
        "timexes": [
            {
                "article_id": aid,
                "id": t.id,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "type": t.type,
                "value": t.value,
                "granularity": t.granularity,
                "anchor": t.anchor,
                "confidence": t.confidence,
            }
            for t in article.timexes
        ],
        "quotes": [
            {
                "article_id": aid,
                "id": q.id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                **_span("speaker", q.speaker),
                "speaker_mention": q.speaker_mention,
                **_actor("speaker", q.speaker_actor),
                **_span("cue", q.cue),
                **_span("addressee", q.addressee),
                **_span("via", q.via),
                "date": q.date,
                "date_source": q.date_source,
                "time_id": q.time_id,
                "place_id": q.place_id,
                "confidence": q.confidence,
            }
            for q in article.quotes
        ],
        "events": [
            {
                "article_id": aid,
                "id": e.id,
                "type": e.type,
                "mode": e.mode,
                "context": e.context,
                "cameo": e.cameo,
                "goldstein": e.goldstein,
                "quad_class": e.quad_class,
                "factuality": e.factuality,
                **_span("trigger", e.trigger),
                **_span("sentence", e.sentence),
                "sources": [_participant(p) for p in e.sources],
                "targets": [_participant(p) for p in e.targets],
                "source_keys": actor_keys(e.sources),
                "target_keys": actor_keys(e.targets),
                **_first("source", e.sources),
                **_first("target", e.targets),
                "date": e.date,
                "date_source": e.date_source,
                "date_granularity": e.date_granularity,
                "day": event_day(e.date, article.published),
                "time_id": e.time_id,
                "place_id": e.place_id,
                "quote_id": e.quote_id,
                "confidence": e.confidence,
            }
            for e in article.events
        ],
    }
    return {name: pa.Table.from_pylist(r, schema=SCHEMAS[name]) for name, r in rows.items()}
