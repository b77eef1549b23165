"""Where a batch run writes: Parquet directories and/or DuckDB databases, behind one interface."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from ..records import Annotation, Article, Failure
from .parquet import ParquetOutput, fingerprint, item_key

__all__ = ["DuckDBOutput", "Output", "ParquetOutput", "open_outputs", "pending"]

_DB_SUFFIXES = (".duckdb", ".db")


class Output(Protocol):
    """A batch destination that knows which input items it already holds."""

    def is_done(self, key: str, print_: str | None = None) -> bool:
        """Return True when the item with this resume key is already stored (with this fingerprint, when given)."""
        ...

    def write(self, items: Sequence[Annotation | Failure]) -> dict[str, int]:
        """Store one chunk of results durably."""
        ...

    def close(self) -> None:
        """Flush and release."""
        ...


class DuckDBOutput:
    """Writes chunks into an eventwire database through :class:`eventwire.store.DuckDBStore`.

    A chunk is one transaction, so a killed run loses at most the chunk in flight; resuming
    asks the store which articles it has (``has_article``). Articles that failed in the
    pipeline are not in ``articles`` and are tried again on a re-run; failures are upserted
    by a content id, so the tables end the same.
    """

    def __init__(self, path: str | Path) -> None:
        from ..store import DuckDBStore

        self.store = DuckDBStore(path)

    def is_done(self, key: str, print_: str | None = None) -> bool:
        """Return True when the article (``a:<id>``) or unreadable input (``p:<pos>``) is stored.

        With a fingerprint, an article stored with other text or metadata is not done (it is
        redone and replaced: the last copy wins).
        """
        kind, _, value = key.partition(":")
        if kind == "a":
            if print_ is None:
                return self.store.has_article(value)
            row = self.store.con.execute(
                "SELECT text, date, title, url, source, language FROM articles WHERE id = ?", [value]).fetchone()
            if row is None:
                return False
            text, date, title, url, source, language = row
            stored = Article(text=text, id=value, date=date, title=title, url=url, source=source, language=language)
            return fingerprint(stored) == print_
        row = self.store.con.execute("SELECT 1 FROM failures WHERE position = ? LIMIT 1", [value]).fetchone()
        return row is not None

    def write(self, items: Sequence[Annotation | Failure]) -> dict[str, int]:
        """Upsert the chunk in one transaction; return counts of articles, events, failures."""
        self.store.write_many(items)
        n_art = sum(isinstance(i, Annotation) for i in items)
        n_ev = sum(len(i.events) for i in items if isinstance(i, Annotation))
        return {"articles": n_art, "events": n_ev, "failures": len(items) - n_art}

    def close(self) -> None:
        """Checkpoint and close the database."""
        self.store.close()


def open_outputs(targets: Sequence[str | Path]) -> list[Output]:
    """Open each ``--out`` target: a ``.duckdb``/``.db`` file is a database, anything else a Parquet directory."""
    outs: list[Output] = []
    try:
        for t in targets:
            if str(t).endswith(_DB_SUFFIXES):
                outs.append(DuckDBOutput(t))
            else:
                outs.append(ParquetOutput(t))
    except BaseException:
        for o in outs:  # release what was opened (locks included) before the one that failed
            o.close()
        raise
    return outs


def pending(outputs: Sequence[Output], item: Article | Annotation | Failure) -> list[Output]:
    """Return the outputs that do not hold ``item`` yet (this copy of it, for an article)."""
    key = item_key(item)
    print_ = fingerprint(item)
    return [o for o in outputs if not o.is_done(key, print_)]
