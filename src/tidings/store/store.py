"""The embedded DuckDB store: one file holding articles, their annotations and input statuses.

Coding an article again replaces its rows in one transaction, so the store never holds two
copies of an article; the same transaction drops every stored cluster that held one of its
events or quotes (``tidings dedup`` clusters those mentions again), so no cluster row points at a
removed annotation or counts it. Connections are short-lived and queued through a
:class:`~tidings.store.gate.FileGate` so that a running ``tidings serve`` and a ``tidings code``
batch share one file (see ``docs/serve.md``): readers open the file read-only for the length of a
query; a writer holds it for at most ``hold_seconds`` of consecutive writes, then lets readers in.
Letting go does not checkpoint (DuckDB's log keeps the committed writes, and whoever opens the file
next replays it): DuckDB checkpoints when its log reaches ``wal_autocheckpoint`` and
:meth:`Store.close` once at the end, so time and memory per batch do not grow with the store.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb
import pyarrow as pa

from tidings.model import SCHEMA_VERSION, Article
from tidings.store import export, migrate, query
from tidings.store.duck import insert_rows, query_arrow, transaction
from tidings.store.gate import FileGate, LockTimeout
from tidings.store.schema import (
    ANNOTATION_TABLES,
    SCHEMAS,
    STORE_VERSION,
    UPGRADABLE_VERSIONS,
    article_rows,
    articles_from_tables,
    now,
)

JANITOR_POLL = 0.01  # seconds between checks for a queued writer while a read connection idles
INPUT_STATUSES = ("coded", "unchanged", "skipped", "failed", "read")


class StoreError(RuntimeError):
    """The store file is missing, from another version, or not a tidings store."""


class StoreOutdated(StoreError):
    """The store has an older layout, which a writable Store upgrades (``tidings upgrade``)."""


#: Stores still open; closed at interpreter exit, before daemon threads (the janitor, idle
#: timers) are torn down while inside DuckDB, which aborts the process.
_OPEN_STORES: weakref.WeakSet[Store] = weakref.WeakSet()


@atexit.register
def _close_open_stores() -> None:
    for store in list(_OPEN_STORES):
        store.close()


class Store:
    """A tidings store in a DuckDB file.

    ``Store(path)`` creates the file and tables when missing; ``read_only=True`` refuses writes
    and requires an existing store. ``hold_seconds`` bounds how long a writer keeps the file
    between writes before letting queued readers in (0 = release after every write).
    Readers share one read-only connection that stays open while idle for up to
    ``linger_seconds`` (0 = close when the last reader leaves) and is closed at once when a
    writer queues. ``lock_timeout`` is how long any operation waits for its turn before
    :class:`LockTimeout`.
    """

    def __init__(
        self,
        path: str | Path = "tidings.duckdb",
        read_only: bool = False,
        *,
        hold_seconds: float = 1.0,
        linger_seconds: float = 5.0,
        lock_timeout: float = 30.0,
    ):
        self.path = Path(path)
        self.read_only = read_only
        self.hold_seconds = hold_seconds
        self._gate = FileGate(self.path, lock_timeout)
        self._state = threading.Lock()  # guards the reader connection and its count
        self._writing = threading.RLock()  # one writer (and the writer connection) at a time
        self.linger_seconds = linger_seconds
        self._reader: duckdb.DuckDBPyConnection | None = None
        self._reader_handle: int | None = None
        self._reader_used = 0.0
        self._readers = 0
        self._writer: duckdb.DuckDBPyConnection | None = None
        self._writer_handle: int | None = None
        self._writer_opened = 0.0
        self._writer_used = 0.0
        self._unsaved = False  # written since the last checkpoint
        self._idle_timer: threading.Timer | None = None
        self._closed = False
        self.outdated: str | None = None
        _OPEN_STORES.add(self)
        if read_only:
            if not self.path.is_file():
                raise StoreError(f"no tidings store at {self.path}")
            with self._read(checked=False) as con:
                problem, upgradable = self._version_problem(con)
            if problem and not upgradable:
                raise StoreError(problem)
            #: why this tidings cannot read the store (an older layout it can upgrade): every
            #: read raises StoreOutdated with it, so a read-only server says so and keeps running
            self.outdated = problem
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._write() as con:
                self._create(con)

    # -- writing ---------------------------------------------------------------------------

    def write(self, article: Article) -> None:
        """Store ``article`` and its annotations, replacing any earlier rows of the same id."""
        self.write_many([article])

    def write_many(self, articles: Iterable[Article]) -> None:
        """Store several articles in one transaction: all of them or, after a crash, none.

        Earlier rows of the same ids are replaced (the last copy of a repeated id wins). One
        transaction per batch instead of per article keeps bulk coding fast.
        """
        unique = list({article.id: article for article in articles}.values())
        if not unique:
            return
        coded_at = now()
        tables: dict[str, list[pa.Table]] = {}
        for article in unique:
            for name, table in article_rows(article, coded_at=coded_at).items():
                if table.num_rows:
                    tables.setdefault(name, []).append(table)
        ids = [article.id for article in unique]
        with self._write() as con, transaction(con):
            replaced = con.execute(
                "DELETE FROM articles WHERE list_contains(?, id) RETURNING id", [ids]
            ).fetchall()
            if replaced:  # annotation rows exist only beside their article row
                gone = [row[0] for row in replaced]
                for name in ANNOTATION_TABLES:
                    con.execute(f"DELETE FROM {name} WHERE list_contains(?, article_id)", [gone])
                _drop_clusters_of(con, gone)
            for name, parts in tables.items():
                insert_rows(con, name, pa.concat_tables(parts))

    def delete(self, article_id: str) -> bool:
        """Remove an article and its annotations; True when it was there."""
        with self._write() as con, transaction(con):
            present = bool(
                con.execute(
                    "DELETE FROM articles WHERE id = ? RETURNING id", [article_id]
                ).fetchall()
            )
            for name in ANNOTATION_TABLES:
                con.execute(f"DELETE FROM {name} WHERE article_id = ?", [article_id])
            _drop_clusters_of(con, [article_id])
        return present

    def write_clusters(self, rows: pa.Table, replace: Iterable[str] = ()) -> None:
        """Replace cluster assignments in one transaction.

        ``rows`` (the ``clusters`` schema, one row per mention) replace the stored rows of the
        same mentions and of the same clusters; the clusters named in ``replace`` (retired or
        rewritten ones) are dropped first. Every row must name a stored event or quote.
        """
        rows = rows.select(SCHEMAS["clusters"].names).cast(SCHEMAS["clusters"])
        dropped = sorted(set(replace) | set(rows.column("cluster_id").to_pylist()))
        with self._write() as con, transaction(con):
            con.register("_keys", rows.select(["kind", "article_id", "annotation_id"]))
            try:
                missing = con.execute(
                    "SELECT count(*) FROM _keys k WHERE NOT EXISTS (SELECT 1 FROM events e "
                    "WHERE k.kind = 'event' AND e.article_id = k.article_id "
                    "AND e.id = k.annotation_id) AND NOT EXISTS (SELECT 1 FROM quotes q "
                    "WHERE k.kind = 'quote' AND q.article_id = k.article_id "
                    "AND q.id = k.annotation_id)"
                ).fetchall()[0][0]
                if missing:
                    raise ValueError(
                        f"{missing} cluster rows name events or quotes that are not in the store "
                        "(an article was re-coded or deleted meanwhile: run tidings dedup again)"
                    )
                con.execute("DELETE FROM clusters WHERE list_contains(?, cluster_id)", [dropped])
                con.execute(
                    "DELETE FROM clusters c USING _keys k WHERE c.kind = k.kind "
                    "AND c.article_id = k.article_id AND c.annotation_id = k.annotation_id"
                )
            finally:
                con.unregister("_keys")
            insert_rows(con, "clusters", rows)

    def record_input(
        self, source: str, status: str, reason: str = "", article_id: str | None = None
    ) -> None:
        """Record what became of one input (file, URL, JSONL line); the latest status wins."""
        self.record_inputs([(source, status, reason, article_id)])

    def record_inputs(self, rows: Iterable[tuple[str, str, str, str | None]]) -> None:
        """Record ``(source, status, reason, article_id)`` for many inputs in one transaction."""
        latest: dict[str, dict[str, Any]] = {}
        stamp = now()
        for source, status, reason, article_id in rows:
            if status not in INPUT_STATUSES:
                raise ValueError(f"unknown input status {status!r}; use one of {INPUT_STATUSES}")
            latest[source] = {
                "source": source,
                "status": status,
                "reason": reason,
                "article_id": article_id,
                "updated_at": stamp,
            }
        if not latest:
            return
        table = pa.Table.from_pylist(list(latest.values()), schema=SCHEMAS["inputs"])
        with self._write() as con, transaction(con):
            con.execute("DELETE FROM inputs WHERE list_contains(?, source)", [list(latest)])
            insert_rows(con, "inputs", table)

    # -- reading ---------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        with self._read() as con:
            rows = con.execute("SELECT 1 FROM articles WHERE id = ? LIMIT 1", [article_id])
            return bool(rows.fetchall())

    def existing(self, article_ids: Iterable[str]) -> set[str]:
        """Which of ``article_ids`` are stored (one query for a whole batch)."""
        ids = list(article_ids)
        if not ids:
            return set()
        with self._read() as con:
            rows = con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids])
            return {row[0] for row in rows.fetchall()}

    def article(self, article_id: str) -> Article | None:
        """The stored Article, exactly as it was written, or None.

        ``article_id`` may be a unique prefix of an id (at least 4 characters).
        """
        with self._read() as con:
            rows = con.execute("SELECT id FROM articles WHERE id = ?", [article_id]).fetchall()
            if not rows and len(article_id) >= 4:
                rows = con.execute(
                    "SELECT id FROM articles WHERE starts_with(id, ?) LIMIT 2", [article_id]
                ).fetchall()
            if len(rows) != 1:
                return None
            return _load(con, [rows[0][0]])[0]

    def load_articles(self, article_ids: Iterable[str] | None = None) -> list[Article]:
        """The stored Articles (of ``article_ids``, or all of them), rebuilt from their rows,
        in the order of their ids."""
        with self._read() as con:
            if article_ids is None:
                ids = [row[0] for row in con.execute("SELECT id FROM articles").fetchall()]
            else:
                ids = list(article_ids)
            return _load(con, sorted(ids))

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._read() as con:
            return {
                name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
                for name in SCHEMAS
            }

    def inputs(self, status: str | None = None) -> pa.Table:
        """The recorded inputs (optionally of one status), oldest first."""
        sql = "SELECT * FROM inputs" + (" WHERE status = ?" if status else "")
        with self._read() as con:
            return query_arrow(con, sql + " ORDER BY updated_at", [status] if status else [])

    # -- query API (tidings.open_store) -------------------------------------------------------

    def articles(self, **filters: Any) -> pa.Table:
        """Articles (without the stored JSON document), filtered; see :mod:`tidings.store.query`."""
        return self._select(query.articles_sql, filters)

    def events(self, **filters: Any) -> pa.Table:
        """Events, one row each (sources/targets as lists), with their article's date and outlet."""
        return self._select(query.events_sql, filters)

    def clusters(self, **filters: Any) -> pa.Table:
        """Stored event and quote clusters, one row per mention; see
        :func:`tidings.store.query.clusters_sql`."""
        return self._select(query.clusters_sql, filters)

    def quotes(self, **filters: Any) -> pa.Table:
        return self._select(query.quotes_sql, filters)

    def actors(self, **filters: Any) -> pa.Table:
        """Resolved actors with their number of mentions and articles."""
        return self._select(query.actors_sql, filters)

    def mentions(self, **filters: Any) -> pa.Table:
        return self._select(query.mentions_sql, filters)

    def timexes(self, **filters: Any) -> pa.Table:
        return self._select(query.timexes_sql, filters)

    def count(self, table: str, /, **filters: Any) -> int:
        """How many rows ``table`` (articles, events, quotes, actors, mentions, clusters) has under
        ``filters``."""
        statement, params = query.count_sql(_builder(table), **filters)
        with self._read() as con:
            return con.execute(statement, params).fetchall()[0][0]

    def page(
        self, table: str, /, limit: int, offset: int = 0, **filters: Any
    ) -> tuple[pa.Table, int]:
        """One page of ``table`` rows under ``filters`` and the total, read in one go."""
        build = _builder(table)
        statement, params = build(limit=limit, offset=offset, **filters)
        counting, count_params = query.count_sql(build, **filters)
        with self._read() as con:
            rows = query_arrow(con, statement, params)
            total = con.execute(counting, count_params).fetchall()[0][0]
        return rows, total

    def aggregate(
        self,
        by: list[str] | tuple[str, ...] = ("dyad", "month"),
        measures: list[str] | tuple[str, ...] = ("count", "goldstein"),
        **filters: Any,
    ) -> pa.Table:
        """Events grouped ``by`` (dyad, source, target, month, day, year, type, quad_class...)
        with ``measures`` (count, goldstein, goldstein_mean, articles, quad counts...)."""
        return self._select(query.aggregate_sql, {**filters, "by": by, "measures": measures})

    def export(self, fmt: str, out: str | Path, **filters: Any) -> list[Path]:
        """Write the store as ``fmt`` (parquet, csv, jsonl: one file per table in folder ``out``;
        plover, gdelt: one events file, ``out`` itself when it has a suffix); see
        :mod:`tidings.store.export`. Returns the files written."""
        with self._read() as con:
            return export.export(con, fmt, Path(out), **filters)

    def sql(self, statement: str, params: list[Any] | None = None) -> pa.Table:
        """Run a read-only SQL query of your own against the store's tables."""
        with self._read() as con:
            return query_arrow(con, statement, params or [])

    def _select(self, build: Any, filters: dict[str, Any]) -> pa.Table:
        statement, params = build(**filters)
        with self._read() as con:
            return query_arrow(con, statement, params)

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Write what this Store wrote into the file itself (a checkpoint: the log DuckDB keeps
        beside it is then empty) and release the file (idempotent)."""
        with self._writing:
            if self._unsaved and not self._closed:
                try:
                    with self._write() as con:
                        con.execute("CHECKPOINT")
                except LockTimeout:
                    pass  # another writer holds the file; the log stays safe and is replayed
            self._closed = True
            self._release_writer()
        with self._state:
            self._close_reader()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({str(self.path)!r}, {mode})"

    # -- connections -----------------------------------------------------------------------

    @contextmanager
    def _read(self, checked: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for reading: through this Store's own write connection when it holds one,
        else through a read-only connection shared by this Store's concurrent readers."""
        self._check_open()
        if checked and self.outdated:
            raise StoreOutdated(self.outdated)
        with self._writing:
            if self._writer is not None:
                cursor = self._writer.cursor()
                try:
                    yield cursor
                finally:
                    cursor.close()
                return
        self._gate.pass_turnstile()
        with self._state:
            if self._reader is None:
                handle = self._gate.shared()
                try:
                    self._reader = duckdb.connect(str(self.path), read_only=True)
                except BaseException:
                    FileGate.release(handle)
                    raise
                self._reader_handle = handle
                self._start_janitor()
            self._readers += 1
            cursor = self._reader.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._state:
                self._readers -= 1
                self._reader_used = time.monotonic()
                if self._readers == 0 and (self.linger_seconds <= 0 or self._gate.writer_waiting()):
                    self._close_reader()

    def _close_reader(self) -> None:
        """Close the shared read connection (caller holds ``_state``; no reader inside)."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
            FileGate.release(self._reader_handle)
            self._reader_handle = None

    def _start_janitor(self) -> None:
        """Watch the idle read connection: let it go when a writer queues or it idles too long."""

        def watch() -> None:
            while True:
                time.sleep(JANITOR_POLL)
                with self._state:
                    if self._reader is None:
                        return
                    idle = self._readers == 0
                    stale = time.monotonic() - self._reader_used > self.linger_seconds
                    if idle and (stale or self._gate.writer_waiting()):
                        self._close_reader()
                        return

        threading.Thread(target=watch, name="tidings-store-janitor", daemon=True).start()

    @contextmanager
    def _write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self._check_open()
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")
        with self._writing:
            if self._writer is None:
                handle = self._gate.exclusive()
                try:
                    self._writer = duckdb.connect(str(self.path))
                    # Closing would checkpoint: rewrite each table's last row group, which costs
                    # time and memory in proportion to the store (0.5 s and 150 MB at 2,000
                    # articles), once per batch. DuckDB checkpoints when its log reaches
                    # ``wal_autocheckpoint`` instead, and :meth:`close` once at the end.
                    self._writer.execute("PRAGMA disable_checkpoint_on_shutdown")
                except BaseException:
                    FileGate.release(handle)
                    raise
                self._writer_handle = handle
                self._writer_opened = time.monotonic()
            self._unsaved = True
            try:
                yield self._writer
            except BaseException:
                self._release_writer()  # after a failure, let go of the file at once
                raise
            self._writer_used = time.monotonic()
            if self._writer_used - self._writer_opened >= self.hold_seconds:
                self._release_writer()
            else:
                self._schedule_release(self.hold_seconds)

    def _release_writer(self) -> None:
        with self._writing:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
            if self._writer is not None:
                self._writer.close()
                self._writer = None
                FileGate.release(self._writer_handle)
                self._writer_handle = None

    def _schedule_release(self, delay: float) -> None:
        """Let go of the file after ``delay`` seconds without a write."""
        if self._idle_timer is None:
            self._idle_timer = threading.Timer(delay, self._release_if_idle)
            self._idle_timer.daemon = True
            self._idle_timer.start()

    def _release_if_idle(self) -> None:
        with self._writing:
            self._idle_timer = None
            if self._writer is None:
                return
            idle = time.monotonic() - self._writer_used
            if idle >= self.hold_seconds:
                self._release_writer()
            else:
                self._schedule_release(self.hold_seconds - idle)

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"store {self.path} is closed")

    # -- schema ----------------------------------------------------------------------------

    def _create(self, con: duckdb.DuckDBPyConnection) -> None:
        tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path} is a DuckDB file but not a tidings store")
        con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        known = dict(con.execute("SELECT key, value FROM meta").fetchall())
        if known:
            version = known.get("store_version", "")
            if version.isdigit() and int(version) in UPGRADABLE_VERSIONS:
                migrate.upgrade(con, int(version), tables)
            self._check_version(con)
            migrate.add_model_columns(con)
            return
        with transaction(con):
            for name in SCHEMAS:
                migrate.create_table(con, name)
            con.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ["store_version", str(STORE_VERSION)],
                    ["model_schema_version", str(SCHEMA_VERSION)],
                    ["created_at", now().isoformat()],
                ],
            )

    def _check_version(self, con: duckdb.DuckDBPyConnection) -> None:
        """Raise :class:`StoreError` unless this tidings reads the store's layout."""
        problem, _ = self._version_problem(con)
        if problem:
            raise StoreError(problem)

    def _version_problem(self, con: duckdb.DuckDBPyConnection) -> tuple[str | None, bool]:
        """Why this tidings cannot read the store (None when it can), and whether opening it
        for writing would upgrade it."""
        try:
            known = dict(con.execute("SELECT key, value FROM meta").fetchall())
        except duckdb.CatalogException:
            raise StoreError(f"{self.path} is a DuckDB file but not a tidings store") from None
        found = (known.get("store_version"), known.get("model_schema_version"))
        if found == (str(STORE_VERSION), str(SCHEMA_VERSION)):
            return None, False
        version = found[0] or "?"
        if version.isdigit() and int(version) in UPGRADABLE_VERSIONS:
            return (
                f"{self.path} is a tidings store of version {version}, from an older tidings; "
                f"this one reads version {STORE_VERSION}. Upgrade it in place (every article is "
                f"kept): tidings upgrade --db {self.path}"
            ), True
        return (
            f"{self.path} was written by another tidings version (store/model schema "
            f"{version}/{found[1]}, this version reads {STORE_VERSION}/{SCHEMA_VERSION}); "
            "re-code the articles into a new store, or use the tidings that wrote it"
        ), False


_BUILDERS = {
    "articles": query.articles_sql,
    "events": query.events_sql,
    "quotes": query.quotes_sql,
    "actors": query.actors_sql,
    "mentions": query.mentions_sql,
    "clusters": query.clusters_sql,
}


def _builder(table: str) -> Any:
    if table not in _BUILDERS:
        raise ValueError(f"cannot page or count {table!r}; use one of {', '.join(_BUILDERS)}")
    return _BUILDERS[table]


def _drop_clusters_of(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """Drop every cluster holding a mention from these articles (whole clusters: their counts,
    outlets and first report would be stale, and a removed mention may have joined them)."""
    con.execute(
        "DELETE FROM clusters WHERE cluster_id IN "
        "(SELECT cluster_id FROM clusters WHERE list_contains(?, article_id))",
        [article_ids],
    )


def _load(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[Article]:
    """Rebuild the Articles of ``article_ids`` from their rows (ordered by id); the rows of
    each annotation table come back in the order they were written (DuckDB keeps insertion
    order for queries without ORDER BY)."""
    if not article_ids:
        return []
    tables = {
        "articles": query_arrow(
            con, "SELECT * FROM articles WHERE list_contains(?, id) ORDER BY id", [article_ids]
        )
    }
    for name in ANNOTATION_TABLES:
        statement = f"SELECT * FROM {name} WHERE list_contains(?, article_id)"
        tables[name] = query_arrow(con, statement, [article_ids])
    return articles_from_tables(tables)
