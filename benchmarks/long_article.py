"""Benchmark: time and peak memory of one long article through the pipeline.

Builds one article of ``--chars`` characters from the seeded benchmark corpus (paragraphs of
sentence templates written for this project), annotates it in a fresh process and prints the
seconds the article took (wall and CPU) and the process's peak resident memory (VmHWM) before and after it.

    nice .venv/bin/python benchmarks/long_article.py --chars 1000000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from eventwire.batch.engines import peak_rss_bytes  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402


def long_text(chars: int) -> str:
    """Return a text of exactly ``chars`` characters made of whole benchmark articles."""
    parts: list[str] = []
    size = 0
    n = 50
    while size < chars:
        for art in generate(n, seed=len(parts) + 11):
            parts.append(art["text"])
            size += len(art["text"]) + 2
            if size >= chars:
                break
    return "\n\n".join(parts)[:chars]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--timeout", type=float, default=0.0, help="article_timeout_s (0: no timeout, to measure)")
    args = ap.parse_args()
    text = long_text(args.chars)
    pipe = Pipeline(max_article_chars=max(args.chars, 1_000_000), article_timeout_s=args.timeout)
    pipe.annotate("Warm-up: police arrested protesters in Cairo on Monday.", date="2024-06-10")
    before = peak_rss_bytes()
    t0, cpu0 = time.perf_counter(), time.process_time()
    ann = pipe.annotate(text, date="2024-06-10", id="long")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    after = peak_rss_bytes()
    print(json.dumps({
        "chars": len(text), "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "events": len(ann.events),
        "sentences": len(ann.sentences), "peak_rss_mib_before": round(before / 2**20),
        "peak_rss_mib_after": round(after / 2**20),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
