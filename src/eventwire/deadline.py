"""Per-article time budgets that hold in every thread: a deadline the stages check as they go.

``SIGALRM`` can interrupt Python code only in the main thread, so the CLI and batch workers get a
hard timer (see :mod:`eventwire.pipeline`) while a server runs articles in worker threads. This
module gives both a cooperative budget: :func:`budget` sets a deadline for the current thread
(a context variable, so concurrent requests each see their own), and :func:`check` raises
:class:`~eventwire.errors.ArticleTimeout` once it has passed. ``Stage.__call__`` checks before
and after every eventwire stage, ``Pipeline`` checks between all components, and stages call
:func:`check` inside loops whose cost can grow faster than the text.

A single statistical component (tagger, parser) cannot be interrupted mid-call in a worker
thread; its cost is linear in the text, which ``max_article_chars`` bounds.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from .errors import ArticleTimeout

__all__ = ["budget", "check", "expired", "remaining"]


@dataclass(frozen=True, slots=True)
class _Deadline:
    at: float
    seconds: float
    what: str


_CURRENT: ContextVar[_Deadline | None] = ContextVar("eventwire_deadline", default=None)


@contextlib.contextmanager
def budget(seconds: float, what: str) -> Iterator[None]:
    """Give the block ``seconds`` of wall time (``<= 0``: unlimited); nested budgets keep the tighter one."""
    if seconds <= 0:
        yield
        return
    at = time.monotonic() + seconds
    outer = _CURRENT.get()
    if outer is not None and outer.at <= at:
        yield
        return
    token = _CURRENT.set(_Deadline(at, seconds, what))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def expired(what: str, seconds: float) -> ArticleTimeout:
    """The error for ``what`` having run over its budget of ``seconds`` (also the hard timer's)."""
    return ArticleTimeout(f"{what}: processing took longer than {seconds:g} s (article_timeout_s)")


def check() -> None:
    """Raise :class:`ArticleTimeout` if the current budget has run out; cheap enough for inner loops."""
    current = _CURRENT.get()
    if current is not None and time.monotonic() > current.at:
        raise expired(current.what, current.seconds)


def remaining() -> float | None:
    """Seconds left in the current budget, or ``None`` when there is none."""
    current = _CURRENT.get()
    return None if current is None else current.at - time.monotonic()
