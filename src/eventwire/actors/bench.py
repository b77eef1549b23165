"""Benchmark: the actors stage's share of extraction time.

Runs the full pipeline over the given articles (JSONL with ``text`` and ``date``, or plain text
files) a few times and times every component separately, then prints each component's seconds
and the actors stage's time as a share of the whole pipeline and of plain spaCy parsing.
``python -m eventwire.actors.bench demo/articles/demo.jsonl ../shared/examples/cairo-2024-06-10.txt``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from ..records import Article

__all__ = ["main", "time_components"]


def _read(paths: Sequence[str]) -> list[Article]:
    out: list[Article] = []
    for p in paths:
        path = Path(p)
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    out.append(Article(text=d["text"], date=d.get("date")))
        else:
            out.append(Article(text=path.read_text(encoding="utf-8"), date=None))
    return out


def time_components(articles: list[Article], rounds: int = 3) -> dict[str, float]:
    """Return seconds spent in each pipeline component over ``rounds`` passes of ``articles``."""
    from ..clean import clean_text
    from ..pipeline import Pipeline

    pipe = Pipeline()
    nlp = pipe.nlp
    totals: dict[str, float] = defaultdict(float)
    for _ in range(rounds):
        for art in articles:
            doc = nlp.make_doc(clean_text(art.text))
            doc._.article = art
            for name, proc in nlp.pipeline:
                t0 = time.perf_counter()
                doc = proc(doc)
                totals[name] += time.perf_counter() - t0
    return dict(totals)


def main(argv: Sequence[str] | None = None) -> int:
    """Print component times and the actors share."""
    parser = argparse.ArgumentParser(prog="python -m eventwire.actors.bench", description=__doc__)
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    articles = _read(args.inputs)
    totals = time_components(articles, args.rounds)
    whole = sum(totals.values())
    spacy_only = sum(v for k, v in totals.items() if not k.startswith("eventwire_"))
    actors = totals.get("eventwire_actors", 0.0)
    for name, secs in totals.items():
        print(f"{name:<28} {secs:8.3f} s")
    print(json.dumps({"articles": len(articles), "rounds": args.rounds, "pipeline_s": round(whole, 3),
                      "spacy_s": round(spacy_only, 3), "actors_s": round(actors, 3),
                      "actors_share_of_pipeline": round(actors / whole, 4) if whole else None,
                      "actors_vs_spacy": round(actors / spacy_only, 4) if spacy_only else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
