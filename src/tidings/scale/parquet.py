"""Partitioned Parquet output of distributed runs, in the store's own table layout.

Each coded batch becomes one part per store table: ``OUT/articles/part-000007.parquet``,
``OUT/events/part-000007.parquet``... with exactly the columns of the DuckDB store
(:mod:`tidings.store.schema`), so the output can be queried in place with the same SQL, e.g.
``SELECT type, count(*) FROM read_parquet('OUT/events/*.parquet') GROUP BY type``, and a part's
tables rebuild its Articles exactly (:func:`tidings.store.schema.articles_from_tables`). Parts are
written under a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tidings.config import PipelineConfig
from tidings.model import Article
from tidings.scale.worker import Outcome, code_batch
from tidings.store.schema import (
    ARTICLE_TABLES,
    SCHEMAS,
    article_rows,
    articles_from_tables,
    now,
)

#: What a Dask task sends back: the part's name and (status, reason) per article of the batch.
PartResult = tuple[str, str, list[tuple[str, str]]]


def code_batch_to_parquet(
    batch: list[Article], config: PipelineConfig, out_dir: str, part: str
) -> PartResult:
    """Code ``batch`` (see :func:`code_batch`); write its rows as part ``part`` of ``out_dir``."""
    outcomes = code_batch(batch, config)
    write_part([o.article for o in outcomes if o.article is not None], Path(out_dir), part)
    return out_dir, part, [(o.status, o.reason) for o in outcomes]


def write_part(articles: list[Article], out_dir: Path, part: str) -> None:
    """One Parquet file per store table with the rows of ``articles``."""
    coded_at = now()
    tables: dict[str, list[pa.Table]] = {name: [] for name in ARTICLE_TABLES}
    for article in articles:
        for name, table in article_rows(article, coded_at=coded_at).items():
            tables[name].append(table)
    for name, parts in tables.items():
        folder = out_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.concat_tables(parts) if parts else SCHEMAS[name].empty_table()
        tmp = folder / f"{part}.parquet.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, folder / f"{part}.parquet")


def read_articles(out_dir: Path, part: str) -> list[Article]:
    """The Articles of one part, rebuilt from its tables, in row order."""
    tables = {name: pq.read_table(out_dir / name / f"{part}.parquet") for name in ARTICLE_TABLES}
    return articles_from_tables(tables)


def attach_articles(result: PartResult) -> list[Outcome]:
    """Outcomes of a finished part, with the coded Articles loaded from its file."""
    out_dir, part, statuses = result
    coded = iter(read_articles(Path(out_dir), part))
    return [
        Outcome(status, next(coded) if status == "coded" else None, reason)  # type: ignore[arg-type]
        for status, reason in statuses
    ]
