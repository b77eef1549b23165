"""How a report's dates reach events no time expression governs, and how precise a date is.

- :func:`lead_timex`: the date at the head of a sentence ("On 2 May 2022, ...", "Around 9
  March 2022 (as reported), ...") governs every clause and conjoined predicate of it.
- :func:`narrative_past`: a past-tense clause of a later sentence continues the story of the
  last sentence-head date of its paragraph.
- :func:`background`: background clauses ("the first Arab country to make peace", "a man who
  had fled") have no date of the report; they never take the publication date.
- :func:`precision_note` and :func:`range_bounds`: "the week of 10 March", "(month of)",
  "(between 9 - 13 February)" and "3-5 May" say how precise the date is.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..nlp.view import view
from ..records import Timex
from .grammar import Grammar
from .tense import clause_verb

__all__ = ["background", "lead_timex", "narrative_past", "paragraph_of", "path_to", "precision_note",
           "range_bounds"]

LEAD_TOKENS = 8  # a sentence-head date starts within this many tokens of the sentence start
RANGE_GAP = 12  # characters between the two endpoints of one range ("3 - 5", "3 to 5", "3 and 5")
_BRACKET = re.compile(r"\s*\(([^()]{0,60})\)")
_BEFORE_OF = re.compile(r"((?:the\s+)?\w+\s+of)\s*$", re.IGNORECASE)
_PAST = frozenset({"VBD"})
_LEAD_POS = frozenset({"ADP", "ADV", "PUNCT", "SPACE", "DET", "CCONJ", "SCONJ", "PART"})
_PRESENT = frozenset({"VBZ", "VBP", "MD"})


def _span_tokens(doc: Doc, span: tuple[int, int]) -> list[Token]:
    s = doc.char_span(span[0], span[1], alignment_mode="expand")
    return list(s) if s is not None else []


def path_to(start: Token, targets: set[int], max_steps: int = 10) -> int | None:
    """Steps from ``start`` up its head path to a token in ``targets``, stopping at another verb."""
    t = start
    for steps in range(max_steps):
        if t.i in targets:
            return steps
        if steps > 0 and t.pos_ in ("VERB", "AUX"):
            return None
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def lead_timex(doc: Doc, timexes: list[Timex], grammar: Grammar, text: str) -> Timex | None:
    """Return the date at the head of its sentence, if any (see the module docstring).

    A dated timex (not "since"/"until") before the sentence's main verb that either opens the
    sentence (within a few words, set off by a comma or a bracketed note) or attaches to the
    main verb directly ("Blinken on Monday began ...").
    """
    if not timexes or not len(doc):
        return None
    v = view(doc)
    for tx in timexes:
        if tx.value is None or not tx.value[:1].isdigit():
            continue
        toks = _span_tokens(doc, tx.span)
        if not toks:
            continue
        k = v.sent_of[toks[0].i]
        s, e = v.sent_bounds[k]
        root = next((t for t in v.tokens[s:e] if t.head.i == t.i), None)
        if root is None or toks[0].i >= root.i and root.pos_ in ("VERB", "AUX"):
            continue
        before = text[max(0, tx.span[0] - 12):tx.span[0]].lower().split()
        if before and before[-1] in grammar.bounding_preps:
            continue
        after = text[tx.span[1]:tx.span[1] + 80]
        m = _BRACKET.match(after)
        rest = after[m.end():] if m else after
        prefix = v.tokens[s:toks[0].i]
        colon = max((n for n, t in enumerate(prefix) if t.text == ":"), default=-1)  # "Looting: On 5 June"
        opens = (toks[0].i - s <= LEAD_TOKENS and rest.lstrip().startswith(",")
                 and all(t.pos_ in _LEAD_POS for t in prefix[colon + 1:]))
        ids = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in ids), toks[0])
        if opens or path_to(head, {root.i}, 8) is not None:
            return tx
    return None


def paragraph_of(doc: Doc, sentence: int) -> int:
    """The index of the first sentence of ``sentence``'s paragraph (paragraphs end at a line break)."""
    v = view(doc)
    k = sentence
    while k > 0:
        prev = v.text[v.sent_start_chars[k - 1]:v.sent_end_chars[k - 1]]
        cur = v.text[v.sent_start_chars[k]:v.sent_end_chars[k]]
        gap = v.text[v.sent_start_chars[k - 1] + len(prev.rstrip()):v.sent_end_chars[k] - len(cur.lstrip())]
        if "\n" in gap:
            break
        k -= 1
    return k


def narrative_past(token: Token) -> bool:
    """Whether the clause of ``token`` tells a past event ("were killed", "blocked the road")."""
    t = clause_verb(token)
    for _ in range(6):
        auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
        if t.tag_ in _PAST or any(a.tag_ in _PAST for a in auxes):
            return True
        if t.tag_ in _PRESENT or any(a.tag_ in _PRESENT for a in auxes):
            return False
        if t.head.i == t.i:
            return t.tag_ in ("VBN", "VBG")  # a fragment: "1 soldier killed", "... killing five"
        t = t.head
    return False


def background(token: Token, grammar: Grammar) -> bool:
    """Whether ``token`` is in a background clause with no date of its own.

    "the first Arab country to make peace with Israel" (an infinitive describing a noun with an
    ordinal or superlative of ``background_ordinals``) and pluperfect relative clauses ("a man
    who had fled the country").
    """
    v = clause_verb(token)
    if v.dep_ in ("acl", "relcl") and v.head.i != v.i:
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        # the described noun phrase lies between the head and the verb ("Egypt, the first ... country to")
        between = v.doc[max(v.head.i, v.i - 8):v.i] if v.head.i < v.i else v.doc[v.i:v.i]
        if infinitive and any(t.lower_ in grammar.background_ordinals and t.dep_ in ("amod", "advmod")
                              for t in between):
            return True
        if v.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" for c in v.children):
            return True
    return False


def precision_note(text: str, start: int, end: int, grammar: Grammar) -> tuple[str, int, int] | None:
    """The precision a qualifier gives a date at ``[start, end)``, with the widened span, or None.

    "in the week of 10 March" (before the date) and "9 March 2022 (week of)", "(month of)",
    "(between 9 - 13 February)" (in brackets right after it), from ``precision_notes``.
    """
    notes = grammar.precision_notes
    m = _BEFORE_OF.search(text[max(0, start - 20):start])
    if m:
        key = " ".join(m.group(1).lower().split())
        if key in notes:
            return notes[key], start - (len(text[max(0, start - 20):start]) - m.start(1)), end
    b = _BRACKET.match(text, end)
    if b:
        inner = " ".join(b.group(1).lower().split())
        for key in sorted(notes, key=len, reverse=True):
            if inner == key or inner.startswith(key + " "):
                return notes[key], start, b.end()
    return None


def range_bounds(tx: Timex, same_sentence: list[Timex], text: str) -> tuple[Timex, Timex] | None:
    """The two endpoints of the range ``tx`` belongs to ("May 3-5", "between 2019 and 2021"), or None."""
    rule = tx.rule or ""
    if not (rule.startswith("range_") or rule.startswith("year_range")):
        return None
    for other in same_sentence:
        if other.rule != tx.rule or other.span == tx.span:
            continue
        if 0 <= other.span[0] - tx.span[1] <= RANGE_GAP:
            return tx, other
        if 0 <= tx.span[0] - other.span[1] <= RANGE_GAP:
            return other, tx
    return None
