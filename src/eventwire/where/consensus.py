"""Passes after the ranker that make a text's places agree: its countries, its famous namesakes, its dateline.

Split from ``resolve.py`` (session 17). Each pass reads the chosen candidates of all the text's names
and may move one name to another candidate of its own, leaving a ``rule`` suffix that says why.
"""

from __future__ import annotations

from collections import Counter

from ..records import CONTEXT_SUFFIX
from .build import haversine_km
from .gazetteer import Candidate, own_name
from .toponym import Toponym

__all__ = ["QUALIFIER_KINDS", "cohere", "context_fallback", "countries_first", "country_votes", "dateline_city",
           "division_over_alias", "metropolis_without_rival", "named_country_namesake", "sibling_namesake"]

QUALIFIER_KINDS = frozenset({"country", "admin1", "admin2"})  # kinds of place that can hold another


COHERE_MAX_POPULATION = 100_000  # a town this small abroad needs the text to name its country
COHERE_SHARE = 2  # the text's main country has more than this many times the other countries' votes together


def country_votes(tops: list[Toponym], but: str | None = None) -> Counter[str]:
    """Countries the text itself vouches for: named countries and divisions, qualified or one-country names.

    (A one-country name vouches for its country even when it is a small town: counting only big
    ones moved correct foreign towns in US local news, LGL check 0.789 -> 0.785.) Names whose key is
    ``but`` do not vote: a name is no evidence for itself.
    """
    votes: Counter[str] = Counter()
    for t in tops:
        c = t.chosen
        if c is None or c.country_code is None or t.in_actor or t.demonym or (but is not None and t.key == but):
            continue
        if c.kind in QUALIFIER_KINDS or t.qualifier is not None or t.dateline \
                or len({x.country_code for x in t.candidates}) == 1:
            votes[c.country_code] += 1
    return votes


def cohere(tops: list[Toponym]) -> None:
    """Pull stray small towns into the country the rest of the text agrees on.

    "in Kalaiya city (Bara district) ... Nepal": when at least two places the text vouches for
    lie in one country, and more than twice as many as in all other countries together (a stray
    division the ranker put abroad does not stop the pull), a town of under 100,000 people the ranker
    put in a country the text never vouches for moves to its namesake in that country, or, having
    none there, is left unresolved rather than placed abroad (rule ``<source>:coherence``).
    """
    for t in tops:
        c = t.chosen
        if c is None or c.country_code is None or c.kind in QUALIFIER_KINDS or t.in_actor or t.dateline:
            continue  # a dateline is where the report was filed: it sets the scene, the others do not move it
        if c.population >= COHERE_MAX_POPULATION or c.kind == "curated":
            continue
        votes = country_votes(tops, but=t.key)  # "Kani" alone vouches for Japan: not against "Sagaing region"
        if not votes or c.country_code in votes:
            continue
        (home, n), = votes.most_common(1)
        if n < 2 or n <= COHERE_SHARE * (sum(votes.values()) - n):
            continue
        inside = [x for x in t.candidates if x.country_code == home]
        t.chosen = max(inside, key=lambda x: x.population) if inside else None
        t.rule = f"{t.source}:coherence"


NAMESAKE_SHARE = 0.1  # a namesake in the named country at least this share of the chosen city's size wins


def named_country_namesake(tops: list[Toponym]) -> None:
    """A big city goes to its namesake in the one country the text names, when its own country goes unnamed.

    "Lebanese troops deployed in Tripoli after clashes in the north of Lebanon": the Lebanese Tripoli,
    not the bigger Libyan one the ranker chose. Only when the text vouches for one country and names it,
    nothing vouches for the chosen city's country, and the namesake there is a sizeable city itself
    (a tenth of the chosen one's people or more; rule ``<source>:named-country``). Smaller towns are
    :func:`cohere`'s.
    """
    votes = country_votes(tops)
    if not votes:  # "Venezuelan troops were deployed to Merida": a text that names no place may name a people
        votes = Counter(t.chosen.country_code for t in tops if t.demonym and t.chosen is not None
                        and t.chosen.country_code is not None)
    if len(votes) != 1:
        return
    home = next(iter(votes))
    if not any(t.chosen is not None and t.chosen.kind == "country" and t.chosen.country_code == home for t in tops):
        return
    for t in tops:
        c = t.chosen
        if c is None or c.kind != "city" or c.country_code in (home, None) or t.qualifier is not None or t.dateline \
                or t.in_actor:
            continue
        there = [x for x in t.candidates if x.kind == "city" and x.country_code == home and own_name(x, t.key)
                 and (x.population >= NAMESAKE_SHARE * c.population or x.feature_code == "PPLC")]
        if there:
            t.chosen = max(there, key=lambda x: x.population)
            t.rule = f"{t.source}:named-country"


def context_fallback(tops: list[Toponym]) -> None:
    """A name the gazetteer lacks takes the smallest division the text names around all its places.

    "sick geese were found in the community of Tignishvale" in a report whose every place lies in
    Prince Edward Island: Tignishvale is put in that province (``resolution`` ``admin1``, ``rule``
    ``<source>:context``); with no one division, in the one country named. Only when the text's places
    lie in that country and no other. The point is the region's, not the name's: event location and
    actors read such a place as unresolved (:meth:`Place.own`).
    """
    votes = country_votes(tops)
    if len(votes) != 1:
        return
    home = next(iter(votes))
    placed = [(t, t.chosen) for t in tops if t.chosen is not None and not t.in_actor and not t.demonym]
    if any(c.country_code not in (home, None) for _, c in placed):
        return
    divisions = {c.admin1code or c.name: t for t, c in placed if c.country_code == home and (
        c.kind == "admin1" or c.kind == "curated" and c.feature_code in {"ADM1", "ADM1H"})}  # "Kasai Occidental"
    holder = None
    if len(divisions) == 1:
        holder = next(iter(divisions.values()))
        if any(not _inside_division(c, holder.chosen) for _, c in placed if c.kind in {"city", "admin2"}):
            holder = None
    if holder is None:
        holder = next((t for t, c in placed if c.kind == "country" and c.country_code == home), None)
    if holder is None:
        return
    for t in tops:
        if t.chosen is None and not t.candidates and not t.in_actor and not t.demonym:
            t.chosen, t.score = holder.chosen, holder.score
            t.rule = f"{t.source}{CONTEXT_SUFFIX}"


CURATED_DIVISION_KM = 400  # a town this near a curated (former) province's point is taken to lie in it


def _inside_division(c: Candidate, d: Candidate | None) -> bool:
    """Whether ``c`` lies in the division ``d``: by its code, or near a curated province that has none.

    Stricter than ``resolve._within_division``, which lets a division with no code hold any town of its country:
    a fallback that places unknown names must not guess the containment it rests on.
    """
    if d is None:
        return False
    if d.admin1code:
        return c.admin1code == d.admin1code
    if c.lat is None or c.lon is None or d.lat is None or d.lon is None:
        return False
    return haversine_km(c.lat, c.lon, d.lat, d.lon) <= CURATED_DIVISION_KM


def countries_first(tops: list[Toponym]) -> None:
    """A country's own name is the country, unless the text vouches for the namesake town's country.

    ("... in Burkina Faso, Guinea, Liberia, Mali and Senegal": not the Costa Rican town of Liberia.)
    A qualified name ("Lebanon, Pennsylvania") or one whose town's country another name of the text
    vouches for keeps the ranker's town (rule ``<source>:country-name`` otherwise).
    """
    for t in tops:
        c = t.chosen
        if c is None or c.kind != "city" or t.qualifier is not None or t.in_actor or t.dateline:
            continue
        named = [x for x in t.candidates if x.kind == "country" and own_name(x, t.key)]
        if not named or country_votes(tops, but=t.key).get(c.country_code or "", 0):
            continue
        t.chosen = named[0]
        t.rule = f"{t.source}:country-name"


METROPOLIS = 1_000_000  # a city this big is what a bare name means in world news...
METROPOLIS_RATIO = 10  # ...when it is this many times bigger than the namesake chosen instead
_LOCAL_NEWS = frozenset({"USA", "CAN"})  # the countries of the local news (LGL) the ranker learned namesakes from


def _rival_metropolis(t: Toponym) -> Candidate | None:
    """The metropolis a ranker-chosen small North American namesake ``t`` shares its name with, if any."""
    c = t.chosen
    if c is None or c.kind != "city" or c.country_code not in _LOCAL_NEWS or t.qualifier is not None \
            or not t.rule.endswith(":ranker"):
        return None
    big = max((k for k in t.candidates if k.kind == "city" and k.population >= METROPOLIS),
              key=lambda k: k.population, default=None)
    if big is None or big.country_code == c.country_code or big.population < METROPOLIS_RATIO * c.population:
        return None
    return big


def metropolis_without_rival(tops: list[Toponym], dateline: Toponym | None) -> None:
    """A metropolis wins over a far smaller namesake nothing in the text supports.

    The ranker learned from local US news, where "London" and "Dublin" are often the towns of Ontario
    and Ohio; with no other name in the namesake's country (nor a dateline there), "flew to London"
    is the British capital.
    """
    rivals = [_rival_metropolis(t) for t in tops]
    rivalled = {t.key for t, big in zip(tops, rivals, strict=True) if big is not None}
    for t, big in zip(tops, rivals, strict=True):
        c = t.chosen
        if big is None or c is None:
            continue
        # "Flights between London and Paris": two namesakes of metropolises (in Ontario) are no support for each other
        support = any(o is not t and o.key != t.key and o.key not in rivalled and o.chosen is not None
                      and o.chosen.country_code == c.country_code for o in tops)
        if dateline is not None and dateline is not t and dateline.chosen is not None \
                and dateline.chosen.country_code == c.country_code:
            support = True
        if not support:
            t.chosen, t.rule = big, f"{t.source}:metropolis"


SIBLING_SHARE = 0.25  # a namesake in the other places' country at least this share of the chosen city's size wins


def sibling_namesake(tops: list[Toponym]) -> None:
    """A city alone in its country goes to its namesake in the one country of all the text's other places.

    "Flights between Valencia and Seville": the Spanish Valencia (800,000 people), not the bigger
    Venezuelan one the ranker chose on size. Only when every other placed name lies in one country, the
    chosen city's country has none of them, and the namesake there is called so by its own name and has
    a quarter of the chosen one's people or more (rule ``<source>:sibling``).
    """
    for t in tops:
        c = t.chosen
        if c is None or c.kind != "city" or t.qualifier is not None or t.dateline or t.in_actor \
                or not t.rule.endswith(":ranker"):
            continue
        homes = {o.chosen.country_code for o in tops if o.key != t.key and o.chosen is not None and not o.in_actor}
        if len(homes) != 1 or c.country_code in homes or None in homes:
            continue
        home = next(iter(homes))
        there = [x for x in t.candidates if x.kind == "city" and x.country_code == home and own_name(x, t.key)
                 and x.population >= SIBLING_SHARE * c.population]
        if there:
            t.chosen = max(there, key=lambda x: x.population)
            t.rule = f"{t.source}:sibling"


DIVISION_RATIO = 10  # a division this many times bigger than a town that bears its name as an alternate


def division_over_alias(tops: list[Toponym]) -> None:
    """A first-level division named by its own name wins over a small town that has the name as an alias.

    "Students protested in Maryland" read Maryland City (16,000 people, "Maryland" among its other names)
    over the state of 5.8 million when nothing else in the text placed it. Rule ``<source>:division``.
    """
    for t in tops:
        c = t.chosen
        if c is None or c.kind != "city" or t.qualifier is not None or not t.rule.endswith(":ranker") \
                or own_name(c, t.key):
            continue
        divisions = [x for x in t.candidates if x.kind == "admin1" and x.country_code == c.country_code
                     and own_name(x, t.key) and x.population >= DIVISION_RATIO * max(c.population, 1)]
        if divisions:
            t.chosen = max(divisions, key=lambda x: x.population)
            t.rule = f"{t.source}:division"


DATELINE_CITY = 100_000  # a dateline's namesake city this big is where the report was filed


def dateline_city(tops: list[Toponym]) -> None:
    """A dateline names the city a report was filed from: "NEW YORK", "SAO PAULO" are the cities (New York
    City, São Paulo), not the states the ranker chose (rule ``<source>:city``)."""
    for t in tops:
        c = t.chosen
        if not (t.dateline or t.source == "dateline") or c is None or c.kind not in {"admin1", "admin2"} \
                or t.qualifier is not None:
            continue
        cities = [x for x in t.candidates if x.kind == "city" and x.country_code == c.country_code
                  and x.population >= DATELINE_CITY and (own_name(x, t.key) or own_name(x, f"{t.key} city"))]
        if cities:
            t.chosen = max(cities, key=lambda x: x.population)
            t.rule = f"{t.source}:city"
