"""``eventwire batch``: annotate a corpus of any size into Parquet and/or DuckDB, resumably."""

from __future__ import annotations

import argparse
import json
import sys

__all__ = ["register", "run"]

_EPILOG = """examples:
  eventwire batch corpus.jsonl --out out/                      # Parquet, 1 process
  eventwire batch corpus/ --out out/ --out events.duckdb --workers 2
  eventwire batch corpus.jsonl.gz --out out/ --engine ray --workers 8
  eventwire batch s3-mounted/ --out out/ --engine ray --ray-address auto

Re-running the same command skips articles already written, so an interrupted run
(even by kill -9) resumes where it stopped and ends with the same output."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``batch`` command."""
    p = sub.add_parser(
        "batch", help="annotate a large corpus into Parquet and/or DuckDB (resumable, parallel)",
        description="Annotate a corpus of any size, streaming, into hive-partitioned Parquet "
                    "(a directory) and/or a DuckDB database (a .duckdb file).",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or directories of articles")
    p.add_argument("--out", action="append", required=True, metavar="DIR|DB.duckdb",
                   help="Parquet directory or .duckdb file; repeat to write both")
    p.add_argument("--engine", choices=("local", "ray"), default="local")
    p.add_argument("--workers", type=int, default=1, help="processes (local) or actors (ray)")
    p.add_argument("--ray-address", default=None,
                   help="attach to an existing Ray cluster (e.g. 'auto' or ray://host:10001)")
    p.add_argument("--ray-window", type=int, default=16,
                   help="chunks per worker sent to Ray at a time (bounds driver memory)")
    p.add_argument("--batch-size", type=int, default=256,
                   help="articles per chunk: one Parquet part / one transaction each")
    p.add_argument("--date", help="publication date for inputs that carry none (YYYY-MM-DD)")
    p.add_argument("--input-format", help="force the input format (jsonl, json, csv, tsv, parquet, txt, html)")
    p.add_argument("--config", help="eventwire.toml settings file")
    p.add_argument("--all-events", action="store_true",
                   help="keep every coded event, political or not (default: political events only)")
    p.add_argument("--progress", dest="progress", action="store_true", default=None,
                   help="force the progress bar (default: only when stderr is a terminal)")
    p.add_argument("--no-progress", dest="progress", action="store_false")
    p.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    p.set_defaults(func=run)


def _warn(message: str) -> None:
    """Print a reading warning the way ``extract`` does (above the progress bar, if any)."""
    from tqdm import tqdm

    tqdm.write(f"eventwire: warning: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Run the batch and print its summary; exit 1 when any article failed."""
    from ..batch import run_batch
    from ..config import load_settings
    from ..errors import EventwireError

    if args.workers < 1 or args.batch_size < 1:
        print("eventwire batch: --workers and --batch-size must be >= 1", file=sys.stderr)
        return 2
    try:
        settings = load_settings(args.config, political_only=False if args.all_events else None)
        summary = run_batch(
            args.inputs, args.out, engine=args.engine, workers=args.workers,
            batch_size=args.batch_size, settings=settings, date=args.date,
            input_format=args.input_format,
            ray_address=args.ray_address, ray_window=args.ray_window, progress=args.progress,
            on_warning=_warn,
        )
    except (EventwireError, OSError, ValueError) as exc:  # bad input, settings, model or data file
        print(f"eventwire batch: {exc}", file=sys.stderr)
        return 2
    print(summary.text(), file=sys.stderr)
    if args.json:
        print(json.dumps(summary.as_dict()))
    return 1 if summary.failures else 0
