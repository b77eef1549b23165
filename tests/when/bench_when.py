"""Measure the timex stage: normalisation accuracy on the case files, speed and share of pipeline time.

Run from the repository root: ``.venv/bin/python tests/when/bench_when.py [--repeat N]``.
Not collected by pytest (no ``test_`` prefix); prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent.parent / "shared"


def _accuracy(pipe, path: Path) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    from when_helpers import timex_doc

    cases = json.loads(path.read_text())["cases"]
    expected = correct = detected = found = false_pos = 0
    misses = []
    for case in cases:
        doc = timex_doc(pipe, case["text"], case["date"])
        got = [(t.span, t.value) for t in doc._.ew_timexes]
        found += len(got)
        gold = []
        for item in case["expect"]:
            text, value = item[0], item[1]
            start = case["text"].index(text)
            gold.append(((start, start + len(text)), value))
        for (gs, ge), value in gold:
            expected += 1
            overlap = [v for (s, e), v in got if s < ge and gs < e]
            detected += bool(overlap)
            if value in overlap:
                correct += 1
            else:
                misses.append((case["text"][gs:ge], value, overlap, case["date"]))
        for (s, e), _ in got:
            if not any(s < ge and gs < e for (gs, ge), _ in gold):
                false_pos += 1
    return {
        "file": path.name, "cases": len(cases), "expected_timexes": expected,
        "value_accuracy": round(correct / expected, 3) if expected else None,
        "detection_recall": round(detected / expected, 3) if expected else None,
        "detection_precision": round((found - false_pos) / found, 3) if found else None,
        "misses": misses,
    }


def _speed(pipe, repeat: int) -> dict[str, object]:
    from eventwire.records import Article

    text = (SHARED / "examples" / "cairo-2024-06-10.txt").read_text(encoding="utf-8")
    nlp = pipe.nlp
    totals: dict[str, float] = defaultdict(float)
    n_timexes = 0
    for _ in range(repeat):
        doc = nlp.make_doc(text)
        doc._.article = Article(text=text, date="2024-06-10")
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            totals[name] += time.perf_counter() - t0
        n_timexes += len(doc._.ew_timexes or ())
    whole = sum(totals.values())
    timex_t = totals["eventwire_timexes"]
    dates_t = totals["eventwire_event_dates"]
    return {
        "repeat": repeat,
        "timexes_per_article": n_timexes // repeat,
        "timex_stage_ms_per_article": round(1000 * timex_t / repeat, 3),
        "timexes_per_second": round(n_timexes / timex_t) if timex_t else None,
        "event_dates_ms_per_article": round(1000 * dates_t / repeat, 3),
        "share_of_pipeline_time_timexes": round(timex_t / whole, 4),
        "share_of_pipeline_time_event_dates": round(dates_t / whole, 4),
        "pipeline_ms_per_article": round(1000 * whole / repeat, 2),
        "per_component_ms": {k: round(1000 * v / repeat, 3) for k, v in totals.items()},
    }


def main() -> None:
    """Print accuracy on both case files and speed on the model article."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    from eventwire import Pipeline

    pipe = Pipeline()
    golden = HERE / "cases" / "timexes.json"
    gold_cases = json.loads(golden.read_text())["cases"]
    tmp = {"cases": [{"date": c["date"], "text": c["text"],
                      "expect": [[t, v] for t, v, _ in c["expect"]]} for c in gold_cases]}
    golden_flat = Path("/tmp/eventwire_when_golden_flat.json")
    golden_flat.write_text(json.dumps(tmp))
    out = {
        "golden": _accuracy(pipe, golden_flat),
        "unseen": _accuracy(pipe, HERE / "cases" / "unseen.json"),
        "unseen2": _accuracy(pipe, HERE / "cases" / "unseen2.json"),
        "speed": _speed(pipe, args.repeat),
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
