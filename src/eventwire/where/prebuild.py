"""Build the cached gazetteer index ahead of first use: ``python -m eventwire.where.prebuild``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Build (or find) the index for the current settings and print its path, build time and size."""
    from ..config import load_settings
    from .gazetteer import load_gazetteer

    ap = argparse.ArgumentParser(prog="python -m eventwire.where.prebuild", description=__doc__.splitlines()[0])
    ap.add_argument("--cache-dir", help="where to keep the index (default: the cache_dir setting)")
    args = ap.parse_args(argv)
    settings = load_settings(cache_dir=args.cache_dir) if args.cache_dir else load_settings()
    gaz = load_gazetteer(settings)
    print(json.dumps({"path": str(gaz.path), "build_seconds": round(gaz.build_seconds, 1), **gaz.stats()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
