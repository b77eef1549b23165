"""``eventwire annotate``: everything the pipeline finds, one JSON object per article."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import EventwireError
from ..records import to_dict
from ._run import INPUT_HELP, Run, add_input_arguments, open_output

__all__ = ["register", "run"]

EXAMPLES = """\
examples:
  eventwire annotate story.txt --date 2024-06-10
  eventwire annotate demo/articles --db demo.duckdb > annotations.jsonl
  eventwire annotate articles.parquet --text-column body --format json -o annotations.json
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
    p.add_argument("-f", "--format", choices=("jsonl", "json"), default="jsonl",
                   help="jsonl: one object a line (default); json: one array")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``annotate``; returns the exit status."""
    try:
        job = Run(args)
        out = open_output(args)
    except (EventwireError, OSError) as exc:
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return 2
    try:
        n = 0
        if args.format == "json":
            out.write("[")
        for ann in job.annotations():
            line = json.dumps(to_dict(ann), ensure_ascii=False)
            if args.format == "json":
                out.write(("\n" if n == 0 else ",\n") + line)
            else:
                out.write(line + "\n")
            n += 1
        if args.format == "json":
            out.write("\n]\n" if n else "]\n")
    except EventwireError as exc:  # usage errors, and a model or data file that cannot load
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return 2
    finally:
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    return job.status
