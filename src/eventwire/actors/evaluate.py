"""Development measure of actor resolution against gold actor/recipient annotations.

For each gold sentence the pipeline annotates the text; for each gold actor or recipient the
entity of ``Annotation.entities`` standing for the gold ``entity_text`` (the one covering its
first character, else the one overlapping it most) is compared on
``code`` and ``sector`` (a gold ``null`` sector must be matched by ``None``). An actor no entity
overlaps counts as wrong for both. Run ``python -m eventwire.actors.evaluate GOLD.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Entity

__all__ = ["ActorScore", "evaluate_actors", "main"]


@dataclass
class ActorScore:
    """Counts of the actor-resolution measure, with the misses for inspection."""

    total: int = 0
    found: int = 0
    code_ok: int = 0
    sector_ok: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    confusions: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, float | int]:
        """Return the figures as a JSON-ready dict."""
        t = max(1, self.total)
        return {"actors": self.total, "found": self.found, "code_accuracy": round(self.code_ok / t, 4),
                "sector_accuracy": round(self.sector_ok / t, 4), "found_rate": round(self.found / t, 4)}


def _locate(text: str, needle: str) -> tuple[int, int] | None:
    needle = needle.strip()
    if not needle:
        return None
    i = text.find(needle)
    if i < 0:
        i = text.lower().find(needle.lower())
    if i < 0:
        head = needle.split(" ... ")[0]
        i = text.find(head) if head != needle else -1
        if i < 0:
            return None
        return i, i + len(head)
    return i, i + len(needle)


def best_entity(entities: Sequence[Entity], span: tuple[int, int]) -> Entity | None:
    """Return the entity standing for the gold phrase at ``span``.

    English actor phrases put their head first when a complement follows ("rebels in the Ivory
    Coast", "students throughout Indonesia"), so an entity covering the phrase's first character
    wins; otherwise the entity overlapping the phrase most.
    """
    best: tuple[int, int, Entity] | None = None
    for e in entities:
        ov = min(e.span[1], span[1]) - max(e.span[0], span[0])
        if ov <= 0:
            continue
        key = (int(e.span[0] <= span[0] < e.span[1]), ov)
        if best is None or key > best[:2]:
            best = (key[0], key[1], e)
    return best[2] if best else None


def evaluate_actors(gold_path: str | Path, pipeline: Any | None = None) -> ActorScore:
    """Annotate every gold sentence and score code and sector of each gold actor/recipient."""
    if pipeline is None:
        from ..pipeline import Pipeline

        pipeline = Pipeline()
    score = ActorScore()
    with Path(gold_path).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            item = json.loads(line)
            text = item["text"]
            ann = pipeline.annotate(text, date=item.get("date"))
            for ev in item.get("events", []):
                for role in ("actor", "recipient"):
                    for gold in ev.get(role, []):
                        score.total += 1
                        span = _locate(text, gold["entity_text"])
                        ent = best_entity(ann.entities, span) if span else None
                        code = ent.code if ent else None
                        sector = ent.sector if ent else None
                        score.found += ent is not None
                        c_ok = code == gold.get("code")
                        s_ok = sector == gold.get("sector")
                        score.code_ok += c_ok
                        score.sector_ok += s_ok
                        if not (c_ok and s_ok):
                            score.confusions[f"{gold.get('code')}/{gold.get('sector')} -> {code}/{sector}"] += 1
                            score.misses.append({"id": item["id"], "role": role, "gold": gold,
                                                 "got": None if ent is None else {
                                                     "entity_text": ent.entity_text, "code": code,
                                                     "sector": sector, "rule": ent.rule}})
    return score


def main(argv: Sequence[str] | None = None) -> int:
    """Print the actor measure for a gold file (``--misses`` lists the errors)."""
    parser = argparse.ArgumentParser(prog="python -m eventwire.actors.evaluate", description=__doc__)
    parser.add_argument("gold", help="gold JSONL (plover_gsr_dev.jsonl)")
    parser.add_argument("--misses", action="store_true", help="print every wrong actor")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    score = evaluate_actors(args.gold)
    out = score.as_dict()
    out["seconds"] = round(time.perf_counter() - t0, 2)
    if args.misses:
        for m in score.misses:
            print(json.dumps(m, ensure_ascii=False))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
