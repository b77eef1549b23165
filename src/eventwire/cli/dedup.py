"""``eventwire dedup``: merge the same event reported by several stories into event clusters."""

from __future__ import annotations

import argparse
import json
import sys

__all__ = ["register", "run"]

_EPILOG = """example:
  eventwire batch corpus.jsonl --out events.duckdb
  eventwire dedup --db events.duckdb --window-days 2 --place country

Every write (extract --db, batch, POST /v1/articles) keeps the clusters up to date; this
command regroups the whole database, e.g. with another window or place rule, which later
writes then keep using (idempotent). Count events once per cluster with:
  SELECT event, count(*) AS events, sum(num_articles) AS articles FROM event_clusters GROUP BY 1
or GET /v1/events?unique=true."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``dedup`` command."""
    p = sub.add_parser(
        "dedup", help="cluster the same event told by several stories (over a database)",
        description="Cross-story deduplication: events with the same type, actors, recipients "
                    "and place, dated within a window, become one event cluster.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", required=True, help="eventwire DuckDB database")
    p.add_argument("--window-days", type=int, default=2,
                   help="days from a cluster's first event within which reports merge (default 2)")
    p.add_argument("--place", choices=("country", "point", "none"), default="country",
                   help="compare places by country (default), GeoNames id, or not at all")
    p.add_argument("--allow-no-actor", action="store_true",
                   help="also merge events whose actors have no code (off: each stays alone)")
    p.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Rebuild the clusters and print a summary."""
    from ..batch.dedup import DedupConfig, deduplicate_db
    from ..errors import StoreError

    try:
        cfg = DedupConfig(window_days=args.window_days, place=args.place,
                          require_actor=not args.allow_no_actor)
        result = deduplicate_db(args.db, cfg)
    except (ValueError, StoreError) as exc:
        print(f"eventwire dedup: {exc}", file=sys.stderr)
        return 2
    print(result.text(), file=sys.stderr)
    if args.json:
        print(json.dumps(result.__dict__))
    return 0
