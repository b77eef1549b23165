"""Stream articles from input paths without holding the corpus in memory.

Ingestion proper lives in :mod:`eventwire.ingest`; when it provides ``iter_articles`` the batch
runner uses it. Until then (and as a floor) this module reads the common formats itself:
``.txt``/``.md`` files (one article each), ``.jsonl``/``.ndjson`` (optionally ``.gz``) with one
article object per line, and directories of those, recursively, in sorted order.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from ..records import Article, Failure

__all__ = ["count_articles", "iter_inputs"]

_TEXT = {".txt", ".md"}
_JSONL = {".jsonl", ".ndjson"}
_FIELDS = ("id", "text", "date", "title", "url", "source", "language")
# Counting lines of JSONL inputs larger than this is skipped (the ETA is then unknown).
_COUNT_LIMIT_BYTES = 2_000_000_000


def _suffix(path: Path) -> str:
    s = path.suffixes
    if s and s[-1] == ".gz" and len(s) >= 2:
        return s[-2]
    return path.suffix


def _expand(paths: Sequence[str | Path]) -> Iterator[Path]:
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and _suffix(f) in _TEXT | _JSONL:
                    yield f
        else:
            yield p


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open("r", encoding="utf-8")


def _article(obj: Any, position: str, date: str | None) -> Article | Failure:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return Failure(None, position, f"{position}: not an article object with a 'text' string")
    fields: dict[str, Any] = {k: obj.get(k) for k in _FIELDS if obj.get(k) is not None}
    fields.setdefault("date", date)
    return Article(position=position, **fields)


def _fallback(paths: Sequence[str | Path], date: str | None) -> Iterator[Article | Failure]:
    for path in _expand(paths):
        if not path.is_file():
            yield Failure(None, str(path), f"{path}: no such file")
            continue
        kind = _suffix(path)
        try:
            if kind in _JSONL:
                with _open(path) as fh:
                    for n, line in enumerate(fh, 1):
                        if not line.strip():
                            continue
                        pos = f"{path}:{n}"
                        try:
                            yield _article(json.loads(line), pos, date)
                        except json.JSONDecodeError as exc:
                            yield Failure(None, pos, f"{pos}: invalid JSON: {exc}")
            elif kind in _TEXT:
                with _open(path) as fh:
                    yield Article(text=fh.read(), date=date, position=str(path))
            else:
                yield Failure(None, str(path), f"{path}: unsupported input type {kind!r}")
        except (OSError, UnicodeDecodeError) as exc:
            yield Failure(None, str(path), f"{path}: cannot read: {exc}")


def iter_inputs(paths: Sequence[str | Path], date: str | None = None) -> Iterator[Article | Failure]:
    """Yield each input article (or a :class:`Failure` for what cannot be read), in input order."""
    try:
        from ..ingest import iter_articles  # type: ignore[attr-defined]
    except ImportError:
        yield from _fallback(paths, date)
        return
    yield from iter_articles([str(p) for p in paths], date=date)


def count_articles(paths: Sequence[str | Path]) -> int | None:
    """Return the number of input articles when it is cheap to know, else ``None``.

    Text files count one each; uncompressed JSONL files count their non-empty lines (a fast
    byte scan); compressed or other inputs, or more than 2 GB of JSONL, give ``None``.
    """
    total = 0
    budget = _COUNT_LIMIT_BYTES
    for path in _expand(paths):
        if not path.is_file():
            continue
        kind = _suffix(path)
        if kind in _TEXT:
            total += 1
        elif kind in _JSONL and path.suffix != ".gz":
            budget -= path.stat().st_size
            if budget < 0:
                return None
            with path.open("rb") as fh:
                for line in fh:
                    if line.strip():
                        total += 1
        else:
            return None
    return total
