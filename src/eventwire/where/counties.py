"""Names listed with a plural division word: "Douglas and Wyandotte counties", "the provinces of A, B and C"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import view
from .gazetteer import Candidate, Gazetteer
from .normalize import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["PLURALS", "listed_divisions"]

# plural division words after a list of names, and the singular the gazetteer names them with
PLURALS = {"counties": "county", "parishes": "parish", "boroughs": "borough", "provinces": "province"}
_KINDS = {"county": {"admin2"}, "parish": {"admin2"}, "borough": {"admin2"},
          "province": {"admin1", "admin2", "curated"}}  # what a "<name> <singular>" may be
_JOINERS = {",", "and", "or", "&"}
MAX_NAMES = 12  # a list longer than this is no list of counties but a run of text


def _name_run(doc: Doc, end: int) -> int | None:
    """The start of the capitalised name ending at token ``end`` ("Otter Tail", "St. Croix"), or None."""
    toks = view(doc).tokens
    k = end
    while k > 0 and (toks[k - 1].text[:1].isupper() or toks[k - 1].text in {".", "-"}) \
            and toks[k - 1].text not in _JOINERS and not toks[k - 1].is_sent_start:
        k -= 1
    if k > 0 and toks[k - 1].is_sent_start and toks[k - 1].text[:1].isupper():
        k -= 1
    return k if k < end and toks[k].text[:1].isupper() else None


def _as_division(doc: Doc, start: int, end: int, singular: str, gaz: Gazetteer) -> tuple[str, tuple[Candidate, ...]]:
    """The key "<name> <singular>" of tokens ``start:end`` and the divisions the gazetteer calls so."""
    key = f"{fold(doc[start:end].text)} {singular}"
    return key, tuple(c for c in gaz.candidates(key) if c.kind in _KINDS[singular])


def listed_divisions(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int, str, tuple[Candidate, ...]]]:
    """``(start, end, key, candidates)`` of each name in a list closed (or, for provinces, opened) by a plural
    division word.

    "in Becker, Clay, Douglas and Otter Tail counties", "Anderson and Cherokee counties": each name
    is read as "<name> County" (only when the gazetteer knows a second-level division so named); the
    list is walked back from the plural word over names joined by commas, "and", "or". "Kunar and
    Nangarhar provinces", "the provinces of Nyanza, Rift Valley and Coast": "<name> province" (a first-
    or second-level division or a curated province).
    """
    toks = view(doc).tokens
    out: list[tuple[int, int, str, tuple[Candidate, ...]]] = []
    for i, tok in enumerate(toks):
        singular = PLURALS.get(tok.lower_)
        if singular is None or i == 0:
            continue
        end = i
        names: list[tuple[int, int, str, tuple[Candidate, ...]]] = []
        while end > 0 and len(names) < MAX_NAMES:
            start = _name_run(doc, end)
            if start is None:
                break
            key, cands = _as_division(doc, start, end, singular, gaz)
            if not cands:
                break
            names.append((start, end, key, cands))
            k = start
            while k > 0 and toks[k - 1].lower_ in _JOINERS:
                k -= 1
            if k == start:
                break  # the list opens here
            end = k
        if len(names) >= 2:  # one name before "counties" is a phrase ("Cook counties'"), not a list
            out.extend(names)
        elif singular == "province" and i + 1 < len(toks) and toks[i + 1].lower_ == "of":
            out.extend(_listed_after(doc, gaz, i + 2, singular))  # "the provinces of Nyanza, Rift Valley, ..."
    return out


def _listed_after(doc: Doc, gaz: Gazetteer, k: int, singular: str) -> list[tuple[int, int, str, tuple[Candidate, ...]]]:
    """The names of a list that follows "<plural division word> of", each read as "<name> <singular>"."""
    toks = view(doc).tokens
    names: list[tuple[int, int, str, tuple[Candidate, ...]]] = []
    while k < len(toks) and len(names) < MAX_NAMES and toks[k].text[:1].isupper():
        end = k
        while end < len(toks) and toks[end].text[:1].isupper() and toks[end].text not in _JOINERS:
            end += 1
        key, cands = _as_division(doc, k, end, singular, gaz)
        if cands:
            names.append((k, end, key, cands))
        while end < len(toks) and toks[end].lower_ in _JOINERS:
            end += 1
        if end == k:
            break
        k = end
    return names if len(names) >= 2 else []
