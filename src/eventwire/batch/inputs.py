"""Stream the batch input through :mod:`eventwire.ingest`, and count it when that is cheap.

Reading is ingestion's job (every format of ``spec/records.md``, streaming, bad input as
:class:`~eventwire.records.Failure`); the batch runner adds only the article count that gives
the progress bar its total and ETA.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..records import Article, Failure

__all__ = ["count_articles", "iter_inputs"]

# Counting lines of more uncompressed JSONL than this is skipped (the ETA is then unknown).
_COUNT_LIMIT_BYTES = 2_000_000_000


def iter_inputs(paths: Sequence[str | Path], date: str | None = None,
                input_format: str | None = None,
                max_article_chars: int = 1_000_000,
                on_warning: Callable[[str], None] | None = None) -> Iterator[Article | Failure]:
    """Yield each input article (or a :class:`Failure` for what cannot be read), in input order.

    Reading warnings (bad dates, encodings) go to ``on_warning``, by default the
    ``eventwire.ingest`` logger; each is given before the item it is about is yielded.
    """
    from ..ingest import IngestOptions, read_inputs
    from ..ingest.options import log_warning

    options = IngestOptions(date=date, input_format=input_format, max_article_chars=max_article_chars,
                            on_warning=on_warning or log_warning)
    yield from read_inputs([str(p) for p in paths], options)


def count_articles(paths: Sequence[str | Path], input_format: str | None = None) -> int | None:
    """Return the number of input articles when it is cheap to know, else ``None``.

    ``.txt``/``.md``/``.html`` files count one each; uncompressed JSONL counts its non-empty
    lines (a byte scan, much faster than parsing); anything else (compressed, CSV, Parquet,
    standard input, or more than 2 GB of JSONL) gives ``None``.
    """
    from ..ingest import detect_format, expand_inputs

    total = 0
    budget = _COUNT_LIMIT_BYTES
    try:
        files = expand_inputs([str(p) for p in paths])
    except Exception:  # noqa: BLE001 - reading reports the problem; counting just gives up
        return None
    for name in files:
        if name == "-":
            return None
        path = Path(name)
        fmt = input_format or detect_format(path)
        compressed = path.suffix.lower() not in (".jsonl", ".ndjson")
        if fmt in ("txt", "md", "html"):
            total += 1
        elif fmt == "jsonl" and not compressed:
            budget -= path.stat().st_size
            if budget < 0:
                return None
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            return None
    return total
