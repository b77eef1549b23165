"""The API's one handle on the database: read cursors per request, writes through the Store.

When the server accepts writes (an API token is configured) the file is opened by a
:class:`~eventwire.store.DuckDBStore`, which creates and migrates it if needed and serialises
writes with its lock. Otherwise it is opened read-only with
:func:`~eventwire.store.connect_readonly`, so other processes may read it too. Either way each
request reads through its own ``cursor()`` (a DuckDB connection to the same database instance),
which is how DuckDB is shared safely between threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..errors import StoreError
from ..records import Annotation, Failure
from ..store import SCHEMA_VERSION, DuckDBStore, connect_readonly, schema_version

__all__ = ["Database"]


class Database:
    """A DuckDB database shared by the API's request threads."""

    def __init__(self, path: str | Path, writable: bool) -> None:
        self.path = str(path)
        self.writable = writable
        self._lock = threading.Lock()
        self._store: DuckDBStore | None = None
        if writable:
            self._store = DuckDBStore(self.path)
            self._con = self._store.con
        else:
            self._con = connect_readonly(self.path)
            found = schema_version(self._con)
            if found < SCHEMA_VERSION:
                self._con.close()
                raise StoreError(
                    f"{self.path} has schema version {found}, older than this eventwire's {SCHEMA_VERSION}: "
                    f"upgrade it once with `eventwire dedup --db {self.path}` (it adds event clusters), then serve it"
                )

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a cursor of its own for one request, closed afterwards."""
        with self._lock:
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def write_many(self, items: Iterable[Annotation | Failure]) -> int:
        """Store annotations and failures in one transaction (raises StoreError when read-only)."""
        if self._store is None:
            raise StoreError(f"{self.path} is open read-only: writes need an API token configured")
        return self._store.write_many(items)

    def schema_version(self) -> int:
        """Return the database's schema version."""
        with self.cursor() as cur:
            return schema_version(cur)

    def close(self) -> None:
        """Close the database (checkpointing it when it was writable)."""
        if self._store is not None:
            self._store.close()
        else:
            self._con.close()
