"""Creating the store's tables and upgrading older layouts in place.

Layouts: 2 lacked the ``inputs``/``clusters`` tables; 2 and 3 kept each article twice, as rows and
as the model's JSON (``articles.document``), with columns spelled out by hand; 4 derives every
column from the model and stores each fact once. An upgrade rebuilds the model tables from the
JSON copies (the faithful record in those layouts) in batches, in one transaction, so a store is
either upgraded whole or left as it was. Within layout 4, a field added to the model becomes a
column (null in rows written before, read back as the field's default) the first time the store
is opened for writing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import duckdb
import pyarrow as pa

from tidings.model import Article
from tidings.store.duck import insert_rows, transaction
from tidings.store.schema import ARTICLE_TABLES, SCHEMAS, STORE_VERSION, article_rows

#: Articles rebuilt per batch while upgrading (bounds the memory an upgrade takes).
UPGRADE_BATCH = 256


def create_table(con: duckdb.DuckDBPyConnection, name: str, as_name: str | None = None) -> None:
    """Create table ``name`` (or ``as_name``) with its current schema, empty."""
    con.register("_empty", SCHEMAS[name].empty_table())
    try:
        con.execute(f"CREATE TABLE {as_name or name} AS SELECT * FROM _empty")
    finally:
        con.unregister("_empty")


def upgrade(con: duckdb.DuckDBPyConnection, version: int, tables: set[str]) -> None:
    """Bring a store of layout ``version`` (2 or 3) up to :data:`STORE_VERSION`."""
    with transaction(con):
        for name in SCHEMAS:
            if name not in tables and name not in ARTICLE_TABLES:
                create_table(con, name)
        old = [name for name in ARTICLE_TABLES if name in tables]
        for name in old:
            con.execute(f"ALTER TABLE {name} RENAME TO _old_{name}")
        for name in ARTICLE_TABLES:
            create_table(con, name)
        for articles, coded_at in _old_articles(con):
            for name, rows in _rows_of(articles, coded_at).items():
                insert_rows(con, name, rows)
        for name in old:
            con.execute(f"DROP TABLE _old_{name}")
        con.execute("UPDATE meta SET value = ? WHERE key = 'store_version'", [str(STORE_VERSION)])


def _old_articles(
    con: duckdb.DuckDBPyConnection,
) -> Iterator[tuple[list[Article], list[object]]]:
    """The Articles of an old layout, from their JSON copies, a batch at a time."""
    ids = [row[0] for row in con.execute("SELECT id FROM _old_articles ORDER BY id").fetchall()]
    for i in range(0, len(ids), UPGRADE_BATCH):
        rows = con.execute(
            "SELECT text, document, coded_at FROM _old_articles WHERE list_contains(?, id) "
            "ORDER BY id",
            [ids[i : i + UPGRADE_BATCH]],
        ).fetchall()
        articles = [Article.from_dict({**json.loads(doc), "text": text}) for text, doc, _ in rows]
        yield articles, [coded_at for *_, coded_at in rows]


def _rows_of(articles: list[Article], coded_at: list[object]) -> dict[str, pa.Table]:
    parts: dict[str, list[pa.Table]] = {name: [] for name in ARTICLE_TABLES}
    for article, stamp in zip(articles, coded_at, strict=True):
        for name, table in article_rows(article, coded_at=stamp).items():  # type: ignore[arg-type]
            parts[name].append(table)
    return {name: pa.concat_tables(tables) for name, tables in parts.items() if tables}


def missing_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Columns of the current schemas that the store's tables lack, per table."""
    present: dict[str, set[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema()"
    ).fetchall():
        present.setdefault(table, set()).add(column)
    return {
        name: [c for c in SCHEMAS[name].names if c not in present.get(name, set())]
        for name in SCHEMAS
        if any(c not in present.get(name, set()) for c in SCHEMAS[name].names)
    }


def add_model_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Add the tables and columns of what was added to the model since the store was written
    (columns are null in the rows already there, which read back with the fields' defaults)."""
    missing = missing_columns(con)
    if not missing:
        return
    tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
    with transaction(con):
        for name, columns in missing.items():
            if name not in tables:
                create_table(con, name)
                continue
            con.register("_empty", SCHEMAS[name].empty_table().select(columns))
            try:
                described = con.execute("DESCRIBE SELECT * FROM _empty").fetchall()
                types = {row[0]: row[1] for row in described}
            finally:
                con.unregister("_empty")
            for column in columns:
                con.execute(f'ALTER TABLE {name} ADD COLUMN "{column}" {types[column]}')
