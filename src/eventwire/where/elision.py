"""Names shortened by coordination: "Central and South America" names Central America too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import view
from .accept import STRONG_KINDS
from .normalize import fold
from .toponym import Toponym, surface

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .gazetteer import Gazetteer

__all__ = ["elided_names"]

# words that set one part of a region apart; the shared rest of the name follows the last of them
_PART_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                         "northeast", "northwest", "southeast", "southwest", "upper", "lower", "middle"})
_JOINERS = frozenset({"and", "or", "&"})


def elided_names(doc: Doc, found: list[Toponym], gaz: Gazetteer) -> list[Toponym]:
    """The parts a coordination leaves without their shared word, as names of their own.

    "Central and South America", "North and South Korea", "East, West and Central Africa": the
    found "South America" lends "America" to the capitalised part words before it. Such a part is
    taken only when the gazetteer knows the whole name as a country, division or curated region
    under exactly that name (source ``coordination``).
    """
    toks = view(doc).tokens
    held = {k for t in found for k in range(t.start, t.end)}
    out: list[Toponym] = []
    for t in found:
        if t.end - t.start < 2 or toks[t.start].lower_ not in _PART_WORDS or not toks[t.start].is_title:
            continue
        rest = surface(doc, t.start + 1, t.end)
        k = t.start - 1
        if k < 1 or toks[k].lower_ not in _JOINERS:
            continue
        j = k - 1
        while j >= 0 and j not in held and toks[j].is_title and toks[j].lower_ in _PART_WORDS \
                and not toks[j].is_sent_start:
            key = fold(f"{toks[j].text} {rest}")
            cands = tuple(c for c in gaz.candidates(key) if c.kind in STRONG_KINDS and fold(c.name) == key)
            if not cands:
                break
            out.append(Toponym(j, j + 1, toks[j].idx, toks[j].idx + len(toks[j].text), key, "coordination", cands))
            if j < 2 or toks[j - 1].text != ",":
                break
            j -= 2  # "East, West and Central Africa"
    return out
