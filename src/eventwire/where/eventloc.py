"""EventLocationStage: the place governing each event's clause, else the dateline, else the main place."""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import TYPE_CHECKING

from .. import deadline
from ..config import Settings
from ..nlp import Stage, evolve, slot, view
from ..records import Event, Place
from .build import haversine_km
from .fallbacks import (
    ENCLOSING_RULES,
    NEAR_AFTER_CHARS,
    agreed_place,
    consensus_place,
    enclose,
    enclosed,
    in_relative_clause,
    is_present,
    is_report,
    is_stray,
    is_topical,
    main_place,
    names_document,
    previous_scene,
    tag_place,
    usable_place,
)
from .gazetteer import Gazetteer, load_gazetteer
from .locrules import LocationRules
from .places import load_locative
from .support import ancestors, clause_verb, opening_place, place_support, pronoun_object

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["ENCLOSING_RULES", "EventLocationStage", "LocationRules", "choose_location", "consensus_place", "enclosed", "main_place",
           "previous_scene"]

_SPECIFIC = {"point": 0.2, "unresolved": 0.15, "admin1": 0.1}  # the more specific of equally supported places
THRESHOLD = 1.0  # a sentence place needs at least this much syntactic support to be the event's place


_QUOTES = re.compile(r"“[^”]{1,200}”|\"[^\"]{1,200}\"|‘[^’]{1,200}’(?!\w)|(?<![\w'])'[^']{1,200}'(?!\w)")


def _quoted(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Character ranges of quoted stretches (slogans, chants, quotes) between ``lo`` and ``hi``."""
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text, lo, hi)]


def _nearby(places: list[Place], starts: list[int], lo: int, hi: int) -> list[Place]:
    """The places (sorted by start, ``starts`` their start offsets) starting in ``[lo, hi)``."""
    return places[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


_QUALIFIER_GAP = re.compile(r"\s*[(,]\s*")
# "Kidal, in northern Mali", "Kidal, northern Mali": the holder said as a phrase of its own, which the parser
# often hangs on the verb (so it scores as the event's own phrase, a little above the name it holds)
_SPELT_QUALIFIER_GAP = re.compile(r",(?:\s+in)?(?:\s+(?:the\s+)?(?:north|south|east|west|central|"
                                  r"(?:north|south)-?(?:east|west)|northern|southern|eastern|western|"
                                  r"(?:north|south)-?(?:eastern|western)))?\s+", re.IGNORECASE)
# "the Thantho district of Yala province": the named part of a named whole is the finer place
_PART_OF_GAP = re.compile(r"\s+(?:district|sub-?district|village|town|neighbou?rhood|quarter|suburb|area|locality|"
                          r"camp|township|commune)\s+of\s+(?:the\s+)?", re.IGNORECASE)
QUALIFIED_MARGIN = 0.2  # a qualified name within this much of its qualifier's support is the place
PART_MARGIN = 0.4  # the part shares its whole's phrase: only the resolution bonuses (up to 0.35) set them apart
_LEVEL = {"point": 0, "admin1": 1, "country": 2}  # a qualified name is never less specific than its qualifier


def _qualified(text: str, best: Place, best_s: float, best_how: str,
               scored: list[tuple[Place, float, str]]) -> tuple[Place, float, str]:
    """The name that ``best`` qualifies, when nearly as well supported ("in La Plata (Buenos Aires)" -> La Plata)."""
    for pl, s, how in scored:
        if (pl.span[1] <= best.span[0] and (
                _QUALIFIER_GAP.fullmatch(text, pl.span[1], best.span[0]) and s >= best_s - QUALIFIED_MARGIN
                or _SPELT_QUALIFIER_GAP.fullmatch(text, pl.span[1], best.span[0]) and s >= best_s - PART_MARGIN)
                and pl.country_code == best.country_code
                and _LEVEL.get(pl.resolution, 9) <= _LEVEL.get(best.resolution, 9)):
            return pl, s, how
        if (pl.span[1] <= best.span[0] and _PART_OF_GAP.fullmatch(text, pl.span[1], best.span[0])
                and s >= best_s - PART_MARGIN and pl.country_code in (None, best.country_code)
                and best.resolution in {"point", "admin1"}):
            return pl, s, how  # unknown to the gazetteer, it takes the whole's place when located
    return best, best_s, best_how


def _fac_entity(doc: Doc, start: int, end: int) -> Span | None:
    """The FAC entity holding tokens ``start:end``, read from the tokens' IOB tags.

    (Building ``doc.ents`` for every event cost most of event location's time.)
    """
    toks = view(doc).tokens
    if any(toks[k].ent_type_ != "FAC" for k in range(start, end)):
        return None
    if any(toks[k].ent_iob_ == "B" for k in range(start + 1, end)):
        return None  # two entities
    lo, hi = start, end
    while toks[lo].ent_iob_ != "B" and lo > 0:
        lo -= 1
    while hi < len(toks) and toks[hi].ent_iob_ == "I":
        hi += 1
    return doc[lo:hi]


def _building_town(doc: Doc, best: Place, best_how: str, scored: list[tuple[Place, float, str]]
                   ) -> tuple[Place, str]:
    """The town a building's phrase names, rather than a name inside the building's name.

    ("rallied at the Saint Constantine Ukrainian Catholic Church in Minneapolis", "outside Nassau Hall in
    Princeton University in Princeton": not Constantine in Algeria nor Nassau in the Bahamas.) Applies when
    the chosen place is part of a longer facility name, or a facility the gazetteer does not know; the
    town must hang, through the syntax, under that facility's phrase.
    """
    span = doc.char_span(best.span[0], best.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return best, best_how
    host = _fac_entity(doc, span.start, span.end)
    if host is None or (host.end - host.start <= span.end - span.start and best.resolution != "unresolved"):
        return best, best_how
    for pl, _, _ in scored:
        if pl is best or pl.span[0] < host.end_char or pl.resolution not in {"point", "admin1"}:
            continue
        pspan = doc.char_span(pl.span[0], pl.span[1], alignment_mode="expand")
        if pspan is not None and len(pspan) and host.root.i in ancestors(pspan.root):
            return pl, f"{best_how}-building-town"
    return best, best_how


def choose_location(doc: Doc, trigger_span: tuple[int, int], places: list[Place], rules: LocationRules,
                    ) -> tuple[Place | None, float, str]:
    """Return the sentence place best supported as the location of the event at ``trigger_span``.

    Only places within ``WINDOW_CHARS`` of the trigger are weighed, so a run-on "sentence"
    (no punctuation in a huge input) costs time linear in its length, not quadratic.
    """
    span = doc.char_span(trigger_span[0], trigger_span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, 0.0, "no-trigger"
    trigger = span.root
    v = view(doc)
    si = v.sent_of[trigger.i]
    verb = clause_verb(trigger)
    best: Place | None = None
    best_s, best_how, best_d = 0.0, "none", 10**9
    if any(a.span[0] > b.span[0] for a, b in zip(places, places[1:], strict=False)):
        places = sorted(places, key=lambda pl: pl.span[0])
    starts = [pl.span[0] for pl in places]
    lo = max(v.sent_start_chars[si], trigger_span[0] - WINDOW_CHARS)
    hi = min(v.sent_end_chars[si], trigger_span[1] + WINDOW_CHARS)
    quoted = _quoted(v.text, lo, hi)
    scored: list[tuple[Place, float, str]] = []
    for pl in _nearby(places, starts, lo, hi):
        pspan = doc.char_span(pl.span[0], pl.span[1], alignment_mode="expand")
        if pspan is None or len(pspan) == 0:
            continue
        if pspan.start <= trigger.i < pspan.end:
            continue
        if any(a <= pl.span[0] < b and not a <= trigger_span[0] < b for a, b in quoted):
            continue  # "protesters in Lyon chanted 'Free Gaza'": a slogan's place is not the scene
        s, how = place_support(pspan.root, trigger, verb, rules, pspan.end, pl.resolution == "country",
                          (span.start, span.end))
        # a name the gazetteer pass turned down and only the syntax took ("the city of Sevierville") is
        # weighed as an unknown one: the syntax that vouches for it is what makes it look like the scene
        level = "unresolved" if (pl.rule or "").startswith("syntax-known:") else pl.resolution
        s += _SPECIFIC.get(level, 0.0)
        if level == "unresolved" and pl.rule and "ner-FAC" not in pl.rule:
            s -= 0.2
        d = abs(pspan.root.i - trigger.i)
        scored.append((pl, s, how))
        if s > best_s or (s == best_s and d < best_d):
            best, best_s, best_how, best_d = pl, s, how, d
    if best is not None:
        best, best_s, best_how = _qualified(v.text, best, best_s, best_how, scored)
        best, best_how = _building_town(doc, best, best_how, scored)
    if best_s < THRESHOLD:
        pron = pronoun_object(trigger, verb, rules)
        if pron is not None:
            # the nearest earlier point (else region) in this or the previous sentence ("the Rafah crossing ... it")
            earlier = [pl for pl in places if pl.span[1] <= pron.idx and pl.resolution in {"point", "admin1"}
                       and pl.sentence_index >= 0 and not (pl.rule and "in-actor" in pl.rule)
                       and pl.span[0] >= v.sent_start_chars[max(0, si - 1)]]
            points = [pl for pl in earlier if pl.resolution == "point"]
            if earlier:
                return (points or earlier)[-1], 2.0, "pronoun-object"
    return best, best_s, best_how


WINDOW_CHARS = 600




_CONTAINED_IN = re.compile(r"(?:\s+[\w'-]+){0,2}\s*(?:,|\(|\bin\b|\bof\b)\s*(?:the\s+)?")


def _strays_from(best: Place, context: list[Place], text: str) -> Place | None:
    """The place right after a town that strays from the one country the rest of the text names.

    ("in Waterfront Park in San Diego (California)": a "Waterfront" in Hong Kong, while the text's
    other places, a division among them, all lie in the United States: San Diego encloses it.)
    The country must be named by two different places; the enclosing place must follow as a container ("X, Y", "X (Y", "X Park in Y", "X area of Y").
    """
    if best.resolution != "point":
        return None
    others = [p for p in context if usable_place(p) and p.span != best.span]
    countries = {p.country_code for p in others}
    if len(countries) != 1 or best.country_code in countries:
        return None
    if len({p.resolved_place for p in others}) < 2:
        return None  # one name (or one division the resolver put around unknown names) is no consensus
    for p in others:
        if (p.sentence_index == best.sentence_index and 0 <= p.span[0] - best.span[1] <= NEAR_AFTER_CHARS
                and _CONTAINED_IN.fullmatch(text, best.span[1], p.span[0])):
            return p
    return None


NAMESAKE_KM = 300.0  # a name placed this near its bracketed container is no namesake abroad
_BRACKET_AFTER = re.compile(r"(?:\s+[\w'-]+){0,3}\s*\(\s*")


_GAP_WORDS = re.compile(r"\s+([a-z][a-z-]*)")
_INSIDE_WORDS = frozenset({"in", "of", "the", "northern", "southern", "eastern", "western", "central", "rural",
                           "north", "south", "east", "west"})


def _inside_phrase(text: str, lo: int, hi: int, rules: LocationRules) -> bool:
    """Whether ``text[lo:hi]`` is only place nouns, compass words and "in"/"of" (one of them at least)
    that put a name inside the next ("Almaly district in Almaty", "Karama in the countryside of Raqqa")."""
    words = []
    pos = lo
    while pos < hi:
        m = _GAP_WORDS.match(text, pos, hi)
        if m is None:
            break
        words.append(m.group(1))
        pos = m.end()
    if pos != hi and text[pos:hi].strip():
        return False
    return bool(words) and ("in" in words or "of" in words) and all(
        w in _INSIDE_WORDS or w in rules.place_nouns for w in words)


def _chain_after(best: Place, places: list[Place], text: str, rules: LocationRules) -> list[Place] | None:
    """The places the text puts around ``best`` right after it: a bracketed chain ("X village (A, B)", or
    the rest of the bracket X stands in), else one place joined by place nouns with "in"/"of"."""
    opened = _BRACKET_AFTER.match(text, best.span[1])
    if opened is not None and opened.end() - best.span[1] <= NEAR_AFTER_CHARS:
        lo = opened.end()
    else:
        left = text.rfind("(", 0, best.span[0])
        if left < 0 or ")" in text[left:best.span[0]] or best.span[0] - left > NEAR_AFTER_CHARS:
            nxt = next((p for p in places if p.span[0] >= best.span[1]), None)
            if nxt is not None and usable_place(nxt) and nxt.span[0] - best.span[1] <= NEAR_AFTER_CHARS \
                    and _inside_phrase(text, best.span[1], nxt.span[0], rules):
                return [nxt]
            return None
        lo = best.span[1]
    hi = text.find(")", lo)
    if hi < 0:
        return None
    chain = [p for p in places if lo <= p.span[0] and p.span[1] <= hi and usable_place(p)]
    if len(chain) < 2 and chain and not (chain[-1].resolution == "country" or chain[-1].feature_code == "ADM1"):
        return None  # one town or district is no better evidence than the name ("(Kanchanpur district)")
    return chain


def _bracket_stray(best: Place, places: list[Place], text: str, rules: LocationRules) -> Place | None:
    """The enclosing place the text gives a name placed in another country than its container.

    ("near Cali Fool Dheere village (Jowhar, Middle Shabelle)": not Cali in Colombia but Jowhar, the
    smallest place of the chain; "(West Coast, Western Cape)": not New Zealand's West Coast but the
    Western Cape; "near Almaly district in Almaty city": not Elmali in Turkey.) The container is the
    bracket right after the name (up to three words between), the rest of the bracket the name stands
    in, or one place the next place nouns put it in (:func:`_chain_after`); a bracket's resolved
    names must all lie in the country of its last one, and be two or more, or end in a first-level
    division or a country; no other name of the text may lie in the name's own country; and the
    name's point must lie far (over ``NAMESAKE_KM``) from the container: a namesake abroad, not a
    disputed or border place.
    """
    if not usable_place(best) or best.resolution == "country":
        return None
    chain = _chain_after(best, places, text, rules)
    if not chain or chain[-1].country_code == best.country_code:
        return None
    home = chain[-1].country_code
    if any(p.country_code != home for p in chain):
        return None
    if any(usable_place(p) and p.country_code == best.country_code and p.resolved_place != best.resolved_place
           for p in places if p not in chain):
        return None  # another name of the text vouches for the name's own country
    end = chain[-1]
    if None not in (best.lat, best.lon, end.lat, end.lon) and \
            haversine_km(best.lat, best.lon, end.lat, end.lon) <= NAMESAKE_KM:  # type: ignore[arg-type]
        return None  # next to its container: a border or a disputed name ("Al Quds (Al Quds, West Bank)"), no namesake
    return chain[0]


def _of_a_body(p: Place) -> bool:
    """A place resolved inside an organisation's name ("the Fuzuli District Police Department", "Tunceli
    Governor's Office"): local bodies tell the country of a report that names no other place."""
    return bool(p.country_code) and "in-actor" in (p.rule or "") and p.resolution != "unresolved"


class EventLocationStage(Stage):
    """Give each event the place governing its clause, else the dateline, else the article's main place."""

    rules: LocationRules
    gazetteer: Gazetteer

    def load(self, settings: Settings) -> None:
        """Read ``locative.yaml`` and open the gazetteer (for country points)."""
        self.rules = LocationRules.from_mapping(load_locative())
        self.gazetteer = load_gazetteer(settings)

    def _in_report_country(self, unknown: Place, places: list[Place], ev: Event | None = None) -> Place | None:
        """An unknown event place with nothing named around it, put at the point of the one country the text's places share.

        ("militants attacked Kantchari (Kantchari, Tapoa)", with none of the names in the gazetteer
        but Burkina Faso named elsewhere.) The event keeps its words; ``resolution`` is ``country``
        and ``rule`` ``event-loc:country-of-report``. When the text resolves no place at all, the one
        country of the event's own actors and recipients stands in ("Taliban forces clashed with
        NRF fighters in Khawash valley": Afghanistan; rule ``event-loc:country-of-actors``); failing
        those, the one country of the places inside organisation names ("a serviceman of the Fuzuli
        District Police Department was hit by a mine in X village": Azerbaijan; ``country-of-bodies``),
        which also places an event with no place of its own in a report naming no other place.
        """
        countries = {p.country_code for p in places if usable_place(p)}
        how = "country-of-report"
        if not countries and ev is not None:
            countries = {e.country for e in (*ev.actor, *ev.recipient) if e.country}
            how = "country-of-actors"
        if not countries:
            countries = {p.country_code for p in places if _of_a_body(p)}
            how = "country-of-bodies"
        if len(countries) != 1:
            return None
        cand = self.gazetteer.country(next(iter(countries)) or "")
        if cand is None or cand.lat is None or cand.lon is None:
            return None
        return dataclasses.replace(
            unknown, resolved_place=cand.name, geonameid=cand.geonameid, lat=cand.lat, lon=cand.lon,
            country_code=cand.country_code, admin1=None, feature_class=cand.feature_class,
            feature_code=cand.feature_code, resolution="country",
            rule=f"event-loc:{how};{unknown.rule or ''}")

    def _populated(self, loc: Place | None) -> Place | None:
        """An event placed only in a first-level division goes to the middle of the division's towns.

        A division's own point is its geographic middle (for the ``places`` list); where an event
        in it happened is better guessed where its people live (rule suffix ``;populated-middle``).
        """
        if loc is None or loc.resolution != "admin1" or loc.feature_code != "ADM1" or not loc.resolved_place:
            return loc
        middle = self.gazetteer.populated_middle(loc.resolved_place, loc.country_code)
        if middle is None:
            return loc
        return dataclasses.replace(loc, lat=middle[0], lon=middle[1], rule=f"{loc.rule or ''};populated-middle")

    def locate(self, doc: Doc, ev: Event, places: list[Place], dateline: Place | None, main: Place | None,
               published: str | None, context: list[Place] | None = None) -> Place | None:
        """Return the location of one event (a copy of a place record tagged with how it was chosen).

        ``context`` is the places that speak for the report's country (default: all ``places``).
        """
        context = places if context is None else context
        best, score, how = choose_location(doc, ev.span, places, self.rules)
        opening = opening_place(doc, ev.span, places, self.rules)
        if best is not None and score >= THRESHOLD:
            if best.resolution == "unresolved":
                return (enclosed(best, places, opening) or self._in_report_country(best, context, ev)
                        or tag_place(best, how))
            if opening is not None and is_stray(best, opening, places):
                return enclose(best, opening, "enclosing-opening")
            text = view(doc).text  # doc.text joins every token again on each call
            stray = _strays_from(best, context, text) or _bracket_stray(best, places, text, self.rules)
            if stray is not None:
                return enclose(best, stray, "enclosing-in-sentence")
            return tag_place(best, how)
        if opening is not None:
            return tag_place(opening, "sentence-opening")
        if set(ev.aux_mode) - {"negation"}:
            return None  # historical, future and hypothetical events take no fallback place
        if dateline is not None and not is_present(ev, published):
            # the dateline says where a report was filed in its own days, not where an older event was
            context = [p for p in context if p.span != dateline.span]
            main = None if main is not None and main.span == dateline.span else main
            dateline = None
        explicit_elsewhere = best is not None and score >= 0.7 and best.resolution != "unresolved"
        for fallback, name in ((dateline, "dateline"), (main, "main-place")):
            if fallback is None or fallback.resolution == "unresolved":
                continue
            if fallback.rule and fallback.rule.startswith("scene;"):
                if in_relative_clause(doc, ev):
                    continue  # the report's one scene is not that of a relative clause
                fallback, name = dataclasses.replace(fallback, rule=fallback.rule[6:]), "single-scene"
            if explicit_elsewhere and best is not None and best.country_code != fallback.country_code:
                return None
            return tag_place(fallback, name)
        consensus = consensus_place(doc, ev, context)
        if explicit_elsewhere:
            return agreed_place(best, how, consensus) if best is not None else None
        if consensus is None and not any(usable_place(p) for p in context) and is_report(doc):
            body = next((p for p in places if _of_a_body(p)), None)
            return self._in_report_country(body, places, None) if body is not None else None
        return consensus

    def process(self, doc: Doc) -> None:
        """Replace each event in ``doc._.ew_events`` with a copy carrying its ``event_loc``."""
        events = slot(doc, "ew_events")
        if not events:
            return
        # a name placed only by the article's region is no evidence of where the event was
        places = [p.own() for p in doc._.ew_places or [] if not (p.rule and p.rule.startswith("demonym"))]
        dateline = next((p for p in places if p.rule and p.rule.startswith("dateline")), None)
        # a place naming a document ("the Paris climate agreement") says nothing of where the report's events were
        context = [p for p in places if not is_topical(doc, p, self.rules) and not names_document(doc, p, self.rules)]
        main = main_place(context, doc, self.rules)
        article = doc._.article
        published = article.date if article is not None else None
        scenes: list[tuple[Event, Place]] = []  # events placed by their own sentence, in text order
        for k in sorted(range(len(events)), key=lambda n: events[n].span[0]):
            deadline.check()
            ev = events[k]
            if ev.event_loc is not None:
                continue
            loc = self._populated(self.locate(doc, ev, places, dateline, main, published, context))
            if loc is None or (loc.rule or "").startswith(_WEAK):
                loc = previous_scene(doc, ev, scenes) or loc
            elif not (loc.rule or "").startswith(_BORROWED):
                scenes.append((ev, loc))
            events[k] = evolve(ev, event_loc=loc)


_WEAK = "event-loc:country-consensus"  # a fallback that an earlier event's own place overrides
_BORROWED = tuple(f"event-loc:{how}" for how in ("dateline", "main-place", "single-scene", "country-consensus",
                                                 "previous-event"))
