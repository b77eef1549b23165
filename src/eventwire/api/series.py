"""Counts over time (``GET /v1/series``) and between countries (``GET /v1/dyads``)."""

from __future__ import annotations

import dataclasses
from typing import Any

import duckdb

from .filters import EventFilters, Where

__all__ = ["BY", "INTERVALS", "dyad_matrix", "series"]

# interval -> (the dates precise enough to count, the SQL giving the period's first day)
INTERVALS = {
    "day": ("length(date) = 10", "TRY_CAST(date AS DATE)"),
    "week": ("length(date) = 10", "date_trunc('week', TRY_CAST(date AS DATE))"),  # weeks start on Monday
    "month": ("length(date) >= 7", "date_trunc('month', TRY_CAST(left(date, 7) || '-01' AS DATE))"),
}

# by -> the SQL giving each event's one series key (NULL: the event has none, e.g. no location)
BY = {
    "event": "event",
    "quad": "CAST(quad_code AS VARCHAR)",
    "country": "country_code",  # the event location's country
    # directed: the first actor country and the first recipient country
    "dyad": ("CASE WHEN list_filter(actor_countries, lambda x: x IS NOT NULL) <> [] AND "
             "list_filter(recipient_countries, lambda x: x IS NOT NULL) <> [] THEN "
             "list_filter(actor_countries, lambda x: x IS NOT NULL)[1] || '-' || "
             "list_filter(recipient_countries, lambda x: x IS NOT NULL)[1] END"),
}


def series(cur: duckdb.DuckDBPyConnection, filters: EventFilters, interval: str, by: str) -> dict[str, Any]:
    """Return counts per period and key; events whose date is not precise enough are ``undated``."""
    precise, period = INTERVALS[interval]
    dated = Where()
    dated.add(f"{precise} AND {period} IS NOT NULL")
    src, params = filters.scan(dated)
    rows = cur.execute(
        f"SELECT strftime({period}, '%Y-%m-%d') AS period, {BY[by]} AS key, count(*) AS n {src} "
        "GROUP BY ALL ORDER BY key NULLS LAST, period",
        params,
    ).fetchall()
    all_src, all_params = filters.scan()
    total_row = cur.execute(f"SELECT count(*) {all_src}", all_params).fetchone()
    total = int(total_row[0]) if total_row else 0
    out: dict[Any, list[dict[str, Any]]] = {}
    for p, key, n in rows:
        out.setdefault(key, []).append({"period": p, "count": int(n)})
    dated_n = sum(int(r[2]) for r in rows)
    listed = sorted(out.items(), key=lambda kv: (kv[0] is None, -sum(p["count"] for p in kv[1]), kv[0] or ""))
    return {
        "interval": interval,
        "by": by,
        "unique": filters.unique,
        "total": total,
        "undated": total - dated_n,
        "series": [{"key": key, "total": sum(p["count"] for p in points), "points": points} for key, points in listed],
    }


def dyad_matrix(cur: duckdb.DuckDBPyConnection, filters: EventFilters, limit: int) -> dict[str, Any]:
    """Return actor country x recipient country counts for the busiest countries.

    An event (with ``unique``: a cluster) counts once per pair, so a cell equals the count of
    ``actor_country=A&recipient_country=B``.
    """
    src, params = dataclasses.replace(filters, unique=False).scan()  # counted per unit (event or cluster)
    rows = cur.execute(
        f"""
        WITH ev AS (SELECT {filters.unit()} AS id, actor_countries, recipient_countries {src}),
        pairs AS (
            SELECT DISTINCT id, a.c AS actor, r.c AS recipient
            FROM ev, unnest(list_distinct(actor_countries)) AS a(c), unnest(list_distinct(recipient_countries)) AS r(c)
            WHERE a.c IS NOT NULL AND r.c IS NOT NULL
        )
        SELECT actor, recipient, count(*) AS n FROM pairs GROUP BY ALL ORDER BY n DESC, actor, recipient
        """,
        params,
    ).fetchall()
    weight: dict[str, int] = {}
    for a, r, n in rows:
        weight[a] = weight.get(a, 0) + int(n)
        weight[r] = weight.get(r, 0) + int(n)
    countries = sorted(weight, key=lambda c: (-weight[c], c))[:limit]
    keep = set(countries)
    cells = [{"actor": a, "recipient": r, "n": int(n)} for a, r, n in rows if a in keep and r in keep]
    return {"unique": filters.unique, "countries": countries, "cells": cells}
