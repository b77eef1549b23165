"""Report-level fallbacks for event location: the main place, the one scene, the country consensus, enclosing places."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from ..nlp import sentence_index_of, view
from ..records import Event, Place
from .locrules import LocationRules
from .resolve import DIVISION_WORDS as _DIVISION_WORDS
from .resolve import modifies_document

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Token

__all__ = ["ENCLOSING_RULES", "LABEL_TOKENS", "NEAR_AFTER_CHARS", "OPENING_TOKENS", "PRESENT_DAYS", "SCENE_SENTENCES",
           "after_label", "agreed_place", "consensus_place", "enclose", "enclosed", "in_relative_clause", "is_present",
           "is_report", "is_stray", "is_topical", "main_place", "names_document", "phrase_comma",
           "previous_scene", "tag_place", "usable_place"]

PRESENT_DAYS = 7  # events dated further from the publication date do not take the dateline
SCENE_SENTENCES = 2  # an event takes the place of an event at most this many sentences before it


def names_document(doc: Doc, place: Place, rules: LocationRules) -> bool:
    """Whether a place only names a document ("the Paris climate agreement", "the Minsk accords")."""
    span = doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
    return span is not None and len(span) > 0 and modifies_document(span.root, rules.document_nouns, 2)


def is_topical(doc: Doc, place: Place, rules: LocationRules) -> bool:
    """Whether a country is named outside any locative phrase: a topic or a party, not a scene.

    ("denounced the invasion of Ukraine by Russia", "a grant from the US", "Russia's army": neither
    country says where the report's events happened.) A country under a strong locative preposition
    ("in Ukraine", "across Nigeria") or the object of a place verb is no topic.
    """
    if place.resolution != "country":
        return False
    span = doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    node = span.root
    for _ in range(6):
        if node.dep_ in {"conj", "appos"} and node.head is not node:
            node = node.head
            continue
        break
    if node.dep_ == "pobj":
        return node.head.lower_ not in rules.strong_prepositions
    if node.dep_ in {"dobj", "nsubjpass"}:
        return node.head.lemma_.lower() not in rules.object_verbs
    return node.dep_ in {"poss", "compound", "amod", "nmod", "nsubj", "dative", "attr"}


def main_place(places: list[Place], doc: Doc | None = None, rules: LocationRules | None = None) -> Place | None:
    """The article's main place: the point place mentioned most (at least twice), first one on ties.

    Failing that (with ``doc`` and ``rules``), the scene of a short report: see :func:`_single_scene`.
    """
    counts: Counter[str] = Counter()
    first: dict[str, Place] = {}
    for p in places:
        if p.resolution != "point" or (p.rule and "in-actor" in p.rule):
            continue
        key = p.resolved_place or p.extracted_place
        counts[key] += 1
        first.setdefault(key, p)
    if not counts:
        return None
    key, n = max(counts.items(), key=lambda kv: (kv[1], -first[kv[0]].span[0]))
    if n >= 2:
        return first[key]
    scene = _single_scene(places, doc, rules) if doc is not None and rules is not None else None
    return dataclasses.replace(scene, rule=f"scene;{scene.rule or ''}") if scene is not None else None


def _scene_like(doc: Doc, p: Place, rules: LocationRules) -> bool:
    """Whether a place can set an event's scene: not a modifier ("a Tampa woman", "the governor of Manbij")."""
    span = doc.char_span(p.span[0], p.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    head = tok.head
    if tok.dep_ in {"compound", "amod", "poss", "nmod"}:
        return head.lower_ in _DIVISION_WORDS
    if tok.dep_ == "pobj" and head.lower_ in {"of", "from"} and head.head.pos_ in {"NOUN", "PROPN", "ADV"}:
        return head.head.lower_ in _DIVISION_WORDS  # not "governor of X", "north of X", "30 km from X"
    return True


def in_relative_clause(doc: Doc, ev: Event) -> bool:
    """Whether the event's trigger sits in a relative or adverbial clause ("..., who has just resigned")."""
    span = doc.char_span(ev.span[0], ev.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    return any(t.dep_ in {"relcl", "acl"} for t in [span.root, *span.root.ancestors])


def _single_scene(places: list[Place], doc: Doc, rules: LocationRules) -> Place | None:
    """In a report whose specific places all lie in one country, the first that is not a modifier.

    ("On 7 May, rebels attacked the army and killed a commander in X city, Y": the attack is put in X.)
    """
    if len(view(doc).sent_bounds) < 2:
        return None  # a lone sentence is no report: its places speak only through syntax
    specific = [p for p in places if p.resolution in {"point", "admin1"} and usable_place(p)]
    if not specific or len({p.country_code for p in specific}) > 1:
        return None
    if any(p.resolution == "country" and p.country_code != specific[0].country_code for p in places):
        return None
    return next((p for p in specific if _scene_like(doc, p, rules)), None)


_SPECIFICITY = {"point": 0, "admin1": 1, "country": 2}
OPENING_TOKENS = 16  # a date phrase that opens a text ends with a comma within this many tokens


LABEL_TOKENS = 4  # a label that opens a report ("Looting:") ends with a colon within this many tokens


def after_label(toks: Sequence[Token], start: int, stop: int) -> int:
    """The first token after a label ("Looting:") opening tokens ``start:stop``, else ``start``."""
    colon = next((j for j in range(start, min(stop, start + LABEL_TOKENS)) if toks[j].text == ":"), None)
    return start if colon is None else colon + 1


def phrase_comma(toks: Sequence[Token], start: int, stop: int) -> int | None:
    """The comma closing a phrase that opens at token ``start`` ("On 7 May 2022,"), within ``OPENING_TOKENS``."""
    return next((j for j in range(start, min(stop, start + OPENING_TOKENS)) if toks[j].text == ","), None)


def is_report(doc: Doc) -> bool:
    """Whether a text is an event report, whose places speak for its events beyond syntax.

    Two sentences or more are; so is a lone sentence that opens with the date of what it tells,
    closed by a comma ("On 24 June 2022, suspected militants killed a civilian in ...", "Looting:
    Around 9 May 2022 (as reported), ..."): a dated note, not a sentence lifted from a story.
    """
    v = view(doc)
    if len(v.sent_bounds) >= 2:
        return True
    if not v.tokens:
        return False
    toks = v.tokens
    k = after_label(toks, 0, len(toks))
    comma = phrase_comma(toks, k, len(toks))
    if comma is None:
        return False
    lo, hi = toks[k].idx, toks[comma].idx
    return any(lo <= t.span[0] and t.span[1] <= hi and t.type == "DATE" and t.value
               for t in doc._.ew_timexes or ())


ENCLOSING_RULES = ("event-loc:enclosing-in-sentence", "event-loc:enclosing-opening")  # rule prefixes of enclosed places
NEAR_AFTER_CHARS = 40  # a known place this close after an unknown one qualifies it ("the Nur Complex in Riyad")


def usable_place(p: Place) -> bool:
    """A resolved place that can stand for the scene: not part of an actor, not a demonym."""
    return p.resolution in _SPECIFICITY and bool(p.country_code) and not (
        p.rule and ("in-actor" in p.rule or p.rule.startswith("demonym")))


def enclose(own: Place, enc: Place, how: str) -> Place:
    """``own`` (the event's words) with the coordinates, country, codes and level of ``enc``.

    ``resolution`` stays one of the four values of records.md (the enclosing place's level); the
    ``rule`` says the place was enclosed (``event-loc:enclosing-...``).
    """
    return dataclasses.replace(
        own, resolved_place=enc.resolved_place, geonameid=enc.geonameid, lat=enc.lat, lon=enc.lon,
        country_code=enc.country_code, admin1=enc.admin1, feature_class=enc.feature_class,
        feature_code=enc.feature_code, resolution=enc.resolution, rule=f"event-loc:{how};{own.rule or ''}")


def enclosed(unknown: Place, places: list[Place], opening: Place | None = None) -> Place | None:
    """An event place the gazetteer lacks, located by the smallest place the sentence names around it.

    "shelled positions west of Lake Hamrin in Diyala": the lake is unknown, Diyala is not, so the
    event keeps its own words and takes Diyala's coordinates, country and codes (rule
    ``event-loc:enclosing-in-sentence``, resolution the enclosing place's level), provided the known
    places from it to the sentence's end, and the sentence's opening scene, share one country (a
    country named before it, "clashed with the Turkmenistan military at the border in X, Y
    district", does not qualify it). The place named after it is the first division or country, or any
    known place within ``NEAR_AFTER_CHARS`` ("near the Nur Complex in Riyad district"); failing
    that, when the sentence's known places share one country, the scene-setting place that opens the
    sentence ("On 9 May, in Juticalpa, Olancho, workers protested near the Canal Seco": rule
    ``event-loc:enclosing-opening``).
    """
    same = [p for p in places if p.sentence_index == unknown.sentence_index and usable_place(p)]
    if not same:
        return None
    following = [p for p in same if p.span[0] >= unknown.span[1]]
    after = [p for p in following if p.resolution in ("admin1", "country")
             or p.span[0] - unknown.span[1] <= NEAR_AFTER_CHARS]
    scene = [opening] if opening is not None and usable_place(opening) else []
    if after and len({p.country_code for p in following + scene}) == 1:
        enc = min(after, key=lambda p: (p.span[0], _SPECIFICITY[p.resolution]))
        return enclose(unknown, enc, "enclosing-in-sentence")
    if len({p.country_code for p in same}) > 1:
        return None
    if opening is not None and opening.span[1] <= unknown.span[0] and usable_place(opening):
        return enclose(unknown, opening, "enclosing-opening")
    return None


def is_stray(best: Place, opening: Place | None, places: list[Place]) -> bool:
    """Whether a town chosen for an event lies in a country nothing else in the text names.

    ("On 27 April, in Arraial do Cabo (Rio de Janeiro), traffickers opened fire at a church in
    Morro da Coca": a "Morro" in the United States is a stray when the sentence opens in Brazil.)
    """
    if opening is None or best.resolution != "point" or not usable_place(opening):
        return False
    if best.country_code == opening.country_code:
        return False
    return not any(p.country_code == best.country_code for p in places if p.span != best.span)


def consensus_place(doc: Doc, ev: Event, places: list[Place]) -> Place | None:
    """When every resolved place of a report lies in one country, the event happened there.

    The place is the most specific one of the event's own sentence, else of the report ("On 5
    May, rebels shelled positions west of the lake in Diyala." -> Diyala); the record says so
    (``event-loc:country-consensus``) and keeps that place's own resolution, so a division or a
    country is never passed off as a point. A lone sentence that is no dated note gets none.
    """
    usable = [p for p in places if usable_place(p)]
    if not usable or len({p.country_code for p in usable}) > 1:
        return None
    if not is_report(doc):
        return None  # a lone sentence is no report: its places speak only through syntax
    si = sentence_index_of(view(doc).sent_start_chars, ev.span[0])
    pool = [p for p in usable if p.sentence_index == si] or usable
    return tag_place(min(pool, key=lambda p: (_SPECIFICITY[p.resolution], p.span[0])), "country-consensus")


def agreed_place(best: Place, how: str, consensus: Place | None) -> Place | None:
    """The event's own sentence place, weakly tied to it, when the report's one country agrees.

    ("6 journalists were arrested and a radio station shut in Kandahar province. They were freed
    the same day.": the place hangs on the conjoined clause, and every place of the report lies
    in one country.) Rule ``event-loc:<how>-consensus``; None without such a consensus.
    """
    if consensus is None or consensus.country_code != best.country_code:
        return None
    return tag_place(best, f"{how}-consensus")


def is_present(ev: Event, published: str | None) -> bool:
    """Whether an event is about the report's own days (within ``PRESENT_DAYS`` of publication, not modal)."""
    if set(ev.aux_mode) - {"negation"}:
        return False  # historical, future and hypothetical events are not about the dateline's here and now
    if ev.date_text is None or ev.date is None or not published:
        return True
    try:
        d = date.fromisoformat(ev.date[:10]) if len(ev.date) >= 10 else None
        pub = date.fromisoformat(published[:10])
    except ValueError:
        return True
    if d is None:
        return ev.date[:7] == published[:7]
    return abs((d - pub).days) <= PRESENT_DAYS


def tag_place(p: Place, how: str) -> Place:
    """A copy of ``p`` whose rule says how it became an event's place (``event-loc:<how>;...``)."""
    return dataclasses.replace(p, rule=f"event-loc:{how};{p.rule or ''}")


def previous_scene(doc: Doc, ev: Event, scenes: list[tuple[Event, Place]]) -> Place | None:
    """The place of the nearest earlier event placed by its own sentence, in the same paragraph.

    ("Rioters clashed with soldiers in Biddu (Al Quds, West Bank). Soldiers arrested two of them.":
    the arrest took place in Biddu; rule ``event-loc:previous-event``.) Only events of the same
    sentence or of the ``SCENE_SENTENCES`` before it count, and no paragraph break may come between.
    """
    if not scenes:
        return None
    v = view(doc)
    si = sentence_index_of(v.sent_start_chars, ev.span[0])
    for prev, loc in reversed(scenes):
        if prev.span[0] >= ev.span[0]:
            continue
        pi = sentence_index_of(v.sent_start_chars, prev.span[0])
        if si - pi > SCENE_SENTENCES or "\n" in v.text[prev.span[1]:ev.span[0]]:
            return None
        rule = (loc.rule or "").split(";", 1)[1] if ";" in (loc.rule or "") else ""
        return dataclasses.replace(loc, rule=f"event-loc:previous-event;{rule}")
    return None
