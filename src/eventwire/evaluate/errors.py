"""List actor/recipient misses on type-matched events, or event-type fp/fn, one JSON line each.

``python -m eventwire.evaluate.errors gold.jsonl [--role actor|recipient] [--code]``
``python -m eventwire.evaluate.errors gold.jsonl --types [--event TYPE]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .events import evaluate_events

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the misses of ``eventwire eval`` on matched events; returns the exit status."""
    ap = argparse.ArgumentParser(prog="python -m eventwire.evaluate.errors", description=__doc__)
    ap.add_argument("gold", help="gold JSONL file (records.md events per article)")
    ap.add_argument("--role", choices=("actor", "recipient"), help="only this role")
    ap.add_argument("--code", action="store_true", help="only code misses (not sector-only misses)")
    ap.add_argument("--types", action="store_true",
                    help="list event-type false positives and negatives instead")
    ap.add_argument("--event", help="with --types: only this PLOVER type")
    args = ap.parse_args(argv)
    result = evaluate_events(args.gold)
    if args.types:
        for err in result["type_errors"]:
            if args.event and err["event"] != args.event:
                continue
            sys.stdout.write(json.dumps(err, ensure_ascii=False) + "\n")
        return 0
    for err in result["errors"]:
        if args.role and err["role"] != args.role:
            continue
        if args.code and "code" not in err["wrong"]:
            continue
        sys.stdout.write(json.dumps(err, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
