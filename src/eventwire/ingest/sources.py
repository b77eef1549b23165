"""Expand inputs (files, directories, ``-``) and dispatch each file to its reader by format."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..records import Article, Failure
from .dates import dateline_date, filename_date
from .decode import COMPRESSIONS, open_binary
from .jsonfiles import read_json, read_jsonl
from .options import FORMATS, IngestOptions
from .tables import read_csv, read_parquet
from .text import read_html, read_text

__all__ = ["EXTENSIONS", "detect_format", "expand_inputs", "read_inputs", "read_path", "read_stream",
           "with_pub_dates"]

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".html": "html",
    ".htm": "html",
}


def detect_format(path: Path) -> str | None:
    """Return the input format of ``path`` from its extension (``.jsonl.gz`` is ``jsonl``), or None."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSIONS:
        suffixes = suffixes[:-1]
    return EXTENSIONS.get(suffixes[-1]) if suffixes else None


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Return the input files in reading order: directories walked recursively, sorted by path.

    Hidden files and directories are skipped, and so are files of unsupported types inside a
    directory. A missing path raises :class:`InputError` (a usage error, checked up front).
    """
    out: list[str] = []
    for raw in inputs:
        if raw == "-":
            out.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found = [
                p for p in path.rglob("*")
                if p.is_file() and detect_format(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
            out.extend(str(p) for p in sorted(found, key=lambda p: p.as_posix()))
        elif path.exists():
            out.append(raw)
        else:
            raise InputError(f"input not found: {raw}")
    return out


def read_stream(fh: IO[bytes], name: str, fmt: str, options: IngestOptions) -> Iterator[Article | Failure]:
    """Yield the articles of an open byte stream in format ``fmt`` (jsonl, json, csv, tsv)."""
    if fmt == "jsonl":
        yield from read_jsonl(fh, name, options)
    elif fmt == "json":
        yield from read_json(fh, name, options)
    elif fmt in ("csv", "tsv"):
        yield from read_csv(fh, name, options, delimiter="\t" if fmt == "tsv" else ",")
    else:
        raise InputError(f"{name}: format {fmt!r} cannot be read from a stream")


def read_path(path: Path, options: IngestOptions, fmt: str | None = None) -> Iterator[Article | Failure]:
    """Yield the articles of one file; every problem is a Failure, nothing is raised."""
    name = str(path)
    fmt = fmt or options.input_format or detect_format(path)
    if fmt is None:
        yield Failure(None, f"{name}:1", f"{name}: unsupported file type {path.suffix!r}; "
                      f"choose one with --input-format ({', '.join(FORMATS)})")
        return
    try:
        if fmt in ("txt", "md"):
            yield from read_text(path, options)
        elif fmt == "html":
            yield from read_html(path, options)
        elif fmt == "parquet":
            yield from read_parquet(path, name, options)
        else:
            with open_binary(path) as fh:
                yield from read_stream(fh, name, fmt, options)
    except (OSError, EOFError, ValueError) as exc:
        # unreadable file, truncated or corrupt .gz/.zst: what was read is kept, the rest reported
        yield Failure(None, f"{name}", f"{name}: cannot read ({type(exc).__name__}: {exc})")


def read_inputs(
    inputs: Iterable[str], options: IngestOptions | None = None, stdin: IO[bytes] | None = None,
) -> Iterator[Article | Failure]:
    """Yield every article of ``inputs`` in order, streaming; bad input is yielded as a Failure.

    ``inputs`` are file paths, directories (walked recursively, sorted) or ``-`` for JSON
    Lines on standard input (or ``--input-format`` json/csv/tsv). Raises :class:`InputError`
    only for a missing path, before anything is read.
    """
    options = options or IngestOptions()
    for item in expand_inputs(inputs):
        if item == "-":
            fmt = options.input_format or "jsonl"
            if fmt not in ("jsonl", "json", "csv", "tsv"):
                yield Failure(None, "<stdin>:1", f"<stdin>: format {fmt!r} cannot be read from standard input")
                continue
            yield from with_pub_dates(read_stream(stdin or sys.stdin.buffer, "<stdin>", fmt, options),
                                      "<stdin>", options)
        else:
            yield from with_pub_dates(read_path(Path(item), options), item, options)


def with_pub_dates(items: Iterable[Article | Failure], name: str,
                   options: IngestOptions) -> Iterator[Article | Failure]:
    """Date articles that carry no publication date from their dateline or the input's file name.

    Warns once per input (the first undated article) with what was used; an article that stays
    undated keeps relative dates unresolved and its undated events get no date.
    """
    from_file = filename_date(name) if name != "<stdin>" else None
    warned = False
    for item in items:
        if isinstance(item, Article) and item.date is None:
            date, source = dateline_date(item.text), "its dateline"
            if date is None and from_file is not None:
                date, source = from_file, "the file name"
            if not warned:
                warned = True
                what = f"dated from {source} ({date})" if date else "relative dates stay unresolved"
                options.on_warning(f"{name}: article {item.id} ({item.position}) has no publication date; "
                                   f"{what} (give --date or a date field; warned once per input)")
            if date is not None:
                item = dataclasses.replace(item, date=date)
        yield item
