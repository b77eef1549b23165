"""EventLocationStage: the place governing each event's clause, else the dateline, else the main place."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .. import deadline
from ..config import Settings
from ..nlp import Stage, evolve, sentence_index_of, slot, view
from ..records import Event, Place
from .gazetteer import Gazetteer, load_gazetteer
from .places import load_locative
from .resolve import DIVISION_WORDS as _DIVISION_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ENCLOSING_RULES", "EventLocationStage", "LocationRules", "choose_location", "consensus_place", "enclosed", "main_place",
           "previous_scene"]

_SPECIFIC = {"point": 0.2, "unresolved": 0.15, "admin1": 0.1}  # the more specific of equally supported places
THRESHOLD = 1.0  # a sentence place needs at least this much syntactic support to be the event's place
PRESENT_DAYS = 7  # events dated further from the publication date do not take the dateline


@dataclass(frozen=True)
class LocationRules:
    """Word lists from ``locative.yaml``."""

    prepositions: frozenset[str]
    strong_prepositions: frozenset[str]
    object_verbs: frozenset[str]
    actor_heads: frozenset[str]
    reference_heads: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    owner_nouns: frozenset[str] = frozenset()
    spatial_heads: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(cls, m: dict[str, Any]) -> LocationRules:
        """Build from the parsed YAML."""
        return cls(frozenset(m["locative_prepositions"]), frozenset(m["strong_prepositions"]),
                   frozenset(m["place_object_verbs"]), frozenset(m["actor_heads"]),
                   frozenset(m.get("reference_heads", ())), frozenset(m.get("place_nouns", ())),
                   frozenset(m.get("owner_nouns", ())), frozenset(m.get("spatial_heads", ())))


def _clause_verb(tok: Token) -> Token:
    """The verb whose clause holds ``tok`` (the trigger itself when it is a verb)."""
    node = tok
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"} or node.head is node:
            return node
        node = node.head
    return tok


def _is_actor(p: Token, rules: LocationRules, place_end: int | None = None) -> bool:
    """Whether a place token modifies an actor ("Gaza health ministry", "Israel's army").

    ``place_end`` is the token index after the place; a name inside a longer person or
    organisation name ("Cairo University") counts as part of an actor.
    """
    node = p
    for _ in range(4):
        if node.dep_ in {"compound", "amod", "nmod", "poss"} and node.head.pos_ in {"NOUN", "PROPN"}:
            node = node.head
            if node.lemma_.lower() in rules.actor_heads or node.lower_ in rules.actor_heads:
                return True
            if node.ent_type_ in {"ORG", "NORP", "PERSON"}:
                return True
            continue
        break
    if p.ent_type_ in {"ORG", "PERSON", "NORP"} and place_end is not None:
        end = p.i + 1  # the entity's end, walked from the token (doc.ents is a scan of the whole doc)
        while end < len(p.doc) and p.doc[end].ent_iob_ == "I":
            end += 1
        return end > place_end
    return False


def _topical(doc: Doc, place: Place, rules: LocationRules) -> bool:
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


def _owns(p: Token, rules: LocationRules, place_end: int | None) -> bool:
    """Whether a country names the owner of premises ("the embassy of Russia", "the US consulate")."""
    if place_end is not None and place_end < len(p.doc) and p.doc[place_end].lower_ in rules.owner_nouns:
        return True
    prep = p.head
    return (p.dep_ == "pobj" and prep.lower_ == "of" and prep.head is not prep
            and prep.head.lower_ in rules.owner_nouns)


def _ancestors(tok: Token) -> set[int]:
    return {a.i for a in tok.ancestors}


def _same_clause(tok: Token, tops: set[int]) -> bool:
    """Whether ``tok`` hangs under one of ``tops`` through nouns and prepositions only (no verb between)."""
    node = tok
    for _ in range(8):
        if node.i in tops:
            return True
        if node.pos_ in {"VERB", "AUX"} or node.dep_ in {"relcl", "acl", "advcl", "ccomp", "xcomp"}:
            return False
        if node.head is node:
            return False
        node = node.head
    return False


_PP_CHAIN = {"pobj", "prep", "conj", "appos", "compound", "npadvmod", "pcomp", "amod", "nmod", "advmod", "agent"}


def _pp_chain(attach: Token, top: Token) -> bool:
    """Whether ``attach`` hangs under ``top`` through nested prepositional phrases only ("killed in clashes in X")."""
    node = attach
    for _ in range(10):
        if node.i == top.i:
            return True
        if node.dep_ not in _PP_CHAIN or (node.dep_ == "conj" and node.pos_ in {"VERB", "AUX"}):
            return False  # a coordinated verb is another event ("captured ... and face charges at X")
        node = node.head
    return False


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def _event_heads(trigger: Token, verb: Token) -> set[int]:
    """The trigger, its clause's verb, and verbs coordinated with them that share their subject.

    ("attacked the Taliban and killed a commander in X", "was shot and wounded by gunmen in X":
    the second verb tells the same event.)
    """
    heads = {trigger.i, verb.i}
    for head in (trigger, verb):
        heads.update(c.i for c in head.children
                     if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and not _has_subject(c))
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} and not _has_subject(verb):
        heads.add(verb.head.i)
    return heads


_ARGUMENT = {"dobj", "attr", "oprd", "dative"}


def _argument_chain(attach: Token, heads: set[int], span: tuple[int, int]) -> bool:
    """Whether ``attach`` is inside the trigger's words or hangs from an event head through its objects.

    "held a protest in X", "killed a commander in X", "shelled positions in the outskirts of X": the
    parser hangs the phrase on the object, but it places the whole event.
    """
    node = attach
    for _ in range(10):
        if node.i in heads or span[0] <= node.i < span[1]:
            return True
        if node.dep_ not in _PP_CHAIN and node.dep_ not in _ARGUMENT:
            return False
        if node.dep_ == "conj" and node.pos_ in {"VERB", "AUX"}:
            return False
        node = node.head
    return False


def _through_subordinate(trigger: Token, top: Token) -> bool:
    """Whether the path from ``trigger`` up to ``top`` leaves a relative or adverbial clause."""
    node = trigger
    for _ in range(12):
        if node.i == top.i or node.head is node:
            return False
        if node.dep_ in {"relcl", "advcl", "acl", "parataxis"}:
            return True
        node = node.head
    return False


_PRONOUNS = {"it", "them"}


def _pronoun_object(trigger: Token, verb: Token, rules: LocationRules) -> Token | None:
    """The pronoun a place-object trigger acts on: "seized it", "took control of it"."""
    if trigger.lemma_.lower() not in rules.object_verbs and verb.lemma_.lower() not in rules.object_verbs:
        return None
    for head in {trigger, verb}:
        for child in head.children:
            if child.dep_ in {"dobj", "nsubjpass"} and child.lower_ in _PRONOUNS:
                return child
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.lower_ in _PRONOUNS:
                        return obj
            if child.dep_ == "dobj":
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for obj in prep.children:
                            if obj.dep_ == "pobj" and obj.lower_ in _PRONOUNS:
                                return obj
    return None


def opening_place(doc: Doc, trigger_span: tuple[int, int], places: list[Place], rules: LocationRules) -> Place | None:
    """The place of a scene-setting phrase opening the event's sentence ("In Israel, ..."), if any.

    Such a phrase, before the main clause and closed by a comma, covers every clause of the
    sentence; it is the fallback when no place is tied to the event itself. A fronted date phrase
    may come first ("On 7 May, in La Plata (Buenos Aires), people gathered"): the next phrase counts.
    The name that a parenthesis or comma qualifies is the place ("La Plata", not "Buenos Aires").
    """
    v = view(doc)
    if not v.tokens:
        return None
    lo_tok, hi_tok = v.sent_bounds[sentence_index_of(v.sent_start_chars, trigger_span[0])]
    k = lo_tok
    for _ in range(3):  # a label ("Looting:"), a date phrase, then the place phrase
        colon = next((j for j in range(k, min(hi_tok, k + 4)) if v.tokens[j].text == ":"), None)
        if colon is not None and k == lo_tok:
            k = colon + 1
        comma = next((j for j in range(k, min(hi_tok, k + 16)) if v.tokens[j].text == ","), None)
        if comma is None or v.tokens[comma].idx >= trigger_span[0]:
            return None
        first = v.tokens[k]
        lo, hi = first.idx, v.tokens[comma].idx
        inside = [p for p in places if lo <= p.span[0] and p.span[1] <= hi and p.resolution != "unresolved"]
        if not inside:
            if any(t.like_num for t in v.tokens[k:comma]):
                k = comma + 1  # "On 7 May 2022," / "Around 9 January (as reported),"
                continue
            return None
        if first.lower_ not in rules.strong_prepositions or first.dep_ != "prep":
            return None
        if k == lo_tok and first.head.i <= first.right_edge.i:
            return None
        top = inside[0]
        if len(inside) == 1 or all(p.country_code == top.country_code for p in inside[1:]):
            return top
        return None
    return None


def _support(p: Token, trigger: Token, verb: Token, rules: LocationRules,
             place_end: int | None = None, country: bool = False,
             trig_range: tuple[int, int] | None = None) -> tuple[float, str]:
    """Score how strongly the place headed by ``p`` is where the event of ``trigger`` happened."""
    if _is_actor(p, rules, place_end):
        return 0.3, "actor-place"
    if country and _owns(p, rules, place_end):
        return 0.3, "owner-country"
    node = p
    for _ in range(6):
        if (node.dep_ in {"conj", "appos", "compound", "poss"} or (
                node.dep_ == "nmod" and node.head.lemma_.lower() in rules.place_nouns)) and node.head is not node:
            head = node.head  # "in Holmivskyi, Donetsk region": a name qualifying a place noun shares its phrase
            if (node.dep_ in {"compound", "poss"} and country and head.pos_ == "NOUN"
                    and head.lemma_.lower() not in rules.place_nouns):
                return 0.4, "country-modifier"  # "a U.S. airstrike", "the Indonesia quake"
            node = head
            continue
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            prep = node.head
            word = prep.lower_
            attach = prep.head
            if word in {"of", "from"} and (attach.lower_ in rules.reference_heads or
                                           attach.head.lower_ in rules.reference_heads):
                return 0.2, "reference-point"
            if word == "of" and attach.pos_ in {"NOUN", "PROPN"} and (
                    attach.lemma_.lower() in rules.place_nouns or attach.lower_ in rules.spatial_heads
                    or attach.ent_type_ in {"GPE", "LOC", "FAC"}):
                node = attach
                continue
            if word not in rules.prepositions:
                if attach.i == trigger.i or attach.i == verb.i:
                    return 0.6, f"prep-{word}"
                return 0.3, f"prep-{word}"
            strong = word in rules.strong_prepositions
            base = 3.0 if strong else 1.5
            if attach.i in {trigger.i, verb.i}:
                return base, f"prep-{word}"
            heads = _event_heads(trigger, verb)
            if _pp_chain(attach, trigger) or _pp_chain(attach, verb) or attach.i in heads:
                # "killed in clashes in Kobane": the prepositional phrase hangs lower in the event's clause
                return base - 0.5, f"prep-{word}-inner"
            if strong and _argument_chain(attach, heads, trig_range or (trigger.i, trigger.i + 1)):
                return base - 0.5, f"prep-{word}-argument"
            if trigger.i in _ancestors(attach) or verb.i in _ancestors(attach):
                if strong and _same_clause(attach, {trigger.i, verb.i}):
                    # "killed two people in Jupakamu village", "shelled positions in X": the place of
                    # the act's own participants, with no clause between them and the trigger
                    return 1.2, f"prep-{word}-participant"
                return (0.8 if strong else 0.4), f"prep-{word}-nested"
            if attach.i in _ancestors(trigger) or attach.i in _ancestors(verb):
                if _through_subordinate(trigger, attach):
                    return (0.6 if strong else 0.3), f"prep-{word}-outer-subordinate"
                return base - 1.0, f"prep-{word}-outer"
            return (1.2 if strong else 0.5), f"prep-{word}-other-clause"
        if node.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} and node.head.i in {trigger.i, verb.i}:
            lemma = trigger.lemma_.lower()
            if lemma in rules.object_verbs or verb.lemma_.lower() in rules.object_verbs:
                return 3.0, "object"
            return 0.4, "object-other"
        if node.dep_ == "npadvmod" and node.head.i in {trigger.i, verb.i}:
            return 1.5, "adverbial"
        break
    if trigger.i in _ancestors(p) or verb.i in _ancestors(p):
        return 0.5, "subtree"
    return 0.1, "sentence"


_QUOTES = re.compile(r"“[^”]{1,200}”|\"[^\"]{1,200}\"|‘[^’]{1,200}’(?!\w)|(?<![\w'])'[^']{1,200}'(?!\w)")


def _quoted(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Character ranges of quoted stretches (slogans, chants, quotes) between ``lo`` and ``hi``."""
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text, lo, hi)]


def _nearby(places: list[Place], starts: list[int], lo: int, hi: int) -> list[Place]:
    """The places (sorted by start, ``starts`` their start offsets) starting in ``[lo, hi)``."""
    return places[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


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
    verb = _clause_verb(trigger)
    best: Place | None = None
    best_s, best_how, best_d = 0.0, "none", 10**9
    if any(a.span[0] > b.span[0] for a, b in zip(places, places[1:], strict=False)):
        places = sorted(places, key=lambda pl: pl.span[0])
    starts = [pl.span[0] for pl in places]
    lo = max(v.sent_start_chars[si], trigger_span[0] - WINDOW_CHARS)
    hi = min(v.sent_end_chars[si], trigger_span[1] + WINDOW_CHARS)
    quoted = _quoted(v.text, lo, hi)
    for pl in _nearby(places, starts, lo, hi):
        pspan = doc.char_span(pl.span[0], pl.span[1], alignment_mode="expand")
        if pspan is None or len(pspan) == 0:
            continue
        if pspan.start <= trigger.i < pspan.end:
            continue
        if any(a <= pl.span[0] < b and not a <= trigger_span[0] < b for a, b in quoted):
            continue  # "protesters in Lyon chanted 'Free Gaza'": a slogan's place is not the scene
        s, how = _support(pspan.root, trigger, verb, rules, pspan.end, pl.resolution == "country",
                          (span.start, span.end))
        s += _SPECIFIC.get(pl.resolution, 0.0)
        if pl.resolution == "unresolved" and pl.rule and "ner-FAC" not in pl.rule:
            s -= 0.2
        d = abs(pspan.root.i - trigger.i)
        if s > best_s or (s == best_s and d < best_d):
            best, best_s, best_how, best_d = pl, s, how, d
    if best_s < THRESHOLD:
        pron = _pronoun_object(trigger, verb, rules)
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


def _in_relative_clause(doc: Doc, ev: Event) -> bool:
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
    specific = [p for p in places if p.resolution in {"point", "admin1"} and _usable(p)]
    if not specific or len({p.country_code for p in specific}) > 1:
        return None
    if any(p.resolution == "country" and p.country_code != specific[0].country_code for p in places):
        return None
    return next((p for p in specific if _scene_like(doc, p, rules)), None)


_SPECIFICITY = {"point": 0, "admin1": 1, "country": 2}


ENCLOSING_RULES = ("event-loc:enclosing-in-sentence", "event-loc:enclosing-opening")  # rule prefixes of enclosed places
NEAR_AFTER_CHARS = 40  # a known place this close after an unknown one qualifies it ("the Nur Complex in Riyad")


def _usable(p: Place) -> bool:
    """A resolved place that can stand for the scene: not part of an actor, not a demonym."""
    return p.resolution in _SPECIFICITY and bool(p.country_code) and not (
        p.rule and ("in-actor" in p.rule or p.rule.startswith("demonym")))


def _enclose(own: Place, enc: Place, how: str) -> Place:
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
    same = [p for p in places if p.sentence_index == unknown.sentence_index and _usable(p)]
    if not same:
        return None
    following = [p for p in same if p.span[0] >= unknown.span[1]]
    after = [p for p in following if p.resolution in ("admin1", "country")
             or p.span[0] - unknown.span[1] <= NEAR_AFTER_CHARS]
    scene = [opening] if opening is not None and _usable(opening) else []
    if after and len({p.country_code for p in following + scene}) == 1:
        enc = min(after, key=lambda p: (p.span[0], _SPECIFICITY[p.resolution]))
        return _enclose(unknown, enc, "enclosing-in-sentence")
    if len({p.country_code for p in same}) > 1:
        return None
    if opening is not None and opening.span[1] <= unknown.span[0] and _usable(opening):
        return _enclose(unknown, opening, "enclosing-opening")
    return None


def _stray(best: Place, opening: Place | None, places: list[Place]) -> bool:
    """Whether a town chosen for an event lies in a country nothing else in the text names.

    ("On 27 April, in Arraial do Cabo (Rio de Janeiro), traffickers opened fire at a church in
    Morro da Coca": a "Morro" in the United States is a stray when the sentence opens in Brazil.)
    """
    if opening is None or best.resolution != "point" or not _usable(opening):
        return False
    if best.country_code == opening.country_code:
        return False
    return not any(p.country_code == best.country_code for p in places if p.span != best.span)


def consensus_place(doc: Doc, ev: Event, places: list[Place]) -> Place | None:
    """When every resolved place of a report lies in one country, the event happened there.

    The place is the most specific one of the event's own sentence, else of the report ("On 5
    May, rebels shelled positions west of the lake in Diyala." -> Diyala); the record says so
    (``event-loc:country-consensus``) and keeps that place's own resolution, so a division or a
    country is never passed off as a point. A lone sentence gets none.
    """
    usable = [p for p in places if _usable(p)]
    if not usable or len({p.country_code for p in usable}) > 1:
        return None
    if len(view(doc).sent_bounds) < 2:
        return None  # a lone sentence is no report: its places speak only through syntax
    si = sentence_index_of(view(doc).sent_start_chars, ev.span[0])
    pool = [p for p in usable if p.sentence_index == si] or usable
    return _tag(min(pool, key=lambda p: (_SPECIFICITY[p.resolution], p.span[0])), "country-consensus")


def _agreed(best: Place, how: str, consensus: Place | None) -> Place | None:
    """The event's own sentence place, weakly tied to it, when the report's one country agrees.

    ("6 journalists were arrested and a radio station shut in Kandahar province. They were freed
    the same day.": the place hangs on the conjoined clause, and every place of the report lies
    in one country.) Rule ``event-loc:<how>-consensus``; None without such a consensus.
    """
    if consensus is None or consensus.country_code != best.country_code:
        return None
    return _tag(best, f"{how}-consensus")


def _is_present(ev: Event, published: str | None) -> bool:
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


def _tag(p: Place, how: str) -> Place:
    return dataclasses.replace(p, rule=f"event-loc:{how};{p.rule or ''}")


class EventLocationStage(Stage):
    """Give each event the place governing its clause, else the dateline, else the article's main place."""

    rules: LocationRules
    gazetteer: Gazetteer

    def load(self, settings: Settings) -> None:
        """Read ``locative.yaml`` and open the gazetteer (for country points)."""
        self.rules = LocationRules.from_mapping(load_locative())
        self.gazetteer = load_gazetteer(settings)

    def _in_report_country(self, unknown: Place, places: list[Place]) -> Place | None:
        """An unknown event place with nothing named around it, put at the point of the one country the text's places share.

        ("militants attacked Kantchari (Kantchari, Tapoa)", with none of the names in the gazetteer
        but Burkina Faso named elsewhere.) The event keeps its words; ``resolution`` is ``country``
        and ``rule`` ``event-loc:country-of-report``.
        """
        countries = {p.country_code for p in places if _usable(p)}
        if len(countries) != 1:
            return None
        cand = self.gazetteer.country(next(iter(countries)) or "")
        if cand is None or cand.lat is None or cand.lon is None:
            return None
        return dataclasses.replace(
            unknown, resolved_place=cand.name, geonameid=cand.geonameid, lat=cand.lat, lon=cand.lon,
            country_code=cand.country_code, admin1=None, feature_class=cand.feature_class,
            feature_code=cand.feature_code, resolution="country",
            rule=f"event-loc:country-of-report;{unknown.rule or ''}")

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
                return enclosed(best, places, opening) or self._in_report_country(best, context) or _tag(best, how)
            if opening is not None and _stray(best, opening, places):
                return _enclose(best, opening, "enclosing-opening")
            return _tag(best, how)
        if opening is not None:
            return _tag(opening, "sentence-opening")
        if set(ev.aux_mode) - {"negation"}:
            return None  # historical, future and hypothetical events take no fallback place
        if dateline is not None and not _is_present(ev, published):
            # the dateline says where a report was filed in its own days, not where an older event was
            context = [p for p in context if p.span != dateline.span]
            main = None if main is not None and main.span == dateline.span else main
            dateline = None
        explicit_elsewhere = best is not None and score >= 0.7 and best.resolution != "unresolved"
        for fallback, name in ((dateline, "dateline"), (main, "main-place")):
            if fallback is None or fallback.resolution == "unresolved":
                continue
            if fallback.rule and fallback.rule.startswith("scene;"):
                if _in_relative_clause(doc, ev):
                    continue  # the report's one scene is not that of a relative clause
                fallback, name = dataclasses.replace(fallback, rule=fallback.rule[6:]), "single-scene"
            if explicit_elsewhere and best is not None and best.country_code != fallback.country_code:
                return None
            return _tag(fallback, name)
        consensus = consensus_place(doc, ev, context)
        if explicit_elsewhere:
            return _agreed(best, how, consensus) if best is not None else None
        return consensus

    def process(self, doc: Doc) -> None:
        """Replace each event in ``doc._.ew_events`` with a copy carrying its ``event_loc``."""
        events = slot(doc, "ew_events")
        if not events:
            return
        places = [p for p in doc._.ew_places or [] if not (p.rule and p.rule.startswith("demonym"))]
        dateline = next((p for p in places if p.rule and p.rule.startswith("dateline")), None)
        context = [p for p in places if not _topical(doc, p, self.rules)]
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
SCENE_SENTENCES = 2  # an event takes the place of an event at most this many sentences before it


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
