"""tidings: news reports in, structured and verifiable political event data out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tidings.store import Store

__all__ = ["open_store"]


def open_store(path: str | Path = "tidings.duckdb") -> Store:
    """Open a store for querying: ``tidings.open_store("tidings.duckdb").events(actor="RUS")``.

    The store is read-only; its query methods take the filters of ``tidings.store.query``.
    """
    from tidings.store import Store

    return Store(path, read_only=True)


def __getattr__(name: str) -> Any:
    if name == "open":  # the old name shadowed the built-in open() on `from tidings import *`
        raise AttributeError("tidings.open is now tidings.open_store (same arguments)")
    raise AttributeError(f"module 'tidings' has no attribute {name!r}")
