"""``eventwire extract``: code PLOVER events from articles, one record per event."""

from __future__ import annotations

import argparse

from ._run import INPUT_HELP, add_input_arguments, run_command
from .formats import FORMATS, write_events

__all__ = ["register", "run"]

EXAMPLES = """\
examples:
  eventwire extract story.txt --date 2024-06-10
  eventwire extract demo/articles --format table
  eventwire extract feed.jsonl.gz --db events.duckdb > events.jsonl
  eventwire extract news.csv --text-column body --date-column published --format csv -o events.csv
  cat articles.jsonl | eventwire extract - --format json
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``extract`` command."""
    p = sub.add_parser(
        "extract", help="code events from articles, one JSON object per event",
        description="Code PLOVER 2.0 events (who did what to whom, when and where) from news "
                    "articles. Output: one JSON object per event (spec/records.md), or a JSON "
                    "array, CSV, or a readable table.",
        epilog=EXAMPLES + "\n" + INPUT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_arguments(p)
    p.add_argument("-f", "--format", choices=FORMATS, default="jsonl",
                   help="output format (default: jsonl)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``extract``; returns the exit status."""
    return run_command(args, lambda annotations, out: write_events(annotations, args.format, out))
