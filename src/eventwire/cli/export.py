"""``eventwire export``: write the tables of an eventwire database as Parquet, CSV or JSONL files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import StoreError
from ..store import TABLES, connect_readonly
from ..store.layout import select_sql
from ..store.schema import DERIVED_TABLES

__all__ = ["register", "run"]

EXAMPLES = """\
examples:
  eventwire export --db demo-out/demo.duckdb --format parquet --out exports/
  eventwire export --db events.duckdb --format csv --out csv/ --table events --table failures
  eventwire export --db events.duckdb --format jsonl --out jsonl/
"""

_COPY = {"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER true)", "jsonl": "(FORMAT json)"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``export`` command."""
    p = sub.add_parser(
        "export", help="write database tables out as parquet, csv or jsonl files",
        description="Export the tables of an eventwire DuckDB database (articles, events, "
                    "entities, places, timexes, quotes, failures, event_clusters), one file per "
                    "table, rows sorted by id. The events file has the columns of `extract -f csv` "
                    "and GET /v1/events?format=csv (docs/store.md); the others, the table's own.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", required=True, metavar="PATH", help="the eventwire DuckDB file")
    p.add_argument("-f", "--format", choices=tuple(_COPY), default="parquet", help="file format (default: parquet)")
    p.add_argument("--out", required=True, metavar="DIR", help="directory to write <table>.<ext> files into")
    p.add_argument("--table", action="append", choices=TABLES + DERIVED_TABLES[:1], dest="tables",
                   help="export only this table (repeatable; default: all)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export; returns 0, or 2 when the database cannot be opened."""
    try:
        con = connect_readonly(args.db)
    except StoreError as exc:
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for table in args.tables or TABLES + DERIVED_TABLES[:1]:
            target = out / f"{table}.{args.format}"
            quoted = str(target).replace("'", "''")
            query = (select_sql("events", csv=args.format == "csv") if table == "events"
                     else f"SELECT * FROM {table} ORDER BY id")
            con.execute(f"COPY ({query}) TO '{quoted}' {_COPY[args.format]}")
            row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            print(f"{target}: {row[0] if row else 0} rows", file=sys.stderr)
    except OSError as exc:
        print(f"eventwire: error: cannot write to {out}: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    return 0
