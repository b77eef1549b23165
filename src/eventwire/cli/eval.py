"""``eventwire eval``: score the pipeline on gold data (events, ACLED notes, toponyms, event locations)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["register", "run"]

EXAMPLES = """\
examples:
  eventwire eval ../shared/data/plover_gsr_dev.jsonl --half tune
  eventwire eval ../shared/data/acled_dev.jsonl --half tune --errors --sample 200
  eventwire eval ../shared/data/lgl_dev.jsonl --task geo --half tune --json > scores.json
  eventwire eval ../shared/data/event_location_dev.jsonl --task location
  eventwire eval --scoreboard --data ../shared/data --write docs/accuracy.md
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``eval`` command."""
    p = sub.add_parser(
        "eval", help="score the pipeline on gold data (events, acled, geo, location; tune/check halves)",
        description="Run the pipeline on a gold file and print its figures. Tasks: events (PLOVER records: "
                    "P/R/F1 by type, mode, actor and recipient accuracies), acled (one event per ACLED note: "
                    "type, mode, date, country, distance, actor kind, fatalities), geo (toponyms with "
                    "coordinates: recall, precision, accuracy within 161 km, error km, AUC) and location "
                    "(event_location sentences). --scoreboard runs every task on both halves of every dev file.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("gold", nargs="?", help="gold JSONL file (not with --scoreboard)")
    p.add_argument("--task", choices=("events", "acled", "geo", "location"),
                   help="the scorer; recognised from the file's fields when not given")
    p.add_argument("--half", choices=("tune", "check", "all"), default="all",
                   help="score only this half of the file (a hash of each record id; default all)")
    p.add_argument("--limit", type=int, help="only the first N records (after --half and --sample)")
    p.add_argument("--sample", type=int, help="a fixed-seed random sample of N records")
    p.add_argument("--errors", action="store_true",
                   help="list every miss (sentence, gold, output) as JSON lines on stderr")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    p.add_argument("--scoreboard", action="store_true",
                   help="every task on both halves of every dev file in --data; Markdown table")
    p.add_argument("--data", default="../shared/data", help="with --scoreboard: the dev data folder")
    p.add_argument("--write", help="with --scoreboard: also write the Markdown to this file")
    p.add_argument("--readme", help="with --scoreboard: also put the table between the scoreboard markers of this file")
    p.add_argument("--raw", help="with --scoreboard: also write every figure as JSON to this file")
    p.add_argument("--only", action="append",
                   help="with --scoreboard: only this task or data label (repeatable: acled, LGL, ...)")
    p.set_defaults(func=run)


def _positive(name: str, value: int | None) -> str | None:
    if value is not None and value < 1:
        return f"eventwire eval: {name} must be at least 1 (got {value})"
    return None


def run(args: argparse.Namespace) -> int:
    """Run ``eval``; returns the exit status (2 for a usage error or a missing gold file)."""
    for msg in (_positive("--limit", args.limit), _positive("--sample", args.sample)):
        if msg:
            print(msg, file=sys.stderr)
            return 2
    if args.scoreboard:
        return _scoreboard(args)
    if not args.gold:
        print("eventwire eval: give a gold file, or --scoreboard", file=sys.stderr)
        return 2
    if not Path(args.gold).is_file():
        print(f"eventwire eval: gold file not found: {args.gold}", file=sys.stderr)
        return 2
    from ..config import load_settings
    from ..evaluate.tasks import detect_task, evaluate_file
    from ._run import get_pipeline

    try:
        task = args.task or detect_task(args.gold)
    except (ValueError, json.JSONDecodeError) as exc:
        print(f"eventwire eval: {exc}", file=sys.stderr)
        return 2
    pipeline = get_pipeline(load_settings())
    errors: list[dict[str, Any]] | None = [] if args.errors else None
    result = evaluate_file(args.gold, task, half=args.half, limit=args.limit, sample=args.sample,
                           pipeline=pipeline, errors=errors)
    if task == "events" and not args.json:
        from ..evaluate import format_events_report

        print(format_events_report(result))
    else:
        result.pop("errors", None)
        result.pop("type_errors", None)
        print(json.dumps(result, indent=None if args.json else 2, ensure_ascii=False))
    for err in errors or []:
        print(json.dumps(err, ensure_ascii=False), file=sys.stderr)
    return 0


def _scoreboard(args: argparse.Namespace) -> int:
    data = Path(args.data)
    if not data.is_dir():
        print(f"eventwire eval: data folder not found: {data}", file=sys.stderr)
        return 2
    from ..config import load_settings
    from ..evaluate.scoreboard import (
        dump_raw,
        format_markdown,
        run_scoreboard,
        table_markdown,
        update_readme,
    )
    from ._run import get_pipeline

    t0 = time.perf_counter()
    pipeline = get_pipeline(load_settings())
    rows, raw = run_scoreboard(data, pipeline, only=set(args.only) if args.only else None,
                               log=lambda m: print(f"eventwire eval: {m}", file=sys.stderr))
    if not rows:
        print(f"eventwire eval: no dev file found in {data}", file=sys.stderr)
        return 2
    commands = ["make eval    # = eventwire eval --scoreboard --data ../shared/data --write docs/accuracy.md --readme README.md",
                "eventwire eval ../shared/data/acled_dev.jsonl --half tune --errors   # read misses (tune only)"]
    text = format_markdown(rows, commands, seconds=time.perf_counter() - t0)
    print(text)
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    if args.raw:
        dump_raw(raw, args.raw)
    if args.readme and not update_readme(args.readme, table_markdown(rows)):
        print(f"eventwire eval: no scoreboard markers in {args.readme}; README left as it was", file=sys.stderr)
    return 0
