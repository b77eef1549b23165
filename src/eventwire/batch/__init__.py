"""Batch runs at scale: streaming input, local or Ray engines, Parquet/DuckDB output, resume.

>>> from eventwire.batch import run_batch
>>> summary = run_batch(["corpus.jsonl"], ["out/"], workers=2)   # doctest: +SKIP
>>> print(summary.text())                                         # doctest: +SKIP

Cross-story deduplication over a database lives in :mod:`eventwire.batch.dedup`.
"""

from __future__ import annotations

from .engines import (
    InProcessEngine,
    ProcessPoolEngine,
    annotate_chunk,
    make_engine,
    peak_rss_bytes,
)
from .inputs import count_articles, iter_inputs
from .outputs import DuckDBOutput, ParquetOutput, open_outputs
from .runner import BatchSummary, chunked, run_batch

__all__ = [
    "BatchSummary",
    "DuckDBOutput",
    "InProcessEngine",
    "ParquetOutput",
    "ProcessPoolEngine",
    "annotate_chunk",
    "chunked",
    "count_articles",
    "iter_inputs",
    "make_engine",
    "open_outputs",
    "peak_rss_bytes",
    "run_batch",
]
