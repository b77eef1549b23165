"""Cross-story deduplication: one event reported by many stories becomes one event cluster.

Two coded events belong to the same cluster when they share the *cluster key*

- the PLOVER type (``event``) and the auxiliary modes (a denial never merges with the act),
- the set of actor codes and the set of recipient codes,
- the place: the event location's country (``place="country"``, default), its GeoNames id
  (``"point"``), or not compared (``"none"``),

and their dates fall in one window of ``window_days`` days starting at the cluster's earliest
event (anchored windows: a protest repeated every day for a month makes one cluster per window,
not one chain). The date is the event's day-precision date, else the article's publication
date. Events with no actor code, or no date at all, are not merged (each is its own cluster)
unless ``require_actor`` is off.

The result goes into two tables of the database, rebuilt in one transaction on every run, so
running twice gives the same rows (cluster ids hash the key and the first member):

- ``event_clusters(id, event, actor_codes, recipient_codes, place, date_start, date_end,
  mention_count, story_count, first_event_id, window_days, place_mode)``
- ``event_cluster_members(cluster_id, event_id, article_id, date)``
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..records import content_id
from ..store import transaction

__all__ = ["DedupConfig", "DedupResult", "create_tables", "deduplicate", "deduplicate_db"]

PLACE_MODES = ("country", "point", "none")

_DDL = (
    """
    CREATE TABLE IF NOT EXISTS event_clusters (
        id VARCHAR PRIMARY KEY,
        event VARCHAR,
        aux_mode VARCHAR[],
        actor_codes VARCHAR[],
        recipient_codes VARCHAR[],
        place VARCHAR,
        date_start DATE,
        date_end DATE,
        mention_count INTEGER,
        story_count INTEGER,
        first_event_id VARCHAR,
        window_days INTEGER,
        place_mode VARCHAR
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS event_cluster_members (
        cluster_id VARCHAR NOT NULL,
        event_id VARCHAR PRIMARY KEY,
        article_id VARCHAR,
        date DATE
    )
    """,
)

_FETCH = 20_000
_FLUSH = 50_000


@dataclass(frozen=True)
class DedupConfig:
    """How events are grouped into clusters."""

    window_days: int = 2
    place: str = "country"  # country | point | none
    require_actor: bool = True

    def __post_init__(self) -> None:
        if self.window_days < 0:
            raise ValueError("window_days must be >= 0")
        if self.place not in PLACE_MODES:
            raise ValueError(f"place must be one of {', '.join(PLACE_MODES)}, not {self.place!r}")


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


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the two cluster tables when missing."""
    for sql in _DDL:
        con.execute(sql)


def _place_sql(mode: str) -> str:
    if mode == "country":
        return "coalesce(country_code, '')"
    if mode == "point":
        return "coalesce(CAST(geonameid AS VARCHAR), country_code, '')"
    return "''"


def _rows(con: duckdb.DuckDBPyConnection, cfg: DedupConfig) -> Iterator[tuple[Any, ...]]:
    codes = "list_sort(list_distinct(list_filter(coalesce({c}, []), lambda x: x IS NOT NULL)))"
    sql = f"""
        WITH ev AS (
            SELECT id, article_id, event,
                   list_sort(coalesce(aux_mode, [])) AS aux,
                   {codes.format(c='actor_codes')} AS actors,
                   {codes.format(c='recipient_codes')} AS recipients,
                   {_place_sql(cfg.place)} AS place,
                   coalesce(
                       CASE WHEN coalesce(date_precision, 'day') = 'day' THEN TRY_CAST(date AS DATE) END,
                       TRY_CAST(left(article_date, 10) AS DATE)) AS d
            FROM events
        )
        SELECT id, article_id, event, aux, actors, recipients, place, d FROM ev
        ORDER BY event, aux, actors, recipients, place, d NULLS LAST, id
    """
    cur = con.execute(sql)
    while True:
        batch = cur.fetchmany(_FETCH)
        if not batch:
            return
        yield from batch


class _Writer:
    """Buffers cluster and member rows and inserts them in Arrow batches."""

    def __init__(self, con: duckdb.DuckDBPyConnection, cfg: DedupConfig) -> None:
        self.con = con
        self.cfg = cfg
        self.clusters: list[dict[str, Any]] = []
        self.members: list[dict[str, Any]] = []
        self.n_clusters = 0
        self.merged = 0
        self.largest = 0

    def add(self, key: tuple[Any, ...], members: list[tuple[Any, ...]]) -> None:
        event, aux, actors, recipients, place = key
        first = members[0]
        cid = content_id(event, aux, actors, recipients, place, first[0])
        dates = [m[7] for m in members if m[7] is not None]
        self.clusters.append({
            "id": cid, "event": event, "aux_mode": list(aux), "actor_codes": list(actors),
            "recipient_codes": list(recipients), "place": place or None,
            "date_start": min(dates) if dates else None, "date_end": max(dates) if dates else None,
            "mention_count": len(members), "story_count": len({m[1] for m in members}),
            "first_event_id": first[0], "window_days": self.cfg.window_days,
            "place_mode": self.cfg.place,
        })
        for m in members:
            self.members.append({"cluster_id": cid, "event_id": m[0], "article_id": m[1], "date": m[7]})
        self.n_clusters += 1
        self.merged += len(members) > 1
        self.largest = max(self.largest, len(members))
        if len(self.members) >= _FLUSH:
            self.flush()

    def flush(self) -> None:
        for table, rows in (("event_clusters", self.clusters), ("event_cluster_members", self.members)):
            if not rows:
                continue
            cols = list(rows[0])
            data = pa.table({c: [r[c] for r in rows] for c in cols})
            self.con.register("_ew_dedup_rows", data)
            try:
                collist = ", ".join(cols)
                self.con.execute(f"INSERT INTO {table} ({collist}) SELECT {collist} FROM _ew_dedup_rows")
            finally:
                self.con.unregister("_ew_dedup_rows")
            rows.clear()


def deduplicate(con: duckdb.DuckDBPyConnection, cfg: DedupConfig | None = None) -> DedupResult:
    """Rebuild ``event_clusters`` and ``event_cluster_members`` from ``events`` in one transaction."""
    cfg = cfg or DedupConfig()
    create_tables(con)
    window = dt.timedelta(days=cfg.window_days)
    with transaction(con):
        con.execute("DELETE FROM event_cluster_members")
        con.execute("DELETE FROM event_clusters")
        writer = _Writer(con, cfg)
        n_events = 0
        current_key: tuple[Any, ...] | None = None
        members: list[tuple[Any, ...]] = []
        start: dt.date | None = None
        for row in _rows(con, cfg):
            n_events += 1
            key = (row[2], tuple(row[3]), tuple(row[4]), tuple(row[5]), row[6])
            date = row[7]
            mergeable = date is not None and (bool(key[2]) or not cfg.require_actor)
            if (members and key == current_key and mergeable and start is not None
                    and date - start <= window):
                members.append(row)
                continue
            if members:
                writer.add(current_key or key, members)
            members, current_key = [row], key
            start = date if mergeable else None
        if members:
            writer.add(current_key or (), members)
        writer.flush()
    return DedupResult(n_events, writer.n_clusters, writer.merged, writer.largest)


def deduplicate_db(path: str | Path, cfg: DedupConfig | None = None) -> DedupResult:
    """Open the eventwire database at ``path`` and rebuild its event clusters."""
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
