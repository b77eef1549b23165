"""Actor and recipient resolution: lexicon roles -> dependency tokens -> entities from ``doc._.ew_entities``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..records import Entity
from .syntax import (
    QUANTITY_NOUNS,
    RELATIVE_TAGS,
    children,
    clause_subject,
    complements,
    conjuncts,
    is_passive,
    lemma_forms,
    object_token,
    pobj_of,
    prep_children,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["EntityIndex", "RoleResolver"]

# Dependencies that stay inside an actor noun phrase when looking for an entity or its text.
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "prep", "pobj", "det", "nummod",
                     "quantmod", "case", "punct", "npadvmod", "advmod", "cc_never"})
NP_TEXT_SKIP = frozenset({"relcl", "acl", "conj", "cc", "advcl", "appos", "punct"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
PLACE_ENTS = frozenset({"NORP", "GPE"})
# Nouns that count the people they govern ("scores of refugees", "dozens of students").
COUNT_NOUNS = QUANTITY_NOUNS | frozenset({"score", "scores", "dozens", "hundreds", "thousands", "tens", "millions"})


@dataclass
class EntityIndex:
    """Entities of one article addressed by token: which entity covers token ``i``."""

    text: str
    by_token: dict[int, Entity] = field(default_factory=dict)

    @classmethod
    def build(cls, doc_tokens: Sequence[Token], entities: Sequence[Entity], text: str) -> EntityIndex:
        """Map every token covered by an entity span to the entity (longest span wins)."""
        idx = cls(text)
        if not entities:
            return idx
        ents = sorted(entities, key=lambda e: (e.span[0], -(e.span[1] - e.span[0])))
        starts = [t.idx for t in doc_tokens]
        import bisect

        for ent in ents:
            s, e = ent.span
            i = max(0, bisect.bisect_right(starts, s) - 1)
            while i < len(doc_tokens) and doc_tokens[i].idx < e:
                tok = doc_tokens[i]
                if tok.idx + len(tok.text) > s:
                    cur = idx.by_token.get(i)
                    if cur is None or (cur.span[1] - cur.span[0]) < (e - s):
                        idx.by_token[i] = ent
                i += 1
        return idx


class RoleResolver:
    """Turn role names of a lexicon entry ("subj", "pobj:on", "obj_poss") into argument tokens."""

    def __init__(self, light_verbs: frozenset[str], speech_verbs: frozenset[str]) -> None:
        self.light_verbs = light_verbs
        self.speech_verbs = speech_verbs

    # -- tokens ------------------------------------------------------------------------------

    def light_verb(self, noun: Token) -> Token | None:
        """Return the light verb governing event noun ``noun`` ("held talks", "went on strike")."""
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and self._light(head):
            return head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and self._light(head.head):
            return head.head
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in QUANTITY_NOUNS:
            return self.light_verb(head.head)  # "launched ten days of war games"
        if noun.dep_ == "conj":
            return self.light_verb(head) if head.pos_ in ("NOUN", "PROPN") else None
        if (noun.dep_ == "nmod" and head.dep_ == "dobj" and noun.i < head.i and self._light(head.head)
                and any(c.dep_ == "prep" and noun.i < c.i < head.i for c in noun.children)):
            return head.head  # "held a sit-in in Sarh town", parsed as a modifier of "town"
        return None

    def _light(self, tok: Token) -> bool:
        return tok.pos_ in ("VERB", "AUX") and any(f in self.light_verbs for f in lemma_forms(tok))

    def role_tokens(self, role: str, trig: Token, obj: Token | None, comp: Token | None) -> list[Token]:
        """Return the head tokens filling ``role`` for trigger ``trig`` (object ``obj``, complement ``comp``)."""
        if role == "subj":
            s = clause_subject(trig)
            return [s] if s is not None else []
        if role == "obj":
            return [obj] if obj is not None else []
        if role == "dative":
            return [c for c in trig.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON")]
        if role.startswith("pobj:"):
            return self._pobj(trig, role[5:])
        if role.startswith("obj_"):
            if obj is None:
                return []
            return self._modifier(obj, role[4:])
        if role.startswith("comp_"):
            if comp is None:
                comp = self.complement(trig)
            if comp is None or self._attribution(comp, trig):
                return []
            sub = role[5:]
            if sub == "subj":
                s = clause_subject(comp)
                return [s] if s is not None else []
            if sub == "obj":
                o = object_token(comp)
                return [o] if o is not None else []
            if sub == "dative":
                return [c for c in comp.children if c.dep_ == "dative"]
            if sub.startswith("pobj:"):
                out = self._pobj(comp, sub[5:])
                o = object_token(comp)
                if not out and o is not None:
                    out = self._pobj(o, sub[5:])
                return out
            return []
        if role.startswith("light"):
            lv = self.light_verb(trig)
            if lv is None:
                return []
            if role == "light":
                s = clause_subject(lv)
                return [s] if s is not None else []
            if role.startswith("light_pobj:"):
                return self._pobj(lv, role[11:])
            return []
        if role in ("poss", "compound", "amod"):
            return self._modifier(trig, role)
        if role == "between":
            found = self._pobj(trig, "between")
            if not found and trig.dep_ == "nsubj":  # "fighting broke out between X and Y"
                found = self._pobj(trig.head, "between")
            return found
        if role == "relcl_obj":
            out = []
            for rc in children(trig, "relcl"):
                o = object_token(rc)
                if o is not None and o is not trig:
                    out.append(o)
            return out
        if role == "acl_agent":
            out = []
            for acl in children(trig, "acl"):
                for ag in children(acl, "agent"):
                    p = pobj_of(ag)
                    if p is not None:
                        out.append(p)
            return out
        if role in ("acl_subj",):
            out = []
            for c in trig.children:
                if c.dep_ in ("acl", "ccomp", "relcl"):
                    s = clause_subject(c)
                    if s is not None and s is not trig:
                        out.append(s)
            return out
        if role == "head_obj":
            if trig.dep_ in ("nsubj",):
                o = object_token(trig.head)
                return [o] if o is not None else []
            return []
        return []

    def _pobj(self, tok: Token, prep: str) -> list[Token]:
        out = []
        for p in prep_children(tok, frozenset({prep})):
            o = pobj_of(p)
            if o is not None and o.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
                out.append(o)
        return out

    def _modifier(self, noun: Token, role: str) -> list[Token]:
        if role.startswith("pobj:"):
            return self._pobj(noun, role[5:])
        if role == "poss":
            return [c for c in noun.children if c.dep_ == "poss" and c.tag_ not in PRONOUN_TAGS
                    or (c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her"))]
        if role == "compound":
            return [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if role == "amod":
            return [c for c in noun.children if c.dep_ in ("amod", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN")]
        if role == "relcl_agent" or role == "acl_agent":
            out = []
            for c in children(noun, "relcl", "acl"):
                if is_passive(c):
                    s = clause_subject(c)
                    if s is not None:
                        out.append(s)
                for ag in children(c, "agent"):
                    p = pobj_of(ag)
                    if p is not None:
                        out.append(p)
            return out
        if role == "acl_pobj":
            out = []
            for c in children(noun, "acl"):
                for p in prep_children(c):
                    o = pobj_of(p)
                    if o is not None:
                        out.append(o)
            return out
        return []

    def complement(self, trig: Token) -> Token | None:
        """Return the first clausal complement of ``trig``, or None.

        A "that" clause after an event noun that the parser hung on the noun's verb is the noun's
        complement: "repeated its call this week that X lift ..." (the noun's own complement).
        """
        comps = complements(trig)
        if comps:
            return comps[0]
        return self._stray_that_clause(trig)

    def _attribution(self, comp: Token, trig: Token) -> bool:
        """A reporting clause after a comma is the source, not the content: "..., diplomats quoted X as saying"."""
        if comp.i < trig.i or comp.dep_ not in ("ccomp", "parataxis") or comp.lemma_.lower() not in self.speech_verbs:
            return False
        first = comp.left_edge
        return first.text == "," or (first.i > 0 and comp.doc[first.i - 1].text == ",")

    @staticmethod
    def _stray_that_clause(trig: Token) -> Token | None:
        if trig.pos_ == "NOUN" and trig.dep_ in ("dobj", "nsubjpass"):
            for c in trig.head.children:
                if c.dep_ == "ccomp" and c.i > trig.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                    return c
        return None

    def speaker_of(self, tok: Token) -> Token | None:
        """Return the subject of the speech verb whose complement contains ``tok`` ("X said it ...")."""
        cur = tok
        for _ in range(8):
            head = cur.head
            if head is cur:
                return None
            if cur.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in self.speech_verbs:
                return clause_subject(head)
            if cur.dep_ == "ROOT":
                # "..., the ministry said": the speech verb hangs off the main clause.
                for c in cur.children:
                    if c.dep_ in ("parataxis", "ccomp", "advcl", "conj") and c.lemma_.lower() in self.speech_verbs:
                        return clause_subject(c)
                return None
            cur = head
        return None


def expand(tokens: list[Token]) -> list[Token]:
    """Return argument heads with their conjuncts, without duplicates, in text order.

    Conjoined nationality modifiers count as members too: "French and Egyptian warships" gives
    "warships" and "French" (whose entity the actors stage gave the head noun's sector).
    """
    out: list[Token] = []
    for t in tokens:
        group = conjuncts(t)
        group = [*group, *(m for c in group for m in quantified_conjuncts(c))]
        group = sorted({*group, *(m for c in group for m in conjoined_modifiers(c)),
                        *(m for c in group for m in _title_appositions(c))}, key=lambda x: x.i)
        for c in group:
            if c not in out:
                out.append(c)
    return out


def _title_appositions(tok: Token) -> list[Token]:
    """A first named person the parser hung on the second one's title: "President Donald Trump and
    Russian President Vladimir Putin met" gives Trump (an apposition of the title before Putin)."""
    if tok.pos_ != "PROPN":
        return []
    return [a for c in tok.children if c.dep_ == "compound" and c.i < tok.i
            for a in c.children if a.dep_ == "appos" and a.pos_ == "PROPN" and a.i < tok.i]


def quantified_conjuncts(tok: Token) -> list[Token]:
    """Return the further conjuncts counted by a quantity noun: "scores of Xs and Ys" -> Ys.

    Conjoined nationality modifiers count too: "dozens of Nigerien and Chadian migrants".

    The first conjunct is found through the quantity noun itself (its noun phrase); the others
    hang off it and would be lost.
    """
    if not (tok.pos_ == "NUM" or tok.lemma_.lower() in COUNT_NOUNS):
        return []
    for p in prep_children(tok, frozenset({"of"})):
        o = pobj_of(p)
        if o is not None:
            group = conjuncts(o)
            return [c for c in (*group, *(m for c in group for m in conjoined_modifiers(c))) if c is not o]
    return []


def conjoined_modifiers(tok: Token) -> list[Token]:
    """Return the nationality/place modifiers of ``tok`` joined by a conjunction ("French and Egyptian")."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ not in ("amod", "compound", "nmod") or c.ent_type_ not in PLACE_ENTS:
            continue
        members = [x for x in c.children if x.dep_ == "conj" and x.ent_type_ in PLACE_ENTS]
        if members:
            out.extend([c, *members])
    return out


def noun_phrase(tok: Token) -> tuple[int, int]:
    """Return the (first, last) token indices of the noun phrase headed by ``tok`` (no clauses, no conjuncts)."""
    lo = hi = tok.i
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in NP_TEXT_SKIP:
                continue
            if c.dep_ == "prep" and c.lower_ not in ("of",):
                continue
            lo = min(lo, c.i)
            hi = max(hi, c.i)
            stack.append(c)
    doc = tok.doc
    while lo < hi and (doc[lo].dep_ in ("det", "punct", "cc", "case") or doc[lo].tag_ in ("DT", "POS", "``", "''")):
        lo += 1
    while hi > lo and (doc[hi].dep_ in ("punct", "case") or doc[hi].tag_ in ("POS",)):
        hi -= 1
    return lo, hi


def find_entity(tok: Token, index: EntityIndex) -> Entity | None:
    """Return the entity covering ``tok``, else the nearest entity inside its noun phrase.

    An entity with a country or group code is preferred to a code-less one: "A member of the
    Chadian senate, Idriss Maho" gives the parliament's code when the person has none.
    A participle's agent is part of the phrase: "abuses carried out by Bolivian police" -> the forces.
    """
    first = index.by_token.get(tok.i)
    if first is not None and first.code:
        return first
    # breadth-first over the noun phrase: modifiers nearest to the head first
    frontier = [tok]
    seen = {tok.i}
    for _ in range(4):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.i in seen:
                    continue
                if c.dep_ not in NP_DEPS and not (c.dep_ == "acl" and c.tag_ == "VBN") and not (
                        c.dep_ == "agent" and t.dep_ == "acl"):
                    continue
                seen.add(c.i)
                ent = index.by_token.get(c.i)
                if ent is not None:
                    if ent.code:
                        return ent
                    first = first or ent
                nxt.append(c)
        frontier = nxt
        if not frontier:
            break
    return first


def fallback_entity(tok: Token, text: str, sentence_index: int) -> Entity:
    """Build a code-less entity from the noun phrase headed by ``tok`` (no entity found there)."""
    lo, hi = noun_phrase(tok)
    doc = tok.doc
    start = doc[lo].idx
    end = doc[hi].idx + len(doc[hi].text)
    kind = "group" if tok.pos_ == "NOUN" else None
    if tok.tag_ in PRONOUN_TAGS or tok.tag_ in RELATIVE_TAGS:
        kind = None
    return Entity(entity_text=text[start:end], span=(start, end), name=None, kind=kind,
                  sentence_index=sentence_index, rule="events:noun-phrase")


PLACE_TARGET_EVENTS = frozenset({"ASSAULT", "COERCE"})  # events whose target is often a place ("attacked Kharkiv")


def as_placed(ent: Entity, doc: Doc) -> Entity:
    """The place itself, for a target the model tagged as a person and the places stage placed.

    "Russian forces attacked Kharkiv with drones": the small model calls "Kharkiv" a person, so the
    target had no country and the clause fallback took "drones" for the recipient instead. A name
    the places stage resolved over exactly these characters (not from the region of the text) is
    coded with the place's country, as "attacked Kharkiv." is. Meant for :data:`PLACE_TARGET_EVENTS`:
    a meeting's partner named like a town ("met Jackson") stays a person.
    """
    if ent.code or ent.kind != "person" or not (ent.rule or "").startswith("unknown person"):
        return ent
    for p in doc._.ew_places or ():
        if tuple(p.span) == tuple(ent.span) and p.country_code and not p.from_context:
            return replace(ent, code=p.country_code, country=p.country_code, kind="country",
                           rule="place in country (tagged as a person; the places stage read it as a place)")
    return ent


def is_pronoun(tok: Token) -> bool:
    """Return True for personal pronouns ("he", "it", "they")."""
    return tok.tag_ in PRONOUN_TAGS or tok.pos_ == "PRON"


def span_tokens(sent: Span) -> list[Token]:
    """Return the tokens of ``sent`` as a list."""
    return list(sent)
