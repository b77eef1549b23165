"""Accent- and case-insensitive keys for place names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "is_latin_key", "strip_article"]

_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae", "Æ": "ae",
    "œ": "oe", "Œ": "oe", "ı": "i", "ħ": "h", "Ħ": "h", "þ": "th", "ð": "d",
    "’": "", "‘": "", "'": "", "ʼ": "", "ʻ": "", "`": "", "´": "", "ʿ": "", "ʾ": "",
    "-": " ", "‐": " ", "‑": " ", "–": " ", "—": " ", ".": "", ",": " ", "/": " ",
})
_SPACES = re.compile(r"\s+")
_ASCII_KEY = re.compile(r"^[a-z0-9 &()]+$")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Return the lookup key of a name: lower case, no accents, no apostrophes or dots, single spaces.

    >>> fold("Rafaḩ"), fold("Nagorno-Karabakh"), fold("St. Petersburg")
    ('rafah', 'nagorno karabakh', 'st petersburg')
    """
    text = text.translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text.lower()).strip()


def strip_article(key: str) -> str:
    """Drop a leading "the " from a folded key ("the gaza strip" -> "gaza strip")."""
    return key[4:] if key.startswith("the ") else key


def is_latin_key(key: str) -> bool:
    """Whether a folded key is plain Latin letters, digits and spaces (worth indexing for English)."""
    return bool(key) and bool(_ASCII_KEY.match(key))
