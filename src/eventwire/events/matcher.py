"""Trigger matching: for one token, the most specific lexicon entry whose constraints hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .lexicon import Entry, Lexicon
from .syntax import (
    clause_subject,
    complements,
    infinitive_marker,
    lemma_forms,
    object_token,
    pobj_of,
    prep_children,
    preps_among,
    real_object,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Token

__all__ = ["Match", "match_token", "pos_class"]

_VERB_POS = frozenset({"VERB", "AUX"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
_NOMINAL_DEPS = frozenset({"amod", "compound", "dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "npadvmod"})


@dataclass
class Match:
    """A trigger found on a token: the entry, the head token, the extra tokens in the trigger span."""

    entry: Entry
    head: Token
    extra: list[Token] = field(default_factory=list)
    obj: Token | None = None
    comp: Token | None = None

    @property
    def tokens(self) -> list[Token]:
        """Head and extra tokens, in text order."""
        return sorted([self.head, *self.extra], key=lambda t: t.i)


def pos_class(tok: Token) -> tuple[str, ...]:
    """Return the lexicon parts of speech to look ``tok`` up under, most likely first."""
    if tok.pos_ in _VERB_POS:
        return ("verb",)
    if tok.pos_ in _NOUN_POS:
        return ("noun",)
    if tok.pos_ == "ADJ":
        if tok.tag_ == "VBN":
            return ("adj", "verb")
        # a word tagged ADJ in a noun's slot is a mis-tagged noun ("a shoot-out ... broke out")
        return ("adj", "noun") if tok.dep_ in _ARG_DEPS else ("adj",)
    return ()


def _lem(t: Token) -> str:
    return t.lemma_.lower()


PERSON_NAME = "person-name"  # the object lemma a person's name adds: "hosted Vladimir Putin" hosts a person


def _obj_lemmas(obj: Token) -> set[str]:
    real = real_object(obj)
    out = {_lem(obj), _lem(real), real.lower_, obj.lower_}
    if real.ent_type_ == "PERSON":
        out.add(PERSON_NAME)
    for t in (obj, real):
        for c in t.children:
            if c.dep_ == "conj":
                out.add(_lem(c))
            if c.dep_ == "compound" and t.pos_ != "PROPN":
                out.add(_lem(c))
    return out


def _dated(prep: Token) -> bool:
    """Whether a preposition governs a date or time ("on Thursday", "at dawn"): an adjunct, never an argument."""
    o = pobj_of(prep)
    return o is not None and o.ent_type_ in ("DATE", "TIME")


def _mod_lemmas(noun: Token) -> set[str]:
    """Lemmas and forms of a noun's modifiers (compound, amod, nmod)."""
    return {x for ch in noun.children if ch.dep_ in ("amod", "compound", "nmod") for x in (_lem(ch), ch.lower_)}


def _check(entry: Entry, tok: Token, lex: Lexicon, cache: dict[str, Any]) -> Match | None:
    c = entry.constraints
    m = Match(entry, tok)
    if entry.pos != "noun" and "obj" not in cache:
        cache["obj"] = object_token(tok)
        cache["comps"] = complements(tok)
    kids: list[Token] | None = cache.get("kids")
    if kids is None:  # the trigger's children, listed once for all entries of this token
        kids = cache["kids"] = list(tok.children)
    obj = cache.get("obj") if entry.pos != "noun" else None
    if obj is not None and obj.dep_ not in ("nsubjpass",) and obj.i == tok.i:
        obj = None
    m.obj = obj
    if c.get("prt"):
        prts = [ch for ch in kids if ch.dep_ in ("prt", "advmod", "prep") and ch.lower_ in c["prt"]]
        if not prts:
            return None
        m.extra.extend(prts[:1])
    if c.get("need_obj") and obj is None:
        return None
    if c.get("no_oprd") and any(ch.dep_ == "oprd" for ch in kids):
        return None  # "what it called terrorist camps ... on Wednesday" names something, asks nothing
    if c.get("prt_none") and any(ch.dep_ == "prt" for ch in kids):
        return None
    if c.get("not_prt") and any(ch.dep_ in ("prt", "advmod") and ch.lower_ in c["not_prt"] for ch in kids):
        return None  # "cut short a visit" is no cut in ties
    if c.get("prep"):
        preps = list(preps_among(kids, c["prep"]))
        if not preps and obj is not None:
            preps = list(prep_children(obj, c["prep"]))
        if c.get("prep_obj"):
            preps = [p for p in preps if (o := pobj_of(p)) is not None and _lem(real_object(o)) in c["prep_obj"]]
        if c.get("not_prep_obj"):  # "succumbed to his injuries" is a death, not a concession
            preps = [p for p in preps if (o := pobj_of(p)) is None or _lem(real_object(o)) not in c["not_prep_obj"]]
        if c.get("not_prep_obj_mod"):  # "died in a gas explosion" is an accident, not an attack
            preps = [p for p in preps if (o := pobj_of(p)) is None or not (_mod_lemmas(real_object(o)) & c["not_prep_obj_mod"])]
        if not preps:
            return None
        m.extra.append(preps[0])
        if c.get("prep_obj"):
            o = pobj_of(preps[0])
            if o is not None:
                m.extra.append(real_object(o))
    elif c.get("prep_obj"):
        hits = [o for p in preps_among(kids) if (o := pobj_of(p)) is not None and _lem(o) in c["prep_obj"]]
        if not hits:
            return None
        m.extra.append(hits[0])
    if c.get("no_recipient_prep") and any(not _dated(p) for p in preps_among(kids, c["no_recipient_prep"])):  # not "on Thursday"
        return None
    if c.get("obj") or c.get("not_obj") or c.get("obj_amod") or c.get("obj_pobj_lemma") or c.get("not_obj_compound"):
        if obj is None:
            if c.get("obj") or c.get("obj_amod") or c.get("obj_pobj_lemma"):
                return None
        else:
            lemmas = _obj_lemmas(obj)
            if c.get("obj") and not (lemmas & c["obj"]):
                return None
            if c.get("not_obj") and _lem(real_object(obj)) in c["not_obj"]:
                return None
            mods = {_lem(ch) for ch in obj.children if ch.dep_ in ("amod", "compound", "nmod")}
            mods |= {ch.lower_ for ch in obj.children if ch.dep_ in ("amod", "compound", "nmod")}
            if c.get("obj_amod") and not ((mods | {_lem(obj)}) & c["obj_amod"]):
                return None
            if c.get("not_obj_compound") and (mods | {obj.lower_}) & c["not_obj_compound"]:
                return None
            if c.get("obj_pobj_lemma"):
                pl = {_lem(o) for p in prep_children(obj) if (o := pobj_of(p)) is not None}
                if not (pl & c["obj_pobj_lemma"]):
                    return None
            if c.get("obj") and obj.i != tok.i and obj.dep_ != "nsubjpass" and tok.dep_ != "acl":
                m.extra.append(real_object(obj) if _lem(obj) not in c["obj"] else obj)
    if c.get("obj_any"):
        pool = set()
        if obj is not None:
            pool |= _obj_lemmas(obj)
        for p in preps_among(kids):
            o = pobj_of(p)
            if o is not None:
                pool.add(_lem(o))
        if not (pool & c["obj_any"]):
            return None
    if c.get("obj_any_prep"):
        pool = set()
        for p in preps_among(kids):
            o = pobj_of(p)
            if o is not None:
                pool.add(_lem(o))
        for ch in kids:
            if ch.dep_ in ("oprd", "advmod", "acomp"):
                pool.add(_lem(ch))
        if not (pool & c["obj_any_prep"]):
            return None
    if c.get("oprd"):
        pool = {_lem(ch) for ch in kids if ch.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advmod")}
        for ch in kids:
            if ch.dep_ in ("ccomp", "xcomp"):
                pool |= {_lem(x) for x in ch.children if x.dep_ in ("acomp", "attr", "oprd")}
            elif ch.dep_ == "dobj":  # "called the decision cheap blackmail": the parser made the predicate the object
                pool |= {_lem(ch)} | {_lem(x) for x in ch.children if x.dep_ in ("conj", "amod", "appos")}
        if not (pool & c["oprd"]):
            return None
    if c.get("purpose_lemma") and not any(
            _lem(ch) in c["purpose_lemma"] and _purpose_form(ch) for ch in _purposes(kids)):
        return None  # "gathered outside the court to demand ...", "gathered in the square, demanding ..."
    if c.get("subj_lemma") and ((s := clause_subject(tok)) is None or _lem(s) not in c["subj_lemma"]):
        return None  # "demonstrators gathered in the square": named by their protest
    if c.get("not_subj_lemma") and (s := clause_subject(tok)) is not None and _lem(s) in c["not_subj_lemma"]:
        return None  # "a truck hit a pedestrian": an accident, not an assault
    comps: list[Token] = cache.get("comps", []) if entry.pos != "noun" else []
    m.comp = comps[0] if comps else None
    if c.get("comp") and not comps:
        return None
    if c.get("comp_finite") and not any(_finite_clause(x) for x in comps):
        return None  # "protested that X": speech; "protested at the gate, demanding Y": a demonstration
    if c.get("comp_own_subj") and not any(any(k.dep_ == "nsubj" for k in x.children) for x in comps):
        return None  # "wants Seoul to drop" asks another party; "wants to build" is the subject's own aim
    if c.get("comp_lemma") and not any(_lem(x) in c["comp_lemma"] for x in comps):
        return None
    if entry.pos == "noun":
        if c.get("compound") or c.get("not_compound"):
            mods = {_lem(ch) for ch in kids if ch.dep_ in ("compound", "amod", "nmod")}
            if c.get("compound") and not (mods & c["compound"]):
                return None
            if c.get("not_compound") and mods & c["not_compound"]:
                return None
        if c.get("obj_of"):
            pl = set()
            for p in preps_among(kids, frozenset({"of"})):
                o = pobj_of(p)
                if o is not None:
                    pl |= _obj_lemmas(o)
            if not (pl & c["obj_of"]):
                return None
        if c.get("subject_of") and not (tok.dep_ == "nsubj" and _lem(tok.head) in c["subject_of"]) \
                and not _acl_predicate(tok, kids, c["subject_of"]):
            return None
        if c.get("light_any"):
            head = tok.head
            gov = head.head if tok.dep_ == "pobj" and head.dep_ == "prep" else head
            if _lem(gov) not in c["light_any"] or tok.dep_ not in ("dobj", "pobj", "nsubjpass", "attr", "oprd", "conj"):
                return None
    return m


def _acl_predicate(tok: Token, kids: list[Token], verbs: frozenset[str]) -> bool:
    """"A clash ensued between ...": the parse made the noun's own verb a participle modifier of it
    (the verb right after the noun, with no agent, so not a reduced passive)."""
    return any(ch.dep_ == "acl" and ch.i == tok.i + 1 and _lem(ch) in verbs
               and not any(x.dep_ == "agent" for x in ch.children) for ch in kids)


def match_token(tok: Token, lex: Lexicon) -> list[Match]:
    """Return matches for ``tok`` in preference order (most specific entry first)."""
    out: list[Match] = []
    classes = pos_class(tok)
    if not classes:
        return out
    # quick exit: no form lemma_forms() could try is a lexicon head (most tokens)
    heads = lex.head_lemmas()
    if tok.lemma_.lower() not in heads:
        low = tok.lower_
        if low[:-1] not in heads and low[:-2] not in heads and low[:-3] not in heads \
                and low[:-3] + "e" not in heads:
            return out
    cache: dict[str, Any] = {}
    for pos in classes:
        if pos == "verb" and tok.dep_ in _NOMINAL_DEPS:
            continue  # "alleged crimes", "the wounded", "Syrian-backed": participles used as nouns or adjectives
        for lemma in lemma_forms(tok):
            entries = lex.candidates(pos, lemma)
            if not entries:
                continue
            for entry in entries:
                m = _check(entry, tok, lex, cache)
                if m is not None:
                    out.append(m)
            break
        if out:
            break
    return out


_MEANS = frozenset({"means", "mean", "way", "form"})


def _purposes(kids: list[Token]) -> Iterator[Token]:
    """Purpose clauses of a gathering: its own, a conjoined verb's ("gathered and set up a camp to
    demand"), and ACLED's "as (a) means to demand" ("blocked the road as means to protest")."""
    for ch in kids:
        if ch.dep_ in ("advcl", "xcomp"):
            yield ch
            if ch.lemma_.lower() in _MEANS:  # "as means to demand", parsed as a verb "means"
                yield from (x for x in ch.children if x.dep_ in ("xcomp", "advcl"))
        elif ch.dep_ == "conj" and ch.pos_ == "VERB":
            yield from _purposes([x for x in ch.children if x.dep_ != "conj"])
        elif ch.dep_ == "prep" and ch.lower_ == "as":
            for o in ch.children:
                if o.dep_ == "pobj" and o.lemma_.lower() in _MEANS:
                    yield from (x for x in o.children if x.dep_ in ("acl", "relcl"))


def _purpose_form(tok: Token) -> bool:
    """A subjectless purpose: an infinitive ("to demand") or a participle ("demanding")."""
    if infinitive_marker(tok) is not None:
        return True
    return tok.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)


def _finite_clause(tok: Token) -> bool:
    """A complement that is a clause of its own: a 'that', or a finite verb (not a gerund)."""
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in tok.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in tok.children):
        return True
    return tok.tag_ in ("VBD", "VBZ", "VBP", "MD")
