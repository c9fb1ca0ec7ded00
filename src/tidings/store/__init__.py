"""The embedded DuckDB store, its query API and exports (see ``docs/serve.md``)."""

from tidings.store.gate import LockTimeout
from tidings.store.store import Store, StoreError, StoreOutdated

__all__ = ["LockTimeout", "Store", "StoreError", "StoreOutdated"]
