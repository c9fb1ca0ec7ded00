"""How the ``tidings`` command prints: for people on a terminal, for programs everywhere else.

On a terminal, rows are a Rich table of the first ``TERMINAL_ROWS`` rows titled "Events: 50 of
188 (use --limit)", and progress bars are drawn on standard error. Anywhere else (a pipe, a
file, a log) output is plain and full width: tables become tab-separated values with a header
row and every row, nothing is wrapped or cut, and no progress is drawn. ``--json`` always
streams every row (unless ``--limit``) as JSON Lines. Errors are one line on standard error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

TERMINAL_ROWS = 50  # rows a terminal table shows unless --limit says otherwise
CELL_CHARS = 80  # a terminal table cuts longer cells (TSV and JSON never cut)


class CommandError(Exception):
    """A problem the user can fix: printed as one line (and a hint), exit status 2."""

    def __init__(self, message: str, hint: str | None = None, status: int = 2):
        super().__init__(message)
        self.hint = hint
        self.status = status


def on_terminal(stream: Any = None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def console() -> Console:
    """Standard output: Rich on a terminal; plain, unwrapped text elsewhere."""
    if on_terminal():
        return Console()
    return Console(soft_wrap=True, no_color=True, highlight=False, width=10_000)


def err_console() -> Console:
    if on_terminal(sys.stderr):
        return Console(stderr=True)
    return Console(stderr=True, soft_wrap=True, no_color=True, highlight=False, width=10_000)


def say(message: str) -> None:
    """A line for the user on standard output (never wrapped, no markup)."""
    console().print(message, markup=False, highlight=False, soft_wrap=True)


def note(message: str) -> None:
    """A line about the output on standard error (so that it never mixes into data)."""
    err_console().print(message, markup=False, highlight=False, soft_wrap=True)


def row_limit(limit: int | None, as_json: bool) -> int | None:
    """Rows to fetch: what --limit says; else all of them, except for a terminal table."""
    if limit is not None or as_json or not on_terminal():
        return limit
    return TERMINAL_ROWS


def print_json_lines(rows: pa.Table | Iterable[dict[str, Any]]) -> None:
    """One JSON object per row, streamed batch by batch."""
    out = sys.stdout
    for row in _rows(rows):
        out.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    out.flush()


def print_table(
    rows: pa.Table | list[dict[str, Any]], columns: list[str], title: str, total: int | None
) -> None:
    """A table of ``columns``: Rich on a terminal (with "N of M (use --limit)" when cut), TSV
    elsewhere."""
    shown = rows.num_rows if isinstance(rows, pa.Table) else len(rows)
    if not on_terminal():
        print_tsv(rows, columns)
        if total is not None and shown < total:
            note(f"{title}: {shown} of {total} rows (use --limit to see more)")
        return
    heading = f"{title}: {shown}"
    if total is not None and shown < total:
        heading += f" of {total} (use --limit to see more)"
    table = Table(title=heading)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in _rows(rows):
        table.add_row(*(_cell(row.get(c)) for c in columns))
    Console().print(table)


def print_tsv(rows: pa.Table | Iterable[dict[str, Any]], columns: list[str]) -> None:
    """Tab-separated values with a header row; tabs and line breaks in values become spaces."""
    out = sys.stdout
    out.write("\t".join(columns) + "\n")
    for row in _rows(rows):
        out.write("\t".join(_plain(row.get(c)) for c in columns) + "\n")
    out.flush()


def _rows(rows: pa.Table | Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    if isinstance(rows, pa.Table):
        for batch in rows.to_batches(max_chunksize=1000):
            yield from batch.to_pylist()
    else:
        yield from rows


def _plain(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _cell(value: Any) -> str:
    text = _plain(value)
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 3] + "..."


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``"1 article"``, ``"2 articles"``."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


class _NoProgress:
    """Stands in for a progress bar where none is drawn (not a terminal)."""

    def add_task(self, *args: Any, **kwargs: Any) -> int:
        return 0

    def advance(self, *args: Any, **kwargs: Any) -> None:
        return None

    def update(self, *args: Any, **kwargs: Any) -> None:
        return None


@contextmanager
def progress() -> Iterator[Progress | _NoProgress]:
    """Progress lines (one per task, labelled by its description) on standard error when it is
    a terminal; nothing otherwise."""
    if not on_terminal(sys.stderr):
        yield _NoProgress()
        return
    bar = Progress(
        TextColumn("{task.description}"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        yield bar
