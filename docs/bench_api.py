"""Time the API over a synthetic database (20,000 articles, about 50,000 events).

    .venv/bin/python docs/bench_api.py            # builds /tmp/eventwire-bench.duckdb once (~2 min)

Serves the app with uvicorn on 127.0.0.1 and prints the median of 5 requests per endpoint.
The articles come from tests/api/ew_sample.py (templated sentences written for the tests).
"""

from __future__ import annotations

import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "api"))

URLS = [
    "/v1/events?limit=100",
    "/v1/events?limit=100&event=ASSAULT&country=HUN",
    "/v1/events?limit=100&q=fired",
    "/v1/events?limit=100&actor=okafor",
    "/v1/events/points",
    "/v1/stats",
    "/v1/actors",
    "/v1/network",
    "/v1/events?format=csv",
    "/v1/events?format=jsonl",
    "/v1/events?format=parquet",
]


def main() -> int:
    from ew_sample import build_store, sample_annotations

    from eventwire.api import create_app
    from eventwire.api.background import BackgroundServer
    from eventwire.config import Settings

    db = Path("/tmp/eventwire-bench.duckdb")
    if not db.exists():
        build_store(str(db), sample_annotations(n_articles=20_000, seed=3))
    with BackgroundServer(create_app(Settings(), db)) as url:
        time.sleep(3)  # let the base map finish building in the background
        for path in URLS:
            urllib.request.urlopen(url + path).read()
            times = []
            for _ in range(5):
                t = time.perf_counter()
                body = urllib.request.urlopen(url + path).read()
                times.append(time.perf_counter() - t)
            print(f"{path:50s} {sorted(times)[2] * 1000:8.0f} ms {len(body) / 1e6:7.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
