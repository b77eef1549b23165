"""Tabular inputs: CSV / TSV (streamed with the csv module) and Parquet (read by record batches)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..records import Article, Failure
from .decode import sniff_encoding
from .fields import article_from_mapping, blank_or_binary
from .options import IngestOptions

__all__ = ["read_csv", "read_parquet"]

PARQUET_BATCH_ROWS = 256


def _missing_text(name: str, columns: list[str], options: IngestOptions) -> Failure:
    col = options.column("text")
    found = ", ".join(columns)[:300] or "no columns"
    return Failure(
        None, f"{name}:1",
        f"{name}: no text column {col!r} (columns: {found}); name it with --text-column",
    )


def read_csv(fh: IO[bytes], name: str, options: IngestOptions, delimiter: str = ",") -> Iterator[Article | Failure]:
    """Yield one article per row of a CSV/TSV file with a header row; rows are streamed.

    The encoding is sniffed from the first 64 KB (UTF-8, else charset-normalizer's guess).
    A file without the text column is one Failure; a malformed row is a Failure for that row.
    """
    buffered: io.BufferedReader = fh if isinstance(fh, io.BufferedReader) else io.BufferedReader(fh)  # type: ignore[arg-type]
    sample = buffered.peek(65536)[:65536]
    problem = blank_or_binary(sample, name, "CSV")
    if problem is not None:
        yield problem
        return
    encoding = sniff_encoding(sample)
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        options.on_warning(f"{name}: not UTF-8, decoded as {encoding}")
    text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
    csv.field_size_limit(min(sys.maxsize, options.max_article_chars + 1))
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        columns = list(reader.fieldnames or [])
    except csv.Error as exc:
        yield Failure(None, f"{name}:1", f"{name}: unreadable header ({exc})")
        return
    if options.column("text") not in columns:
        yield _missing_text(name, columns, options)
        return
    start = 1
    while True:
        # after a csv.Error the reader's line count can lag one line behind: never go backwards
        start = max(reader.line_num + 1, start + 1)
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            position = f"{name}:{start}"
            msg = str(exc)
            if "field larger than field limit" in msg:
                yield Failure(None, position, f"{position}: a field exceeds max_article_chars="
                              f"{options.max_article_chars:,}; raise it with --max-article-chars", stage="limits")
            else:
                yield Failure(None, position, f"{position}: malformed CSV row ({msg})")
            continue
        yield article_from_mapping({k: v for k, v in row.items() if k is not None}, f"{name}:{start}", options)


def read_parquet(path: Path, name: str, options: IngestOptions) -> Iterator[Article | Failure]:
    """Yield one article per row of a Parquet file, reading a few hundred rows at a time."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one failure
        yield Failure(None, f"{name}:1", f"{name}: not a readable Parquet file ({type(exc).__name__}: {exc})")
        return
    columns = list(pf.schema_arrow.names)
    if options.column("text") not in columns:
        yield _missing_text(name, columns, options)
        return
    wanted = {options.column(f) for f in ("id", "text", "date", "title", "url", "source", "language")}
    selected = [c for c in columns if c in wanted]
    row = 0
    for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=selected):
        for record in batch.to_pylist():
            row += 1
            yield article_from_mapping(record, f"{name}:{row}", options)
    if row == 0:
        yield Failure(None, f"{name}:1", f"{name}: no rows, no article read")
