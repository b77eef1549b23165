"""Country names misspelt by a dropped letter or two swapped letters ("Ethopia", "Nigera", "Frnace").

Only one-word names and aliases of six letters or more are indexed, the first letter must match,
and a key shared by two countries is dropped. A wrong letter ("Brunel" for "Brunei") is not
accepted: too many real names are one letter away from a country. The stage consults the table
only for proper nouns that nothing else resolved.
"""

from __future__ import annotations

from collections.abc import Iterable

from .kb import Country, norm

__all__ = ["MIN_LENGTH", "build_misspellings", "lookup_misspelling"]

MIN_LENGTH = 6
_AMBIGUOUS = ""
_EXACT = "="


def build_misspellings(countries: Iterable[Country]) -> dict[str, str]:
    """Return key -> iso3: ``=name`` for each one-word name or alias, and the name less one letter.

    A key two countries share maps to "" (ambiguous).
    """
    table: dict[str, str] = {}

    def put(key: str, iso3: str) -> None:
        prev = table.get(key)
        table[key] = iso3 if prev in (None, iso3) else _AMBIGUOUS

    for c in countries:
        for name in (c.name, *c.aliases):
            w = norm(name)
            if len(w) < MIN_LENGTH or not w.isalpha():
                continue
            put(_EXACT + w, c.iso3)
            for i in range(1, len(w)):  # never the first letter
                put(w[:i] + w[i + 1:], c.iso3)
    return table


def lookup_misspelling(table: dict[str, str], word: str) -> str:
    """Return the iso3 of the country ``word`` misspells (a letter dropped or swapped), else ""."""
    w = norm(word)
    if len(w) < MIN_LENGTH - 1 or not w.isalpha():
        return ""
    found = set()
    if w in table:
        found.add(table[w])
    for i in range(1, len(w) - 1):
        swapped = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        if swapped != w and _EXACT + swapped in table:
            found.add(table[_EXACT + swapped])
    if len(found) != 1:
        return ""
    return found.pop()
