"""The ``eventwire`` command line: one module per command, each with ``register(subparsers)``.

To add a command, write ``cli/<name>.py`` with a ``register`` function that adds a subparser
and sets ``func`` (called with the parsed namespace, returning the exit status), and list the
module in ``COMMANDS`` below.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import actors, annotate, batch, dedup, eval, export, extract, info, schema, serve

__all__ = ["COMMANDS", "build_parser", "main"]

COMMANDS = (extract, annotate, schema, info, export, batch, dedup, serve, eval, actors)


def build_parser() -> argparse.ArgumentParser:
    """Return the top-level parser with every command registered."""
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="News text to PLOVER political event data: who did what to whom, when and where.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 some articles failed, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130
