"""Downloads of the events matching a filter: CSV, JSONL (full records) and Parquet.

Rows are streamed from DuckDB as Arrow record batches (converting list columns to Python
objects row by row is what makes naive exports slow).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pyarrow.csv as pacsv
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
_BATCH = 5000

_LIST_COLUMNS = {
    "aux_mode", "context", "actor_codes", "actor_names", "actor_sectors", "actor_countries",
    "actor_texts", "recipient_codes", "recipient_names", "recipient_sectors", "recipient_countries",
    "recipient_texts",
}
_NUMBER_COLUMNS = {"quad_code", "lat", "lon", "geonameid", "span_start", "span_end", "sentence_index",
                   "confidence", "quote_index"}


def _csv_expr(column: str) -> str:
    """The SQL giving a CSV cell: lists joined with ``;``; text that a spreadsheet would run as a
    formula (starting with = + - @ tab or CR) prefixed with a quote."""
    if column in _NUMBER_COLUMNS:
        return column
    value = f"array_to_string({column}, ';')" if column in _LIST_COLUMNS else column
    return f"CASE WHEN regexp_matches({value}, '^[=+@\\t\\r-]') THEN '''' || {value} ELSE {value} END AS {column}"


_CSV_COLUMNS = tuple(_csv_expr(c) for c in EXPORT_COLUMNS)


def csv_chunks(db: Database, filters: EventFilters, sort: str, limit: int | None) -> Iterator[bytes]:
    """Yield the CSV download in chunks (list columns joined with ``;``)."""
    sql, params = export_query(filters, sort, limit, _CSV_COLUMNS)
    with db.cursor() as cur:
        reader = cur.sql(sql, params=params).to_arrow_reader(_BATCH)
        header = True
        for batch in reader:
            out = io.BytesIO()
            pacsv.write_csv(batch, out, pacsv.WriteOptions(include_header=header))
            header = False
            yield out.getvalue()
        if header:  # no rows: still a header line
            yield (",".join(EXPORT_COLUMNS) + "\n").encode()


def jsonl_chunks(db: Database, filters: EventFilters, sort: str, limit: int | None) -> Iterator[bytes]:
    """Yield the JSONL download: one records.md event object (plus ``article_date``) per line."""
    sql, params = export_query(filters, sort, limit, ("record::VARCHAR AS record", "article_date"))
    with db.cursor() as cur:
        reader = cur.sql(sql, params=params).to_arrow_reader(_BATCH)
        for batch in reader:
            lines = []
            for record, article_date in zip(
                batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True
            ):
                # records are stored as JSON objects: add one key without re-parsing them
                body = record.rstrip()
                lines.append(f"{body[:-1]}, \"article_date\": {json.dumps(article_date)}}}")
            yield ("\n".join(lines) + "\n").encode("utf-8")


def parquet_bytes(db: Database, filters: EventFilters, sort: str, limit: int | None) -> bytes:
    """Return the Parquet download (flat columns, lists kept as lists)."""
    sql, params = export_query(filters, sort, limit)
    with db.cursor() as cur:
        table = cur.sql(sql, params=params).to_arrow_table()
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()
