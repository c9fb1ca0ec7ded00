"""Deduplicated clusters kept in the store, and incremental clustering across runs.

:func:`update` loads the stored assignments (mention -> cluster), adds the mentions already
clustered to a :class:`~tidings.analysis.dedup.Deduplicator` first and then, through
``add_events``/``add_quotes``, only the mentions not yet clustered, and writes back the clusters
whose membership differs from what is stored. Clustering is order-free, so the result equals a
from-scratch clustering of the whole store, and a run over an unchanged store writes nothing.
Re-coding or deleting an article drops the clusters that held its mentions (see
:mod:`tidings.store.store`), so their mentions count as new on the next run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa

from tidings.analysis.dedup import (
    Cluster,
    Deduplicator,
    EventMention,
    QuoteMention,
    event_mentions,
    quote_mentions,
)
from tidings.model import Article
from tidings.store import Store
from tidings.store.schema import SCHEMAS, now

#: A mention as the store names it: kind, article id, event or quote id.
MentionId = tuple[str, str, str]


@dataclass(frozen=True)
class Update:
    """What one :func:`update` run did."""

    mentions: int  # event and quote mentions in the store
    added: int  # mentions that were not clustered before this run
    written: int  # cluster rows (re)written
    clusters_written: int
    clusters_dropped: int  # stored cluster ids that no longer exist


def stored_articles(store: Store) -> list[Article]:
    """Every stored article, rebuilt from its rows."""
    return store.load_articles()


def assignments(store: Store, article_ids: Iterable[str] | None = None) -> dict[MentionId, str]:
    """The stored cluster of each clustered mention (of ``article_ids``, or of every article)."""
    if article_ids is not None:
        article_ids = list(article_ids)
        if not article_ids:
            return {}
    table = store.clusters(**({} if article_ids is None else {"article_id": article_ids}))
    columns = (table.column(c).to_pylist() for c in ("kind", "article_id", "annotation_id"))
    return dict(
        zip(zip(*columns, strict=True), table.column("cluster_id").to_pylist(), strict=True)
    )


def _mention_id(mention: EventMention | QuoteMention) -> MentionId:
    if isinstance(mention, EventMention):
        return ("event", mention.article_id, mention.event_id)
    return ("quote", mention.article_id, mention.quote_id)


def update(store: Store, dedup: Deduplicator | None = None) -> tuple[Update, Deduplicator]:
    """Cluster the mentions of ``store`` not yet clustered and store what changed.

    Returns what was done and the deduplicator holding every cluster (for exports).
    """
    dedup = dedup or Deduplicator()
    events: list[EventMention] = []
    quotes: list[QuoteMention] = []
    for article in stored_articles(store):
        events.extend(event_mentions(article, dedup.config))
        quotes.extend(quote_mentions(article, dedup.config))
    before = assignments(store)
    known_events = [m for m in events if _mention_id(m) in before]
    known_quotes = [m for m in quotes if _mention_id(m) in before]
    dedup.add_events(known_events)
    dedup.add_quotes(known_quotes)
    dedup.add_events(m for m in events if _mention_id(m) not in before)
    dedup.add_quotes(m for m in quotes if _mention_id(m) not in before)

    after: dict[MentionId, str] = {}
    for mention in events:
        after[_mention_id(mention)] = dedup.events.cluster_of[mention.key]
    for mention in quotes:
        after[_mention_id(mention)] = dedup.quotes.cluster_of[mention.key]
    dirty = {
        cluster_id
        for mention_id in before.keys() | after.keys()
        if before.get(mention_id) != after.get(mention_id)
        for cluster_id in (before.get(mention_id), after.get(mention_id))
        if cluster_id is not None
    }
    clusters: dict[str, Cluster] = {
        **{c.id: c for c in dedup.events.clusters.values() if c.id in dirty},
        **{c.id: c for c in dedup.quotes.clusters.values() if c.id in dirty},
    }
    members: dict[str, list[EventMention | QuoteMention]] = defaultdict(list)
    for mention in [*events, *quotes]:
        cluster_id = after[_mention_id(mention)]
        if cluster_id in clusters:
            members[cluster_id].append(mention)
    rows = cluster_table(clusters.values(), members)
    if dirty:
        store.write_clusters(rows, replace=dirty)
    return (
        Update(
            mentions=len(after),
            added=len(after.keys() - before.keys()),
            written=rows.num_rows,
            clusters_written=len(clusters),
            clusters_dropped=len(dirty - clusters.keys()),
        ),
        dedup,
    )


def cluster_table(
    clusters: Iterable[Cluster],
    members: dict[str, list[EventMention | QuoteMention]] | None = None,
) -> pa.Table:
    """Rows of the store's ``clusters`` table for ``clusters``.

    ``members`` lists each cluster's mentions when it holds more than the cluster's own (two
    annotations of one article at the same offsets are one mention to the clusterer, and each
    still gets its row); by default the cluster's mentions.
    """
    stamp = now()
    rows = []
    for cluster in clusters:
        first = cluster.first
        outlets = cluster.outlets
        shared = {
            "cluster_id": cluster.id,
            "kind": cluster.kind,
            "label": cluster.label,
            "date": cluster.date,
            "mention_count": cluster.mention_count,
            "outlets": outlets,
            "n_outlets": len(outlets),
            "first_article_id": first.article_id,
            "first_outlet": first.outlet,
            "first_published": first.published,
            "clustered_at": stamp,
        }
        for mention in (members or {}).get(cluster.id) or cluster.mentions:
            rows.append(
                {
                    **shared,
                    "article_id": mention.article_id,
                    "annotation_id": _mention_id(mention)[2],
                    "start": mention.start,
                    "end": mention.end,
                    "outlet": mention.outlet,
                    "published": mention.published,
                }
            )
    return pa.Table.from_pylist(rows, schema=SCHEMAS["clusters"])
