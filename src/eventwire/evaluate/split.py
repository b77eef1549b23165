"""Deterministic tune/check halves of every dev file: a record's half is a hash of its id.

Errors are read and rules fixed on the ``tune`` half only; the ``check`` half measures whether a
change generalises. The split never depends on file order, on the other records or on Python's
hash seed, so a record keeps its half when a file grows or is re-ordered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

__all__ = ["HALVES", "Half", "half_of", "select_half"]

Half = Literal["tune", "check"]
HALVES: tuple[Half, Half] = ("tune", "check")

T = TypeVar("T")


def half_of(record_id: str) -> Half:
    """Return ``"tune"`` or ``"check"`` for a record id (the parity of sha1 of the id's UTF-8 bytes)."""
    digest = hashlib.sha1(str(record_id).strip().encode("utf-8")).digest()
    return "tune" if digest[-1] % 2 == 0 else "check"


def select_half(items: Iterable[T], half: str | None, key: Callable[[T], str]) -> list[T]:
    """Keep the items of ``half`` (``tune``/``check``); ``None`` or ``"all"`` keeps every item."""
    if half in (None, "all"):
        return list(items)
    if half not in HALVES:
        raise ValueError(f"unknown half {half!r}: choose tune, check or all")
    return [it for it in items if half_of(key(it)) == half]
