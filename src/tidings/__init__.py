"""tidings: news reports in, structured and verifiable political event data out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tidings.store import Store

__all__ = ["open"]


def open(path: str | Path = "tidings.duckdb") -> Store:
    """Open a store for querying: ``tidings.open("tidings.duckdb").events(actor="RUS")``."""
    from tidings.store import Store

    return Store(path, read_only=True)
