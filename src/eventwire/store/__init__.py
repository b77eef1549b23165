"""Storage: the :class:`Store` seam with a DuckDB backend (default) and an in-memory one.

>>> from eventwire.store import open_store
>>> with open_store(":memory:") as store:          # doctest: +SKIP
...     store.write(annotation)

Tables and columns are described in ``docs/store.md``; the schema is the ordered list of
migrations in :mod:`eventwire.store.schema`.
"""

from __future__ import annotations

from pathlib import Path

from .base import Store
from .duckdb_store import DuckDBStore, connect_readonly, migrate, schema_version, transaction
from .memory import MemoryStore
from .rows import COLUMNS, annotation_rows, event_row, failure_row
from .schema import MIGRATIONS, SCHEMA_VERSION, TABLES, Migration

__all__ = [
    "COLUMNS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "DuckDBStore",
    "MemoryStore",
    "Migration",
    "Store",
    "annotation_rows",
    "connect_readonly",
    "event_row",
    "failure_row",
    "migrate",
    "open_store",
    "schema_version",
    "transaction",
]


def open_store(path: str | Path | None) -> DuckDBStore | MemoryStore:
    """Open the store at ``path``: a DuckDB file, ``:memory:`` for DuckDB in memory, ``None`` for a MemoryStore."""
    if path is None:
        return MemoryStore()
    return DuckDBStore(path)
