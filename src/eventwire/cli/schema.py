"""``eventwire schema``: print the JSON Schema of the ``extract`` or ``annotate`` output."""

from __future__ import annotations

import argparse
import json
import sys

from ..schema import SCHEMAS, load_schema

__all__ = ["register", "run"]

EXAMPLES = """\
examples:
  eventwire schema extract > extract.schema.json
  eventwire schema annotate
  eventwire schema            # both, as {"extract": ..., "annotate": ...}
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``schema`` command."""
    p = sub.add_parser(
        "schema", help="print the JSON Schema of the extract/annotate output",
        description="Print the JSON Schema (draft 2020-12) shipped in the package for the "
                    "output of `eventwire extract` (one event) or `eventwire annotate` (one article).",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("which", nargs="?", choices=SCHEMAS, help="which output (default: both)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema(s); returns 0."""
    data = load_schema(args.which) if args.which else {name: load_schema(name) for name in SCHEMAS}
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0
