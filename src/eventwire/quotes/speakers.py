"""Speakers: from a cue's grammatical subject (or "according to" object) to an actor entity.

The actors stage has already resolved names, descriptions and pronouns to entities (with the
antecedent's name and code through in-article coreference). This module only picks the entity
that covers the speaker's head word; for a pronoun the actors stage left unresolved it falls
back on the nearest preceding entity of a plausible kind (same paragraph first, grammatical
subjects first). A speaker that cannot be identified stays ``None``: it is never guessed.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..nlp import sentence_index_of
from ..records import Entity, Span
from .lexicon import QuoteLexicon

__all__ = ["SpeakerResolver", "noun_phrase", "preceding_subject", "subject_of"]

_SUBJ = ("nsubj",)
# "..., saying ...", "and added ...", "quoted as saying": the head's subject
_INHERIT = ("advcl", "xcomp", "conj", "pcomp", "prep")
_LEFT_STOP = {")", ":", ";", "(", "—", "–", "\n"}


def preceding_subject(verb: Token) -> Token | None:
    """Return the head of ", a U.N. spokesman said" when the parser gave the verb no subject."""
    doc = verb.doc
    j = verb.i - 1
    while j >= 0 and doc[j].dep_ in ("aux", "auxpass", "neg", "advmod"):
        j -= 1
    end = j + 1
    k = j
    while k >= 0 and doc[k].text != "," and end - k <= 16:
        k -= 1
    if k < 0 or doc[k].text != "," or k + 1 >= end:
        return None
    span = doc[k + 1:end]
    if span[0].pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON"):
        return None
    root = span.root
    return root if root.pos_ in ("NOUN", "PROPN", "PRON") else None


def subject_of(verb: Token) -> Token | None:
    """Return the token heading ``verb``'s subject, inherited through participles and conjuncts."""
    v = verb
    for _ in range(4):
        subjects = [c for c in v.children if c.dep_ in _SUBJ
                    or (c.dep_ == "nsubjpass" and v.lemma_ == "quote")]  # "X was quoted as saying"
        if subjects:
            # The subject nearest before the verb ("LISBON - ..., union officials said").
            before = [c for c in subjects if c.i < v.i]
            child = before[-1] if before else subjects[0]
            if child.lower_ in ("who", "that", "which") and v.dep_ == "relcl":
                return v.head
            return child
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return v.head  # "Blinken, speaking to reporters, ..."
        if v.dep_ in _INHERIT and v.head.i != v.i:
            v = v.head
            continue
        if v.head.i == v.i:
            return preceding_subject(v)
        break
    return None


def noun_phrase(head: Token) -> tuple[int, int]:
    """Return the token range ``[start, end)`` of the words naming ``head`` (no clauses)."""
    start = head.left_edge.i
    for t in head.doc[start:head.i]:
        if t.text in _LEFT_STOP or t.is_space:
            start = t.i + 1
    while start < head.i and (head.doc[start].is_punct or head.doc[start].is_space):
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nummod") or (
                child.dep_ == "prep" and (child.lower_ == "of" or (
                    child.lower_ == "for" and head.pos_ == "NOUN"))):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    while end > head.i + 1 and (head.doc[end - 1].is_punct or head.doc[end - 1].is_space):
        if head.doc[end - 1].text == ")" and any(t.text == "(" for t in head.doc[start:end]):
            break
        end -= 1
    return start, end


class SpeakerResolver:
    """Find the entity a speaker phrase names, for one document."""

    def __init__(self, doc: Doc, entities: list[Entity], lex: QuoteLexicon,
                 paragraph_starts: list[int], quoted: list[Span], sent_starts: list[int]) -> None:
        self.doc = doc
        self.sent_starts = sent_starts
        self.lex = lex
        self.entities = sorted(entities, key=lambda e: (e.span[0], e.span[1]))
        self._starts = [e.span[0] for e in self.entities]
        self.paragraph_starts = paragraph_starts
        self.quoted = quoted

    def _covering(self, start: int, end: int) -> Entity | None:
        """Return the most specific entity whose span covers ``[start, end)``."""
        best: Entity | None = None
        hi = bisect.bisect_right(self._starts, start)
        for ent in self.entities[max(0, hi - 40):hi]:
            if ent.span[0] <= start and ent.span[1] >= end:
                rank = (ent.code is None and ent.name is None, ent.span[1] - ent.span[0])
                if best is None or rank < (best.code is None and best.name is None,
                                           best.span[1] - best.span[0]):
                    best = ent
        return best

    def names_between(self, start: int, end: int, allowed: Span | None) -> bool:
        """Return whether an entity other than the one at ``allowed`` is a subject in ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start)
        for ent in self.entities[lo:]:
            if ent.span[0] >= end:
                break
            if allowed is not None and allowed[0] <= ent.span[0] < allowed[1]:
                continue
            if self._is_subject(ent):
                return True
        return False

    def _person_head(self, ent: Entity) -> bool:
        words = ent.entity_text.lower().split()
        return bool(words) and words[-1] in self.lex.person_heads

    def _in_quote(self, ent: Entity) -> bool:
        return any(s <= ent.span[0] < e for s, e in self.quoted)

    def _paragraph_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, char) - 1)

    def _is_subject(self, ent: Entity) -> bool:
        span = self.doc.char_span(ent.span[0], ent.span[1], alignment_mode="expand")
        return span is not None and len(span) > 0 and span.root.dep_ in ("nsubj", "nsubjpass")

    def antecedent(self, char: int, kinds: tuple[str, ...]) -> Entity | None:
        """Return the nearest plausible entity before ``char``: same paragraph first, subjects first."""
        para = self._paragraph_of(char)
        hi = bisect.bisect_left(self._starts, char)
        person = "person" in kinds
        candidates = [e for e in self.entities[:hi]
                      if (e.kind in kinds or person and self._person_head(e))
                      and e.span[1] <= char and (e.name or e.code) and not self._in_quote(e)]
        for p in range(para, max(-1, para - 4), -1):
            lo = self.paragraph_starts[p] if p < len(self.paragraph_starts) else 0
            up = self.paragraph_starts[p + 1] if p + 1 < len(self.paragraph_starts) else char
            here = [e for e in candidates if lo <= e.span[0] < up]
            if not here:
                continue
            subjects = [e for e in here if self._is_subject(e)]
            return (subjects or here)[-1]
        return None

    def resolve(self, head: Token) -> tuple[Entity | None, Span | None, str]:
        """Return the speaker entity, the span of the words naming it, and the rule used."""
        doc = self.doc
        head = self.through_documents(head)
        start, end = noun_phrase(head)
        span: Span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        ent = self._covering(head.idx, head.idx + len(head))
        if ent is not None and (ent.name or ent.code or head.lower_ not in self.lex.pronouns):
            span = (min(span[0], ent.span[0]), max(span[1], ent.span[1]))
            return ent, span, "entity"
        kinds = self.lex.pronouns.get(head.lower_)
        if kinds:
            ante = self.antecedent(head.idx, kinds)
            if ante is None:
                return None, span, "pronoun-unresolved"
            merged = replace(ante, entity_text=doc._.article.text[head.idx:head.idx + len(head)],
                             span=(head.idx, head.idx + len(head)),
                             sentence_index=sentence_index_of(self.sent_starts, head.idx),
                             rule="quotes:antecedent")
            return merged, span, "antecedent"
        if head.pos_ == "PROPN":
            named = self.same_name(head)
            if named is not None:
                return named, span, "same-name"
        if head.lemma_.lower() in self.lex.possessed_speakers:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("for", "of", "to"):
                    child = next((g for g in child.children if g.dep_ == "pobj"), child)
                elif child.dep_ != "poss":
                    continue
                owner = self._covering(child.idx, child.idx + len(child))
                if owner is not None:
                    if child.i > head.i:  # "a close aide to the prime minister": name them both
                        last = child.right_edge
                        span = (span[0], max(span[1], last.idx + len(last)))
                    return owner, span, "possessor"
        return None, span, "no-entity"

    def same_name(self, head: Token) -> Entity | None:
        """Return an earlier named entity whose name ends with ``head`` ("Okafor" -> "Maria Okafor")."""
        word = head.text
        hi = bisect.bisect_left(self._starts, head.idx)
        for ent in reversed(self.entities[:hi]):
            full = ent.name or ent.entity_text
            if ent.kind == "person" and full != word and full.endswith(" " + word):
                return replace(ent, entity_text=self.doc._.article.text[head.idx:head.idx + len(head)],
                               span=(head.idx, head.idx + len(head)),
                               sentence_index=sentence_index_of(self.sent_starts, head.idx),
                               rule="quotes:same-name")
        return None

    def through_documents(self, head: Token) -> Token:
        """Follow "a statement from X" / "X's statement" to X."""
        for _ in range(2):
            if head.lemma_.lower() not in self.lex.document_nouns and \
                    head.lower_ not in self.lex.document_nouns:
                break
            nxt = None
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in self.lex.document_preps:
                    nxt = next((g for g in child.children if g.dep_ == "pobj"), None)
                elif child.dep_ == "poss" and child.pos_ != "PRON":
                    nxt = child
                if nxt is not None:
                    break
            if nxt is None:
                break
            head = nxt
        return head
