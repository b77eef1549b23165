"""The worker side of batch engines: chunk types and one Pipeline per process.

Shared by the local engines (:mod:`eventwire.batch.engines`) and the Ray engine
(:mod:`eventwire.batch.ray_engine`), which therefore never import each other.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING

from ..config import Settings
from ..records import Annotation, Article, Failure

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["Chunk", "Results", "annotate_chunk", "init_worker", "peak_rss_bytes"]

Chunk = list[Article | Failure]
Results = list[Annotation | Failure]


def peak_rss_bytes() -> int:
    """Return this process's peak resident set size in bytes (VmHWM; 0 where unknown)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024
    except (ImportError, OSError):
        return 0


_PIPELINE: Pipeline | None = None


def init_worker(settings: Settings) -> None:
    """Build this process's Pipeline and load its model and data now."""
    global _PIPELINE
    from ..errors import EventwireError
    from ..pipeline import Pipeline

    _PIPELINE = Pipeline(settings)
    # Load the model and data now, not inside the first chunk. A bad model or data file is
    # raised again by the first chunk, where the pool hands it to the driver (a failing
    # initializer would only break the pool).
    with contextlib.suppress(EventwireError):
        _ = _PIPELINE.nlp


def annotate_chunk(chunk: Chunk, settings: Settings | None = None) -> tuple[Results, int, float]:
    """Annotate one chunk with this process's Pipeline.

    Returns the results, this process's peak RSS in bytes and the CPU seconds the chunk took
    (CPU time, unlike wall time, does not grow when other programs share the cores).
    """
    global _PIPELINE
    if _PIPELINE is None:
        init_worker(settings or Settings())
    assert _PIPELINE is not None
    cpu = time.process_time()
    results = list(_PIPELINE.annotate_many(chunk))
    return results, peak_rss_bytes(), time.process_time() - cpu
