"""Calibrate event confidence on labelled data: smoothed per-rule and per-type precision.

Usage: ``python training/calibrate_confidence.py GOLD.jsonl [--out src/eventwire/data/events/confidence.json]``

For every predicted event the evaluator's per-sentence matching says whether it is a true
positive (a gold event of the same type in the same sentence). Precision is counted per lexicon
rule (the ``rule`` before any ``+intent`` suffix) and per event type, then smoothed:
type precision with a prior of weight 2 toward the overall precision, rule precision with a
Beta(k * p_type, k * (1 - p_type)) prior (k = 4) toward its type. Rules never seen keep their
type's value at run time. Only counts and rule ids are written, never text.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from eventwire.evaluate.events import _pair, _sentence_of, read_gold
from eventwire.pipeline import Pipeline
from eventwire.records import Failure

PRIOR_K = 4.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent
                                         / "src/eventwire/data/events/confidence.json"))
    args = ap.parse_args()
    gold = read_gold(args.gold)
    pipe = Pipeline(min_confidence=0.0)
    rule_tp: Counter[str] = Counter()
    rule_n: Counter[str] = Counter()
    type_tp: Counter[str] = Counter()
    type_n: Counter[str] = Counter()
    rule_types: dict[str, Counter[str]] = {}
    for g, ann in zip(gold, pipe.annotate_many(x.article for x in gold), strict=True):
        if isinstance(ann, Failure):
            continue
        by_sent: dict[int | None, tuple[list, list]] = {}
        for ev in ann.events:
            by_sent.setdefault(ev.sentence_index, ([], []))[0].append(ev)
        for ge in g.events:
            by_sent.setdefault(_sentence_of(ge, ann), ([], []))[1].append(ge)
        for preds, golds in by_sent.values():
            hits = {i for i, _ in _pair(preds, golds, same_type=True)}
            for i, ev in enumerate(preds):
                rule = (ev.rule or "").split("+")[0]
                rule_n[rule] += 1
                type_n[ev.event] += 1
                rule_types.setdefault(rule, Counter())[ev.event] += 1
                if i in hits:
                    rule_tp[rule] += 1
                    type_tp[ev.event] += 1
    total_n = sum(type_n.values())
    overall = sum(type_tp.values()) / total_n if total_n else 0.6
    types = {t: (type_tp[t] + 2 * overall) / (type_n[t] + 2) for t in type_n}
    rules = {}
    for r, n in rule_n.items():
        # the type of a rule: the type most of its events had
        prior = types[rule_types[r].most_common(1)[0][0]]
        rules[r] = (rule_tp[r] + PRIOR_K * prior) / (n + PRIOR_K)
    out = {
        "source": Path(args.gold).name,
        "method": "smoothed precision: type Beta(2 prior toward overall), rule Beta(k=4 toward its type)",
        "overall_precision": round(overall, 4),
        "default": round(overall, 4),
        "types": {k: round(v, 4) for k, v in sorted(types.items())},
        "rules": {k: round(v, 4) for k, v in sorted(rules.items())},
        "counts": {"rules": {k: [rule_tp[k], rule_n[k]] for k in sorted(rule_n)},
                   "types": {k: [type_tp[k], type_n[k]] for k in sorted(type_n)}},
        "factors": {"no_actor": 0.6, "actor_without_code": 0.85, "missing_required_recipient": 0.8,
                    "negation": 0.9, "hypothetical": 0.9, "future": 0.95},
    }
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: overall precision {overall:.3f} over {total_n} events, {len(rules)} rules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
