"""``eventwire eval``: score the pipeline against gold articles (event type, mode, actors, dates, places)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["register", "run"]

EXAMPLES = """\
examples:
  eventwire eval ../shared/data/plover_gsr_dev.jsonl
  eventwire eval gold.jsonl --json > scores.json
  eventwire eval ../shared/data/event_location_dev.jsonl --task location
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``eval`` command."""
    p = sub.add_parser(
        "eval", help="score events against gold articles (P/R/F1 by type, attribute accuracies)",
        description="Run the pipeline on gold articles (JSONL with an `events` list per article, "
                    "records.md format) and print precision, recall and F1 for event type (micro and "
                    "per type), accuracies for mode, actor and recipient code and sector, date and "
                    "location on matched events, a confusion table and events per sentence.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("gold", help="gold JSONL file")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    p.add_argument("--task", choices=("events", "location"), default="events",
                   help="events (default), or location: the event-location scorer of eventwire.where")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``eval``; returns the exit status (2 when the gold file is missing)."""
    if not Path(args.gold).is_file():
        print(f"eventwire eval: gold file not found: {args.gold}", file=sys.stderr)
        return 2
    from ..config import load_settings
    from ._run import get_pipeline

    pipeline = get_pipeline(load_settings())
    if args.task == "location":
        from ..where.evaluate import evaluate_locations

        print(json.dumps(evaluate_locations(args.gold, pipeline), indent=None if args.json else 2))
        return 0
    from ..evaluate import evaluate_events, format_events_report

    result = evaluate_events(args.gold, pipeline)
    if args.json:
        print(json.dumps(result))
    else:
        print(format_events_report(result))
    return 0
