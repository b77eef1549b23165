"""Shared helpers of the batch tests: a tiny generated corpus and reading outputs back as record sets."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[2]

__all__ = ["db_records", "describe_difference", "parquet_records", "write_corpus"]


def _corpus_module() -> Any:
    spec = importlib.util.spec_from_file_location("ew_bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_corpus(path: Path, n: int, seed: int = 3, bad_line_at: int | None = None) -> Path:
    """Write ``n`` generated articles as JSONL, with an invalid line after article ``bad_line_at``."""
    arts = _corpus_module().generate(n, seed)
    with path.open("w", encoding="utf-8") as fh:
        for i, a in enumerate(arts):
            fh.write(json.dumps(a) + "\n")
            if bad_line_at is not None and i == bad_line_at:
                fh.write("{not json\n")
    return path


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(map(repr, r)) for r in con.execute(sql).fetchall())


def parquet_records(root: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of the articles/events/failures Parquet tables under ``root``, sorted."""
    out = {}
    con = duckdb.connect()
    for table in ("articles", "events", "failures"):
        files = sorted((root / table).rglob("*.parquet"))
        if not files:
            out[table] = []
            continue
        names = ", ".join(f"'{f}'" for f in files)
        out[table] = _rows(con, f"SELECT * FROM read_parquet([{names}], hive_partitioning=true)")
    con.close()
    return out


def db_records(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of the articles/events/failures tables of a database, sorted."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: _rows(con, f"SELECT * FROM {t}") for t in ("articles", "events", "failures")}
    finally:
        con.close()


def describe_difference(got: dict[str, list[tuple[Any, ...]]],
                        want: dict[str, list[tuple[Any, ...]]]) -> str:
    """Return a short account of which rows differ between two record sets (for assert messages)."""
    lines = []
    for table in sorted(set(got) | set(want)):
        g, w = set(got.get(table, [])), set(want.get(table, []))
        if g != w:
            extra = sorted(r[:3] for r in g - w)[:3]
            missing = sorted(r[:3] for r in w - g)[:3]
            lines.append(f"{table}: {len(g)} rows vs {len(w)} expected; "
                         f"unexpected {extra}; missing {missing}")
    return "\n".join(lines) or "no difference"
