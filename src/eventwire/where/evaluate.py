"""Score event-location choice on sentence-level gold (``event_location_dev.jsonl`` format).

Each gold line is one sentence, one event trigger span and the gold location span(s) of that
event (empty = the sentence gives no location). For each line the model parses the sentence,
:class:`PlaceStage` finds places, a placeholder :class:`Event` is made for the gold trigger and
:class:`EventLocationStage` chooses its location. A prediction is correct when it overlaps a gold
span (``exact`` also requires the same offsets), or when both gold and prediction are empty.

    python -m eventwire.where.evaluate ../shared/data/event_location_dev.jsonl [--json] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import clean
from ..records import Article, Event

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["evaluate_locations", "main", "placeholder_event", "score"]


def placeholder_event(text: str, span: tuple[int, int], sentence_index: int = 0) -> Event:
    """Return an uncoded event at ``span`` (only what location choice reads is filled in)."""
    return Event(
        id="eval", article_id="eval", event="", mode=None, aux_mode=(), context=(), quad_code=0, cameo_root="",
        date=None, date_precision=None, date_text=None, actor=(), recipient=(), event_loc=None,
        event_text=text[span[0]:span[1]], span=span, sentence_index=sentence_index, text=text, confidence=1.0,
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(pairs: Iterable[tuple[tuple[int, int] | None, list[tuple[int, int]]]]) -> dict[str, Any]:
    """Score (predicted span or None, gold spans) pairs: accuracy, precision, recall, F1 (overlap and exact)."""
    out: dict[str, Any] = {}
    items = list(pairs)
    for mode in ("overlap", "exact"):
        tp = fp = fn = tn = 0
        for pred, gold in items:
            hit = pred is not None and any((pred == g) if mode == "exact" else _overlaps(pred, g) for g in gold)
            if not gold:
                tn += pred is None
                fp += pred is not None
            elif pred is None:
                fn += 1
            elif hit:
                tp += 1
            else:
                fp += 1
                fn += 1
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[mode] = {
            "accuracy": round((tp + tn) / len(items), 4) if items else 0.0,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        }
    out["n"] = len(items)
    out["with_location"] = sum(1 for _, g in items if g)
    return out


def evaluate_locations(path: str | Path | Sequence[dict[str, Any]], pipeline: Pipeline | None = None,
                       errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Run location choice on every gold line of ``path`` (or on parsed lines) and return :func:`score`'s figures.

    ``errors``, when given, receives one dict per wrong line (for inspection, never stored).
    """
    from ..pipeline import Pipeline
    from .eventloc import EventLocationStage

    pipe = pipeline or Pipeline()
    nlp = pipe.nlp
    stage = nlp.get_pipe("eventwire_event_locations")
    assert isinstance(stage, EventLocationStage)
    skip = {name for name, _ in nlp.pipeline if name.startswith("eventwire_") and name != "eventwire_places"}
    if isinstance(path, (str, Path)):
        with open(path, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
    else:
        records = list(path)
    pairs: list[tuple[tuple[int, int] | None, list[tuple[int, int]]]] = []
    for rec in records:
        text = rec["text"]
        doc = nlp.make_doc(clean.clean_text(text))
        doc._.article = Article(text=text, id=str(rec.get("id", "")))
        for name, proc in nlp.pipeline:
            if name not in skip:
                doc = proc(doc)
        span = (int(rec["event_span"][0]), int(rec["event_span"][1]))
        doc._.ew_events = [placeholder_event(text, span)]
        stage(doc)
        loc = doc._.ew_events[0].event_loc
        pred = tuple(loc.span) if loc is not None else None
        gold = [(int(a), int(b)) for a, b in rec.get("gold_loc_spans") or []]
        pairs.append((pred, gold))
        if errors is not None:
            ok = (not gold and pred is None) or (pred is not None and any(_overlaps(pred, g) for g in gold))
            if not ok:
                errors.append({"id": rec.get("id"), "trigger": rec.get("event_text"),
                               "pred": text[pred[0]:pred[1]] if pred else None,
                               "rule": loc.rule if loc is not None else None,
                               "gold": [text[a:b] for a, b in gold], "text": text})
    return score(pairs)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: print the figures (a table, or JSON with ``--json``)."""
    ap = argparse.ArgumentParser(prog="python -m eventwire.where.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("path", help="gold JSONL (event_location_dev.jsonl format)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--errors", action="store_true", help="also print each wrong line to stderr")
    args = ap.parse_args(argv)
    errs: list[dict[str, Any]] | None = [] if args.errors else None
    result = evaluate_locations(args.path, errors=errs)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"event location on {result['n']} records ({result['with_location']} with a gold location)")
        print(f"{'match':<8} {'accuracy':>9} {'precision':>10} {'recall':>7} {'f1':>7}")
        for mode in ("overlap", "exact"):
            m = result[mode]
            print(f"{mode:<8} {m['accuracy']:>9.3f} {m['precision']:>10.3f} {m['recall']:>7.3f} {m['f1']:>7.3f}")
    for e in errs or []:
        print(json.dumps(e, ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
