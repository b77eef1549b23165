"""The read queries behind the API, all parameterised (see :mod:`eventwire.api.filters`)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import duckdb

from ..store.layout import select_sql
from .filters import ACTOR_KEY, SORTS, EventFilters, Where, decode_cursor, encode_cursor
from .vocab import country_name

__all__ = [
    "actor_table",
    "article_annotation",
    "list_articles",
    "list_events",
    "network",
    "points",
    "stats",
]

def _rows(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    result = cur.execute(sql, params)
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _order(sort: str) -> tuple[str, str, bool]:
    desc = sort.startswith("-")
    name = sort.lstrip("-")
    expr, _ = SORTS[name]
    return name, expr, desc


def list_events(
    cur: duckdb.DuckDBPyConnection, filters: EventFilters, sort: str, limit: int, cursor: str | None
) -> dict[str, Any]:
    """Return one page of event records with ``next_cursor`` and the ``total`` matching."""
    name, expr, desc = _order(sort)
    src, params = filters.scan()
    total_row = cur.execute(f"SELECT count(*) {src}", params).fetchone()
    total = int(total_row[0]) if total_row else 0
    page = Where()
    if cursor:
        key, last_id = decode_cursor(cursor, sort)
        op = "<" if desc else ">"
        page.add(f"{expr} {op} ? OR ({expr} = ? AND id {op} ?)", key, key, last_id)
    direction = "DESC" if desc else "ASC"
    # Sort and cut on the narrow columns first; fetch the wide records of the page only.
    src, params = filters.scan(page)
    sql = f"SELECT id, {expr} AS _key {src} ORDER BY {expr} {direction}, id {direction} LIMIT ?"
    rows = cur.execute(sql, [*params, limit + 1]).fetchall()
    page_ids = [r[0] for r in rows[:limit]]
    records = dict(
        (r[0], r[1:])
        for r in cur.execute(
            "SELECT e.id, e.record, e.article_date, e.cluster_id, c.num_articles, c.num_sources "
            "FROM events e LEFT JOIN event_clusters c ON c.id = e.cluster_id "
            "WHERE e.id IN (SELECT unnest(?::VARCHAR[]))", [page_ids]
        ).fetchall()
    ) if page_ids else {}
    events = []
    for event_id in page_ids:
        record, article_date, cluster_id, num_articles, num_sources = records[event_id]
        ev = json.loads(record)
        ev.update(article_date=article_date, cluster_id=cluster_id, num_articles=num_articles,
                  num_sources=num_sources)
        events.append(ev)
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(sort, last[1], last[0])
    return {"events": events, "next_cursor": next_cursor, "count": len(events), "total": total, "sort": sort}


def export_query(
    filters: EventFilters, sort: str, limit: int | None, columns: tuple[str, ...] | None = None, csv: bool = False
) -> tuple[str, list[Any]]:
    """Return the SQL and parameters of the matching events in order: ``columns`` (SQL
    expressions on ``events``) when given, else the export layout (CSV-ready cells with ``csv``)."""
    _, expr, desc = _order(sort)
    src, params = filters.scan()
    direction = "DESC" if desc else "ASC"
    cut = " LIMIT ?" if limit is not None else ""
    params = [*params, limit] if limit is not None else list(params)
    if columns:
        return f"SELECT {', '.join(columns)} {src} ORDER BY {expr} {direction}, id {direction}{cut}", params
    inner = f"(SELECT events.*, {expr} AS _key {src} ORDER BY {expr} {direction}, id {direction}{cut})"
    return select_sql(inner, csv=csv, order=f"e._key {direction}, e.id {direction}"), params


def points(cur: duckdb.DuckDBPyConnection, filters: EventFilters, limit: int) -> dict[str, Any]:
    """Return located events as compact points for the map."""
    located = Where()
    located.add("lat IS NOT NULL AND lon IS NOT NULL")
    src, params = filters.scan(located)
    total_row = cur.execute(f"SELECT count(*) {src}", params).fetchone()
    rows = _rows(
        cur,
        f"SELECT id, lat, lon, quad_code, event, date, place_name, country_code {src} "
        "ORDER BY coalesce(date, '') DESC, id LIMIT ?",
        [*params, limit],
    )
    return {"points": rows, "total": int(total_row[0]) if total_row else 0}


def stats(cur: duckdb.DuckDBPyConnection, filters: EventFilters) -> dict[str, Any]:
    """Return counts: total, by day (split by quad class), by event type, by country."""
    w, p = filters.scan()
    total = cur.execute(
        f"SELECT count(*), count(DISTINCT article_id), sum(intensity), avg(intensity) {w}", p
    ).fetchone() or (0, 0, None, None)
    dated = Where()
    dated.add("length(date) = 10")
    day_src, day_params = filters.scan(dated)
    by_day = _rows(
        cur,
        "SELECT date AS day, count(*) AS n, "
        + ", ".join(f"count(*) FILTER (WHERE quad_code = {q}) AS q{q}" for q in (1, 2, 3, 4))
        + f" {day_src} GROUP BY date ORDER BY date",
        day_params,
    )
    by_type = _rows(cur, f"SELECT event, count(*) AS n {w} GROUP BY event ORDER BY n DESC, event", p)
    by_quad = _rows(cur, f"SELECT quad_code, count(*) AS n {w} GROUP BY quad_code ORDER BY quad_code", p)
    by_country = _rows(
        cur,
        f"SELECT country_code, count(*) AS n {w} GROUP BY country_code ORDER BY n DESC, country_code LIMIT 50",
        p,
    )
    n_day = sum(r["n"] for r in by_day)
    return {
        "unique": filters.unique,
        "total_events": int(total[0]),
        "total_articles": int(total[1]),
        "intensity_sum": round(float(total[2]), 3) if total[2] is not None else None,
        "intensity_mean": round(float(total[3]), 3) if total[3] is not None else None,
        "undated_events": int(total[0]) - n_day,
        "by_day": by_day,
        "by_type": by_type,
        "by_quad": by_quad,
        "by_country": by_country,
    }


# One row per (event, role, entity): the actors and recipients of the filtered events.
# The key names an actor (ACTOR_KEY, as the ``party`` filter does); with ``level=country`` its
# country. Mentions with no key (no code: "people", "sides") are no actors here. ``per_event`` has one row per (actor key, event), so
# counts need no DISTINCT.
_KEYS = {
    "actor": ACTOR_KEY.format(code="code", name="name", sector="sector", words="words"),
    "country": "country",
}
_PARTIES = """
WITH ev AS (SELECT *, {unit} AS _unit {src}),
parties AS (
    SELECT _unit AS event_id, quad_code, 'actor' AS role,
           unnest(actor_codes) AS code, unnest(actor_names) AS name,
           unnest(actor_sectors) AS sector, unnest(actor_countries) AS country, unnest(actor_texts) AS words
    FROM ev
    UNION ALL
    SELECT _unit, quad_code, 'recipient',
           unnest(recipient_codes), unnest(recipient_names),
           unnest(recipient_sectors), unnest(recipient_countries), unnest(recipient_texts)
    FROM ev
),
keyed AS (
    SELECT * FROM (SELECT *, {key} AS key FROM parties) WHERE key IS NOT NULL
),
per_event AS MATERIALIZED (
    SELECT key, event_id, any_value(quad_code) AS quad_code,
           bool_or(role = 'actor') AS as_actor, bool_or(role = 'recipient') AS as_recipient,
           any_value(name) AS name, any_value(code) AS code, any_value(sector) AS sector
    FROM keyed GROUP BY key, event_id
),
actor_rows AS (
    SELECT key, any_value(name) AS name, mode(code) AS code, mode(sector) AS sector,
           count(*) AS n_events,
           count(*) FILTER (WHERE as_actor) AS n_as_actor,
           count(*) FILTER (WHERE as_recipient) AS n_as_recipient,
           count(*) FILTER (WHERE quad_code = 1) AS q1,
           count(*) FILTER (WHERE quad_code = 2) AS q2,
           count(*) FILTER (WHERE quad_code = 3) AS q3,
           count(*) FILTER (WHERE quad_code = 4) AS q4
    FROM per_event GROUP BY key
),
top AS (SELECT * FROM actor_rows ORDER BY n_events DESC, key LIMIT ?)
"""


def _parties(filters: EventFilters, level: str) -> tuple[str, list[Any]]:
    # every matching event, counted per unit: an event, or with unique its cluster
    src, params = dataclasses.replace(filters, unique=False).scan()
    return _PARTIES.format(src=src, key=_KEYS[level], unit=filters.unit()), params


def actor_table(cur: duckdb.DuckDBPyConnection, filters: EventFilters, limit: int, partners: int) -> list[dict[str, Any]]:
    """Return the most active actors with their counts and top partners."""
    base, params = _parties(filters, "actor")
    rows = _rows(
        cur,
        base
        + """
        SELECT t.key, t.name, t.code, t.sector, t.n_events, t.n_as_actor, t.n_as_recipient,
               b.key AS partner, b.code AS partner_code, count(*) AS n
        FROM top t
        LEFT JOIN per_event a ON a.key = t.key
        LEFT JOIN per_event b ON b.event_id = a.event_id AND b.key <> a.key
             AND ((a.as_actor AND b.as_recipient) OR (a.as_recipient AND b.as_actor))
        GROUP BY ALL
        ORDER BY t.n_events DESC, t.key, n DESC, partner
        """,
        [*params, limit],
    )
    actors: dict[str, dict[str, Any]] = {}
    for r in rows:
        a = actors.setdefault(r["key"], {
            "key": r["key"], "name": r["name"], "code": r["code"], "sector": r["sector"],
            "n_events": r["n_events"], "n_as_actor": r["n_as_actor"], "n_as_recipient": r["n_as_recipient"],
            "top_partners": [],
        })
        if r["partner"] is not None and len(a["top_partners"]) < partners:
            a["top_partners"].append({"key": r["partner"], "code": r["partner_code"], "n_events": r["n"]})
    return list(actors.values())


def network(cur: duckdb.DuckDBPyConnection, filters: EventFilters, limit: int, level: str = "actor") -> dict[str, Any]:
    """Return the actor network: the top actors (or countries) as nodes and actor -> recipient edges among them."""
    base, params = _parties(filters, level)
    nodes = _rows(cur, base + "SELECT * FROM top ORDER BY n_events DESC, key", [*params, limit])
    edges = _rows(
        cur,
        base
        + """
        SELECT a.key AS source, b.key AS target, count(*) AS n,
               count(*) FILTER (WHERE a.quad_code = 1) AS q1,
               count(*) FILTER (WHERE a.quad_code = 2) AS q2,
               count(*) FILTER (WHERE a.quad_code = 3) AS q3,
               count(*) FILTER (WHERE a.quad_code = 4) AS q4
        FROM per_event a JOIN per_event b ON a.event_id = b.event_id AND a.as_actor AND b.as_recipient
        WHERE a.key IN (SELECT key FROM top) AND b.key IN (SELECT key FROM top) AND a.key <> b.key
        GROUP BY a.key, b.key ORDER BY n DESC, source, target
        """,
        [*params, limit],
    ) if nodes else []
    out_nodes = []
    for n in nodes:
        out_nodes.append({
            "id": n["key"],
            "label": n["key"],
            "name": n["name"] if level == "actor" else country_name(n["key"]),
            "code": n["code"],
            "sector": n["sector"],
            "n_events": n["n_events"],
            "n_as_actor": n["n_as_actor"],
            "n_as_recipient": n["n_as_recipient"],
            "quads": [n["q1"], n["q2"], n["q3"], n["q4"]],
            # the filter listing exactly the events counted in n_events
            "filter_param": "party" if level == "actor" else "party_country",
            "filter": n["key"],
        })
    out_edges = [
        {
            "source": e["source"], "target": e["target"], "source_label": e["source"],
            "target_label": e["target"], "n": e["n"], "quads": [e["q1"], e["q2"], e["q3"], e["q4"]],
        }
        for e in edges
    ]
    return {"level": level, "nodes": out_nodes, "edges": out_edges}


def list_articles(cur: duckdb.DuckDBPyConnection, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Return a page of articles (newest first), optionally those whose title or text has ``q``."""
    where, params = "", []
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where = "WHERE title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\'"
        params = [pattern, pattern]
    total_row = cur.execute(f"SELECT count(*) FROM articles {where}", params).fetchone()
    rows = _rows(
        cur,
        f"SELECT id, date, title, url, source, n_events, n_chars FROM articles {where} "
        "ORDER BY coalesce(date, '') DESC, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {"articles": rows, "total": int(total_row[0]) if total_row else 0, "offset": offset}


def _span(start: Any, end: Any) -> list[int] | None:
    return [start, end] if start is not None and end is not None else None


def article_annotation(cur: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """Return the ``eventwire annotate`` record of one stored article, or None."""
    art = _rows(cur, "SELECT * FROM articles WHERE id = ?", [article_id])
    if not art:
        return None
    a = art[0]
    entities = _rows(cur, "SELECT * FROM entities WHERE article_id = ? ORDER BY idx", [article_id])
    places = _rows(cur, "SELECT * FROM places WHERE article_id = ? ORDER BY idx", [article_id])
    timexes = _rows(cur, "SELECT * FROM timexes WHERE article_id = ? ORDER BY idx", [article_id])
    quotes = _rows(cur, "SELECT * FROM quotes WHERE article_id = ? ORDER BY idx", [article_id])
    events = cur.execute(
        "SELECT record FROM events WHERE article_id = ? ORDER BY sentence_index, span_start, id", [article_id]
    ).fetchall()
    drop = {"id", "article_id", "idx", "span_start", "span_end"}
    return {
        "article_id": a["id"],
        "date": a["date"],
        "title": a["title"],
        "url": a["url"],
        "source": a["source"],
        "language": a["language"],
        "text": a["text"],
        "sentences": json.loads(a["sentences"]) if a["sentences"] else [],
        "entities": [
            {**{k: v for k, v in e.items() if k not in drop}, "span": _span(e["span_start"], e["span_end"])}
            for e in entities
        ],
        "places": [
            {**{k: v for k, v in p.items() if k not in drop}, "span": _span(p["span_start"], p["span_end"])}
            for p in places
        ],
        "timexes": [
            {**{k: v for k, v in t.items() if k not in drop}, "span": _span(t["span_start"], t["span_end"])}
            for t in timexes
        ],
        "quotes": [
            {
                "kind": q["kind"],
                "content": q["content"],
                "content_span": _span(q["content_start"], q["content_end"]),
                "cue": q["cue"],
                "cue_span": _span(q["cue_start"], q["cue_end"]),
                "speaker": json.loads(q["speaker"]) if q["speaker"] else None,
                "speaker_span": _span(q["speaker_start"], q["speaker_end"]),
                "sentence_index": q["sentence_index"],
            }
            for q in quotes
        ],
        "events": [json.loads(r[0]) for r in events],
        "warnings": list(a["warnings"] or []),
    }
