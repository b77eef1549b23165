"""``eventwire extract``: events as JSONL (first version: .txt files only; see issue 2)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..records import Article, Failure, to_dict


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("extract", help="code events from articles, one JSON object per event",
                       description="Code PLOVER events from articles.\n\nexample:\n  eventwire extract story.txt --date 2024-06-10",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+")
    p.add_argument("--date")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..pipeline import Pipeline

    pipe = Pipeline()
    articles = [Article(text=Path(p).read_text(encoding="utf-8"), date=args.date, position=p) for p in args.inputs]
    status = 0
    for res in pipe.annotate_many(articles):
        if isinstance(res, Failure):
            print(f"eventwire: {res.reason}", file=sys.stderr)
            status = 1
            continue
        for ev in res.events:
            sys.stdout.write(json.dumps(to_dict(ev), ensure_ascii=False) + "\n")
    return status
