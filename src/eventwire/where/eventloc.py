"""EventLocationStage: the place governing each event's clause, else the dateline, else the main place."""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import TYPE_CHECKING

from .. import deadline
from ..config import Settings
from ..nlp import Stage, evolve, sentence_index_of, slot, view
from ..records import Event, Place
from .build import haversine_km
from .fallbacks import (
    ENCLOSING_RULES,
    NEAR_AFTER_CHARS,
    after_label,
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
    phrase_comma,
    previous_scene,
    tag_place,
    usable_place,
)
from .gazetteer import Gazetteer, load_gazetteer
from .locrules import LocationRules
from .places import load_locative

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ENCLOSING_RULES", "EventLocationStage", "LocationRules", "choose_location", "consensus_place", "enclosed", "main_place",
           "previous_scene"]

_SPECIFIC = {"point": 0.2, "unresolved": 0.15, "admin1": 0.1}  # the more specific of equally supported places
THRESHOLD = 1.0  # a sentence place needs at least this much syntactic support to be the event's place


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
        # a bracket or comma right after the place ends its name: "Koubri (Koubri, Kadiogo)" read
        # as one organisation is a place and its divisions, not "Cairo University"
        return end > place_end and not (place_end < len(p.doc) and p.doc[place_end].is_punct)
    return False




def _owns(p: Token, rules: LocationRules, place_end: int | None) -> bool:
    """Whether a country names the owner of premises ("the embassy of Russia", "the US consulate")."""
    if place_end is not None and place_end < len(p.doc) and p.doc[place_end].lower_ in rules.owner_nouns:
        return True
    while p.dep_ == "conj" and p.head is not p:
        p = p.head  # "the embassies of Rwanda, France and the United States": each owns one
    prep = p.head
    return (p.dep_ == "pobj" and prep.lower_ == "of" and prep.head is not prep
            and prep.head.lower_ in rules.owner_nouns)


def _in_event_subject(attach: Token, trigger: Token, verb: Token, rules: LocationRules) -> bool:
    """Whether ``attach`` lies inside the subject of the trigger's clause, and that subject is an event noun."""
    for head in {trigger, verb}:
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass") and (c.lemma_.lower() in rules.event_nouns or c.lower_ in rules.event_nouns) \
                    and (attach.i == c.i or c.i in _ancestors(attach)):
                return True
    return False


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


def _pp_chain(attach: Token, top: Token, stop: frozenset[str] = frozenset()) -> bool:
    """Whether ``attach`` hangs under ``top`` through nested prepositional phrases only ("killed in clashes in X").

    A phrase opened by a word of ``stop`` ("following the shooting at a school in X") tells
    another event, so the chain ends there.
    """
    node = attach
    for _ in range(10):
        if node.i == top.i:
            return True
        if node.dep_ not in _PP_CHAIN or (node.dep_ == "conj" and node.pos_ in {"VERB", "AUX"}):
            return False  # a coordinated verb is another event ("captured ... and face charges at X")
        if node.dep_ == "prep" and node.lower_ in stop:
            return False
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


def _argument_chain(attach: Token, heads: set[int], span: tuple[int, int],
                    stop: frozenset[str] = frozenset()) -> bool:
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
        if (node.dep_ == "conj" and node.pos_ in {"VERB", "AUX"}) or (node.dep_ == "prep" and node.lower_ in stop):
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
    k = after_label(v.tokens, lo_tok, hi_tok)  # "Looting:"
    for _ in range(3):  # a date phrase, then the place phrase
        comma = phrase_comma(v.tokens, k, hi_tok)
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


def _qualified_by_head(node: Token) -> bool:
    """Whether a name modifies, across a bracket or comma, the name that qualifies it ("Melbourne (Victoria)")."""
    head = node.head
    if node.dep_ not in {"nmod", "compound", "npadvmod", "det"} or head.i <= node.i + 1 or head.pos_ != "PROPN":
        return False
    return any(t.text in {"(", ","} for t in node.doc[node.i + 1:head.i])


def _support(p: Token, trigger: Token, verb: Token, rules: LocationRules,
             place_end: int | None = None, country: bool = False,
             trig_range: tuple[int, int] | None = None) -> tuple[float, str]:
    """Score how strongly the place headed by ``p`` is where the event of ``trigger`` happened."""
    if _is_actor(p, rules, place_end):
        return 0.3, "actor-place"
    if country and _owns(p, rules, place_end):
        return 0.3, "owner-country"
    node = p
    via_siege = False
    for _ in range(6):
        if _qualified_by_head(node):
            node = node.head  # "in Melbourne (Victoria)" parsed with the town modifying its state
            continue
        if node.dep_ in {"compound", "amod", "nmod", "npadvmod"} and node.head.lemma_.lower() in rules.document_nouns \
                or node.dep_ == "compound" and node.head.dep_ in {"compound", "amod"} \
                and node.head.head.lemma_.lower() in rules.document_nouns:
            return 0.2, "document-name"  # "from the Paris climate agreement": the document's name, not the scene
        if (node.dep_ in {"conj", "appos", "compound", "poss"} or (
                node.dep_ in {"nmod", "amod"} and node.head.lemma_.lower() in rules.place_nouns)) and node.head is not node:
            # "in Holmivskyi, Donetsk region": a name qualifying a place noun shares its phrase; so does one
            # the parser took for an adjective ("in Mexico's Michoacan state", Michoacan tagged NORP)
            head = node.head
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
            if word in {"of", "on"} and attach.pos_ == "NOUN" and attach.lemma_.lower() in rules.siege_nouns:
                node, via_siege = attach, True  # "killed during the occupation of X": the siege's place
                continue
            if via_siege and word in rules.span_prepositions:
                word = "in"  # "during the siege of X" places the event as "in X" would
            if word not in rules.prepositions:
                if attach.i == trigger.i or attach.i == verb.i:
                    return 0.6, f"prep-{word}"
                return 0.3, f"prep-{word}"
            strong = word in rules.strong_prepositions
            base = 3.0 if strong else 1.5
            if attach.i in {trigger.i, verb.i}:
                if not strong and trigger.lemma_.lower() in rules.topic_verbs:
                    # "condemned the Indian strikes on Muzaffarabad", the parser hanging "on" on the verb:
                    # what a condemnation is about, not where it was voiced
                    return 0.6, f"prep-{word}-topic"
                return base, f"prep-{word}"
            heads = _event_heads(trigger, verb)
            stop = rules.sequence_prepositions
            if _pp_chain(attach, trigger, stop) or _pp_chain(attach, verb, stop) or attach.i in heads:
                # "killed in clashes in Kobane": the prepositional phrase hangs lower in the event's clause
                return base - 0.5, f"prep-{word}-inner"
            areal = word in rules.areal_prepositions and attach.lemma_.lower() in rules.areal_heads
            if (strong or areal) and _argument_chain(attach, heads, trig_range or (trigger.i, trigger.i + 1), stop):
                return base - 0.5, f"prep-{word}-argument"
            if trigger.i in _ancestors(attach) or verb.i in _ancestors(attach):
                if strong and _in_event_subject(attach, trigger, verb, rules):
                    # "Fighting ... in Upper Nile state killed dozens": the scene of the event noun that
                    # is the killing's subject
                    return base - 0.5, f"prep-{word}-event-subject"
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
        if via_siege and (trigger.i in _ancestors(node) or verb.i in _ancestors(node)) \
                and node.head.lemma_.lower() not in rules.topic_verbs:
            # "killed fighters who tried to break the siege of Homs", "killed in attempts to break the
            # siege on Manbij": an operation on a place, named inside the event's own clause, sets its scene
            return 1.2, "siege-subtree"
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


_QUALIFIER_GAP = re.compile(r"\s*[(,]\s*")
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
        if (pl.span[1] <= best.span[0] and _QUALIFIER_GAP.fullmatch(text, pl.span[1], best.span[0])
                and s >= best_s - QUALIFIED_MARGIN and pl.country_code == best.country_code
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
        if pspan is not None and len(pspan) and host.root.i in _ancestors(pspan.root):
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
    verb = _clause_verb(trigger)
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
        s, how = _support(pspan.root, trigger, verb, rules, pspan.end, pl.resolution == "country",
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
        context = [p for p in places if not is_topical(doc, p, self.rules)]
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
