"""Auxiliary modes (future, hypothetical, negation) and stated-intent detection from the parse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import Frames
from .syntax import infinitive_marker

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Modality", "clause_head", "modality"]

# Links we climb when looking for what governs a trigger; relative clauses and participle
# modifiers are facts about a noun, so climbing stops there.
_CLIMB = frozenset({"xcomp", "ccomp", "conj", "pcomp", "pobj", "dobj", "prep", "advcl", "acomp",
                    "nsubjpass", "attr", "oprd", "appos", "compound", "amod", "nmod", "nsubj", "agent"})
_HYPO_NOUN_MODS = frozenset({"proposed", "planned", "possible", "potential", "future", "prospective",
                             "hypothetical", "would-be", "expected", "envisaged", "suggested", "draft"})


@dataclass
class Modality:
    """The auxiliary modes of one trigger, and whether it is a stated intention or obligation."""

    aux: set[str]
    intent: bool = False  # "X said it will/would ...", "X plans to ..."
    deontic: bool = False  # "... must / should ..."
    reported: bool = False


def clause_head(tok: Token) -> Token:
    """Return the verb whose clause contains noun ``tok`` (the trigger itself for verbs)."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT":
            return cur
        if cur.dep_ in ("relcl", "acl"):
            return cur
        cur = cur.head
    return cur


def _month_name(tok: Token) -> bool:
    """True for the month "May" taken as a modal ("missing since 7 May blocked ..."): capitalised
    inside the sentence, or after a day number."""
    if tok.text != "May":
        return False
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and (prev.like_num or not tok.is_sent_start)


def _own(tok: Token, frames: Frames, mod: Modality) -> None:
    for c in tok.children:
        low = c.lower_
        lem = c.lemma_.lower()
        if c.dep_ == "neg" or (c.dep_ == "advmod" and low in ("never",)):
            mod.aux.add("negation")
        elif c.dep_ == "aux":
            if low in frames.future_modals or lem in frames.future_modals:
                mod.aux.add("future")
                mod.intent = True
            elif low in frames.hypothetical_modals and not _month_name(c):
                mod.aux.add("hypothetical")
                mod.intent = True
            elif low in frames.deontic_modals:
                mod.deontic = True
            elif lem == "go" and c.tag_ == "VBG":
                mod.aux.add("future")
                mod.intent = True
        elif c.dep_ == "mark" and low in frames.conditional_marks and tok.dep_ in ("advcl", "ccomp", "conj"):
            mod.aux.add("hypothetical")
        elif c.dep_ == "mark" and low == "for" and infinitive_marker(tok) is not None:
            mod.aux.add("hypothetical")  # "for a settlement to be reached": irrealis
        elif c.dep_ == "det" and low == "no" and tok.pos_ == "NOUN":
            mod.aux.add("negation")
        elif c.dep_ in ("amod", "compound") and low in _HYPO_NOUN_MODS and tok.pos_ == "NOUN":
            mod.aux.add("hypothetical")
    # "no longer"; "neither side has accepted", "no country has recognised"
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass") and any(x.dep_ == "det" and x.lower_ in ("no", "neither")
                                                     for x in c.children):
            mod.aux.add("negation")
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("neither", "none", "nobody", "nothing"):
            mod.aux.add("negation")
        if c.dep_ == "advmod" and c.lower_ == "longer" and any(x.lower_ == "no" for x in c.children):
            mod.aux.add("negation")


def _record_clause(trig: Token, frames: Frames) -> bool:
    """True for "X, the first country to make peace with Y": an infinitive on a ranked apposition.

    The noun and the apposition are read from the words ("X, the first ... to"), not only from
    the parse, which often hangs the infinitive or the noun on the wrong head.
    """
    if trig.dep_ not in ("acl", "relcl"):
        return False
    to = infinitive_marker(trig)
    if to is None or to.i == 0 or to.i > trig.i:
        return False
    noun = trig.doc[to.i - 1]
    if not any(c.dep_ == "amod" and c.lower_ in frames.record_modifiers for c in noun.children):
        return False
    start = noun.left_edge.i
    return noun.dep_ == "appos" or (start > 0 and trig.doc[start - 1].text == ",")


def modality(trig: Token, frames: Frames, speech_verbs: frozenset[str]) -> Modality:
    """Return the auxiliary modes governing ``trig`` from its own auxiliaries and its governors."""
    mod = Modality(set())
    _own(trig, frames, mod)
    if _record_clause(trig, frames):
        mod.aux.add("historical")
    cur = trig
    for _ in range(10):
        dep = cur.dep_
        head = cur.head
        if head is cur or (dep not in _CLIMB and not (dep == "acl" and cur is not trig
                                                        and cur.lemma_.lower() in frames.linking_participles)):
            break
        hl = head.lemma_.lower()
        hlow = head.lower_
        if dep == "ccomp" and head.i > cur.i and cur.i > 0 and hl not in speech_verbs \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            break  # "people gathered in X ... which would overturn Y": a clause with its own subject
            # parsed under a later, unrelated verb keeps its own mood (a report's governor is a speech verb)
        if dep in ("xcomp", "ccomp", "pcomp", "advcl", "acomp", "prep", "pobj", "conj", "dobj"):
            if dep in ("xcomp", "ccomp", "acomp") or (dep == "advcl" and cur.tag_ == "VB"):
                if hl in frames.future_governors or hlow in frames.future_governors:
                    mod.aux.add("future")
                elif hl in frames.intent_governors or hlow in frames.intent_governors:
                    mod.intent = True
                    mod.aux.add("future")
                elif hl in frames.hypothetical_governors:
                    mod.aux.add("hypothetical")
                elif hl in frames.negation_governors:
                    mod.aux.add("negation")
                elif hl in frames.deontic_governors or (
                        dep == "ccomp" and any(x.dep_ == "acomp" and x.lemma_.lower() in frames.deontic_governors
                                               for x in head.children)):
                    mod.deontic = True
            if dep == "pobj" and head.dep_ == "prep":
                gov = head.head
                if (gov.lemma_.lower(), head.lower_) in frames.hypothetical_governor_preps:
                    mod.aux.add("hypothetical")
            if dep == "dobj" and hl in frames.hypothetical_governors:
                mod.aux.add("hypothetical")
            if dep == "ccomp" and hl in speech_verbs:
                mod.reported = True
                break
            if dep in ("xcomp", "conj", "advcl", "ccomp"):
                own = Modality(set())
                _own(head, frames, own)
                if dep == "advcl":
                    own.aux.discard("negation")
                mod.aux |= own.aux - {"negation"} if dep != "conj" else own.aux
                mod.intent = mod.intent or own.intent
                mod.deontic = mod.deontic or own.deontic
        if head.dep_ == "ROOT" and head.lemma_.lower() not in speech_verbs:
            for c in head.children:
                if c.dep_ in ("parataxis", "ccomp", "conj", "advcl") and c.lemma_.lower() in speech_verbs and c.i > trig.i:
                    mod.reported = True
        if dep in ("relcl", "acl") and (cur is trig or cur.lemma_.lower() not in frames.linking_participles):
            break
        cur = head
    if cur.dep_ == "ROOT" and cur.lemma_.lower() not in speech_verbs:
        for c in cur.children:
            if c.dep_ in ("parataxis", "ccomp", "conj", "advcl") and c.lemma_.lower() in speech_verbs and c.i > trig.i:
                mod.reported = True
    if "negation" in mod.aux and ("hypothetical" in mod.aux or "future" in mod.aux) and mod.intent:
        pass
    return mod
