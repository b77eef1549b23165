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


def protest_voices(sentences: Sequence[list[Candidate]], lex: Lexicon) -> None:
    """Fold the demands of a protest into it; recode a demand by protesters as their protest.

    "Nurses protested in Vigo. They demanded better pay.": the demand voiced by the people of a
    PROTEST coded in the same or the previous sentence is that protest's content, one act, not an
    event of its own. "Protesters demanded the minister's resignation" with no protest coded
    around it is the demonstration itself (CAMEO's 14x: demonstrate for a demand), coded PROTEST.
    ``sentences`` holds each sentence's candidates, in order and with no gaps.
    """
    voices = lex.frames.groups.get("PROTEST_VOICES", frozenset())
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
            if anchor is not None and (by_voice or by_pronoun):
                c.suppressed = True
                anchor.content_types.append(c.event)
            elif by_voice and "PROTEST" in lex.types:
                c.event, c.mode = "PROTEST", "demo"
                c.cameo = lex.types["PROTEST"].cameo
                c.rule = c.rule + "+protesters"
                c.aux = set()
        previous = here
