"""State and division abbreviations: "Georgetown, Ky.", "3 Ind. fugitives", "(Birbhum district, WB)"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import view
from .gazetteer import Candidate, Gazetteer
from .normalize import fold
from .toponym import Lexicon, Toponym, lookup_key, surface

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["BIG_CITY", "ap_state", "bracket_abbreviations", "opened_after_name", "state_abbreviations", "us_state"]

BIG_CITY = 100_000  # "Bogota, D.C.": a city this big abroad, with no namesake in the state, is not in the US


def state_abbreviations(doc: Doc, gaz: Gazetteer, lex: Lexicon) -> list[Toponym]:
    """AP or postal state abbreviations right after "<capitalised word>,": the state, never a same-named town."""
    if not lex.state_abbreviations:
        return []
    table = dict(lex.state_abbreviations)
    toks = view(doc).tokens
    out = []
    for i in range(2, len(doc)):
        tok = toks[i]
        name = table.get(tok.text)
        end = i + 1
        if name is None and i + 1 < len(doc):
            name = table.get(tok.text + tok.whitespace_ + toks[i + 1].text)  # "W." "Va." / "W.Va." split in two
            end = i + 2
        if name is None or toks[i - 1].text != "," or not toks[i - 2].text[:1].isupper():
            continue
        cands = us_state(gaz, name)
        if cands and not _capital_abroad(doc, i - 2, name, gaz):
            last = toks[end - 1]
            out.append(Toponym(i, end, tok.idx, last.idx + len(last.text), fold(name), "abbreviation", cands))
    return out


def ap_state(doc: Doc, start: int, end: int, lex: Lexicon) -> str | None:
    """The state an AP abbreviation with its dot names ("Neb.", "Mass."), for a span the model tagged a place."""
    toks = view(doc).tokens
    text = surface(doc, start, end)
    if end < len(doc) and toks[end].text == "." and not toks[end - 1].whitespace_:
        text += "."
    if not text.endswith("."):
        return None  # most spans: no table built
    return dict(lex.state_abbreviations).get(text)


def us_state(gaz: Gazetteer, name: str) -> tuple[Candidate, ...]:
    """The gazetteer's first-level division of the United States called ``name`` ("Kentucky")."""
    return tuple(c for c in gaz.candidates(fold(name)) if c.kind == "admin1" and c.country_code == "USA")


def bracket_abbreviations(doc: Doc, gaz: Gazetteer, lex: Lexicon) -> list[Toponym]:
    """Division short forms as the last item of a bracketed chain after a name: "(Rajouri district, J&K)"."""
    if not lex.bracket_abbreviations:
        return []
    table = {a: (cc, name) for a, cc, name in lex.bracket_abbreviations}
    toks = view(doc).tokens
    out = []
    for i in range(2, len(doc) - 1):
        hit = table.get(toks[i].text)
        if hit is None or toks[i - 1].text != "," or toks[i + 1].text != ")" or not _after_name(doc, i, lex):
            continue
        cc, name = hit
        cands = tuple(c for c in gaz.candidates(fold(name)) if c.kind == "admin1" and c.country_code == cc)
        if cands:
            out.append(Toponym(i, i + 1, toks[i].idx, toks[i].idx + len(toks[i].text), fold(name), "abbreviation", cands))
    return out


def _after_name(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Whether token ``i`` sits in a bracket opened right after a name, or a name and a kind of place
    ("Suri (...", "Suri city (...")."""
    return opened_after_name(doc, i, lex.place_nouns)


def _capital_abroad(doc: Doc, last: int, state: str, gaz: Gazetteer) -> bool:
    """Whether the name ending at token ``last`` is a big city abroad with no namesake in ``state``.

    ("Bogota, D.C.", ACLED's "Bogota, Distrito Capital": the abbreviation is Colombia's capital
    district, not Washington's.)
    """
    for first in range(max(0, last - 2), last + 1):  # the longest name first: "Fort Knox", not "Knox"
        cands = gaz.candidates(lookup_key(doc, first, last + 1))
        if cands:
            if any(c.country_code == "USA" and c.admin1 == state for c in cands):
                return False
            return any(c.country_code != "USA" and c.population >= BIG_CITY for c in cands)
    return False


def opened_after_name(doc: Doc, i: int, kinds: frozenset[str] = frozenset()) -> bool:
    """Whether the nearest bracket before token ``i`` (within 11 tokens) opens right after a capitalised
    name, or after a name and one of ``kinds`` ("Suri city (")."""
    toks = view(doc).tokens
    opening = next((k for k in range(i - 1, max(-1, i - 12), -1) if toks[k].text in "()"), None)
    if opening is None or toks[opening].text != "(" or opening == 0:
        return False
    before = opening - 1
    if toks[before].lower_ in kinds and before > 0:
        before -= 1
    return toks[before].text[:1].isupper()
