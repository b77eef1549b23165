"""The storage seam: the :class:`Store` protocol every backend implements."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from ..records import Annotation, Failure

__all__ = ["Store"]


@runtime_checkable
class Store(Protocol):
    """Where annotated articles and failures go; writes are idempotent upserts by id.

    Writing an article replaces every row it had before (events, entities, places, timexes,
    quotes) in one transaction, and clears the failures recorded for its id, so running the
    same input twice leaves the same rows.
    """

    def has_article(self, article_id: str) -> bool:
        """Return True when the article is stored (so a batch run can skip it)."""
        ...

    def write(self, annotation: Annotation) -> None:
        """Store one annotated article and all its rows in one transaction."""
        ...

    def write_many(self, items: Iterable[Annotation | Failure]) -> int:
        """Store annotations and failures in one transaction; return how many items were written."""
        ...

    def write_failure(self, failure: Failure) -> None:
        """Record an article that could not be read or processed."""
        ...

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each data table."""
        ...

    def close(self) -> None:
        """Flush and release the store; further use is an error."""
        ...
