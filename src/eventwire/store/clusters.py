"""Cross-story event clusters: one event told by several stories becomes one cluster.

Two coded events belong to the same cluster when they share the *cluster key*

- the PLOVER type (``event``) and the auxiliary modes (a denial never merges with the act),
- the set of actor codes and the set of recipient codes,
- the place: the event location's country (``place="country"``, default), its GeoNames id
  (``"point"``), or not compared (``"none"``),

and their days fall in one window of ``window_days`` days starting at the cluster's earliest
event (anchored windows: a protest repeated every day for a month makes one cluster per window,
not one chain). The day is the event's day-precision date, else the article's publication
date. Events with no actor code (unless ``require_actor`` is off) or no day at all are clusters
of their own. Events one article tells twice (the same within-article ``dedup_key``, see
:mod:`eventwire.events.dedup`) take the key of the group's first event, so they always merge.

Both stores keep the clusters up to date on every write: :func:`article_keys` gives each new
event row its ``cluster_key``, and only the keys touched by the write are regrouped with
:func:`group_members` (the same grouping a full rebuild runs over every key). A cluster's id
hashes its key and its first member, so rebuilding gives the same ids.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ..records import content_id

__all__ = [
    "CLUSTER_COLUMNS",
    "ClusterConfig",
    "Member",
    "article_keys",
    "cluster_rows",
    "event_day",
    "group_members",
]

PLACE_MODES = ("country", "point", "none")

# The columns of ``event_clusters`` (``num_articles`` / ``num_sources`` as GDELT's NumArticles /
# NumSources; ``mention_count`` and ``story_count`` are the names of the first release).
CLUSTER_COLUMNS = (
    "id", "cluster_key", "event", "aux_mode", "actor_codes", "recipient_codes", "place", "date_start",
    "date_end", "mention_count", "story_count", "num_articles", "num_sources", "first_event_id",
    "window_days", "place_mode",
)


@dataclass(frozen=True)
class ClusterConfig:
    """How events are grouped into clusters."""

    window_days: int = 2
    place: str = "country"  # country | point | none
    require_actor: bool = True

    def __post_init__(self) -> None:
        if self.window_days < 0:
            raise ValueError("window_days must be >= 0")
        if self.place not in PLACE_MODES:
            raise ValueError(f"place must be one of {', '.join(PLACE_MODES)}, not {self.place!r}")

    def to_json(self) -> str:
        """Return the config as JSON (kept in the database's ``meta`` table)."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> ClusterConfig:
        """Return the config stored by :meth:`to_json` (the default when ``text`` is empty)."""
        return cls(**json.loads(text)) if text else cls()


@dataclass(frozen=True)
class Member:
    """One event as the grouping sees it."""

    event_id: str
    article_id: str
    key: str | None  # None: a cluster of its own
    day: dt.date | None
    source: str | None
    parts: tuple[Any, ...]  # (event, aux modes, actor codes, recipient codes, place)


def event_day(date: str | None, precision: str | None, article_date: str | None) -> dt.date | None:
    """Return the day an event is grouped by: its day-precision date, else the article's date."""
    if date and (precision or "day") == "day":
        try:
            return dt.date.fromisoformat(date[:10])
        except ValueError:
            pass
    if article_date:
        try:
            return dt.date.fromisoformat(article_date[:10])
        except ValueError:
            return None
    return None


def _codes(values: Iterable[str | None] | None) -> tuple[str, ...]:
    return tuple(sorted({v for v in values or () if v}))


def _parts(row: Mapping[str, Any], cfg: ClusterConfig) -> tuple[Any, ...]:
    if cfg.place == "country":
        place = row.get("country_code") or ""
    elif cfg.place == "point":
        gid = row.get("geonameid")
        place = str(gid) if gid is not None else (row.get("country_code") or "")
    else:
        place = ""
    return (row["event"], tuple(sorted(row.get("aux_mode") or ())), _codes(row.get("actor_codes")),
            _codes(row.get("recipient_codes")), place)


def article_keys(rows: Sequence[Mapping[str, Any]], cfg: ClusterConfig) -> list[tuple[str | None, tuple[Any, ...]]]:
    """Return ``(cluster_key, key parts)`` for the event rows of one article, in order.

    ``cluster_key`` is None for an event that merges with nothing (no actor code while
    ``require_actor``). Events sharing a ``dedup_key`` take the first one's key.
    """
    out: list[tuple[str | None, tuple[Any, ...]]] = []
    for row in rows:
        parts = _parts(row, cfg)
        out.append((content_id("cluster", *parts) if parts[2] or not cfg.require_actor else None, parts))
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        if row.get("dedup_key"):
            groups.setdefault(row["dedup_key"], []).append(i)
    for group, idx in groups.items():
        if len(idx) < 2:
            continue
        keyed = [out[i] for i in idx if out[i][0] is not None]
        shared = keyed[0] if keyed else (content_id("cluster-dedup", rows[idx[0]]["article_id"], group), out[idx[0]][1])
        for i in idx:
            out[i] = shared
    return out


def group_members(members: Iterable[Member], window_days: int) -> Iterator[list[Member]]:
    """Yield clusters from members sorted by (key, day, event id); None keys or days stay alone."""
    window = dt.timedelta(days=window_days)
    current: list[Member] = []
    start: dt.date | None = None
    for m in members:
        if (current and m.key is not None and m.day is not None and m.key == current[0].key
                and start is not None and m.day - start <= window):
            current.append(m)
            continue
        if current:
            yield current
        current = [m]
        start = m.day if m.key is not None else None
    if current:
        yield current


def sort_key(m: Member) -> tuple[Any, ...]:
    """The order :func:`group_members` expects."""
    return (m.key is None, m.key or "", m.day is None, m.day or dt.date.min, m.event_id)


def cluster_rows(group: list[Member], cfg: ClusterConfig) -> dict[str, Any]:
    """Return the ``event_clusters`` row of one group."""
    first = group[0]
    event, aux, actors, recipients, place = first.parts
    cid = content_id("cluster", first.key or "", first.event_id)
    days = [m.day for m in group if m.day is not None]
    articles = {m.article_id for m in group}
    sources = {m.source or f"article:{m.article_id}" for m in group}
    return {
        "id": cid, "cluster_key": first.key, "event": event, "aux_mode": list(aux),
        "actor_codes": list(actors), "recipient_codes": list(recipients), "place": place or None,
        "date_start": min(days) if days else None, "date_end": max(days) if days else None,
        "mention_count": len(group), "story_count": len(articles), "num_articles": len(articles),
        "num_sources": len(sources), "first_event_id": first.event_id,
        "window_days": cfg.window_days, "place_mode": cfg.place,
    }


# -- DuckDB: regroup in the database -------------------------------------------------------------

_FETCH = 20_000
_FLUSH = 50_000
_MEMBER_SQL = """
    SELECT e.id, e.article_id, e.cluster_key, e.date, e.date_precision, e.article_date, a.source,
           e.event, e.aux_mode, e.actor_codes, e.recipient_codes, e.country_code, e.geonameid
    FROM events e LEFT JOIN articles a ON a.id = e.article_id
    {where}
    ORDER BY e.cluster_key NULLS LAST, e.id
"""


def member_of(row: Mapping[str, Any], cfg: ClusterConfig, source: str | None = None) -> Member:
    """Return the :class:`Member` of an ``events`` row (with its ``cluster_key`` already set)."""
    return Member(
        event_id=row["id"], article_id=row["article_id"], key=row["cluster_key"],
        day=event_day(row.get("date"), row.get("date_precision"), row.get("article_date")),
        source=source if source is not None else row.get("source"), parts=_parts(row, cfg),
    )


class _Writer:
    """Buffers cluster rows and memberships and writes them in Arrow batches."""

    def __init__(self, con: Any, cfg: ClusterConfig) -> None:
        self.con = con
        self.cfg = cfg
        self.clusters: list[dict[str, Any]] = []
        self.members: list[dict[str, Any]] = []
        self.n_events = self.n_clusters = self.merged = self.largest = 0

    def add(self, group: list[Member]) -> None:
        row = cluster_rows(group, self.cfg)
        self.clusters.append(row)
        for m in group:
            self.members.append({"cluster_id": row["id"], "event_id": m.event_id, "article_id": m.article_id,
                                 "date": m.day})
        self.n_events += len(group)
        self.n_clusters += 1
        self.merged += len(group) > 1
        self.largest = max(self.largest, len(group))
        if len(self.members) >= _FLUSH:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.clusters:
            _insert(self.con, "event_clusters", CLUSTER_COLUMNS, self.clusters, pa)
        if self.members:
            cols = ("cluster_id", "event_id", "article_id", "date")
            name = _insert(self.con, "event_cluster_members", cols, self.members, pa, keep=True)
            try:
                self.con.execute(f"UPDATE events SET cluster_id = m.cluster_id FROM {name} m WHERE events.id = m.event_id "
                                 "AND events.cluster_id IS DISTINCT FROM m.cluster_id")
            finally:
                self.con.unregister(name)
        self.clusters.clear()
        self.members.clear()


def _insert(con: Any, table: str, cols: Sequence[str], rows: list[dict[str, Any]], pa: Any, keep: bool = False) -> str:
    name = f"_ew_cluster_{table}"
    con.register(name, pa.table({c: [r[c] for r in rows] for c in cols}))
    try:
        collist = ", ".join(cols)
        con.execute(f"INSERT INTO {table} ({collist}) SELECT {collist} FROM {name}")
    finally:
        if not keep:
            con.unregister(name)
    return name


def _regroup(con: Any, cfg: ClusterConfig, where: str, params: list[Any]) -> _Writer:
    """Group the events selected by ``where`` (whole keys only) and write their clusters."""
    writer = _Writer(con, cfg)
    # read first (columnar, compact), then write: one connection, inside the caller's transaction
    table = con.sql(_MEMBER_SQL.format(where=where), params=params).to_arrow_table()
    pending: list[Member] = []
    for batch in table.to_batches(_FETCH):
        for row in batch.to_pylist():
            m = member_of(row, cfg)
            if pending and (m.key is None or m.key != pending[0].key):
                for group in group_members(sorted(pending, key=sort_key), cfg.window_days):
                    writer.add(group)
                pending = []
            pending.append(m)
    for group in group_members(sorted(pending, key=sort_key), cfg.window_days):
        writer.add(group)
    writer.flush()
    return writer


def affected(con: Any, ids_table: str) -> tuple[list[str], list[str]]:
    """Return (cluster keys, cluster ids) of the stored events of the articles in ``ids_table``."""
    rows = con.execute(
        f"SELECT DISTINCT cluster_key, cluster_id FROM events WHERE article_id IN (SELECT id FROM {ids_table})"
    ).fetchall()
    return [r[0] for r in rows if r[0] is not None], [r[1] for r in rows if r[1] is not None]


def update_clusters(con: Any, cfg: ClusterConfig, keys: Iterable[str], cluster_ids: Iterable[str],
                    article_ids: Sequence[str]) -> None:
    """Regroup the clusters of ``keys`` and of the events of ``article_ids`` (inside the caller's transaction).

    ``cluster_ids`` are clusters that may have lost members (their articles were rewritten).
    """
    import pyarrow as pa

    key_list = sorted(set(keys))
    con.register("_ew_cluster_keys", pa.table({"k": pa.array(key_list, pa.string())}))
    con.register("_ew_cluster_old", pa.table({"id": pa.array(sorted(set(cluster_ids)), pa.string())}))
    con.register("_ew_cluster_articles", pa.table({"id": pa.array(list(article_ids), pa.string())}))
    try:
        gone = ("(SELECT id FROM event_clusters WHERE cluster_key IN (SELECT k FROM _ew_cluster_keys) "
                "OR id IN (SELECT id FROM _ew_cluster_old))")
        con.execute(f"DELETE FROM event_cluster_members WHERE cluster_id IN {gone}")
        con.execute(f"DELETE FROM event_clusters WHERE id IN {gone}")
        _regroup(con, cfg, "WHERE e.cluster_key IN (SELECT k FROM _ew_cluster_keys) OR "
                 "(e.cluster_key IS NULL AND e.article_id IN (SELECT id FROM _ew_cluster_articles))", [])
    finally:
        for name in ("_ew_cluster_keys", "_ew_cluster_old", "_ew_cluster_articles"):
            con.unregister(name)


def rebuild_clusters(con: Any, cfg: ClusterConfig) -> tuple[int, int, int, int]:
    """Recompute every event's key under ``cfg`` and regroup every cluster (inside the caller's transaction).

    Returns (events, clusters, clusters of several events, largest cluster).
    """
    import pyarrow as pa

    cols = ("id", "article_id", "event", "aux_mode", "actor_codes", "recipient_codes", "country_code",
            "geonameid", "dedup_key")
    keys: list[dict[str, Any]] = []
    article: list[dict[str, Any]] = []

    def close_article() -> None:
        for row, (key, _) in zip(article, article_keys(article, cfg), strict=True):
            keys.append({"id": row["id"], "k": key})

    table = con.sql(f"SELECT {', '.join(cols)} FROM events ORDER BY article_id, sentence_index, span_start, id").to_arrow_table()
    for batch in table.to_batches(_FETCH):
        for row in batch.to_pylist():
            if article and row["article_id"] != article[0]["article_id"]:
                close_article()
                article = []
            article.append(row)
    if article:
        close_article()
    con.execute("DELETE FROM event_cluster_members")
    con.execute("DELETE FROM event_clusters")
    if keys:
        con.register("_ew_cluster_all", pa.table({"id": [r["id"] for r in keys], "k": pa.array([r["k"] for r in keys], pa.string())}))
        try:
            con.execute("UPDATE events SET cluster_key = c.k, cluster_id = NULL FROM _ew_cluster_all c WHERE events.id = c.id")
        finally:
            con.unregister("_ew_cluster_all")
    writer = _regroup(con, cfg, "", [])
    con.execute("INSERT OR REPLACE INTO meta VALUES ('cluster_config', ?)", [cfg.to_json()])
    con.execute("DELETE FROM meta WHERE key = 'clusters_stale'")
    return writer.n_events, writer.n_clusters, writer.merged, writer.largest
