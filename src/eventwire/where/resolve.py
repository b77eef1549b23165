"""Toponym resolution: pick each name's gazetteer entry from prominence and the article's context."""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from .build import haversine_km
from .gazetteer import Candidate
from .recognize import Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["prior", "resolution_level", "resolve"]

NEAR_KM = 250.0
_POINT_CODES = {"STRT", "CNL", "PSTB", "PS", "BLDGS", "MILB", "PASS", "SHOL", "PPLX", "PPL", "PPLA", "PPLC"}


def prior(c: Candidate, same_name_city_admin1: set[str]) -> float:
    """Score a candidate with no context: countries, then curated places, subdivisions, big cities."""
    if c.kind == "country":
        s = 8.0
    elif c.kind == "curated":
        s = 7.5
    elif c.kind == "admin1":
        s = 5.0 if c.lat is not None else 3.0
        if c.admin1code is not None and c.admin1code in same_name_city_admin1:
            s -= 3.0  # "Rafah", "Kyiv": the city, not the province named after it
    elif c.kind == "admin2":
        s = 2.0 + 0.5 * math.log10(c.population + 10)
    else:
        s = math.log10(c.population + 10) + (1.0 if c.feature_code == "PPLC" else 0.0)
    if c.lat is None:
        s -= 1.0
    return s


def resolution_level(c: Candidate | None) -> str:
    """Return ``point``, ``admin1``, ``country`` or ``unresolved`` for a chosen candidate."""
    if c is None:
        return "unresolved"
    if c.kind == "country" or c.feature_code in {"PCLI", "PCLS"}:
        return "country"
    if c.kind == "city" or c.feature_code in _POINT_CODES:
        return "point"
    return "admin1"


def _qualifiers(doc: Doc, tops: list[Toponym]) -> None:
    """Link "Paris, Texas" / "Kyiv, Ukraine": a name followed by ", <country or state>"."""
    for a, b in zip(tops, tops[1:], strict=False):
        if b.start < a.end or b.start - a.end > 2:
            continue
        between = doc[a.end - 1].whitespace_ + "".join(doc[k].text_with_ws for k in range(a.end, b.start))
        if between.strip() == "," and any(c.kind in {"country", "admin1"} for c in b.candidates):
            a.qualifier = b


def _best(t: Toponym, scores: dict[int, float]) -> tuple[Candidate | None, float]:
    best: Candidate | None = None
    best_s = -1e9
    for c in t.candidates:
        s = scores[c.id]
        if s > best_s:
            best, best_s = c, s
    return best, best_s


def resolve(doc: Doc, tops: list[Toponym], dateline: Toponym | None = None) -> None:
    """Set ``chosen``, ``score`` and ``rule`` on every toponym (in place)."""
    _qualifiers(doc, tops)
    all_tops = tops + ([dateline] if dateline is not None and dateline not in tops else [])
    priors: dict[int, dict[int, float]] = {}
    for t in all_tops:
        cities = {c.admin1code for c in t.candidates if c.kind == "city" and c.population >= 10_000 and c.admin1code}
        priors[id(t)] = {c.id: prior(c, cities) for c in t.candidates}
        t.chosen, t.score = _best(t, priors[id(t)])
        t.rule = f"{t.source}:prior" if len(t.candidates) > 1 else f"{t.source}:only"

    # context from the first pass: countries named, countries of unambiguous places, the dateline
    countries: Counter[str] = Counter()
    own: dict[str, Counter[str]] = {}  # what each name contributed, so a name is not its own evidence
    anchors: list[tuple[Toponym, Candidate]] = []
    for t in all_tops:
        c = t.chosen
        if c is None or c.country_code is None or t.in_actor:
            continue
        unambiguous = len({x.country_code for x in t.candidates}) == 1
        weight = 2 if t.dateline else 1
        if c.kind == "country" or unambiguous or c.kind == "curated" or c.population >= 1_000_000 or t.dateline:
            countries[c.country_code] += weight
            own.setdefault(t.key, Counter())[c.country_code] += weight
            if c.lat is not None and resolution_level(c) == "point":  # regions are too big to be near anything
                anchors.append((t, c))

    for t in all_tops:
        if len(t.candidates) < 2 and t.qualifier is None:
            continue
        scores = dict(priors[id(t)])
        reason: dict[int, str] = {}
        qual = t.qualifier.chosen if t.qualifier is not None else None
        for c in t.candidates:
            bonus = 0.0
            if qual is not None and c.country_code == qual.country_code:
                bonus += 6.0
                reason[c.id] = "qualifier"
                if qual.kind == "admin1" and qual.admin1code and c.admin1code == qual.admin1code:
                    bonus += 4.0
            cc = c.country_code or ""
            n = countries.get(cc, 0) - own.get(t.key, Counter()).get(cc, 0)
            if n and not t.dateline:  # the dateline sets the scene; it is resolved on prominence and qualifier
                bonus += 1.5 + 0.25 * min(n, 4)
                reason.setdefault(c.id, "context-country")
            if c.lat is not None and c.kind != "country" and c.lon is not None and not t.dateline:
                for other, oc in anchors:
                    if other is t or other.key == t.key or oc.lat is None or oc.lon is None:
                        continue
                    if haversine_km(c.lat, c.lon, oc.lat, oc.lon) <= NEAR_KM:
                        bonus += 2.0
                        reason.setdefault(c.id, "nearby")
                        break
            scores[c.id] += bonus
        best, s = _best(t, scores)
        if best is not None:
            t.chosen, t.score = best, s
            t.rule = f"{t.source}:{reason.get(best.id, 'prior')}"
