"""Gates on a trigger: clauses and positions where a matched word is no event of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Entity
from .lexicon import Frames
from .matcher import Match
from .syntax import clause_subject, infinitive_marker, object_token

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Gates"]


class Gates:
    """Syntactic checks that keep background, topics and content from becoming events."""

    def __init__(self, frames: Frames) -> None:
        self.frames = frames

    def rejected(self, tok: Token) -> bool:
        """True for the subject of a rejection predicate: "lifting the embargo is out of the question"."""
        if tok.dep_ not in ("csubj", "nsubj") or tok.head.lemma_.lower() != "be" or not self.frames.rejection_predicates:
            return False
        head = tok.head
        if any(c.dep_ == "neg" for c in head.children):
            return False
        after = " ".join(t.lower_ for t in head.subtree if t.i > head.i)
        return any(p in after for p in self.frames.rejection_predicates)

    def purpose_of_event(self, tok: Token, matches: dict[int, Match]) -> bool:
        """An infinitive on an event noun is that event's purpose: "a rally to protest X"."""
        if tok.dep_ not in ("relcl", "acl") or tok.head.i not in matches:
            return False
        return infinitive_marker(tok) is not None

    def background_clause(self, tok: Token) -> bool:
        """A relative or "when" clause dated in the past: "where 24 were killed last March"."""
        cur = tok
        if cur.dep_ == "conj":
            cur = cur.head
        in_rel = cur.dep_ == "relcl" or (cur.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in self.frames.background_clause_marks for c in cur.children))
        if not in_rel:
            return False
        past = self.frames.past_time_words
        for c in tok.children:
            if c.dep_ == "advmod" and c.lower_ in past:
                return True
            if c.dep_ in ("npadvmod", "prep", "advmod") and any(
                    t.lower_ in past and (t.lower_ == "ago" or t.ent_type_ == "DATE" or t.head.ent_type_ == "DATE"
                                          or t.head.lemma_.lower() in self.frames.time_nouns)
                    for t in c.subtree):
                return True
        return False

    def under_topic(self, tok: Token) -> bool:
        """A verb that only describes a plan, decision or demand ("the decision of deploying ships")."""
        cur = tok
        for _ in range(3):
            head = cur.head
            if head is cur:
                return False
            if head.pos_ == "NOUN" and head.lemma_.lower() in self.frames.topic_nouns:
                return True
            if head.pos_ not in ("ADP", "PART"):
                return False
            cur = head
        return False

    def kind(self, ent: Entity, tok: Token) -> str:
        if (ent.kind == "country" and tok.pos_ == "NOUN" and not tok.ent_type_
                and tok.lemma_.lower() not in self.frames.groups.get("STATE_NOUNS", frozenset())):
            return "group"  # "land owners from Nicolas Romero in Mexico": people of a place, not its state
        if ent.kind in ("country",) or tok.ent_type_ == "GPE":
            return "country"
        if ent.code is None and tok.lemma_.lower() in self.frames.groups.get("PERSONS", frozenset()):
            return "person"  # "the minister": a person even before the actors stage knows who
        if ent.sector == "GOV" and ent.kind != "person":
            return "gov"
        if ent.kind == "person" or tok.ent_type_ == "PERSON":
            return "person"
        return ent.kind or "group"

    def noun_allowed(self, tok: Token, matches: dict[int, Match]) -> bool:
        """Nominal triggers under a governing verb trigger or a topic noun are not coded on their own."""
        if tok.dep_ in ("compound",):
            return False
        cur = tok
        for step in range(6):
            head = cur.head
            if head is cur:
                return True
            hl = head.lemma_.lower()
            if head.dep_ in ("prep", "pcomp") and (head.lower_ in self.frames.background_preps or (
                    head.lower_ == "of" and head.head.lower_ in self.frames.background_preps)):
                return False
            if head.i in matches and matches[head.i].entry.pos != "noun" and step < 3:
                return False
            if (cur.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in self.frames.topic_preps
                    and any(c.dep_ == "dobj" and c.lemma_.lower() in self.frames.topic_nouns
                            for c in head.head.children)):
                return False  # "renewed negotiations today on a troop pullback": the parse hangs "on" on the verb
            if head.pos_ in ("VERB", "AUX"):
                if hl in self.frames.noun_blockers and cur.dep_ not in ("nsubj", "nsubjpass"):
                    return False
                infinitival = head.dep_ in ("xcomp", "acl", "advcl", "pcomp") and not any(
                    ch.dep_ in ("nsubj", "nsubjpass") for ch in head.children)
                if not infinitival and (cur.dep_ in ("nsubj", "dobj", "nsubjpass") or step >= 2):
                    return True
            if (head.pos_ == "NOUN" and hl in self.frames.topic_nouns
                    and cur.dep_ in ("pobj", "prep", "compound", "dobj", "conj", "acl")
                    and not (head.i in matches and cur.dep_ == "conj")):
                return False
            if cur.dep_ in ("relcl", "acl") and step > 0:
                return True
            cur = head
        return True

    def _natural_doer(self, tok: Token) -> bool:
        """Whether the doer of a verb is a force of nature, a disease or an accident (frames ``natural_forces``)."""
        doer = clause_subject(tok)
        if doer is None:
            return False
        if doer.lemma_.lower() == "fire" and any(c.dep_ == "det" and c.lower_ in ("a", "the") for c in doer.children) \
                and not any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in doer.children):
            return doer.dep_ == "nsubj"  # "a fire at a nightclub killed 59" is a blaze; "Israeli fire" is shooting
        if self._natural_holder(doer):
            return True
        if not self._force_word(doer):
            return False
        # the subject, also inherited ("the flooding has spread and has struck four million"), or the
        # passive's agent ("were killed by the flood"), which clause_subject returns for a passive
        return doer.dep_ == "nsubj" or doer.head.dep_ == "agent"

    def _force_word(self, tok: Token) -> bool:
        """Whether a noun names a force of nature or an accident, also capitalised at a sentence's start
        ("Wildfires destroyed", where the tagger reads a name and keeps the plural as the lemma)."""
        forces = self.frames.natural_forces
        word = tok.lemma_.lower()
        if word in forces:
            return True
        return tok.pos_ == "PROPN" and tok.i == tok.sent.start and word.endswith("s") and (
            word[:-1] in forces or (word.endswith("es") and word[:-2] in forces))

    def _natural_holder(self, doer: Token) -> bool:
        """Whether a relative clause's noun sits inside a disaster's phrase: "the collapse of a roof in Novi
        Sad that killed 16" (the parser hangs "that killed" on the nearest noun)."""
        if doer.head.dep_ != "relcl" and not any(c.dep_ == "relcl" for c in doer.children):
            return False
        node = doer
        for _ in range(4):
            if node.dep_ not in ("pobj", "compound") or node.head is node:
                return False
            node = node.head.head if node.dep_ == "pobj" else node.head
            if node.pos_ == "NOUN" and node.lemma_.lower() in self.frames.natural_forces:
                return True
        return False

    def _concrete(self, obj: Token) -> bool:
        """Whether a modifier makes an abstract-looking patient physical ("military targets", "Houthi targets")."""
        return any(c.dep_ in ("amod", "compound") and (c.lemma_.lower() in self.frames.concrete_modifiers
                                                       or c.ent_type_ in ("NORP", "GPE", "ORG"))
                   for c in obj.children)

    def other_sense(self, m: Match) -> bool:
        """True when the trigger is used in a non-event sense: figurative, sporting, or a visitor."""
        e, tok = m.entry, m.head
        if e.pos == "noun" and tok.ent_type_ in ("DATE", "TIME") and tok.pos_ == "PROPN":
            return True  # the month in "On 5 March 2022" is no protest march
        if e.pos == "noun" and _opens_name(tok):
            return True  # the first word of a name: "the March of Dimes", "the Rally for Democracy party"
        if e.pos != "verb":
            return False
        if e.event in _FORCE_TYPES:
            obj = m.obj if m.obj is not None else object_token(tok)
            named = e.constraints.get("obj") or ()
            if (obj is not None and obj.lemma_.lower() in self.frames.abstract_patients and obj.ent_type_ == ""
                    and obj.lemma_.lower() not in named and not self._concrete(obj)):
                return True  # "killed the reform", "shot down the proposal"; not the entry's own object ("fired shots at")
            for ch in tok.children:
                if ch.dep_ not in ("dobj", "prep", "npadvmod", "advcl") or ch.i in _subjects(tok):
                    continue
                if any(t.lemma_.lower() in self.frames.sports_cues for t in ch.subtree):
                    return True  # "fighting for the title", "beat Spain in the final"
            if _has_score(tok):
                return True  # "beat Barcelona 3-1": a scoreline on the verb is a match result
            if self._natural_doer(tok):
                return True  # "the outbreak has killed 300": a disaster, no actor's act
        # "a student visiting from Norway": the noun is a visitor, no meeting
        return (e.event == "CONSULT" and e.mode == "visit" and tok.dep_ in ("acl", "amod")
                and tok.tag_ in ("VBG", "VBN") and object_token(tok) is None)


_FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN"})
_NAME_TYPES = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"})  # names of things, not of events


def _opens_name(tok: Token) -> bool:
    """Whether a capitalised noun starts a longer name ("March of Dimes", "Strike Force Command").

    A name that ends with the event noun ("the Women's March") names an event and is not caught.
    """
    doc = tok.doc
    if tok.pos_ != "PROPN" or not tok.is_title or tok.i == tok.sent.start or tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    if tok.ent_type_ in _NAME_TYPES and nxt.ent_iob_ == "I":
        return True
    return nxt.lower_ in ("of", "for") and nxt.head.i == tok.i and any(
        c.dep_ == "pobj" and c.pos_ == "PROPN" and c.is_title for c in nxt.children)


def _has_score(tok: Token) -> bool:
    """True when a scoreline ("3-1", "2 - 0") hangs on the verb, not a count of its object."""
    doc = tok.doc
    for ch in tok.children:
        if not ch.like_num or ch.dep_ in ("nummod", "quantmod") or ch.i + 2 >= len(doc):
            continue
        dash, other = doc[ch.i + 1], doc[ch.i + 2]
        if dash.text in ("-", "\u2013") and other.like_num and other.head.i in (tok.i, ch.i):
            return True
    # "beat Tottenham 4-1": the parser hangs the score on the team; a small score right after the verb's
    # named object or the verb itself is still a result
    end = min(tok.i + 6, tok.sent.end - 2)
    for k in range(tok.i + 1, end):
        if doc[k].text.isdigit() and doc[k + 1].text in ("-", "\u2013") and doc[k + 2].text.isdigit() \
                and int(doc[k].text) <= 30 and int(doc[k + 2].text) <= 30 \
                and (k == tok.i + 1 or doc[k - 1].pos_ == "PROPN"):
            return True
    return False


def _subjects(tok: Token) -> set[int]:
    return {c.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")}
