"""Cross-story deduplication over a database: regroup every event into clusters under a config.

The stores keep clusters up to date on every write (see :mod:`eventwire.store.clusters`, where
the grouping rule is defined); ``eventwire dedup`` regroups a whole database, for instance
with another window or place rule, which later writes then keep using. Results live in

- ``events.cluster_id`` (and ``events.cluster_key``),
- ``event_clusters(id, cluster_key, event, aux_mode, actor_codes, recipient_codes, place,
  date_start, date_end, mention_count, story_count, num_articles, num_sources, first_event_id,
  window_days, place_mode)``,
- ``event_cluster_members(cluster_id, event_id, article_id, date)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..store import transaction
from ..store.clusters import ClusterConfig, rebuild_clusters
from ..store.duckdb_store import migrate

__all__ = ["DedupConfig", "DedupResult", "deduplicate", "deduplicate_db"]

DedupConfig = ClusterConfig  # the name of the first release


@dataclass(frozen=True)
class DedupResult:
    """What a dedup run produced."""

    events: int
    clusters: int
    merged_clusters: int  # clusters with more than one event
    largest: int

    def text(self) -> str:
        """Return a one-line summary."""
        return (f"eventwire dedup: {self.events:,} events -> {self.clusters:,} clusters "
                f"({self.merged_clusters:,} reported by several events; largest {self.largest})")


def deduplicate(con: duckdb.DuckDBPyConnection, cfg: ClusterConfig | None = None) -> DedupResult:
    """Migrate the database if needed and regroup every event under ``cfg`` in one transaction."""
    migrate(con)
    with transaction(con):
        return DedupResult(*rebuild_clusters(con, cfg or ClusterConfig()))


def deduplicate_db(path: str | Path, cfg: ClusterConfig | None = None) -> DedupResult:
    """Open the eventwire database at ``path`` and regroup its event clusters."""
    from ..errors import StoreError

    p = Path(path)
    if not p.is_file():
        raise StoreError(f"database not found: {p}; create it with `eventwire batch ... --out {p}`")
    con = duckdb.connect(str(p))
    try:
        has = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'"
        ).fetchone()
        if not has or not has[0]:
            raise StoreError(f"{p} has no events table: is it an eventwire database?")
        result = deduplicate(con, cfg)
        con.execute("CHECKPOINT")
        return result
    finally:
        con.close()
