"""``eventwire annotate``: everything the pipeline finds, one JSON object per article."""

from __future__ import annotations

import argparse

from ..records import to_dict
from ._run import INPUT_HELP, add_input_arguments, run_command
from .formats import write_annotation_table, write_json

__all__ = ["register", "run"]

EXAMPLES = """\
examples:
  eventwire annotate story.txt --date 2024-06-10
  eventwire annotate demo/articles --db demo.duckdb > annotations.jsonl
  eventwire annotate articles.parquet --text-column body --format json -o annotations.json
  eventwire annotate story.txt --date 2024-06-10 --format table
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``annotate`` command."""
    p = sub.add_parser(
        "annotate", help="everything found in each article (entities, places, timexes, quotes, events)",
        description="Annotate articles: one JSON object per article with its sentences, "
                    "entities, places, time expressions, quotes and events (spec/records.md).",
        epilog=EXAMPLES + "\n" + INPUT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_arguments(p)
    p.add_argument("-f", "--format", choices=("jsonl", "json", "table"), default="jsonl",
                   help="jsonl: one object a line (default); json: one array; table: readable text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``annotate``; returns the exit status."""
    if args.format == "table":
        return run_command(args, write_annotation_table)
    return run_command(args, lambda annotations, out: write_json((to_dict(a) for a in annotations), args.format, out))
