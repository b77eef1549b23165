"""Benchmark eventwire against plain spaCy parsing on the same texts and process count.

    .venv/bin/python benchmarks/run.py                 # 400 generated articles, 1 and 2 processes
    .venv/bin/python benchmarks/run.py --n 200 --no-ray
    .venv/bin/python benchmarks/run.py --ray-only --ray-n 1600   # only the ray rows

Measures, each in a fresh subprocess so peak memory is its own:

- ``plain``: the spaCy model eventwire loads, ``nlp.pipe`` with the same batch size;
- ``pipeline``: the full eventwire pipeline (``Pipeline.annotate_many``);
- with 2 processes, both through the same spawn pool harness (one model per process);
- ``ray``: the ray engine with 1 and 2 workers, on a larger corpus of its own (``--ray-n``,
  default 1,200 articles) so that start-up does not dominate. Two figures: *wall* throughput
  from ``ray.init`` to the last result (Ray start-up, actor start-up and model loading
  included: what a user waits for), and *warm* throughput, the rate once the actors are up,
  measured by difference: the same engine is also run on the first quarter of that corpus,
  and warm = (articles of the long run - articles of the short run) / (wall of the long run -
  wall of the short run), which cancels every fixed cost (start-up, model loading) without
  relying on when Ray Data hands results back (it buffers them, so arrival times say little).

Model loading is excluded everywhere except in the ray *wall* rows (Ray starts its actors
inside the run; that cost is reported, not hidden). Then a per-stage profile of one process: the time of
each spaCy component and eventwire stage over the corpus, and the top eventwire functions by
cumulative time. Prints a table and writes ``benchmarks/results.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

__all__ = ["main"]


def _articles(corpus: Path) -> list[Any]:
    from eventwire.records import Article

    out = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append(Article(text=d["text"], id=d["id"], date=d.get("date"), title=d.get("title")))
    return out


# -- workers of the 2-process harness (module level: picklable under spawn) ------------------

_NLP: Any = None
_PIPE: Any = None


def _init(kind: str) -> None:
    global _NLP, _PIPE
    from eventwire.config import load_settings
    from eventwire.pipeline import Pipeline

    settings = load_settings()
    if kind == "plain":
        from eventwire.nlp import load_model

        _NLP = load_model(settings.model)[0]
    else:
        _PIPE = Pipeline(settings)
        _ = _PIPE.nlp


def _work(kind: str, chunk: list[Any], batch_size: int) -> tuple[int, int, float]:
    from eventwire.batch import peak_rss_bytes

    cpu = time.process_time()
    if kind == "plain":
        n = sum(1 for _ in _NLP.pipe([a.text for a in chunk], batch_size=batch_size))
    else:
        n = sum(1 for _ in _PIPE.annotate_many(chunk))
    return n, peak_rss_bytes(), time.process_time() - cpu


def _pool_measure(kind: str, arts: list[Any], procs: int, batch_size: int) -> dict[str, Any]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    chunks = [arts[i:i + batch_size] for i in range(0, len(arts), batch_size)]
    with ProcessPoolExecutor(procs, mp_context=ctx, initializer=_init, initargs=(kind,)) as pool:
        # warm up: start every process and load its model before the clock starts
        warm = [pool.submit(_work, kind, arts[:1], batch_size) for _ in range(procs)]
        for f in warm:
            f.result()
        t0 = time.perf_counter()
        results = list(pool.map(_work, [kind] * len(chunks), chunks, [batch_size] * len(chunks)))
        secs = time.perf_counter() - t0
    return {"seconds": secs, "articles": sum(r[0] for r in results),
            "peak_rss_per_worker": max(r[1] for r in results),
            "cpu_seconds": sum(r[2] for r in results)}


def measure(kind: str, corpus: Path, procs: int, batch_size: int) -> dict[str, Any]:
    """Run one measurement in this process and return its figures."""
    from eventwire.batch import peak_rss_bytes
    from eventwire.config import load_settings

    arts = _articles(corpus)
    settings = load_settings()
    if kind.startswith("ray"):
        from eventwire.batch.ray_engine import RayEngine
        from eventwire.batch.runner import chunked

        t0 = time.perf_counter()
        # one window holds the whole corpus: one actor start-up per worker, as in a long run
        chunks = list(chunked(arts, batch_size))
        eng = RayEngine(settings, workers=procs, window=max(64, -(-len(chunks) // procs)))
        n, first = 0, 0.0
        for r in eng.run(chunks):
            first = first or time.perf_counter() - t0
            n += len(r)
        secs = time.perf_counter() - t0
        rss, cpu = eng.peak_worker_rss, eng.worker_cpu_seconds
        eng.close()
        return {"seconds": secs, "articles": n, "peak_rss_per_worker": rss, "cpu_seconds": cpu,
                "first_chunk_seconds": first}
    if procs > 1:
        return _pool_measure(kind, arts, procs, batch_size)
    if kind == "plain":
        from eventwire.nlp import load_model

        nlp = load_model(settings.model)[0]
        texts = [a.text for a in arts]
        t0, cpu = time.perf_counter(), time.process_time()
        n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))
    else:
        from eventwire.pipeline import Pipeline

        pipe = Pipeline(settings)
        _ = pipe.nlp
        t0, cpu = time.perf_counter(), time.process_time()
        n = sum(1 for _ in pipe.annotate_many(arts))
    secs = time.perf_counter() - t0
    return {"seconds": secs, "articles": n, "peak_rss_per_worker": peak_rss_bytes(),
            "cpu_seconds": time.process_time() - cpu}


def profile(corpus: Path, batch_size: int, top: int = 25) -> dict[str, Any]:
    """Time every component over the corpus in one process; profile the eventwire stages."""
    from eventwire.config import load_settings
    from eventwire.pipeline import Pipeline

    arts = _articles(corpus)
    pipe = Pipeline(load_settings())
    nlp = pipe.nlp
    list(pipe.annotate_many(arts[:2]))  # warm up: lazy caches are not the corpus's cost
    stages: dict[str, float] = {}
    # pass 1: CPU time of each component, no profiler attached (it would inflate Python stages)
    t0 = time.process_time()
    docs = [pipe._make_doc(a) for a in arts]
    stages["make_doc (clean + tokenize)"] = time.process_time() - t0
    for name, proc in nlp.pipeline:
        t0 = time.process_time()
        if name.startswith("eventwire_") or not hasattr(proc, "pipe"):
            docs = [proc(d) for d in docs]  # eventwire stages, and plain function components (lemma_mends)
        else:
            docs = list(proc.pipe(docs, batch_size=batch_size))
        stages[name] = time.process_time() - t0
    t0 = time.process_time()
    _ = [pipe._to_annotation(d) for d in docs]
    stages["to_annotation"] = time.process_time() - t0
    # pass 2: cProfile of the eventwire components only, over freshly parsed docs
    prof = cProfile.Profile()
    docs = [pipe._make_doc(a) for a in arts]
    for name, proc in nlp.pipeline:
        if name.startswith("eventwire_"):
            prof.enable()
            docs = [proc(d) for d in docs]
            prof.disable()
        elif not hasattr(proc, "pipe"):
            docs = [proc(d) for d in docs]
        else:
            docs = list(proc.pipe(docs, batch_size=batch_size))
    stats = pstats.Stats(prof)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    funcs = []
    for (file, line, fn), (_cc, nc, tt, ct, callers) in raw.items():
        if "cProfile" in fn:
            continue
        # which eventwire functions make this call, by the time they account for
        who = sorted(((v[3], f"{Path(c[0]).parent.name}/{Path(c[0]).name}:{c[1]}({c[2]})")
                      for c, v in callers.items() if "eventwire" in c[0]), reverse=True)[:3]
        funcs.append({"function": f"{Path(file).parent.name}/{Path(file).name}:{line}({fn})",
                      "calls": nc, "tottime": round(tt, 4), "cumtime": round(ct, 4),
                      "called_from": [f"{w} {t:.2f}s" for t, w in who]})
    funcs.sort(key=lambda f: -f["tottime"])
    n_events = sum(len(d._.ew_events or ()) for d in docs)
    return {"stage_seconds": {k: round(v, 4) for k, v in stages.items()},
            "events": n_events, "top_functions_by_tottime": funcs[:top]}


def _make_corpus(n: int, seed: int) -> Path:
    sys.path.insert(0, str(HERE))
    from corpus import generate

    cache = Path(tempfile.gettempdir()) / "eventwire-bench"
    cache.mkdir(exist_ok=True)
    path = cache / f"corpus-{n}-{seed}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for a in generate(n, seed):
            fh.write(json.dumps(a) + "\n")
    return path


def _child(kind: str, corpus: Path, procs: int, batch_size: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", kind, "--procs", str(procs),
           "--corpus", str(corpus), "--batch-size", str(batch_size)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} x{procs} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _fmt_table(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'run':<28} {'procs':>5} {'articles':>8} {'wall s':>8} {'art/s':>7} {'CPU s':>8} "
             f"{'art/CPU-s':>9} {'peak RSS/worker':>16}",
             "-" * 100]
    for r in rows:
        lines.append(f"{r['run']:<28} {r['procs']:>5} {r['articles']:>8} {r['seconds']:>8.2f} "
                     f"{r['articles_per_s']:>7.2f} {r['cpu_seconds']:>8.1f} "
                     f"{r['articles_per_cpu_s']:>9.2f} {r['peak_rss_per_worker'] / 2**20:>12.0f} MiB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run every measurement, print the table and ratios, write results.json."""
    ap = argparse.ArgumentParser(description="eventwire throughput and memory benchmark")
    ap.add_argument("--n", type=int, default=400, help="articles in the generated corpus")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=None, help="use this JSONL corpus instead")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--procs", type=int, default=2, help="largest process count measured")
    ap.add_argument("--no-ray", action="store_true")
    ap.add_argument("--ray-only", action="store_true", help="only the ray rows")
    ap.add_argument("--ray-n", type=int, default=1200,
                    help="articles in the ray rows' generated corpus (start-up must not dominate)")
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    ap.add_argument("--profile-only", action="store_true", help="only the per-stage profile")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        print(json.dumps(measure(args.child, args.corpus, args.procs, args.batch_size)))
        return 0
    if args.child is None and args.corpus is None:
        args.corpus = _make_corpus(args.n, args.seed)
    corpus: Path = args.corpus
    chars = sum(len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8"))

    plan: list[tuple[str, str, int, Path]] = []
    if not args.ray_only:
        for procs in sorted({1, args.procs}):
            plan += [(f"plain spaCy parse x{procs}", "plain", procs, corpus),
                     (f"eventwire pipeline x{procs}", "pipeline", procs, corpus)]
    if not args.no_ray:
        try:
            import ray  # noqa: F401

            ray_n = args.ray_n if args.ray_n > 0 else sum(1 for _ in corpus.open(encoding="utf-8"))
            ray_corpus = _make_corpus(ray_n, args.seed)
            short = _make_corpus(max(args.batch_size, ray_n // 4), args.seed)
            for p in sorted({1, args.procs}):
                plan += [(f"ray engine x{p} (short run)", "ray-short", p, short),
                         (f"ray engine x{p}", "ray", p, ray_corpus)]
        except ImportError:
            print("ray not installed: pip install -e '.[ray]' to measure the ray engine", file=sys.stderr)
    if args.profile_only:
        plan = []
    rows = []
    for label, kind, procs, path in plan:
        print(f"measuring {label} ...", file=sys.stderr, flush=True)
        r = _child(kind.removesuffix("-short"), path, procs, args.batch_size)
        r.update(run=label, kind=kind, procs=procs, corpus=str(path), articles_per_s=r["articles"] / r["seconds"],
                 articles_per_cpu_s=r["articles"] / max(r["cpu_seconds"], 1e-9))
        rows.append(r)
    prof: dict[str, Any] = {"stage_seconds": {}, "events": 0, "top_functions_by_tottime": []}
    if not args.ray_only:
        print("profiling stages (1 process) ...", file=sys.stderr, flush=True)
        prof = profile(corpus, args.batch_size)

    by = {(r["kind"], r["procs"]): r["articles_per_s"] for r in rows}
    cpu = {(r["kind"], r["procs"]): r["articles_per_cpu_s"] for r in rows}
    ratios: dict[str, float] = {}
    for procs in sorted({1, args.procs}):
        if ("plain", procs) in by:
            ratios[f"pipeline/plain x{procs} (wall)"] = by[("pipeline", procs)] / by[("plain", procs)]
            ratios[f"pipeline/plain x{procs} (CPU)"] = cpu[("pipeline", procs)] / cpu[("plain", procs)]
    for r in rows:
        if r["kind"] != "ray":
            continue
        s_run = next((x for x in rows if x["kind"] == "ray-short" and x["procs"] == r["procs"]), None)
        if s_run is not None and r["seconds"] > s_run["seconds"]:
            r["warm_articles"] = r["articles"] - s_run["articles"]
            r["warm_seconds"] = r["seconds"] - s_run["seconds"]
            r["warm_articles_per_s"] = r["warm_articles"] / r["warm_seconds"]
    warm = {r["procs"]: r.get("warm_articles_per_s", 0.0) for r in rows if r["kind"] == "ray"}
    if ("ray", 1) in by and ("ray", args.procs) in by:
        ratios[f"ray x{args.procs} / ray x1 (wall)"] = by[("ray", args.procs)] / by[("ray", 1)]
        if warm.get(1) and warm.get(args.procs):
            ratios[f"ray x{args.procs} / ray x1 (warm)"] = warm[args.procs] / warm[1]
    if ("ray", 1) in by and ("pipeline", 1) in by:
        ratios["ray x1 / pipeline x1"] = by[("ray", 1)] / by[("pipeline", 1)]

    print()
    print(f"load average at end: {os.getloadavg()[0]:.1f} (wall figures are only as good as the machine is idle)")
    n_arts = sum(1 for _ in corpus.open(encoding="utf-8"))
    print(f"corpus: {corpus.name}: {n_arts} articles, {chars:,} characters "
          f"({chars / max(1, n_arts):,.0f} per article); batch size {args.batch_size}; "
          f"{os.cpu_count()} CPUs")
    print(_fmt_table(rows))
    for r in rows:
        if r["kind"] == "ray" and "warm_articles_per_s" in r:
            print(f"{r['run']}: warm {r['warm_articles_per_s']:.2f} articles/s "
                  f"(long run minus short run: {r['warm_articles']} articles in {r['warm_seconds']:.1f} s); "
                  f"first result handed back after {r['first_chunk_seconds']:.1f} s")
    print()
    for k, v in ratios.items():
        print(f"{k:<32} {v:6.2f}")
    print()
    total = sum(prof["stage_seconds"].values()) or 1.0
    if prof["stage_seconds"]:
        print(f"per-stage CPU time, 1 process, {prof['events']} events coded:")
    for name, secs in prof["stage_seconds"].items():
        print(f"  {name:<32} {secs:8.3f} s {100 * secs / total:6.1f} %")
    if prof["top_functions_by_tottime"]:
        print("top functions inside eventwire stages (by own time):")
    for f in prof["top_functions_by_tottime"][:12]:
        print(f"  {f['tottime']:8.3f} s {f['calls']:>9} calls  {f['function']}")
        for c in f["called_from"]:
            print(f"  {'':>28}  <- {c}")
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "loadavg_at_end": os.getloadavg()},
        "corpus": {"file": corpus.name, "articles": n_arts, "characters": chars},
        "batch_size": args.batch_size,
        "runs": rows, "ratios": ratios, "profile": prof,
    }
    if args.profile_only:
        args.out = args.out.with_name(args.out.stem + "-profile.json")
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
