"""Toponym resolution: pick each name's gazetteer entry from prominence and the article's context."""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from .build import haversine_km
from .consensus import (
    QUALIFIER_KINDS,
    cohere,
    context_fallback,
    countries_first,
    dateline_city,
    division_over_alias,
    metropolis_without_rival,
    named_country_namesake,
    sibling_namesake,
)
from .gazetteer import Candidate, own_name
from .normalize import fold
from .ranker import Ranker, TreeRanker, build_context, features, load_ranker
from .toponym import Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["DIVISION_WORDS", "candidate_features", "document_namesakes", "modifies_document", "prior",
           "resolution_level", "resolve"]

NEAR_KM = 250.0
_POINT_CODES = {"STRT", "CNL", "PSTB", "PS", "BLDG", "BLDGS", "MILB", "PASS", "SHOL", "PPLX", "PPL", "PPLA", "PPLC"}


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
    if c.kind == "country" or c.feature_code in {"PCLI", "PCLS", "PCLH"}:
        return "country"
    if c.kind == "city" or c.feature_code in _POINT_CODES:
        return "point"
    return "admin1"


# words that may stand between a name and its qualifier: "Bagram district, Parwan", "Sarh town (Barh Koh, ...)"
DIVISION_WORDS = frozenset({
    "district", "province", "city", "town", "village", "municipality", "county", "region", "governorate",
    "department", "locality", "area", "state", "commune", "prefecture", "oblast", "raion", "subdistrict",
    "sub-district", "neighbourhood", "neighborhood", "camp", "parish", "territory", "zone", "division",
    "community", "township", "groupement", "chiefdom", "sector", "lga", "tehsil", "taluka", "upazila", "woreda",
    "kebele", "ward", "settlement", "hamlet", "cercle", "canton", "rural",
})
_CAMP_WORDS = frozenset({"refugee", "refugees", "idp", "idps", "displacement", "displaced", "transit"})  # "X refugee camp in Y"
_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                      "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
                      "south-west", "northeastern", "northwestern", "southeastern", "southwestern"})


def _is_region(t: Toponym) -> bool:
    """A country, or a first-level division with no town of 10,000 people by that name."""
    if any(c.kind == "country" for c in t.candidates):
        return True
    return any(c.kind == "admin1" for c in t.candidates) and not any(
        c.kind == "city" and c.population >= 10_000 for c in t.candidates)


BRACKET_GAP = 8  # "Oshie community (Ahoada West, Rivers)": unknown names may come between a name and its division


def _qualifiers(doc: Doc, tops: list[Toponym]) -> None:
    """Link a name to the division or country that contains it.

    "Paris, Texas", "Kyiv, Ukraine", "Bagram district, Parwan", "La Plata (Buenos Aires)", and in a
    parenthesised list "Shangi (Bwisha, Rutshuru, Nord-Kivu)" the last name that is a division.
    """
    for n, a in enumerate(tops[:-1]):
        b = tops[n + 1]
        if b.start < a.end or b.start - a.end > BRACKET_GAP or _is_region(a):
            continue  # countries and states are not qualified: "Greece, Bulgaria, Italy" is a list
        words = [doc[k].lower_ for k in range(a.end, b.start)]
        if words in (["-"], ["–"]) and doc[a.end - 1].whitespace_ and doc[a.end].whitespace_ \
                and any(c.kind == "city" for c in a.candidates) and not _is_region(b):
            b.qualifier = a  # "Donetsk - Voroshilovsky": a city and one of its districts
            continue
        while words and (words[0] in DIVISION_WORDS or words[0] in _CAMP_WORDS and "camp" in words):
            words.pop(0)
        core = words[:]
        while core and core[-1] in _COMPASS:
            core.pop()
        if (core == ["in"] and not a.candidates or core == [",", "in"]) and b.candidates and (
                not a.candidates or all(c.kind in QUALIFIER_KINDS for c in b.candidates)):
            # "the village of Cellardyke in Fife", "Boulkessi in central Mali": a name the gazetteer lacks,
            # inside a known one; "in Nasir, in Upper Nile state": any name, inside a division or country
            # (not "the Marvila neighborhood, in Lisbon": a city would be made the division that holds it)
            a.qualifier = b
            continue
        if words in (["'s"], ["’s"]) and a.candidates and not b.candidates \
                and any(c.kind in QUALIFIER_KINDS for c in a.candidates):
            b.qualifier = a  # "Benue state's Yelwata area": the division holds the name it lacks
            continue
        if words[:1] == [","] and len(words) > 1 and all(w in _COMPASS or w == "-" for w in words[1:]):
            words = [","]  # "Delmas, north-east South Africa", "Kalam, northern Pakistan"
        if len(words) > 3 and words[0] != "(":
            continue
        if words == [","]:
            if b.end < len(doc) and doc[b.end].lower_ in {"'s", "’s"}:
                continue  # "talks in Doha, Pakistan's foreign ministry said": a possessor opens a new phrase
            listed = n + 2 < len(tops) and tops[n + 2].start - b.end <= 2 and any(
                doc[k].lower_ in {",", "and", "or"} for k in range(b.end, tops[n + 2].start))
            holders = [c for c in b.candidates if c.kind in QUALIFIER_KINDS]
            if listed and any(c.kind in {"country", "admin1"} for c in a.candidates) \
                    and not any(doc[k].text == "(" for k in range(max(0, a.start - 12), a.start)):
                continue  # "in Washington, Pennsylvania and California": a list of states, not a town in one
            if holders and (not listed or not a.candidates or any(_holds(c, _notable(a)) for c in holders)):
                a.qualifier = b  # "Sharon, Cornwall and Salisbury" is a list unless one holds the other
            continue
        if words != ["("] and not _names_list(doc, b.start - len(words) + 1, b.start):
            continue  # "X (Bwisha, Rutshuru": names the gazetteer lacks may open a bracketed list
        close = next((k for k in range(b.start, min(len(doc), b.start + 30)) if doc[k].text == ")"), None)
        if close is None:
            continue
        named = [t for t in tops[n + 1:] if t.end <= close]
        inside = [t for t in named if any(c.kind in QUALIFIER_KINDS for c in t.candidates)]
        if inside:
            a.qualifier = inside[-1]
            a.bracketed = tuple(named)
            a.chain = 1 + sum(doc[k].text == "," for k in range(a.end, close))


LIST_NAMESAKE_SHARE = 0.01  # in a list, a namesake this much smaller than the name's biggest reading holds nothing


def _notable(t: Toponym) -> tuple[Candidate, ...]:
    """The readings of ``t`` a list may qualify: not namesakes a hundred times smaller than its biggest.

    "Hollywood, Los Angeles, San Fernando Valley and ...": a Mexican village called Los Ángeles lies in a
    municipality called San Fernando, but the list names the Californian city.
    """
    top = max((c.population for c in t.candidates), default=0)
    return tuple(c for c in t.candidates if c.population >= LIST_NAMESAKE_SHARE * top)


def _names_list(doc: Doc, lo: int, hi: int) -> bool:
    """Whether tokens ``lo:hi`` are a bracket, then capitalised names each closed by a comma ("(Bwisha, ")."""
    if lo < 1 or doc[lo - 1].text != "(" or hi <= lo or doc[hi - 1].text != ",":
        return False
    return all(t.text == "," or t.text in {"-", "'"} or t.text[:1].isupper() for t in doc[lo:hi])


def _enclosing(tops: list[Toponym]) -> None:
    """A name with no candidate inside its qualifier takes the qualifier's place.

    "Makisabo (Beni, Nord-Kivu)": the gazetteer lacks Makisabo, so the event is put in Nord-Kivu
    (``rule`` ends in ``enclosing``; ``resolution`` is the qualifier's level).
    """
    for t in tops:
        q = t.qualifier
        if q is None or q.chosen is None or q.chosen.country_code is None:
            continue
        inside = [c for c in t.candidates if c.country_code == q.chosen.country_code
                  and _within_division(c, q.chosen)]
        if not inside and not any(c.kind in {"country", "admin1"} for c in t.candidates):
            enc = _smallest_enclosing(t, q)
            t.chosen, t.score = enc.chosen, enc.score
            t.rule = f"{t.source}:enclosing"


def _smallest_enclosing(t: Toponym, q: Toponym) -> Toponym:
    """The first name of ``t``'s bracket that lies in its qualifier ("Shangi (Bwisha, Rutshuru, Nord-Kivu)":
    Rutshuru, the smallest place the text gives around Shangi), else the qualifier itself."""
    assert q.chosen is not None
    for b in t.bracketed:
        if b is q:
            break
        c = b.chosen
        if c is not None and c.country_code == q.chosen.country_code and _within_division(c, q.chosen) \
                and not b.in_actor:
            return b
    return q


LIST_MIN = 3  # a list this long whose other names are all states (or all countries) reads its odd one alike


def _lists(doc: Doc, tops: list[Toponym]) -> list[list[Toponym]]:
    """Runs of names joined only by commas, "and" or "or" ("Georgia, Oklahoma, Pennsylvania and Ohio")."""
    runs: list[list[Toponym]] = []
    cur: list[Toponym] = []
    for t in tops:
        if cur and t.start > cur[-1].end and all(
                doc[k].lower_ in {",", "and", "or"} for k in range(cur[-1].end, t.start)):
            cur.append(t)
            continue
        if len(cur) >= LIST_MIN:
            runs.append(cur)
        cur = [t]
    if len(cur) >= LIST_MIN:
        runs.append(cur)
    return runs


def _like_lists(doc: Doc, tops: list[Toponym]) -> None:
    """In a list of states or of countries, a name read as a town is read like the others.

    ("cases in Georgia, Oklahoma, Pennsylvania, Wisconsin and California": Oklahoma the state, not
    Oklahoma City; rule ``<source>:list``.) Every other name of the list must have been read as the
    same kind (first-level divisions of one country, or countries), and the odd one must have a
    candidate of that kind (in that country).
    """
    for run in _lists(doc, tops):
        for t in run:
            c = t.chosen
            if c is None or c.kind not in {"city", "admin2"} or t.qualifier is not None:
                continue
            others = [o.chosen for o in run if o is not t]
            if any(o is None for o in others):
                continue
            kinds = {o.kind for o in others if o is not None}
            if kinds == {"admin1"}:
                countries = {o.country_code for o in others if o is not None}
                alike = [x for x in t.candidates if x.kind == "admin1" and x.country_code in countries]
            elif kinds == {"country"}:
                alike = [x for x in t.candidates if x.kind == "country"]
            else:
                continue
            if alike:
                t.chosen = max(alike, key=lambda x: x.population)
                t.rule = f"{t.source}:list"


def _within_division(c: Candidate, q: Candidate) -> bool:
    """Whether ``c`` (same country) may lie in ``q``: a country holds all; a division its own towns, or, for an
    ISO division no GeoNames code is linked to ("Castilla y León" spelt the ISO way), any town of the country."""
    return q.kind == "country" or q.admin1code is None or c.admin1code == q.admin1code


def _holds(q: Candidate, cands: tuple[Candidate, ...]) -> bool:
    """Whether candidate ``q`` (a country or division) contains one of ``cands``."""
    if q.kind not in QUALIFIER_KINDS:
        return False  # a town holds no other town
    return any(c.country_code == q.country_code and _within_division(c, q) for c in cands)


def _holds_any(q: Candidate, names: list[Toponym]) -> bool:
    """Whether candidate ``q`` (a country or division) contains a candidate of any of ``names``."""
    return any(_holds(q, t.candidates) for t in names)


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
        nations = {c.country_code for c in t.candidates if c.kind == "country"}
        if nations:  # "Mexico", "Iraq": the country, never a city's other name or its own namesake division
            t.candidates = tuple(c for c in t.candidates if not (
                c.kind == "city" and fold(c.name) != t.key
                or c.kind in {"admin1", "admin2"} and c.country_code in nations))
        capitals = {c.country_code for c in t.candidates if c.feature_code == "PPLC" and c.population >= 1_000_000}
        if capitals:  # "Kiev", "Baghdad": the capital of millions, not the division named after it
            t.candidates = tuple(c for c in t.candidates
                                 if not (c.kind in {"admin1", "admin2"} and c.country_code in capitals))
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
    memo: dict[tuple[object, ...], list[tuple[Candidate, list[float]]]] = {}
    for t in all_tops:
        if len(t.candidates) < 2:
            continue
        q = t.qualifier.chosen.id if t.qualifier is not None and t.qualifier.chosen is not None else None
        sig = (t.key, t.source, t.in_actor, t.dateline, q, id(t.candidates))
        if sig in memo:  # the same name again in the same context: the same rows
            out[id(t)] = memo[sig]
            continue
        top_pop = max((c.population for c in t.candidates if c.kind == "city"), default=-1)
        rows = []
        for c in t.candidates:
            same = c.kind in {"admin1", "admin2"} and c.country_code is not None and c.country_code in big_city_admin1[id(t)]
            rows.append((c, features(t, c, ctx, priors[id(t)][c.id], c.kind == "city" and c.population == top_pop,
                                     same)))
        out[id(t)] = memo[sig] = rows
    return out


RANK_ROUNDS = 4  # ranker rounds at most (chosen on the tune halves: 2 and 3 rounds left flips half done)


def _rank(doc: Doc, tops: list[Toponym], dateline: Toponym | None, ranker: Ranker | TreeRanker) -> None:
    """Choose with the learned ranker, each round in the context of the previous round's choices.

    Rounds repeat until no choice changes, at most :data:`RANK_ROUNDS` times. All names choose at once,
    so two rounds could leave a flip half done: "Decatur" turned to Illinois in the context of the
    first round's "DeKalb County" (read as Illinois in the context of the prominent Decatur), while
    that county and "Avondale Estates" turned to Georgia; by the fourth round all three agree.
    """
    all_tops, priors, big = _first_pass(doc, tops, dateline)
    qualified: dict[int, list[Toponym]] = {}
    for t in all_tops:
        if t.qualifier is not None:
            qualified.setdefault(id(t.qualifier), []).append(t)
    for _ in range(RANK_ROUNDS):
        before = [t.chosen for t in all_tops]
        rows = candidate_features(all_tops, priors, big)
        # every row scored in one call (the trees walk all candidates together); memoised rows are shared lists
        unique = list({id(x): x for r in rows.values() for _, x in r}.values())
        scores = dict(zip(map(id, unique), ranker.score_many(unique), strict=True))
        for t in all_tops:
            if len(t.candidates) < 2:
                continue
            if t.qualifier is not None and len(_contained(t)) < len(t.candidates):
                rule = "qualifier"
            else:
                rule = "ranker"
            best, best_s = None, -1e9
            allowed = {c.id for c in _contained(t)}
            inner = qualified.get(id(t), [])
            holders = [c for c in t.candidates if c.id in allowed and _holds_any(c, inner)]
            if holders:  # "Atlanta, Georgia": the Georgia that has an Atlanta
                allowed = {c.id for c in holders}
            elif any(a.chain >= 2 for a in inner) and any(
                    c.kind in {"admin1", "admin2"} for c in t.candidates if c.id in allowed):
                # "Erena (Shiroro, Niger)": a chain of divisions holding no known name ends in a division
                # (Niger State), not in a country
                allowed = {c.id for c in t.candidates if c.id in allowed and c.kind in {"admin1", "admin2"}}
            elif inner and not any(x.candidates for x in inner):
                # "Pileta (Sucre)": the container of a name the gazetteer lacks is a division (or the
                # division's namesake town), never a namesake town in a land with no such division
                divisions = {(c.country_code, c.admin1code) for c in t.candidates
                             if c.id in allowed and c.kind in QUALIFIER_KINDS}
                if divisions:
                    allowed = {c.id for c in t.candidates if c.id in allowed and (
                        c.kind in QUALIFIER_KINDS or (c.country_code, c.admin1code) in divisions)}
            for c, x in rows[id(t)]:
                if c.id not in allowed:
                    continue
                s = scores[id(x)]
                if s > best_s:
                    best, best_s = c, s
            t.chosen, t.score = best, best_s
            t.rule = f"{t.source}:{rule}"
        if all(t.chosen is b for t, b in zip(all_tops, before, strict=True)):
            break  # a stable choice stays stable: more rounds would change nothing
    dateline_city(all_tops)
    division_over_alias(all_tops)
    metropolis_without_rival(all_tops, dateline)
    sibling_namesake(all_tops)
    _capital_over_division(doc, all_tops)
    _enclosing(all_tops)
    cohere(all_tops)
    named_country_namesake(all_tops)
    countries_first(all_tops)
    _like_lists(doc, all_tops)
    context_fallback(all_tops)


_DIVISION_WORDS = frozenset({"state", "province", "region", "governorate", "canton", "department", "prefecture"})


def _capital_over_division(doc: Doc, tops: list[Toponym]) -> None:
    """A bare name that is both a national capital and a first-level division of its country is the capital.

    "a State Department spokesperson said in Washington", "Washington will provide two vessels": news
    names the capital (and its government) far more often than the division; the ranker, trained on
    local news where "the United States" in the text favours a state, read the state. The division stays
    when the text says so: "the state of Washington", a qualifier, another place of the text inside the
    division, another first-level division of the same country named (a text about states: in each of the
    tune halves' texts where "Washington" was the state, other states were named), or a list of divisions
    (read later, :func:`_like_lists`). Rule ``<source>:capital``.
    """
    for t in tops:
        c = t.chosen
        if c is None or c.kind != "admin1" or t.qualifier is not None:
            continue
        capitals = [x for x in t.candidates if x.feature_code == "PPLC" and x.country_code == c.country_code
                    and own_name(x, t.key)]
        if not capitals:
            continue
        if t.start >= 2 and doc[t.start - 1].lower_ == "of" and doc[t.start - 2].lower_ in _DIVISION_WORDS:
            continue  # "the state of Washington"
        capital_ids = {x.id for x in capitals}
        if any(o.key != t.key and o.chosen is not None and o.chosen.country_code == c.country_code and (
                o.chosen.kind == "admin1" or o.chosen.kind in {"city", "admin2"} and o.chosen.admin1code == c.admin1code
                and o.chosen.id not in capital_ids) for o in tops):
            continue  # "Spokane ... Washington": the state of the text's towns; "Iowa ... Washington": states
        t.chosen = capitals[0]
        t.rule = f"{t.source}:capital"


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


DOCUMENT_NAMESAKE_RATIO = 10  # the famous city a document is named after is this many times bigger than the choice


def document_namesakes(doc: Doc, tops: list[Toponym], nouns: frozenset[str]) -> None:
    """A town naming a document is the famous namesake: "the Paris climate agreement" in a story about the
    United States was Paris, Texas (the context's country); "the Minsk agreements", "the Geneva Conventions".

    Only between towns, when the biggest is ``DOCUMENT_NAMESAKE_RATIO`` times the chosen one and no qualifier
    says otherwise (rule ``<source>:document-name``).
    """
    for t in tops:
        c = t.chosen
        if c is None or c.kind != "city" or t.qualifier is not None \
                or not modifies_document(doc[t.start:t.end].root, nouns, 3):
            continue
        best = max((x for x in t.candidates if x.kind == "city"), key=lambda x: x.population, default=None)
        if best is not None and best is not c and best.population > DOCUMENT_NAMESAKE_RATIO * c.population:
            t.chosen = best
            t.rule = f"{t.source}:document-name"


def modifies_document(node: Token, nouns: frozenset[str], steps: int) -> bool:
    """Whether a name's token modifies a document noun within ``steps`` modifier links ("Paris climate
    agreement": two)."""
    for _ in range(steps):
        if node.dep_ not in {"compound", "amod", "nmod", "npadvmod"} or node.head is node:
            return False
        node = node.head
        if node.lemma_.lower() in nouns:
            return True
    return False
