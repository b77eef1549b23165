"""Demands voiced by a protest: the protest's content, or the protest itself when none is coded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .candidate import Candidate

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .lexicon import Lexicon

__all__ = ["VOICED_TYPES", "protest_voices"]

VOICED_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT"})
_PRONOUNS = frozenset({"they", "them", "we"})


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, shared from the first conjunct ("gathered ... and demanded")."""
    cur = verb
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if cur.dep_ != "conj" or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


_FRAME_PREPS = frozenset({"in", "during", "at"})


def _in_protest(tok: Token, nouns: frozenset[str]) -> bool:
    """True when ``tok`` carries "in (a) protest/demonstration ..." as its own prepositional phrase."""
    return any(p.dep_ == "prep" and p.lower_ in _FRAME_PREPS
               and any(o.dep_ == "pobj" and o.lemma_.lower() in nouns for o in p.children)
               for p in tok.children)


def _protest_frame(verb: Token, frames: dict[str, frozenset[str]]) -> bool:
    """A demand framed as a protest by its own clause.

    "gathered outside the court and demanded justice", "gathered in the square, demanding ..."
    (a gathering verb sharing its subject), "workers in a protest outside the office called for
    their wages", "called for pay in a sit-in", "in a demonstration demanding a better price".
    """
    gatherings = frames.get("GATHERINGS", frozenset())
    nouns = frames.get("PROTEST_NOUNS", frozenset())
    head = verb.head
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if (verb.dep_ in ("conj", "advcl", "xcomp") and not own_subject and head.i != verb.i
            and head.lemma_.lower() in gatherings and head.pos_ == "VERB"):
        return True
    if verb.dep_ == "acl" and head.lemma_.lower() in nouns:
        return True
    if _in_protest(verb, nouns):
        return True
    subj = _subject(verb)
    return subj is not None and any(_in_protest(t, nouns) for t in subj.subtree if t.i < verb.i)


def _state_actor(c: Candidate, frames: dict[str, frozenset[str]]) -> bool:
    """A government, a legislature, the military, officials: their gathering is a meeting, not a protest."""
    sectors = frames.get("STATE_SECTORS", frozenset())
    officials = frames.get("PERSONS", frozenset())  # "ministers", "the delegation", "envoys"
    return (any(a.kind == "country" or (a.sector or "").lower() in sectors for a in c.actor)
            or any(t.lemma_.lower() in officials for t in c.actor_tokens))


def protest_voices(sentences: Sequence[list[Candidate]], lex: Lexicon) -> None:
    """Fold the demands of a protest into it; recode a demand by protesters as their protest.

    "Nurses protested in Vigo. They demanded better pay.": the demand voiced by the people of a
    PROTEST coded in the same or the previous sentence is that protest's content, one act, not an
    event of its own. "Protesters demanded the minister's resignation" with no protest coded
    around it is the demonstration itself (CAMEO's 14x: demonstrate for a demand), coded PROTEST.
    ``sentences`` holds each sentence's candidates, in order and with no gaps.
    """
    groups = lex.frames.groups
    voices = groups.get("PROTEST_VOICES", frozenset())
    previous: Candidate | None = None
    for cands in sentences:
        here = next((c for c in cands if c.event == "PROTEST" and not c.suppressed), None)
        anchor = here or previous
        for c in cands:
            if c.suppressed or c.event not in VOICED_TYPES or c.match.entry.pos != "verb":
                continue
            subj = _subject(c.head)
            by_voice = subj is not None and subj.lemma_.lower() in voices
            by_pronoun = subj is not None and subj.lower_ in _PRONOUNS
            framed = not _state_actor(c, groups) and _protest_frame(c.head, groups)
            target = here if framed and here is not None else anchor if (by_voice or by_pronoun) else None
            if target is not None:
                c.suppressed = True
                target.content_types.append(c.event)
            elif (by_voice or framed) and "PROTEST" in lex.types:
                c.event, c.mode = "PROTEST", "demo"
                c.cameo = lex.types["PROTEST"].cameo
                c.rule = c.rule + ("+protesters" if by_voice else "+protest_frame")
                c.aux = set()
        previous = here
