"""Cleaning that never moves offsets: every character maps to exactly one character.

The cleaned text is what spaCy parses; because it has the same length as the original,
every offset found in it is an offset into the original text.
"""

from __future__ import annotations

import unicodedata

__all__ = ["clean_text"]

# Characters replaced one-for-one. Quotes are kept as they are: the quotes stage needs them.
_SPACE_LIKE = {
    "\u00a0", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007",
    "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000", "\ufeff", "\u200b", "\u200c",
    "\u200d", "\u2060", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
    "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\t", "\x0b", "\x0c",
}
_MAP = {ord(c): " " for c in _SPACE_LIKE}
_MAP.update({ord("\r"): "\n", ord("\u2028"): "\n", ord("\u2029"): "\n", ord("\u2010"): "-",
             ord("\u2011"): "-", ord("\u2012"): "-", ord("\u2212"): "-"})


def _one(ch: str) -> str:
    if ch in ("\n", " "):
        return ch
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cs", "Co", "Cn"):
        return " "
    return ch


def clean_text(text: str) -> str:
    """Return ``text`` with invisible, control and odd space characters made plain, same length."""
    out = text.translate(_MAP)
    if out.isascii() and out.isprintable() or all(c.isprintable() or c == "\n" for c in out):
        return out
    return "".join(_one(c) for c in out)
