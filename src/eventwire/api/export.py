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

from ..store.layout import EXPORT_COLUMNS
from .db import Database
from .filters import EventFilters
from .queries import export_query

__all__ = ["FORMATS", "csv_chunks", "jsonl_chunks", "parquet_bytes"]

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}
_BATCH = 5000

def csv_chunks(db: Database, filters: EventFilters, sort: str, limit: int | None) -> Iterator[bytes]:
    """Yield the CSV download in chunks: the columns of :mod:`eventwire.store.layout`."""
    sql, params = export_query(filters, sort, limit, csv=True)
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
    """Yield the JSONL download: one records.md event object (plus ``article_date``, ``cluster_id``) per line."""
    sql, params = export_query(filters, sort, limit, ("record::VARCHAR AS record", "article_date", "cluster_id"))
    with db.cursor() as cur:
        reader = cur.sql(sql, params=params).to_arrow_reader(_BATCH)
        for batch in reader:
            lines = []
            for record, article_date, cluster_id in zip(
                batch.column(0).to_pylist(), batch.column(1).to_pylist(), batch.column(2).to_pylist(), strict=True
            ):
                # records are stored as JSON objects: add keys without re-parsing them
                body = record.rstrip()
                lines.append(f"{body[:-1]}, \"article_date\": {json.dumps(article_date)}, "
                             f"\"cluster_id\": {json.dumps(cluster_id)}}}")
            yield ("\n".join(lines) + "\n").encode("utf-8")


def parquet_bytes(db: Database, filters: EventFilters, sort: str, limit: int | None) -> bytes:
    """Return the Parquet download (the export layout, lists kept as lists)."""
    sql, params = export_query(filters, sort, limit)
    with db.cursor() as cur:
        table = cur.sql(sql, params=params).to_arrow_table()
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()
