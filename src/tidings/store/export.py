"""Exports of the store: tables as Parquet/CSV/JSONL, events as PLOVER JSON or GDELT-style TSV.

The table formats write one file per table into a folder (``events.parquet``...) with exactly the
store's columns, so a Parquet export read back equals the store. CSV has no nested values, so the
events' ``sources``/``targets`` lists are written as JSON text there. The two event formats
(``plover``, ``gdelt``) write one file and take the event filters of
:func:`tidings.store.query.event_where`. Column-by-column documentation: ``docs/serve.md``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tidings.store.query import SENTENCE_TEXT, event_where
from tidings.store.schema import SCHEMAS
from tidings.store.tone import TONE_SCHEMA, tone

TABLE_FORMATS: dict[str, str] = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl"}
EVENT_FORMATS: dict[str, str] = {"plover": "plover.jsonl", "gdelt": "gdelt.tsv"}
FORMATS: tuple[str, ...] = (*TABLE_FORMATS, *EVENT_FORMATS)

#: GDELT 2.0 event table columns, in file order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"Actor{n}{field}"
        for n in (1, 2)
        for field in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{who}Geo_{field}"
        for who in ("Actor1", "Actor2", "Action")
        for field in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ),
    "DATEADDED",
    "SOURCEURL",
)


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path, **filters: Any) -> list[Path]:
    """Write the store in format ``fmt`` under ``out``; returns the files written."""
    if fmt in TABLE_FORMATS:
        if filters:
            raise ValueError(f"filters apply to the event formats ({', '.join(EVENT_FORMATS)})")
        return export_tables(con, fmt, out)
    if fmt in EVENT_FORMATS:
        target = out if out.suffix else out / f"events.{EVENT_FORMATS[fmt]}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "plover":
            write_plover(con, target, **filters)
        else:
            write_gdelt(con, target, **filters)
        return [target]
    raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")


def export_tables(con: duckdb.DuckDBPyConnection, fmt: str, folder: Path) -> list[Path]:
    """One file per store table in ``folder`` (CSV: and ``datapackage.json``, their schema)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in SCHEMAS:
        path = folder / f"{table}.{TABLE_FORMATS[fmt]}"
        if fmt == "parquet":
            con.execute(f"COPY {table} TO '{_sql_path(path)}' (FORMAT parquet)")
        elif fmt == "csv":
            _write_csv(con, table, path)
        else:
            con.execute(f"COPY {table} TO '{_sql_path(path)}' (FORMAT json)")
        written.append(path)
    if fmt == "csv":
        written.append(write_csv_schema(folder))
    return written


def _write_csv(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    """A table as CSV: lists as JSON text, every text column quoted (codes such as CAMEO "084"
    stay text for readers that honour quotes; the others read ``datapackage.json``)."""
    schema = SCHEMAS[table]
    nested = [f.name for f in schema if pa.types.is_list(f.type)]
    replace = ", ".join(f'to_json("{name}") AS "{name}"' for name in nested)
    select = f"SELECT * REPLACE ({replace}) FROM {table}" if nested else f"FROM {table}"
    quoted = ", ".join(
        f'"{f.name}"' for f in schema if pa.types.is_string(f.type) or pa.types.is_list(f.type)
    )
    force = f", FORCE_QUOTE ({quoted})" if quoted else ""
    con.execute(f"COPY ({select}) TO '{_sql_path(path)}' (FORMAT csv, HEADER true{force})")


#: Frictionless Table Schema types of the store's Arrow types (lists are JSON text in CSV).
_TABLE_SCHEMA_TYPES: tuple[tuple[Callable[[pa.DataType], bool], str], ...] = (
    (pa.types.is_string, "string"),
    (pa.types.is_boolean, "boolean"),
    (pa.types.is_integer, "integer"),
    (pa.types.is_floating, "number"),
    (pa.types.is_date, "date"),
    (pa.types.is_timestamp, "datetime"),
    (pa.types.is_list, "array"),
)


def _table_schema_type(arrow_type: pa.DataType) -> str:
    return next(name for test, name in _TABLE_SCHEMA_TYPES if test(arrow_type))


def write_csv_schema(folder: Path) -> Path:
    """``datapackage.json`` beside the CSV files: a Frictionless Tabular Data Package giving
    every column's type, so that a reader keeps text columns as text (``pandas.read_csv(path,
    dtype=...)`` or ``pyarrow.csv`` column types; see docs/serve.md)."""
    package = {
        "profile": "tabular-data-package",
        "name": "tidings-export",
        "resources": [
            {
                "name": table,
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": f.name, "type": _table_schema_type(f.type)} for f in SCHEMAS[table]
                    ]
                },
            }
            for table in SCHEMAS
        ],
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, indent=1) + "\n", encoding="utf-8")
    return path


def _sql_path(path: Path) -> str:
    """A path as a SQL string literal body (COPY takes no parameters for its target)."""
    return str(path).replace("'", "''")


# -- PLOVER ------------------------------------------------------------------------------------


def plover_records(con: duckdb.DuckDBPyConnection, **filters: Any) -> Iterator[dict[str, Any]]:
    """Events as PLOVER-style JSON records (the field names of the PLOVER gold-standard records,
    plus tidings' provenance: offsets, factuality, confidence, article id)."""
    where = event_where(**filters)
    cursor = con.execute(
        f"""
        SELECT e.*, a.published, a.outlet, a.source AS url, a.language,
               {SENTENCE_TEXT} AS sentence_text
        FROM events e JOIN articles a ON a.id = e.article_id{where.sql()}
        ORDER BY e.day NULLS LAST, e.article_id, e.trigger_start, e.id
        """,
        where.params,
    )
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(1000):
        for values in batch:
            yield _plover(dict(zip(names, values, strict=True)))


def _plover(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"{row['article_id']}-{row['id']}",
        "date": row["date"] or _iso(row["day"]),
        "event": row["type"],
        "mode": row["mode"] or "",
        "context": row["context"] or "",
        "source": [_plover_actor(p) for p in row["sources"]],
        "target": [_plover_actor(p) for p in row["targets"]],
        "eventText": row["trigger_text"],
        "text": row["sentence_text"],
        "language": row["language"],
        "publication": row["outlet"],
        "url": row["url"],
        "storyDate": _iso(row["published"]),
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "quadClass": row["quad_class"],
        "factuality": row["factuality"],
        "confidence": row["confidence"],
        "articleId": row["article_id"],
        "offsets": {
            "trigger": [row["trigger_start"], row["trigger_end"]],
            "sentence": [row["sentence_start"], row["sentence_end"]],
        },
        "dateSource": row["date_source"],
        "quoteId": row["quote_id"],
    }


def _plover_actor(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "actorText": p["text"],
        "code": p["country"],
        "sector": p["sector"],
        "name": p["name"],
        "role": p["role"],
        "kbId": p["kb_id"],
        "offsets": [p["start"], p["end"]],
    }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def write_plover(con: duckdb.DuckDBPyConnection, path: Path, **filters: Any) -> int:
    """Write PLOVER records, one JSON object per line; returns how many."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for record in plover_records(con, **filters):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


# -- GDELT -------------------------------------------------------------------------------------

#: Where an article's body starts: after its dateline, else after its title.
BODY_START = "coalesce(a.dateline_end, a.title_span_end, 0)"

#: The first resolved place inside each article's dateline ("MOGADISHU, Somalia -": Mogadishu).
DATELINE_PLACES = """
    SELECT p.* FROM places p JOIN articles a ON a.id = p.article_id
    WHERE p.start >= a.dateline_start AND p."end" <= a.dateline_end
    QUALIFY row_number() OVER (PARTITION BY p.article_id ORDER BY p.start) = 1
"""
_PLACE_COLUMNS = ("name", "country", "latitude", "longitude", "geonames_id", "feature")


def _action_place() -> str:
    """Where an event happened: its own place (``place_id``), else its article's dateline place."""
    renamed = {"name": "place_name", "country": "place_country"}
    return ", ".join(
        f"CASE WHEN ep.id IS NULL THEN dp.{c} ELSE ep.{c} END AS {renamed.get(c, c)}"
        for c in _PLACE_COLUMNS
    )


_GEO_TYPE = """CASE
    WHEN {p}.feature = 'country' THEN 1
    WHEN {p}.feature IN ('state', 'region', 'province') AND {p}.country = 'USA' THEN 2
    WHEN {p}.feature IN ('state', 'region', 'province') THEN 5
    WHEN {p}.country = 'USA' THEN 3
    WHEN {p}.name IS NOT NULL THEN 4
END"""


def gdelt_sql(**filters: Any) -> tuple[str, list[Any]]:
    """One row per day x source actor x target actor x CAMEO code x action place, as GDELT
    does: events coded from several articles collapse into one row that counts them."""
    where = event_where(**filters)
    rows = f"""
        SELECT e.*, a.source AS url, a.outlet, a.coded_at,
               s.p AS src, t.p AS tgt, {_action_place()}, tone.tone,
               NOT contains(ltrim(substring(a.text, {BODY_START} + 1,
                                            greatest(e.sentence_start - {BODY_START}, 0)),
                                  chr(10) || chr(13) || ' '),
                            chr(10) || chr(10)) AS in_lead
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN places ep ON ep.article_id = e.article_id AND ep.id = e.place_id
        LEFT JOIN ({DATELINE_PLACES}) dp ON dp.article_id = e.article_id
        LEFT JOIN _tone tone ON tone.article_id = e.article_id,
        unnest(if(len(e.sources) = 0, [NULL], e.sources)) AS s(p),
        unnest(if(len(e.targets) = 0, [NULL], e.targets)) AS t(p)
        {where.sql()}
    """
    geo = _GEO_TYPE.format(p="g")
    statement = f"""
        WITH r AS ({rows}),
        g AS (
            SELECT r.*, r.place_name AS name, r.place_country AS country
            FROM r WHERE r.day IS NOT NULL AND r.cameo <> ''
        )
        SELECT
            hash(g.day, g.src.code, g.tgt.code, g.cameo, g.place_name) % 9007199254740991
                AS GLOBALEVENTID,
            CAST(strftime(g.day, '%Y%m%d') AS INTEGER) AS SQLDATE,
            CAST(strftime(g.day, '%Y%m') AS INTEGER) AS MonthYear,
            year(g.day) AS Year,
            round(year(g.day) + (dayofyear(g.day) - 1) / 365.0, 4) AS FractionDate,
            {_gdelt_actor("1", "g.src")},
            {_gdelt_actor("2", "g.tgt")},
            CAST(bool_or(g.in_lead) AS INTEGER) AS IsRootEvent,
            g.cameo AS EventCode,
            left(g.cameo, 3) AS EventBaseCode,
            left(g.cameo, 2) AS EventRootCode,
            any_value(g.quad_class) AS QuadClass,
            any_value(g.goldstein) AS GoldsteinScale,
            count(*) AS NumMentions,
            count(DISTINCT coalesce(g.outlet, g.article_id)) AS NumSources,
            count(DISTINCT g.article_id) AS NumArticles,
            round(list_avg(list_transform(  -- per article, not per mention
                list_distinct(list(struct_pack(a := g.article_id, t := g.tone))),
                lambda x: x.t)), 4) AS AvgTone,
            {_no_geo("Actor1")},
            {_no_geo("Actor2")},
            any_value({geo}) AS ActionGeo_Type,
            g.place_name AS ActionGeo_FullName,
            any_value(g.place_country) AS ActionGeo_CountryCode,
            NULL AS ActionGeo_ADM1Code,
            NULL AS ActionGeo_ADM2Code,
            any_value(g.latitude) AS ActionGeo_Lat,
            any_value(g.longitude) AS ActionGeo_Long,
            any_value(g.geonames_id) AS ActionGeo_FeatureID,
            CAST(strftime(max(g.coded_at), '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED,
            min(g.url) AS SOURCEURL
        FROM g
        GROUP BY g.day, g.src.code, g.tgt.code, g.cameo, g.place_name
        ORDER BY SQLDATE, Actor1Code NULLS FIRST, Actor2Code NULLS FIRST, EventCode,
                 ActionGeo_FullName NULLS FIRST
    """
    return statement, where.params


def _gdelt_actor(n: str, p: str) -> str:
    return ",\n".join(
        [
            f"{p}.code AS Actor{n}Code",
            f"upper(any_value({p}.name)) AS Actor{n}Name",
            f"any_value({p}.country) AS Actor{n}CountryCode",
            f"any_value(CASE WHEN {p}.country = 'IGO' THEN {p}.name END) AS Actor{n}KnownGroupCode",
            f"NULL AS Actor{n}EthnicCode",
            f"NULL AS Actor{n}Religion1Code",
            f"NULL AS Actor{n}Religion2Code",
            f"any_value({p}.sector) AS Actor{n}Type1Code",
            f"NULL AS Actor{n}Type2Code",
            f"NULL AS Actor{n}Type3Code",
        ]
    )


def _no_geo(who: str) -> str:
    fields = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    return ", ".join(f"NULL AS {who}Geo_{f}" for f in fields)


def write_gdelt(con: duckdb.DuckDBPyConnection, path: Path, **filters: Any) -> None:
    """Write the GDELT-style TSV (with a header row of the GDELT 2.0 column names)."""
    statement, params = gdelt_sql(**filters)
    con.register("_tone", article_tones(con, **filters))
    try:
        table = con.sql(statement, params=params or None).to_arrow_table()
    finally:
        con.unregister("_tone")
    con.register("_gdelt", table)
    try:
        con.execute(f"COPY _gdelt TO '{_sql_path(path)}' (FORMAT csv, DELIMITER '\t', HEADER true)")
    finally:
        con.unregister("_gdelt")


def article_tones(con: duckdb.DuckDBPyConnection, **filters: Any) -> pa.Table:
    """``(article_id, tone)`` of every article with an event under ``filters`` (see
    :func:`tidings.store.tone.tone`)."""
    where = event_where(**filters)
    cursor = con.execute(
        "SELECT a.id, a.text FROM articles a WHERE a.id IN "
        f"(SELECT e.article_id FROM events e JOIN articles a ON a.id = e.article_id{where.sql()})",
        where.params,
    )
    ids: list[str] = []
    tones: list[float] = []
    while batch := cursor.fetchmany(256):
        for article_id, text in batch:
            ids.append(article_id)
            tones.append(tone(text))
    return pa.table({"article_id": ids, "tone": tones}, schema=TONE_SCHEMA)
