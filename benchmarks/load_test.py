"""Load test: bounded concurrent requests against ``eventwire serve`` on 127.0.0.1.

Starts the server on a free loopback port with a fresh database and a write token, then runs
``--clients`` concurrent clients for ``--requests`` requests in all, mixing extraction, queries,
health checks (``/v1/health``) and ingestion of distinct articles (``KINDS``: one of each in turn). Prints requests/s, latency percentiles and errors per
endpoint, then checks that every ingested article is stored exactly once.

    .venv/bin/python benchmarks/load_test.py --clients 32 --requests 640
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

TOKEN = "load-test-token-" + "x" * 16

SUBJECTS = ["Police", "The army", "Rebels", "The foreign minister", "Protesters", "The government"]
VERBS = ["arrested dozens of people in", "met officials in", "attacked a convoy near",
         "called for talks in", "rallied outside parliament in", "sent aid to"]
KINDS = ("ingest", "extract", "events", "stats", "events", "health")  # the request mix, cycled
PLACES = ["Lagos", "Cairo", "Kyiv", "Khartoum", "Gaza", "Bogota", "Manila", "Tripoli"]


def article(i: int) -> dict[str, str]:
    """Return a short distinct article (its text carries the index, so ids never collide)."""
    rng = random.Random(i)
    sents = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(PLACES)} on Monday." for _ in range(4)]
    return {"id": f"load-{i:06d}", "date": "2024-06-10", "text": f"Dispatch {i}. " + " ".join(sents)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def run_load(base: str, clients: int, total: int) -> tuple[dict[str, list[float]], dict[str, int], set[str], float]:
    latencies: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    ingested: set[str] = set()
    counter = iter(range(total))
    headers = {"Authorization": f"Bearer {TOKEN}"}

    async def one(client: httpx.AsyncClient, n: int) -> None:
        kind = KINDS[n % len(KINDS)]
        t0 = time.perf_counter()
        try:
            if kind == "ingest":
                art = article(n)
                r = await client.post("/v1/articles", json=art, headers=headers)
                if r.status_code == 200:
                    ingested.update(s["article_id"] for s in r.json()["stored"])
            elif kind == "extract":
                r = await client.post("/v1/extract", json=article(10_000_000 + n))
            elif kind == "events":
                r = await client.get("/v1/events", params={"limit": 50, "event": "ASSAULT"})
            elif kind == "health":
                r = await client.get("/v1/health")
            else:
                r = await client.get("/v1/stats")
            ok = r.status_code == 200
        except httpx.HTTPError:
            ok = False
        latencies.setdefault(kind, []).append(time.perf_counter() - t0)
        if not ok:
            errors[kind] = errors.get(kind, 0) + 1

    async def worker(client: httpx.AsyncClient) -> None:
        for n in counter:
            await one(client, n)

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        elapsed = time.perf_counter() - t0
    return latencies, errors, ingested, elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--requests", type=int, default=640)
    ap.add_argument("--json", action="store_true", help="print the summary as JSON too")
    args = ap.parse_args()
    if args.clients < 1 or args.requests < 1 or args.requests > 100_000:
        ap.error("--clients >= 1 and 1 <= --requests <= 100000")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        env = dict(os.environ, EVENTWIRE_API_TOKEN=TOKEN, EVENTWIRE_MAX_ARTICLES_PER_REQUEST="10")
        exe = Path(sys.executable).with_name("eventwire")
        server = subprocess.Popen([str(exe), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.time() + 120
            while time.time() < deadline:
                try:
                    if httpx.get(base + "/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.3)
            else:
                print("server did not come up", file=sys.stderr)
                return 1
            httpx.post(base + "/v1/extract", json={"text": "Warm-up: police arrested protesters."}, timeout=120)
            latencies, errors, ingested, elapsed = asyncio.run(run_load(base, args.clients, args.requests))
            listed = httpx.get(base + "/v1/articles", params={"limit": 1000}, timeout=60).json()
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()

    expected = {article(n)["id"] for n in range(args.requests) if KINDS[n % len(KINDS)] == "ingest"}
    stored_ids = [a["id"] for a in listed.get("articles", [])]
    lost = sorted(expected - set(stored_ids))
    duplicated = len(stored_ids) - len(set(stored_ids))
    all_lat = [x for v in latencies.values() for x in v]
    n_err = sum(errors.values())
    summary = {
        "clients": args.clients, "requests": len(all_lat), "seconds": round(elapsed, 2),
        "requests_per_s": round(len(all_lat) / elapsed, 1),
        "p50_ms": round(1000 * pct(all_lat, 0.50), 1), "p95_ms": round(1000 * pct(all_lat, 0.95), 1),
        "p99_ms": round(1000 * pct(all_lat, 0.99), 1), "errors": n_err,
        "articles_ingested": len(expected), "articles_lost": len(lost), "articles_duplicated": duplicated,
        "by_endpoint": {k: {"n": len(v), "p50_ms": round(1000 * statistics.median(v), 1),
                            "p95_ms": round(1000 * pct(v, 0.95), 1), "errors": errors.get(k, 0)}
                        for k, v in sorted(latencies.items())},
    }
    print(f"{summary['requests']} requests from {args.clients} clients in {summary['seconds']} s: "
          f"{summary['requests_per_s']} req/s, p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, "
          f"p99 {summary['p99_ms']} ms, {n_err} errors")
    for k, v in summary["by_endpoint"].items():
        print(f"  {k:8} n={v['n']:5}  p50={v['p50_ms']:8.1f} ms  p95={v['p95_ms']:8.1f} ms  errors={v['errors']}")
    print(f"articles: {len(expected)} ingested, {len(lost)} lost, {duplicated} duplicated")
    if args.json:
        print(json.dumps(summary))
    return 0 if n_err == 0 and not lost and not duplicated else 1


if __name__ == "__main__":
    raise SystemExit(main())
