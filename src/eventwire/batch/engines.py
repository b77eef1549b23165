"""Engines turn a stream of input chunks into a stream of result chunks, in input order.

- :class:`InProcessEngine`: one :class:`~eventwire.pipeline.Pipeline` in this process.
- :class:`ProcessPoolEngine`: ``N`` spawned processes, one Pipeline each, a bounded window of
  chunks in flight (never the whole input).
- ``RayEngine`` (in :mod:`eventwire.batch.ray_engine`, needs ``pip install eventwire[ray]``).

Every engine returns, for a chunk of ``Article | Failure``, the list ``Pipeline.annotate_many``
gives (``Annotation | Failure`` in input order), so their outputs are record-for-record equal.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Protocol

from ..config import Settings
from ..records import Annotation
from .worker import Chunk, Results, annotate_chunk, init_worker, peak_rss_bytes

if TYPE_CHECKING:
    pass

__all__ = [
    "Chunk",
    "Engine",
    "InProcessEngine",
    "ProcessPoolEngine",
    "annotate_chunk",
    "make_engine",
    "peak_rss_bytes",
    "with_read_warnings",
]

class Engine(Protocol):
    """Maps chunks to results in order, keeping the largest worker peak RSS and the CPU time used."""

    peak_worker_rss: int
    worker_cpu_seconds: float

    def run(self, chunks: Iterable[Chunk]) -> Iterator[Results]:
        """Yield one result list per input chunk, in input order."""
        ...

    def close(self) -> None:
        """Stop workers."""
        ...


def with_read_warnings(results: Results, warnings: Sequence[Sequence[str]]) -> Results:
    """Put each input item's reading warnings (bad date, encoding) first in its annotation's.

    ``warnings[i]`` belongs to ``results[i]``; failures keep their reason only.
    """
    out: Results = []
    for res, extra in zip(results, warnings, strict=True):
        if isinstance(res, Annotation) and extra:
            res = dataclasses.replace(res, warnings=(*extra, *res.warnings))
        out.append(res)
    return out


# -- engines -----------------------------------------------------------------------------------


class InProcessEngine:
    """Runs the pipeline in the calling process."""

    def __init__(self, settings: Settings) -> None:
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(settings)
        self.peak_worker_rss = 0
        self.worker_cpu_seconds = 0.0

    def run(self, chunks: Iterable[Chunk]) -> Iterator[Results]:
        """Annotate each chunk in turn."""
        for chunk in chunks:
            cpu = time.process_time()
            results = list(self.pipeline.annotate_many(chunk))
            self.worker_cpu_seconds += time.process_time() - cpu
            self.peak_worker_rss = max(self.peak_worker_rss, peak_rss_bytes())
            yield results

    def close(self) -> None:
        """Nothing to stop."""


class ProcessPoolEngine:
    """Runs ``workers`` spawned processes, each with its own Pipeline (``local --workers N``)."""

    def __init__(self, settings: Settings, workers: int, in_flight: int | None = None) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.workers = workers
        self.in_flight = in_flight or 2 * workers
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=init_worker, initargs=(settings,)
        )
        self.peak_worker_rss = 0
        self.worker_cpu_seconds = 0.0

    def run(self, chunks: Iterable[Chunk]) -> Iterator[Results]:
        """Keep at most ``in_flight`` chunks submitted; yield results in submission order."""
        window: deque[Future[tuple[Results, int, float]]] = deque()
        for chunk in chunks:
            window.append(self.pool.submit(annotate_chunk, chunk))
            if len(window) >= self.in_flight:
                yield self._take(window)
        while window:
            yield self._take(window)

    def _take(self, window: deque[Future[tuple[Results, int, float]]]) -> Results:
        results, rss, cpu = window.popleft().result()
        self.peak_worker_rss = max(self.peak_worker_rss, rss)
        self.worker_cpu_seconds += cpu
        return results

    def close(self) -> None:
        """Shut the pool down."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def make_engine(name: str, settings: Settings, workers: int = 1, ray_address: str | None = None,
                ray_window: int = 16) -> Engine:
    """Return the engine called ``name`` (``local`` or ``ray``) with ``workers`` workers."""
    if name == "local":
        if workers <= 1:
            return InProcessEngine(settings)
        return ProcessPoolEngine(settings, workers)
    if name == "ray":
        from .ray_engine import RayEngine

        return RayEngine(settings, workers=workers, address=ray_address, window=ray_window)
    raise ValueError(f"unknown engine {name!r}: use 'local' or 'ray'")
