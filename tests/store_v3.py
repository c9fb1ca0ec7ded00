"""A store in the version 3 layout (and 2, which lacked ``inputs`` and ``clusters``), built
with plain SQL as tidings wrote it before the store was derived from the model: each article as
rows plus its model JSON in ``articles.document``. The annotation tables keep their v3 key
columns only: an upgrade rebuilds every annotation from ``document`` and never reads the rest.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tidings.model import SCHEMA_VERSION, Article

V3_ARTICLES = """CREATE TABLE articles (
    id VARCHAR NOT NULL, title VARCHAR, outlet VARCHAR, dateline_place VARCHAR, published DATE,
    date_source VARCHAR, source VARCHAR, language VARCHAR, text VARCHAR, n_mentions INTEGER,
    n_timexes INTEGER, n_quotes INTEGER, n_events INTEGER, document VARCHAR,
    coded_at TIMESTAMP WITH TIME ZONE)"""
V3_ANNOTATIONS = ("mentions", "places", "timexes", "quotes", "events")
V3_INPUTS = """CREATE TABLE inputs (source VARCHAR NOT NULL, status VARCHAR NOT NULL,
    reason VARCHAR, article_id VARCHAR, updated_at TIMESTAMP WITH TIME ZONE)"""
V3_CLUSTERS = """CREATE TABLE clusters (kind VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    annotation_id VARCHAR NOT NULL, cluster_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER,
    outlet VARCHAR, published DATE, label VARCHAR, date VARCHAR, mention_count INTEGER,
    outlets VARCHAR[], n_outlets INTEGER, first_article_id VARCHAR, first_outlet VARCHAR,
    first_published DATE, clustered_at TIMESTAMP WITH TIME ZONE)"""
CODED_AT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def write_old_store(path: Path, articles: list[Article], version: int = 3) -> None:
    """A store file of layout ``version`` (2 or 3) holding ``articles``."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ["store_version", str(version)],
            ["model_schema_version", str(SCHEMA_VERSION)],
            ["created_at", CODED_AT.isoformat()],
        ],
    )
    con.execute(V3_ARTICLES)
    for name in V3_ANNOTATIONS:
        con.execute(
            f'CREATE TABLE {name} (article_id VARCHAR NOT NULL, id VARCHAR, start INTEGER, "end" '
            "INTEGER)"
        )
    if version >= 3:
        con.execute(V3_INPUTS)
        con.execute(V3_CLUSTERS)
    for article in articles:
        document = article.to_dict()
        del document["text"]
        con.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article.id,
                article.title,
                article.outlet,
                article.dateline_place,
                article.published,
                article.date_source,
                article.source,
                article.language,
                article.text,
                *(len(getattr(article, n)) for n in ("mentions", "timexes", "quotes", "events")),
                json.dumps(document),
                CODED_AT,
            ],
        )
        for name in V3_ANNOTATIONS:
            for item in getattr(article, name):
                start = item.trigger.start if name == "events" else item.start
                end = item.trigger.end if name == "events" else item.end
                con.execute(
                    f"INSERT INTO {name} VALUES (?, ?, ?, ?)", [article.id, item.id, start, end]
                )
    con.close()
