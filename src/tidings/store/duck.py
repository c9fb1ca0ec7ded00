"""Small DuckDB helpers shared by the store and its migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def query_arrow(con: duckdb.DuckDBPyConnection, statement: str, params: list[Any]) -> pa.Table:
    """Run a query straight into an Arrow table (no row-by-row copy)."""
    return con.sql(statement, params=params or None).to_arrow_table()


def insert_rows(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    """Append the Arrow ``table`` to table ``name``, matching columns by name."""
    con.register("_rows", table)
    try:
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _rows")
    finally:
        con.unregister("_rows")
