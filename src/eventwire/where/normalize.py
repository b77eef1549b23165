"""Accent- and case-insensitive keys for place names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_uncached", "is_latin_key", "maybe_latin", "strip_article"]

_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae", "Æ": "ae",
    "œ": "oe", "Œ": "oe", "ı": "i", "ħ": "h", "Ħ": "h", "þ": "th", "ð": "d",
    "’": "", "‘": "", "'": "", "ʼ": "", "ʻ": "", "`": "", "´": "", "ʿ": "", "ʾ": "",
    "-": " ", "‐": " ", "‑": " ", "–": " ", "—": " ", ".": "", ",": " ", "/": " ",
})
_SPACES = re.compile(r"\s+")
_ASCII_KEY = re.compile(r"^[a-z0-9 &()]+$")


_NOT_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF\u2010-\u2019\u02B0-\u02FF\u0300-\u036F]")


def fold_uncached(text: str) -> str:
    """:func:`fold` without the memo table (for building the index from a million distinct names)."""
    text = text.translate(_SPECIAL)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text.lower()).strip()


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Return the lookup key of a name: lower case, no accents, no apostrophes or dots, single spaces.

    >>> fold("Rafaḩ"), fold("Nagorno-Karabakh"), fold("St. Petersburg")
    ('rafah', 'nagorno karabakh', 'st petersburg')
    """
    return fold_uncached(text)


def maybe_latin(text: str) -> bool:
    """Cheap pre-check: whether a name is written in Latin script (others never make an index key)."""
    return _NOT_LATIN.search(text) is None


def strip_article(key: str) -> str:
    """Drop a leading "the " from a folded key ("the gaza strip" -> "gaza strip")."""
    return key[4:] if key.startswith("the ") else key


def is_latin_key(key: str) -> bool:
    """Whether a folded key is plain Latin letters, digits and spaces (worth indexing for English)."""
    return bool(key) and bool(_ASCII_KEY.match(key))
