"""Toponym resolution: pick each name's gazetteer entry from prominence and the article's context."""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from .build import haversine_km
from .gazetteer import Candidate
from .ranker import Ranker, build_context, features, load_ranker
from .recognize import Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["candidate_features", "prior", "resolution_level", "resolve"]

NEAR_KM = 250.0
_POINT_CODES = {"STRT", "CNL", "PSTB", "PS", "BLDGS", "MILB", "PASS", "SHOL", "PPLX", "PPL", "PPLA", "PPLC"}


def prior(c: Candidate, same_name_city_countries: set[str]) -> float:
    """Score a candidate with no context: countries, then curated places, subdivisions, big cities."""
    if c.kind == "country":
        s = 8.0
    elif c.kind == "curated":
        s = 7.5
    elif c.kind == "admin1":
        s = 5.0 if c.lat is not None else 3.0
        if c.country_code is not None and c.country_code in same_name_city_countries:
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
    """Link "Paris, Texas", "Kyiv, Ukraine", "La Plata (Buenos Aires)": a name followed by its division or country."""
    for a, b in zip(tops, tops[1:], strict=False):
        if b.start < a.end or b.start - a.end > 2:
            continue
        between = doc[a.end - 1].whitespace_ + "".join(doc[k].text_with_ws for k in range(a.end, b.start))
        if between.strip() not in {",", "("}:
            continue
        if between.strip() == "(" and (b.end >= len(doc) or doc[b.end].text != ")"):
            continue
        if any(c.kind in {"country", "admin1", "admin2"} for c in b.candidates):
            a.qualifier = b


def _contained(t: Toponym) -> list[Candidate]:
    """The candidates inside the qualifier's choice ("Paris, Texas": only Texan Parises), else all."""
    q = t.qualifier.chosen if t.qualifier is not None else None
    if q is None or q.country_code is None:
        return list(t.candidates)
    inside = [c for c in t.candidates if c.country_code == q.country_code]
    if q.kind in {"admin1", "admin2"} and q.admin1code:
        finer = [c for c in inside if c.admin1code == q.admin1code]
        inside = finer or inside
    return inside or list(t.candidates)


def _best(t: Toponym, scores: dict[int, float]) -> tuple[Candidate | None, float]:
    best: Candidate | None = None
    best_s = -1e9
    for c in t.candidates:
        s = scores[c.id]
        if s > best_s:
            best, best_s = c, s
    return best, best_s


def _first_pass(doc: Doc, tops: list[Toponym], dateline: Toponym | None
                ) -> tuple[list[Toponym], dict[int, dict[int, float]], dict[int, set[str]]]:
    """Link qualifiers and choose every name's most prominent candidate; return the priors too."""
    _qualifiers(doc, tops)
    all_tops = tops + ([dateline] if dateline is not None and dateline not in tops else [])
    priors: dict[int, dict[int, float]] = {}
    big_city_admin1: dict[int, set[str]] = {}
    for t in all_tops:
        cities = {c.country_code for c in t.candidates
                  if c.kind == "city" and c.population >= 10_000 and c.country_code}
        big_city_admin1[id(t)] = cities
        priors[id(t)] = {c.id: prior(c, cities) for c in t.candidates}
        t.chosen, t.score = _best(t, priors[id(t)])
        t.rule = f"{t.source}:prior" if len(t.candidates) > 1 else f"{t.source}:only"
    return all_tops, priors, big_city_admin1


def candidate_features(all_tops: list[Toponym], priors: dict[int, dict[int, float]],
                       big_city_admin1: dict[int, set[str]]) -> dict[int, list[tuple[Candidate, list[float]]]]:
    """Feature rows of every candidate of every toponym, in the context of the current choices."""
    ctx = build_context(all_tops)
    out: dict[int, list[tuple[Candidate, list[float]]]] = {}
    for t in all_tops:
        top_pop = max((c.population for c in t.candidates if c.kind == "city"), default=-1)
        rows = []
        for c in t.candidates:
            same = c.kind in {"admin1", "admin2"} and c.country_code is not None and c.country_code in big_city_admin1[id(t)]
            rows.append((c, features(t, c, ctx, priors[id(t)][c.id], c.kind == "city" and c.population == top_pop,
                                     same)))
        out[id(t)] = rows
    return out


def _rank(doc: Doc, tops: list[Toponym], dateline: Toponym | None, ranker: Ranker) -> None:
    """Choose with the learned ranker: two rounds, the second in the context of the first's choices."""
    all_tops, priors, big = _first_pass(doc, tops, dateline)
    for _ in range(2):
        rows = candidate_features(all_tops, priors, big)
        for t in all_tops:
            if len(t.candidates) < 2:
                continue
            if t.qualifier is not None and len(_contained(t)) < len(t.candidates):
                rule = "qualifier"
            else:
                rule = "ranker"
            best, best_s = None, -1e9
            allowed = {c.id for c in _contained(t)}
            for c, x in rows[id(t)]:
                if c.id not in allowed:
                    continue
                s = ranker.score(x)
                if s > best_s:
                    best, best_s = c, s
            t.chosen, t.score = best, best_s
            t.rule = f"{t.source}:{rule}"


def resolve(doc: Doc, tops: list[Toponym], dateline: Toponym | None = None, use_ranker: bool = True) -> None:
    """Set ``chosen``, ``score`` and ``rule`` on every toponym (in place)."""
    ranker = load_ranker() if use_ranker else None
    if ranker is not None:
        _rank(doc, tops, dateline, ranker)
        return
    all_tops, priors, _ = _first_pass(doc, tops, dateline)

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
