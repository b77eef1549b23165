"""The default store: one DuckDB file (or ``:memory:``), migrated on open."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..records import Annotation, Failure
from .clusters import ClusterConfig, affected, rebuild_clusters, update_clusters
from .rows import COLUMNS, Row, annotation_rows, failure_row
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["DuckDBStore", "connect_readonly", "schema_version", "transaction"]

_CHILD_TABLES = ("events", "entities", "places", "timexes", "quotes")


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection, failure: str | None = None) -> Iterator[None]:
    """Run the block in one transaction: committed at its end, rolled back on any error.

    The error is raised again, or as a :class:`StoreError` ``"<failure>: <error>"`` when
    ``failure`` is given.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        if failure is None:
            raise
        raise StoreError(f"{failure}: {exc}") from exc


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Return the schema version recorded in ``meta`` (0 for an empty database)."""
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchone()
    if not has_meta or not has_meta[0]:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration newer than the database's version; return the final version."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this eventwire ({SCHEMA_VERSION}); "
            "upgrade eventwire or use another --db file"
        )
    for step in MIGRATIONS:
        if step.version <= current:
            continue
        with transaction(con, f"migration {step.version} ({step.description}) failed"):
            for sql in step.statements:
                con.execute(sql)
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(step.version)]
            )
        current = step.version
    return current


def connect_readonly(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open an existing eventwire database read-only (for the API, exports and queries).

    Raises :class:`StoreError` when the file is missing or has no eventwire schema. DuckDB
    allows one writing process per file: open read-only while no ``--db`` run is writing.
    """
    p = Path(path)
    if not p.is_file():
        raise StoreError(f"database not found: {p}; create it with `eventwire extract ... --db {p}`")
    try:
        con = duckdb.connect(str(p), read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {p} read-only: {exc}") from exc
    if schema_version(con) == 0:
        con.close()
        raise StoreError(f"{p} is not an eventwire database (no meta.schema_version)")
    return con


class DuckDBStore:
    """A :class:`~eventwire.store.Store` backed by DuckDB.

    >>> store = DuckDBStore(":memory:")
    >>> store.counts()["events"]
    0
    >>> store.close()
    """

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self._lock = threading.Lock()
        migrate(self.con)
        row = self.con.execute("SELECT value FROM meta WHERE key = 'cluster_config'").fetchone()
        self.clusters = ClusterConfig.from_json(row[0] if row else None)
        if self.con.execute("SELECT 1 FROM meta WHERE key = 'clusters_stale'").fetchone():
            with transaction(self.con, f"grouping the events of {self.path} into clusters failed"):
                rebuild_clusters(self.con, self.clusters)

    # -- reading ------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Return True when the article is stored."""
        with self._lock:
            row = self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each data table."""
        out = {}
        with self._lock:
            for table in COLUMNS:
                row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
                out[table] = int(row[0]) if row else 0
        return out

    def rebuild_clusters(self, cfg: ClusterConfig | None = None) -> tuple[int, int, int, int]:
        """Regroup every event into clusters (under ``cfg``, kept for later writes); see :mod:`.clusters`."""
        with self._lock, transaction(self.con, f"grouping the events of {self.path} into clusters failed"):
            if cfg is not None:
                self.clusters = cfg
            return rebuild_clusters(self.con, self.clusters)

    def schema_version(self) -> int:
        """Return the database's schema version."""
        with self._lock:
            return schema_version(self.con)

    # -- writing ------------------------------------------------------------------------------

    def write(self, annotation: Annotation) -> None:
        """Store one annotated article (replacing its previous rows) in one transaction."""
        self.write_many([annotation])

    def write_failure(self, failure: Failure) -> None:
        """Record one failure (idempotent)."""
        self.write_many([failure])

    def write_many(self, items: Iterable[Annotation | Failure]) -> int:
        """Store annotations and failures in one transaction; return how many were written."""
        tables: dict[str, list[Row]] = {t: [] for t in COLUMNS}
        article_ids: list[str] = []
        failure_ids: set[str] = set()
        n = 0
        for item in items:
            n += 1
            if isinstance(item, Failure):
                row = failure_row(item)
                if row["id"] not in failure_ids:
                    failure_ids.add(row["id"])
                    tables["failures"].append(row)
                continue
            if item.article.id in article_ids:
                # the same article twice in one batch: the last one wins
                idx = article_ids.index(item.article.id)
                del article_ids[idx]
                for t in _CHILD_TABLES + ("articles",):
                    tables[t] = [r for r in tables[t] if _aid(t, r) != item.article.id]
            article_ids.append(item.article.id)
            for table, rows in annotation_rows(item, self.clusters).items():
                tables[table].extend(rows)
        if not n:
            return 0
        with self._lock:
            self._write_tables(tables, article_ids)
        return n

    def _write_tables(self, tables: dict[str, list[Row]], article_ids: list[str]) -> None:
        con = self.con
        with transaction(con, f"writing to {self.path} failed (nothing written)"):
            old_keys: list[str] = []
            old_clusters: list[str] = []
            if article_ids:
                ids = pa.table({"id": pa.array(article_ids, pa.string())})
                con.register("_ew_ids", ids)
                try:
                    old_keys, old_clusters = affected(con, "_ew_ids")
                    for t in _CHILD_TABLES:
                        con.execute(f"DELETE FROM {t} WHERE article_id IN (SELECT id FROM _ew_ids)")
                    con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _ew_ids)")
                    con.execute("DELETE FROM failures WHERE article_id IN (SELECT id FROM _ew_ids)")
                finally:
                    with contextlib.suppress(duckdb.Error):
                        con.unregister("_ew_ids")
            for table in ("articles",) + _CHILD_TABLES:
                self._insert(table, tables[table], replace=False)
            self._insert("failures", tables["failures"], replace=True)
            if article_ids:
                new_keys = [r["cluster_key"] for r in tables["events"] if r["cluster_key"] is not None]
                update_clusters(con, self.clusters, old_keys + new_keys, old_clusters, article_ids)

    def _insert(self, table: str, rows: list[Row], replace: bool) -> None:
        if not rows:
            return
        cols = COLUMNS[table]
        data = pa.table({c: [r[c] for r in rows] for c in cols})
        name = f"_ew_rows_{table}"
        self.con.register(name, data)
        try:
            collist = ", ".join(cols)
            verb = "INSERT OR REPLACE" if replace else "INSERT"
            self.con.execute(f"{verb} INTO {table} ({collist}) SELECT {collist} FROM {name}")
        finally:
            with contextlib.suppress(duckdb.Error):  # an aborted transaction refuses it; ROLLBACK follows
                self.con.unregister(name)

    def close(self) -> None:
        """Checkpoint and close the database."""
        with self._lock:
            try:
                if self.path != ":memory:":
                    self.con.execute("CHECKPOINT")
            finally:
                self.con.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _aid(table: str, row: Row) -> Any:
    return row["id"] if table == "articles" else row["article_id"]
