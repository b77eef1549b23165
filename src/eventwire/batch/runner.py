"""The batch runner: stream input, skip what is done, annotate in chunks, write, report."""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..config import Settings
from ..records import Annotation, Article, Failure
from .engines import Chunk, make_engine, with_read_warnings
from .inputs import count_articles, iter_inputs
from .outputs import Output, open_outputs, pending
from .parquet import fingerprint, item_key, last_copies

__all__ = ["BatchSummary", "chunked", "run_batch"]


@dataclass
class BatchSummary:
    """What a batch run did: counts, wall time and throughput."""

    articles: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1
    peak_worker_rss: int = 0
    worker_cpu_seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)

    @property
    def articles_per_s(self) -> float:
        """Articles annotated per wall-clock second (skipped ones excluded)."""
        done = self.articles + self.failures
        return done / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Return the summary as a JSON-ready dict."""
        return {**asdict(self), "articles_per_s": round(self.articles_per_s, 2)}

    def text(self) -> str:
        """Return the one-paragraph summary printed at the end of a run."""
        return (
            f"eventwire batch: {self.articles:,} articles, {self.events:,} events, "
            f"{self.failures:,} failures, {self.skipped:,} skipped (already done) in "
            f"{self.seconds:,.1f} s = {self.articles_per_s:,.1f} articles/s "
            f"({self.engine}, {self.workers} worker{'s' if self.workers != 1 else ''}; "
            f"{self.worker_cpu_seconds:,.1f} CPU s in workers; "
            f"peak worker memory {self.peak_worker_rss / 2**20:,.0f} MiB)"
        )


T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Group a stream into lists of ``size`` items (the last may be shorter)."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _progress(total: int | None, enabled: bool | None) -> Any:
    from tqdm import tqdm

    show = sys.stderr.isatty() if enabled is None else enabled
    return tqdm(total=total, unit="art", desc="eventwire", file=sys.stderr, disable=not show,
                dynamic_ncols=True, smoothing=0.1)


def run_batch(
    inputs: Sequence[str | Path],
    outputs: Sequence[str | Path],
    *,
    engine: str = "local",
    workers: int = 1,
    batch_size: int = 256,
    settings: Settings | None = None,
    date: str | None = None,
    input_format: str | None = None,
    ray_address: str | None = None,
    ray_window: int = 16,
    progress: bool | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Annotate every input article not already in ``outputs`` and write the results there.

    Memory is bounded by the chunks in flight (``batch_size`` articles times a small
    multiple of ``workers``), never by the input size. Re-running the same command after an
    interruption completes the work and leaves exactly the output of an uninterrupted run.

    An article id read twice keeps its last copy (the rule of ``extract --db`` and the API
    too), with a warning naming the id; an identical copy is not annotated again. An article
    stored by an earlier run with other text or metadata is annotated again and replaced.
    Reading warnings go to ``on_warning`` (default: the ``eventwire.ingest`` logger).
    """
    from ..ingest import expand_inputs
    from ..ingest.options import log_warning

    settings = settings or Settings()
    inputs = expand_inputs([str(p) for p in inputs])  # a missing path fails here, before any work
    outs: list[Output] = open_outputs(outputs)
    summary = BatchSummary(engine=engine, workers=workers, outputs=[str(o) for o in outputs])
    total = count_articles(inputs, input_format)
    bar = _progress(total, progress)
    seen: dict[str, tuple[str | None, str | None]] = {}  # key -> (fingerprint, position) of its last copy
    read: list[str] = []  # reading warnings of the item being read
    in_flight: deque[list[tuple[str, ...]]] = deque()  # their warnings, per chunk sent
    report = on_warning or log_warning

    def warn(message: str) -> None:
        report(message)
        read.append(message)

    def skip() -> None:
        summary.skipped += 1
        if bar.total:
            bar.total -= 1
            bar.refresh()

    def todo() -> Iterator[tuple[Article | Failure, tuple[str, ...]]]:
        for item in iter_inputs(inputs, date=date, input_format=input_format,
                                max_article_chars=settings.max_article_chars, on_warning=warn):
            key = item_key(item)
            print_ = fingerprint(item)
            earlier = seen.get(key)
            if earlier is not None and isinstance(item, Article):
                same = earlier[0] == print_
                warn(f"duplicate article id {item.id!r} at {item.position} (also at {earlier[1]}): the last copy "
                     f"wins{' (same text and metadata: nothing to redo)' if same else ''}")
            warnings = tuple(read)
            read.clear()
            position = getattr(item, "position", None)
            if earlier is not None:
                if not isinstance(item, Article) or earlier[0] == print_:
                    skip()
                    continue
                # another copy: always redone, whatever the outputs hold now (an earlier copy may be in flight)
            elif not pending(outs, item):
                seen[key] = (print_, position)
                skip()
                continue
            seen[key] = (print_, position)
            yield item, warnings

    def chunks() -> Iterator[Chunk]:
        # engines return results chunk by chunk in the order they took them
        for pairs in chunked(todo(), max(1, batch_size)):
            in_flight.append([w for _, w in pairs])
            yield [item for item, _ in pairs]

    started = time.perf_counter()
    eng = make_engine(engine, settings, workers=workers, ray_address=ray_address,
                      ray_window=ray_window)
    try:
        for results in eng.run(chunks()):
            results = with_read_warnings(results, in_flight.popleft())
            _write(outs, results)
            for r in results:
                if isinstance(r, Annotation):
                    summary.articles += 1
                    summary.events += len(r.events)
                else:
                    summary.failures += 1
            bar.update(len(results))
    finally:
        eng.close()
        bar.close()
        for o in outs:
            o.close()
    summary.seconds = time.perf_counter() - started
    summary.peak_worker_rss = eng.peak_worker_rss
    summary.worker_cpu_seconds = eng.worker_cpu_seconds
    return summary


def _write(outs: Sequence[Output], results: Sequence[Annotation | Failure]) -> None:
    results = last_copies(list(results))
    for out in outs:
        fresh = [r for r in results if not out.is_done(item_key(r), fingerprint(r))]
        if fresh:
            out.write(fresh)
