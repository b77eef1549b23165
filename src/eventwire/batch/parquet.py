"""Parquet output: hive-partitioned part files written atomically, and the done-manifest.

Layout of ``--out DIR``::

    DIR/articles/pub_date=2024-06-10/part-<hash>.parquet
    DIR/events/pub_date=2024-06-10/part-<hash>.parquet
    DIR/failures/pub_date=unknown/part-<hash>.parquet
    DIR/_manifest.jsonl          one line per finished part: its files, the input keys it covers
                             and each article's fingerprint (its text and metadata hashed)
DIR/.lock                    held (flock) by the run writing the directory: a second run is refused

The partition key is the article's publication date (``pub_date``, not ``date``: events carry
their own ``date`` column, the day the event happened, and a hive reader would mix the two).
Columns are exactly the database's (``eventwire.store.COLUMNS``), so the Parquet files and the
DuckDB tables are interchangeable. A part's ``<hash>`` hashes the input keys it covers, so the
same chunk redone after a crash overwrites the file with identical bytes. Files are written
to a temporary name, fsynced and renamed; the manifest line is appended (and fsynced) only
after all of a part's files are in place, and on open every part file the manifest does not
list is deleted: a ``kill -9`` at any point leaves a directory that resumes to exactly the
result of an uninterrupted run.

The same article id read again with other text or metadata (a later copy in the input, or a
re-run over an edited corpus) replaces the earlier one: its rows are first removed from the
parts that hold them (each file rewritten atomically), then the new part is written. A crash
between the two leaves the key recorded with the old fingerprint, so the next run redoes it.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..errors import StoreError
from ..records import Annotation, Article, Failure, content_id
from ..store import COLUMNS, annotation_rows, failure_row

__all__ = ["PARQUET_TABLES", "ParquetOutput", "arrow_schema", "fingerprint", "item_key", "last_copies", "lock_directory"]

PARQUET_TABLES = ("articles", "events", "failures")
MANIFEST = "_manifest.jsonl"
LOCK = ".lock"
PARTITION = "pub_date"
_ID_COLUMN = {"articles": "id", "events": "article_id", "failures": "article_id"}

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "VARCHAR[]": pa.list_(pa.string()),
}


@cache
def arrow_schema(table: str) -> pa.Schema:
    """Return the Arrow schema of ``table``, read from the store's own DuckDB schema."""
    from ..store import DuckDBStore

    store = DuckDBStore(":memory:")
    try:
        rows = store.con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position", [table]
        ).fetchall()
    finally:
        store.close()
    types = dict(rows)
    return pa.schema([(c, _ARROW_TYPES.get(types[c], pa.string())) for c in COLUMNS[table]])


def item_key(item: Article | Annotation | Failure) -> str:
    """Return the resume key of an input or result item: its article id, else its input position."""
    if isinstance(item, Article):
        return "a:" + item.id
    if isinstance(item, Annotation):
        return "a:" + item.article.id
    if item.article_id:
        return "a:" + item.article_id
    return "p:" + str(item.position)


def fingerprint(item: Article | Annotation | Failure) -> str | None:
    """Return the hash of an article's text and metadata (None for a failure): what "the same copy" means."""
    a = item.article if isinstance(item, Annotation) else item
    if not isinstance(a, Article):
        return None
    return content_id(a.text, a.date, a.title, a.url, a.source, a.language)


def lock_directory(root: Path) -> IO[bytes] | None:
    """Take the exclusive lock of an output directory; raise :class:`StoreError` when another run holds it."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return None
    fh = (root / LOCK).open("ab")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        fh.close()
        raise StoreError(f"{root} is being written by another eventwire batch run (lock {root / LOCK} is held); "
                         "wait for it to finish, or write to another --out directory") from exc
    return fh


def _partition(date: str | None) -> str:
    if date and len(date) >= 10 and date[4] == "-" and date[7] == "-":
        return date[:10]
    return "unknown"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class ParquetOutput:
    """Writes chunks of results as Parquet parts under ``root`` and remembers what is done."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = lock_directory(self.root)  # before anything is read or removed
        self.manifest = self.root / MANIFEST
        self._done: dict[str, str | None] = {}  # key -> fingerprint of the copy written
        self._parts: dict[str, list[list[str]]] = defaultdict(list)  # key -> file lists of the parts holding it
        self._files: set[str] = set()
        self._load_manifest()
        self._remove_orphans()

    # -- resume ------------------------------------------------------------------------------

    def _load_manifest(self) -> None:
        if not self.manifest.exists():
            return
        good = 0
        with self.manifest.open("rb") as fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # a line torn by a crash: its part is redone
                try:
                    entry = json.loads(raw)
                except json.JSONDecodeError:
                    break
                self._remember(entry)
                good += len(raw)
        if good != self.manifest.stat().st_size:
            with self.manifest.open("r+b") as fh:
                fh.truncate(good)

    def _remove_orphans(self) -> None:
        for table in PARQUET_TABLES:
            base = self.root / table
            if not base.is_dir():
                continue
            for f in base.rglob("*"):
                if not f.is_file():
                    continue
                rel = f.relative_to(self.root).as_posix()
                if f.name.startswith(".tmp-") or rel not in self._files:
                    f.unlink()

    def _remember(self, entry: dict[str, Any]) -> None:
        prints = entry.get("prints", {})
        for key in entry["keys"]:
            self._done[key] = prints.get(key)
            self._parts[key].append(entry["files"])
        self._files.update(entry["files"])

    def is_done(self, key: str, print_: str | None = None) -> bool:
        """Return True when the item with this key is in a finished part (with this fingerprint, when given).

        A part written before fingerprints were recorded counts as done whatever the fingerprint.
        """
        if key not in self._done:
            return False
        stored = self._done[key]
        return print_ is None or stored is None or stored == print_

    @property
    def n_done(self) -> int:
        """Return how many input items finished parts cover."""
        return len(self._done)

    # -- writing -----------------------------------------------------------------------------

    def write(self, items: Iterable[Annotation | Failure]) -> dict[str, int]:
        """Write one chunk of results as a part; return the rows written per table."""
        items = last_copies(list(items))
        keys = sorted({item_key(i) for i in items})
        if not keys:
            return {}
        self._drop_stale([k for k in keys if k in self._done])
        prints = {item_key(i): fingerprint(i) for i in items if isinstance(i, Annotation)}
        part = content_id(*keys, *sorted(f"{k}={v}" for k, v in prints.items()))
        dates: dict[str, str | None] = {}
        rows: dict[str, dict[str, list[dict[str, Any]]]] = {t: defaultdict(list) for t in PARQUET_TABLES}
        for item in items:
            if isinstance(item, Annotation):
                date = _partition(item.article.date)
                dates[item.article.id] = date
                tables = annotation_rows(item)
                for table in ("articles", "events"):
                    if tables[table]:
                        rows[table][date].extend(tables[table])
        for item in items:
            if isinstance(item, Failure):
                date = dates.get(item.article_id or "", "unknown") or "unknown"
                rows["failures"][date].append(failure_row(item))
        files: list[str] = []
        counts = {t: 0 for t in PARQUET_TABLES}
        for table in PARQUET_TABLES:
            for date in sorted(rows[table]):
                recs = rows[table][date]
                counts[table] += len(recs)
                files.append(self._write_file(table, date, part, recs))
        _fsync_dir(self.root)
        entry = {"part": part, "keys": keys, "files": files, "prints": prints, **counts}
        line = (json.dumps(entry, separators=(",", ":")) + "\n").encode("utf-8")
        with self.manifest.open("ab") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
        self._remember(entry)
        return counts

    def _drop_stale(self, keys: list[str]) -> None:
        """Remove the rows of these (article) keys from the finished parts that hold them."""
        ids = sorted({k[2:] for k in keys if k.startswith("a:")})
        if not ids:
            return
        files = {f for k in keys for listing in self._parts.get(k, []) for f in listing}
        drop = pa.array(ids, pa.string())
        for rel in sorted(files):
            path = self.root / rel
            table = rel.split("/", 1)[0]
            if not path.is_file() or table not in _ID_COLUMN:
                continue
            data = pq.read_table(path, schema=arrow_schema(table))
            keep = pc.invert(pc.fill_null(pc.is_in(data[_ID_COLUMN[table]], value_set=drop), False))
            if pc.all(keep).as_py():
                continue
            tmp = path.with_name(f".tmp-{path.stem}-{os.getpid()}.parquet")
            pq.write_table(data.filter(keep), tmp, compression="zstd")
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            _fsync_dir(path.parent)

    def _write_file(self, table: str, date: str, part: str, recs: list[dict[str, Any]]) -> str:
        schema = arrow_schema(table)
        data = pa.Table.from_pydict({c: [r[c] for r in recs] for c in schema.names}, schema=schema)
        folder = self.root / table / f"{PARTITION}={date}"
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"part-{part}.parquet"
        tmp = folder / f".tmp-{part}-{os.getpid()}.parquet"
        pq.write_table(data, tmp, compression="zstd")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        _fsync_dir(folder)
        return final.relative_to(self.root).as_posix()

    def close(self) -> None:
        """Release the directory's lock (every part is durable when :meth:`write` returns)."""
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.close()
            self._lock = None


def last_copies(items: list[Annotation | Failure]) -> list[Annotation | Failure]:
    """Keep the last annotation of each article id in a chunk (the rule for duplicates)."""
    last = {item_key(i): n for n, i in enumerate(items) if isinstance(i, Annotation)}
    return [i for n, i in enumerate(items) if not isinstance(i, Annotation) or last[item_key(i)] == n]
