"""Downloads of the events matching a filter: CSV, JSONL (full records) and Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pyarrow.parquet as pq

from .db import Database
from .filters import EventFilters
from .queries import EXPORT_COLUMNS, export_query

__all__ = ["FORMATS", "csv_chunks", "jsonl_chunks", "parquet_bytes"]

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}
_BATCH = 2000

# Spreadsheet programs run cells starting with these as formulas; prefix them with a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = ";".join("" if v is None else str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_chunks(db: Database, filters: EventFilters, sort: str, limit: int | None) -> Iterator[bytes]:
    """Yield the CSV download in chunks (list columns joined with ``;``)."""
    sql, params = export_query(filters, sort, limit)
    with db.cursor() as cur:
        cur.execute(sql, params)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(EXPORT_COLUMNS)
        while True:
            rows = cur.fetchmany(_BATCH)
            for row in rows:
                writer.writerow([_cell(v) for v in row])
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
            if not rows:
                break


def jsonl_chunks(db: Database, filters: EventFilters, sort: str, limit: int | None) -> Iterator[bytes]:
    """Yield the JSONL download: one records.md event object per line."""
    sql, params = export_query(filters, sort, limit)
    sql = sql.replace(f"SELECT {', '.join(EXPORT_COLUMNS)} FROM", "SELECT record, article_date FROM", 1)
    with db.cursor() as cur:
        cur.execute(sql, params)
        while True:
            rows = cur.fetchmany(_BATCH)
            if not rows:
                break
            lines = []
            for record, article_date in rows:
                obj = json.loads(record)
                obj["article_date"] = article_date
                lines.append(json.dumps(obj, ensure_ascii=False))
            yield ("\n".join(lines) + "\n").encode("utf-8")


def parquet_bytes(db: Database, filters: EventFilters, sort: str, limit: int | None) -> bytes:
    """Return the Parquet download (flat columns, lists kept as lists)."""
    sql, params = export_query(filters, sort, limit)
    with db.cursor() as cur:
        table = cur.sql(sql, params=params).to_arrow_table()
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()
