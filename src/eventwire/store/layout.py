"""The one flat layout of an event table: the same columns, in the same order, everywhere.

``eventwire extract -f csv``, ``GET /v1/events?format=csv`` (and parquet) and ``eventwire
export`` (the events table) all write :data:`EXPORT_COLUMNS`. From a database the columns come
from :func:`select_sql`; from annotations in memory (``extract``) from :func:`export_record`.
CSV cells are made the same way in both: lists joined with ``;``, empty for null, and text a
spreadsheet would run as a formula (starting with ``= + - @``, tab or CR) prefixed with ``'``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["EXPORT_COLUMNS", "LIST_COLUMNS", "csv_cells", "export_record", "select_sql"]

EXPORT_COLUMNS = (
    "id", "article_id", "article_date", "title", "url", "source",
    "event", "mode", "aux_mode", "context", "quad_code", "cameo_root", "intensity",
    "date", "date_precision", "date_text",
    "actor_codes", "actor_names", "actor_sectors", "actor_countries", "actor_texts",
    "recipient_codes", "recipient_names", "recipient_sectors", "recipient_countries", "recipient_texts",
    "place_name", "place_text", "lat", "lon", "country_code", "admin1", "geonameid", "resolution",
    "event_text", "span_start", "span_end", "sentence_index", "text", "confidence", "fatalities",
    "dedup_key", "cluster_id", "num_articles", "num_sources", "quote_index", "rule",
)

LIST_COLUMNS = frozenset({
    "aux_mode", "context", "actor_codes", "actor_names", "actor_sectors", "actor_countries", "actor_texts",
    "recipient_codes", "recipient_names", "recipient_sectors", "recipient_countries", "recipient_texts",
})
NUMBER_COLUMNS = frozenset({
    "quad_code", "intensity", "lat", "lon", "geonameid", "span_start", "span_end", "sentence_index",
    "confidence", "quote_index", "num_articles", "num_sources", "fatalities",
})

_DOUBLES = frozenset({"intensity", "lat", "lon", "confidence"})
_ARTICLE = {"title": "a.title", "url": "a.url", "source": "a.source"}
_CLUSTER = {"num_articles": "c.num_articles", "num_sources": "c.num_sources"}
# fatalities: whatever the coder records in the event object (null until it does)
_SPECIAL = {"fatalities": "json_extract_string(e.record, '$.fatalities')"}
_FORMULA = re.compile(r"^[=+@\t\r-]")


def _expr(column: str) -> str:
    return _ARTICLE.get(column) or _CLUSTER.get(column) or _SPECIAL.get(column) or f"e.{column}"


def _csv_expr(column: str) -> str:
    value = _expr(column)
    if column in _DOUBLES:  # as Python writes floats (-9.0), whichever CSV writer is used
        return f"CAST({value} AS VARCHAR) AS {column}"
    if column in NUMBER_COLUMNS:
        return f"{value} AS {column}"
    if column in LIST_COLUMNS:
        value = f"array_to_string(list_transform({value}, lambda v: coalesce(v, '')), ';')"
    return f"CASE WHEN regexp_matches({value}, '^[=+@\\t\\r-]') THEN '''' || {value} ELSE {value} END AS {column}"


def select_sql(events: str, csv: bool = False, order: str = "e.id") -> str:
    """Return ``SELECT <the export columns> FROM (<events>) e JOIN ... ORDER BY <order>``.

    ``events`` is a query or table giving ``events`` rows (aliased ``e``); with ``csv`` the
    cells are CSV-ready strings (lists joined, formulas defused), else lists stay lists.
    """
    cols = ", ".join(_csv_expr(c) if csv else f"{_expr(c)} AS {c}" for c in EXPORT_COLUMNS)
    return (f"SELECT {cols} FROM {events} e LEFT JOIN articles a ON a.id = e.article_id "
            f"LEFT JOIN event_clusters c ON c.id = e.cluster_id ORDER BY {order}")


def export_record(row: Mapping[str, Any], article: Any = None, event: Any = None,
                  cluster: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return the export columns of an ``events`` row with its article (and cluster, if known)."""
    out = {}
    for column in EXPORT_COLUMNS:
        if column in _ARTICLE:
            out[column] = getattr(article, column, None)
        elif column in _CLUSTER:
            out[column] = (cluster or {}).get(column)
        elif column == "fatalities":
            out[column] = getattr(event, "fatalities", None)
        else:
            out[column] = row.get(column)
    return out


def csv_cells(record: Mapping[str, Any]) -> list[Any]:
    """Return the CSV cells of an export record, made as the database export makes them."""
    cells: list[Any] = []
    for column in EXPORT_COLUMNS:
        value = record.get(column)
        if value is None:
            cells.append("")
        elif column in LIST_COLUMNS:
            joined = ";".join("" if v is None else str(v) for v in value)
            cells.append("'" + joined if _FORMULA.match(joined) else joined)
        elif column in NUMBER_COLUMNS or not isinstance(value, str):
            cells.append(value)
        else:
            cells.append("'" + value if _FORMULA.match(value) else value)
    return cells
