"""Syntactic support of a sentence's place for an event: how firmly the parse ties a place to the trigger.

:func:`place_support` scores one place of the event's sentence (a locative phrase on the event's clause,
on its argument, inside its subject, ...); :func:`opening_place` reads a fronted place ("In Gaza, ...");
:func:`pronoun_object` finds the place an "it" stands for. Used by :mod:`eventwire.where.eventloc`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import sentence_index_of, view
from ..records import Place
from .fallbacks import after_label, phrase_comma
from .locrules import LocationRules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ancestors", "clause_verb", "opening_place", "place_support", "pronoun_object"]

def clause_verb(tok: Token) -> Token:
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
                    and (attach.i == c.i or c.i in ancestors(attach)):
                return True
    return False


def ancestors(tok: Token) -> set[int]:
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


def pronoun_object(trigger: Token, verb: Token, rules: LocationRules) -> Token | None:
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


def place_support(p: Token, trigger: Token, verb: Token, rules: LocationRules,
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
            if trigger.i in ancestors(attach) or verb.i in ancestors(attach):
                if strong and _in_event_subject(attach, trigger, verb, rules):
                    # "Fighting ... in Upper Nile state killed dozens": the scene of the event noun that
                    # is the killing's subject
                    return base - 0.5, f"prep-{word}-event-subject"
                if strong and _same_clause(attach, {trigger.i, verb.i}):
                    # "killed two people in Jupakamu village", "shelled positions in X": the place of
                    # the act's own participants, with no clause between them and the trigger
                    return 1.2, f"prep-{word}-participant"
                return (0.8 if strong else 0.4), f"prep-{word}-nested"
            if attach.i in ancestors(trigger) or attach.i in ancestors(verb):
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
        if via_siege and (trigger.i in ancestors(node) or verb.i in ancestors(node)) \
                and node.head.lemma_.lower() not in rules.topic_verbs:
            # "killed fighters who tried to break the siege of Homs", "killed in attempts to break the
            # siege on Manbij": an operation on a place, named inside the event's own clause, sets its scene
            return 1.2, "siege-subtree"
        break
    if trigger.i in ancestors(p) or verb.i in ancestors(p):
        return 0.5, "subtree"
    return 0.1, "sentence"
