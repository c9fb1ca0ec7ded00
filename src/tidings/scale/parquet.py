"""Partitioned Parquet output of distributed runs: one part file per coded batch.

Each row is one coded article: flat columns for querying in place (id, source, title, date,
outlet, language, annotation counts) and ``article``, the full Article as tidings JSON, from
which the store loads it exactly. A part is written to a temporary name and renamed, so a
reader never sees half a file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tidings.model import Article
from tidings.pipeline import PipelineConfig
from tidings.scale.worker import Outcome, code_batch

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("outlet", pa.string()),
        ("language", pa.string()),
        ("mentions", pa.int32()),
        ("timexes", pa.int32()),
        ("quotes", pa.int32()),
        ("events", pa.int32()),
        ("article", pa.string()),
    ]
)

#: What a Dask task sends back: the part's path and (status, reason) per article of the batch.
PartResult = tuple[str, list[tuple[str, str]]]


def code_batch_to_parquet(
    batch: list[Article], config: PipelineConfig, path: str, *, check_language: bool = True
) -> PartResult:
    """Code ``batch`` (see :func:`code_batch`) and write the coded articles to ``path``."""
    outcomes = code_batch(batch, config, check_language=check_language)
    write_part([o.article for o in outcomes if o.article is not None], Path(path))
    return path, [(o.status, o.reason) for o in outcomes]


def write_part(articles: list[Article], path: Path) -> None:
    rows = {name: [] for name in SCHEMA.names}
    for article in articles:
        rows["id"].append(article.id)
        rows["source"].append(article.source)
        rows["title"].append(article.title)
        rows["published"].append(article.published)
        rows["outlet"].append(article.outlet)
        rows["language"].append(article.language)
        for name in ("mentions", "timexes", "quotes", "events"):
            rows[name].append(len(getattr(article, name)))
        rows["article"].append(json.dumps(article.to_dict(), ensure_ascii=False))
    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(pa.table(rows, schema=SCHEMA), tmp)
    os.replace(tmp, path)


def read_part(path: Path) -> list[Article]:
    """The Articles stored in one part file, in row order."""
    column = pq.read_table(path, columns=["article"]).column("article")
    return [Article.from_dict(json.loads(value)) for value in column.to_pylist()]


def attach_articles(part: PartResult) -> list[Outcome]:
    """Outcomes of a finished part, with the coded Articles loaded from its file."""
    path, statuses = part
    coded = iter(read_part(Path(path)))
    return [
        Outcome(status, next(coded) if status == "coded" else None, reason)  # type: ignore[arg-type]
        for status, reason in statuses
    ]
