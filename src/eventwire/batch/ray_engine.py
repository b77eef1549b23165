"""The ``ray`` engine: Ray Data ``map_batches`` over an actor pool, one Pipeline per actor.

The driver reads the input as a stream and sends it to Ray Data in windows of
``window * workers`` chunks; within a window, each chunk is one row (the pickled articles)
and each actor builds its Pipeline once in ``__init__`` and annotates whole chunks. Results
come back in input order, as the same ``Annotation | Failure`` lists the local engine
returns, so both engines write identical output. A window bounds the memory held by the
driver; each window starts a fresh actor pool (one model load per actor per window), which
is why windows are large.

Needs ``pip install "eventwire[ray]"``.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ..config import Settings
from .worker import Chunk, Results, annotate_chunk, init_worker

__all__ = ["ChunkAnnotator", "RayEngine"]


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise RuntimeError(
            "the ray engine needs Ray Data: pip install \"eventwire[ray]\" (or use --engine local)"
        ) from exc
    return ray


class ChunkAnnotator:
    """Ray Data callable class: builds one Pipeline per actor, annotates pickled chunks."""

    def __init__(self, settings: Settings) -> None:
        init_worker(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        out_payload = []
        out_rss = []
        out_cpu = []
        for raw in batch["payload"]:
            chunk: Chunk = pickle.loads(raw)
            results, rss, cpu = annotate_chunk(chunk)
            out_payload.append(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
            out_rss.append(rss)
            out_cpu.append(cpu)
        return {
            "idx": np.asarray(batch["idx"]),
            "payload": np.array(out_payload, dtype=object),
            "rss": np.asarray(out_rss, dtype=np.int64),
            "cpu": np.asarray(out_cpu, dtype=np.float64),
        }


class RayEngine:
    """Runs chunks through Ray Data with ``workers`` annotator actors."""

    def __init__(self, settings: Settings, workers: int = 1, address: str | None = None,
                 window: int = 16) -> None:
        ray = _import_ray()
        self.ray = ray
        self.settings = settings
        self.workers = max(1, workers)
        self.window = max(1, window) * self.workers
        self.peak_worker_rss = 0
        self.worker_cpu_seconds = 0.0
        self._started = False
        if not ray.is_initialized():
            if address:
                ray.init(address=address, logging_level=logging.WARNING)
            else:
                ray.init(num_cpus=self.workers, include_dashboard=False,
                         logging_level=logging.WARNING)
            self._started = True
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False

    def run(self, chunks: Iterable[Chunk]) -> Iterator[Results]:
        """Yield one result list per chunk, in input order, a window at a time."""
        it = iter(chunks)
        while True:
            window = list(islice(it, self.window))
            if not window:
                return
            yield from self._run_window(window)

    def _run_window(self, window: list[Chunk]) -> Iterator[Results]:
        ray = self.ray
        items = [{"idx": i, "payload": pickle.dumps(c, protocol=pickle.HIGHEST_PROTOCOL)}
                 for i, c in enumerate(window)]
        ds = ray.data.from_items(items, override_num_blocks=len(items))
        ds = ds.map_batches(
            ChunkAnnotator,
            fn_constructor_kwargs={"settings": self.settings},
            batch_size=1,
            batch_format="numpy",
            # one chunk at a time per actor: the first actor up must not queue every chunk
            compute=ray.data.ActorPoolStrategy(size=min(self.workers, len(items)),
                                               max_tasks_in_flight_per_actor=1),
            num_cpus=1,
        )
        del items
        pending: dict[int, Results] = {}
        nxt = 0
        for row in ds.iter_rows():
            pending[int(row["idx"])] = pickle.loads(row["payload"])
            self.peak_worker_rss = max(self.peak_worker_rss, int(row["rss"]))
            self.worker_cpu_seconds += float(row["cpu"])
            while nxt in pending:
                yield pending.pop(nxt)
                nxt += 1
        if nxt != len(window):
            raise RuntimeError(f"ray engine returned {nxt} of {len(window)} chunks")

    def close(self) -> None:
        """Shut Ray down when this engine started it."""
        if self._started:
            self.ray.shutdown()
            self._started = False
