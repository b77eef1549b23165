"""The tense of the clause around a time expression, read from the dependency parse.

Answers: ``future`` (the clause has a future cue such as "will", "is due to", "is expected
to"), ``past`` (a past-tense or perfect verb governs it, or "since" introduces it), ``present``
(a plain present-tense verb, not "be"/"have", takes the expression directly: "the deadline
expires on Friday", "voters go to the polls on November 5" -- news uses it for schedules), and
``unknown``. Docs without a parse fall back on a
regex over the sentence for the future cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from .grammar import Grammar

__all__ = ["clause_tense", "clause_verb"]

_VERBAL = {"VERB", "AUX"}
_PAST_TAGS = {"VBD"}
_PRESENT_TAGS = {"VBZ", "VBP"}
_PREV_WORD = re.compile(r"(\w+)\W*$")


def clause_verb(token: Token, max_steps: int = 12) -> Token:
    """Return the first verb at or above ``token`` on its head path (the sentence root if none)."""
    t = token
    for _ in range(max_steps):
        if t.pos_ in _VERBAL or t.head.i == t.i:
            return t
        t = t.head
    return t


def _chain(verb: Token) -> Iterable[Token]:
    """The clause verb and the verbs it is an infinitive or conjunct of ("due to visit")."""
    t = verb
    yield t
    for _ in range(4):
        if t.dep_ not in ("xcomp", "conj", "ccomp") or t.head.i == t.i:
            return
        t = t.head
        yield t


def _is_past(v: Token) -> bool:
    if v.tag_ in _PAST_TAGS:
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PAST_TAGS for c in v.children):
        return True
    # a reduced relative ("a truce announced on May 31") or a perfect ("has resigned")
    return v.tag_ == "VBN" and (v.dep_ in ("acl", "amod", "relcl")
                                or any(c.lemma_ == "have" for c in v.children))


def clause_tense(doc: Doc, start: int, end: int, grammar: Grammar, parsed: bool = True,
                 text: str | None = None) -> str:
    """Return ``past``, ``future``, ``present`` or ``unknown`` for the clause at ``[start, end)``.

    ``parsed`` says whether ``doc`` has a dependency parse (checked once per doc by the caller:
    ``Doc.has_annotation`` walks every token); ``text`` is ``doc.text``, which spaCy rebuilds
    on every access.
    """
    text = doc.text if text is None else text
    before = _PREV_WORD.search(text[max(0, start - 24):start])
    if before and before.group(1).lower() in grammar.past_preps:
        return "past"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "unknown"
    if not parsed:
        sent = span.sent.text.lower() if doc.has_annotation("SENT_START") else doc.text.lower()
        words = set(re.findall(r"[\w']+", sent))
        return "future" if words & grammar.future_cues else "unknown"
    cues = grammar.future_cues
    verb = clause_verb(span.root)
    if _is_past(verb):  # a past verb of its own outweighs a future cue ("Will was shot")
        return "past"
    past = False
    for v in _chain(verb):
        if v.lower_ in cues:
            return "future"
        for c in v.children:
            if c.dep_ in ("aux", "auxpass", "acomp") and c.lower_ in cues:
                return "future"
        past = past or _is_past(v)
    if past:
        return "past"
    if verb.tag_ in _PRESENT_TAGS and verb.lemma_ not in ("be", "have") and _attached(span.root, verb):
        return "present"
    return "unknown"


def _attached(token: Token, verb: Token) -> bool:
    """Whether ``token`` hangs from ``verb`` directly or through prepositions only."""
    t = token.head
    for _ in range(3):
        if t.i == verb.i:
            return True
        if t.pos_ != "ADP" or t.head.i == t.i:
            return False
        t = t.head
    return False
