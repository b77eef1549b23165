"""``eventwire serve``: the HTTP API and the web dashboard over an eventwire database."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

__all__ = ["register", "run"]

EXAMPLES = """\
examples:
  eventwire serve --db demo-out/demo.duckdb                 # dashboard at http://127.0.0.1:8000/
  eventwire serve --db events.duckdb --port 9000
  EVENTWIRE_API_TOKEN=$(openssl rand -hex 24) eventwire serve --db events.duckdb
                                                            # also accept POST /v1/articles
API reference: docs/api.md; OpenAPI schema at /openapi.json.
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``serve`` command."""
    p = sub.add_parser(
        "serve", help="serve the HTTP API and the web dashboard over a database",
        description="Serve an eventwire database: the JSON API under /v1 and a dashboard (events "
                    "table, timeline, map, actor network, article view, extract page) at /. "
                    "Works offline. Reads are open unless api_read_token is set; writes need "
                    "api_token (EVENTWIRE_API_TOKEN), and without it the database is opened read-only.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", required=True, metavar="PATH", help="the eventwire DuckDB file")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--config", metavar="FILE", help="TOML settings file (default: ./eventwire.toml if present)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the server; returns 2 when the database or settings cannot be used."""
    import uvicorn

    from ..api import create_app
    from ..config import load_settings
    from ..errors import StoreError

    try:
        settings = load_settings(args.config)
    except (OSError, ValueError) as exc:
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return 2
    if not settings.api_token and not Path(args.db).is_file():
        print(
            f"eventwire: error: database not found: {args.db}; create it with "
            f"`eventwire extract ... --db {args.db}`, or set EVENTWIRE_API_TOKEN to start an empty "
            "database that accepts POST /v1/articles",
            file=sys.stderr,
        )
        return 2
    try:
        app = create_app(settings, args.db)
    except StoreError as exc:
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return 2
    mode = "read-write (POST /v1/articles needs the token)" if settings.api_token else "read-only"
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"eventwire: warning: listening on {args.host}: the dashboard is reachable from other machines", file=sys.stderr)
    print(f"eventwire: serving {args.db} ({mode}) at http://{args.host}:{args.port}/", file=sys.stderr)
    # uvicorn shuts down gracefully on SIGTERM (requests finish, the database is checkpointed
    # and closed), then re-raises the signal to the previous handler: make that a clean exit 0,
    # not death by signal, so service managers and scripts see a normal stop.
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def _stopped(signum: int, frame: object) -> None:
    raise SystemExit(0)
