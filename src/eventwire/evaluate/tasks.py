"""One entry point for every scoring task: read a gold file, keep a half, run, score.

Tasks: ``events`` (PLOVER records), ``acled`` (ACLED notes), ``geo`` (toponyms with
coordinates: LGL, GeoVirus) and ``location`` (event_location sentences). The task is recognised
from the file's first line when not given. Every run can keep the ``tune`` or ``check`` half
(:mod:`eventwire.evaluate.split`), a fixed-seed sample, or the first ``limit`` records.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .acled import read_acled, score_acled
from .events import read_gold, score_articles
from .geo import read_geo, score_geo
from .split import HALVES, half_of

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["TASKS", "detect_task", "evaluate_file", "evaluate_halves", "load_items", "record_key"]

TASKS = ("events", "acled", "geo", "location")


def detect_task(path: str | Path) -> str:
    """Recognise the task of a gold file from its first record's fields."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                break
        else:
            raise ValueError(f"{path}: empty gold file")
    if "events" in d:
        return "events"
    if isinstance(d.get("gold"), dict) and "event_date" in d["gold"]:
        return "acled"
    if "gold_places" in d:
        return "geo"
    if "event_span" in d:
        return "location"
    raise ValueError(f"{path}: cannot tell the task from its fields ({', '.join(sorted(d))}); give --task")


def _read(path: str | Path, task: str) -> list[Any]:
    if task == "events":
        return list(read_gold(path))
    if task == "acled":
        return list(read_acled(path))
    if task == "geo":
        return list(read_geo(path))
    if task == "location":
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    raise ValueError(f"unknown task {task!r}: choose one of {', '.join(TASKS)}")


def record_key(task: str, item: Any) -> str:
    """The string a record's half is drawn from: its id (event_location: the sentence text)."""
    if task == "location":
        return str(item["text"])
    return str(item.article.id)


def load_items(path: str | Path, task: str, half: str | None = None, limit: int | None = None,
               sample: int | None = None, seed: int = 13) -> list[Any]:
    """Read the gold records of ``task`` from ``path``, keep ``half``, then a sample or the first ``limit``."""
    items = _read(path, task)
    if half not in (None, "all"):
        if half not in HALVES:
            raise ValueError(f"unknown half {half!r}: choose tune, check or all")
        items = [it for it in items if half_of(record_key(task, it)) == half]
    if sample is not None and sample < len(items):
        keep = sorted(random.Random(seed).sample(range(len(items)), sample))
        items = [items[k] for k in keep]
    if limit is not None:
        items = items[:limit]
    return items


def _annotate(items: Sequence[Any], pipeline: Pipeline) -> list[Any]:
    return list(pipeline.annotate_many(it.article for it in items))


def _score(task: str, pairs: Sequence[Any], errors: list[dict[str, Any]] | None,
           centroids: dict[str, tuple[float, float]] | None) -> dict[str, Any]:
    if task == "events":
        result = score_articles(pairs)
        if errors is not None:
            errors.extend(result["type_errors"])
            errors.extend(result["errors"])
        return result
    if task == "acled":
        return score_acled(pairs, centroids=centroids, errors=errors)
    return score_geo(pairs, errors=errors)


def _run(task: str, items: Sequence[Any], pipeline: Pipeline) -> Callable[[Sequence[int], list[dict[str, Any]] | None],
                                                                         dict[str, Any]]:
    """Run the pipeline once over ``items``; return a scorer for any subset of them (by index)."""
    if task == "location":
        from ..where.evaluate import evaluate_locations

        def score_location(idx: Sequence[int], errors: list[dict[str, Any]] | None) -> dict[str, Any]:
            return evaluate_locations([items[k] for k in idx], pipeline, errors=errors)

        return score_location
    results = _annotate(items, pipeline)
    centroids = country_centroids() if task == "acled" else None

    def score(idx: Sequence[int], errors: list[dict[str, Any]] | None) -> dict[str, Any]:
        return _score(task, [(items[k], results[k]) for k in idx], errors, centroids)

    return score


def country_centroids() -> dict[str, tuple[float, float]]:
    """ISO alpha-3 -> (lat, lon) of each country's centroid, from the bundled where data."""
    from ..where.gazetteer import data_dir

    out: dict[str, tuple[float, float]] = {}
    with open(data_dir() / "country_centroids.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            out[parts[0]] = (float(parts[3]), float(parts[4]))
    return out


def evaluate_file(path: str | Path, task: str | None = None, half: str | None = None, limit: int | None = None,
                  sample: int | None = None, pipeline: Pipeline | None = None,
                  errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Score the pipeline on one gold file (one half, a sample, or all of it)."""
    from ..pipeline import Pipeline

    task = task or detect_task(path)
    items = load_items(path, task, half=half, limit=limit, sample=sample)
    scorer = _run(task, items, pipeline or Pipeline())
    out = scorer(range(len(items)), errors)
    out["task"] = task
    out["half"] = half or "all"
    return out


def evaluate_halves(path: str | Path, task: str | None = None, pipeline: Pipeline | None = None,
                    errors: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, dict[str, Any]]:
    """Score both halves of one gold file with a single pipeline run: ``{"tune": ..., "check": ...}``."""
    from ..pipeline import Pipeline

    task = task or detect_task(path)
    items = load_items(path, task)
    scorer = _run(task, items, pipeline or Pipeline())
    out: dict[str, dict[str, Any]] = {}
    for h in HALVES:
        idx = [k for k, it in enumerate(items) if half_of(record_key(task, it)) == h]
        out[h] = scorer(idx, None if errors is None else errors.setdefault(h, []))
        out[h]["task"] = task
        out[h]["half"] = h
    return out
