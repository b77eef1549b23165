"""An in-memory store (dicts of rows) for tests and for library use without a database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import StoreError
from ..records import Annotation, Failure
from .clusters import ClusterConfig, cluster_rows, group_members, member_of, sort_key
from .rows import COLUMNS, Row, annotation_rows, failure_row

__all__ = ["MemoryStore"]


class MemoryStore:
    """A :class:`~eventwire.store.Store` holding rows in dicts keyed by id.

    It keeps exactly the rows :class:`~eventwire.store.DuckDBStore` would write, so tests
    of code that writes through a ``Store`` need no database.
    """

    def __init__(self, clusters: ClusterConfig | None = None) -> None:
        self.tables: dict[str, dict[str, Row]] = {t: {} for t in COLUMNS}
        self.clusters: dict[str, Row] = {}  # the event_clusters rows, by id
        self.cluster_config = clusters or ClusterConfig()
        self.closed = False

    def has_article(self, article_id: str) -> bool:
        """Return True when the article is stored."""
        return article_id in self.tables["articles"]

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each table."""
        return {t: len(rows) for t, rows in self.tables.items()}

    def rows(self, table: str) -> list[Row]:
        """Return the rows of ``table`` sorted by id."""
        return [self.tables[table][k] for k in sorted(self.tables[table])]

    def write(self, annotation: Annotation) -> None:
        """Store one article, replacing its previous rows."""
        self._check()
        aid = annotation.article.id
        rows = annotation_rows(annotation, self.cluster_config)
        for table in ("events",):  # ids of other tables embed the article id
            for row in rows[table]:
                old = self.tables[table].get(row["id"])
                if old is not None and old["article_id"] != aid:
                    raise StoreError(f"{table} id {row['id']} of article {aid} already belongs to article "
                                     f"{old['article_id']} (nothing written)")
        for table in ("events", "entities", "places", "timexes", "quotes", "failures"):
            existing = self.tables[table]
            for key in [k for k, r in existing.items() if r["article_id"] == aid]:
                del existing[key]
        for table, new in rows.items():
            for row in new:
                self.tables[table][row["id"]] = row
        self._regroup()

    def _regroup(self) -> None:
        """Regroup every event into clusters (the DuckDB store regroups only the touched keys)."""
        cfg = self.cluster_config
        articles = self.tables["articles"]
        members = sorted(
            (member_of(r, cfg, source=(articles.get(r["article_id"]) or {}).get("source"))
             for r in self.tables["events"].values()),
            key=sort_key,
        )
        self.clusters = {}
        for group in group_members(members, cfg.window_days):
            row = cluster_rows(group, cfg)
            self.clusters[row["id"]] = row
            for m in group:
                self.tables["events"][m.event_id]["cluster_id"] = row["id"]

    def write_failure(self, failure: Failure) -> None:
        """Record one failure (idempotent)."""
        self._check()
        row = failure_row(failure)
        self.tables["failures"][row["id"]] = row

    def write_many(self, items: Iterable[Annotation | Failure]) -> int:
        """Store annotations and failures, all or nothing; return how many were written."""
        snapshot = {t: {k: dict(r) for k, r in rows.items()} for t, rows in self.tables.items()}
        clusters = self.clusters
        n = 0
        try:
            for item in items:
                if isinstance(item, Failure):
                    self.write_failure(item)
                else:
                    self.write(item)
                n += 1
        except Exception:
            self.tables = snapshot
            self.clusters = clusters
            raise
        return n

    def close(self) -> None:
        """Mark the store closed."""
        self.closed = True

    def _check(self) -> None:
        if self.closed:
            raise RuntimeError("store is closed")

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
