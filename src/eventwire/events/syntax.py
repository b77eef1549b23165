"""Small helpers over spaCy dependency trees (English, ClearNLP labels) used by the event coder."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..nlp import view

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "COMPLEMENT_DEPS",
    "QUANTITY_NOUNS",
    "children",
    "clause_subject",
    "complements",
    "conjuncts",
    "is_passive",
    "lemma",
    "lemma_forms",
    "object_token",
    "infinitive_marker",
    "pobj_of",
    "prep_children",
    "preps_among",
    "real_object",
]

COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
OBJECT_CONTROL = frozenset({"urge", "ask", "order", "force", "allow", "permit", "call", "press", "pressure",
                            "encourage", "invite", "instruct", "tell", "persuade", "compel", "help", "lead",
                            "enable", "require", "advise", "warn", "remind", "let", "push"})
# Measure and container nouns whose "of" phrase is the real object ("tons of aid").
QUANTITY_NOUNS = frozenset({"series", "ton", "tonne", "kg", "kilogram", "worth", "number", "dozen", "hundred",
                            "thousand", "lot", "kind", "type", "amount", "batch", "shipment", "consignment",
                            "convoy", "million", "billion", "day", "week", "month", "hour", "year",  "part", "package", "plane", "planeload", "truckload",
                            "load", "cargo", "supply", "round", "wave", "spate", "string", "volley", "salvo",
                            "host", "group", "team", "total"})


def lemma(tok: Token) -> str:
    """Return the lower-cased lemma of ``tok``."""
    return tok.lemma_.lower()


def lemma_forms(tok: Token) -> tuple[str, ...]:
    """Return the lemma and, for verbs, guesses that survive lemmatizer slips ("staged" -> "stag")."""
    lem = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBD", "VBG", "VBZ"):
        return (lem,)
    low = tok.lower_
    out = [lem]
    if low.endswith("ed") or low.endswith("es"):
        out += [low[:-1], low[:-2]]
    elif low.endswith("s"):
        out.append(low[:-1])
    elif low.endswith("ing"):
        out += [low[:-3], low[:-3] + "e"]
    return tuple(dict.fromkeys(x for x in out if x))


def children(tok: Token, *deps: str) -> Iterator[Token]:
    """Yield the children of ``tok`` with one of ``deps``."""
    for c in tok.children:
        if c.dep_ in deps:
            yield c


def is_passive(tok: Token) -> bool:
    """Return True when the verb ``tok`` is in the passive voice (or a passive participle modifier)."""
    for c in tok.children:
        if c.dep_ in ("nsubjpass", "auxpass", "csubjpass"):
            return True
    return (tok.dep_ == "acl" and tok.tag_ == "VBN") or _passive_conjunct(tok)


def _passive_conjunct(tok: Token) -> bool:
    """A bare participle conjoined to a passive verb shares its voice: "was shot and killed by X"."""
    if tok.dep_ != "conj" or tok.tag_ != "VBN" or tok.head.i == tok.i:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj") for c in tok.children):
        return False
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children)


def prep_children(tok: Token, preps: frozenset[str] | None = None) -> Iterator[Token]:
    """Yield prepositions (and agent ``by``) attached to ``tok``, optionally those in ``preps``."""
    return preps_among(tok.children, preps)


def preps_among(kids: Iterable[Token], preps: frozenset[str] | None = None) -> Iterator[Token]:
    """:func:`prep_children` over children already listed (callers that test one token many times)."""
    for c in kids:
        if (c.dep_ in ("prep", "agent", "dative", "prt") and c.pos_ in ("ADP", "PART", "ADV")
                and (preps is None or c.lower_ in preps)):
            yield c


def infinitive_marker(tok: Token) -> Token | None:
    """The ``to`` marking ``tok`` as an infinitive ("to make peace"), or None."""
    return next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"), None)


def pobj_of(prep: Token) -> Token | None:
    """Return the object of a preposition (pobj, or pcomp)."""
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            return c
    return None


def conjuncts(tok: Token) -> list[Token]:
    """Return ``tok`` and the tokens conjoined to it ("Blinken and Sisi"), in order."""
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON") and c not in out:
                out.append(c)
                stack.append(c)
    out.sort(key=lambda t: t.i)
    return out


def real_object(obj: Token) -> Token:
    """Return the object noun behind a measure noun ("tons of aid" -> aid)."""
    if obj.lemma_.lower() in QUANTITY_NOUNS or obj.pos_ == "NUM":
        for p in prep_children(obj, frozenset({"of"})):
            o = pobj_of(p)
            if o is not None:
                return o
    return obj


def object_token(tok: Token) -> Token | None:
    """Return the direct object of verb ``tok`` after voice normalisation.

    Active: ``dobj``; passive: the passive subject; participle modifier ("a plan announced by
    X"): the modified noun; relative clause with a relative-pronoun object: the head noun.
    """
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return (_named_by_free_relative(tok) or c) if c.lower_ == "what" else c
    named = _named_by_free_relative(tok)
    if named is not None:
        return named
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return tok.head
    if _passive_conjunct(tok):
        return next((c for c in tok.head.children if c.dep_ == "nsubjpass"), None)
    if tok.dep_ == "relcl":
        has_subj = any(c.dep_ in SUBJ_DEPS and c.tag_ not in RELATIVE_TAGS for c in tok.children)
        if has_subj:
            return tok.head
    for c in tok.children:
        if c.dep_ in ("attr", "oprd") and c.pos_ in ("NOUN", "PROPN"):
            return c
    return None


_NAMING_VERBS = frozenset({"call", "say", "describe", "term", "identify", "believe", "consider", "claim", "label"})


def _named_by_free_relative(verb: Token) -> Token | None:
    """The noun a free relative names: "struck what it called terrorist camps" -> camps.

    The small parser hangs the naming clause on the main verb, with "what" as the object of either; the
    named noun is the naming verb's predicate ("called ... camps"), the predicate of its clause ("said
    were ... sites") or the object of its "as" ("described as militant hideouts").
    """
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() not in _NAMING_VERBS or clause.i < verb.i:
            continue
        what = next((w for w in (*verb.children, *clause.children) if w.dep_ == "dobj" and w.lower_ == "what"), None)
        if what is None or what.i > clause.i:
            continue
        for c in clause.children:
            if c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN"):
                return c
            if c.dep_ == "ccomp":
                attr = next((a for a in c.children if a.dep_ == "attr" and a.pos_ in ("NOUN", "PROPN")), None)
                if attr is not None:
                    return attr
            if c.dep_ == "prep" and c.lower_ == "as":
                o = pobj_of(c)
                if o is not None and o.pos_ in ("NOUN", "PROPN"):
                    return o
    return None


def _explicit_subject(tok: Token) -> Token | None:
    passive = is_passive(tok)
    subjects = []
    for c in tok.children:
        if passive and c.dep_ == "agent":
            return pobj_of(c)
        if not passive and c.dep_ in SUBJ_DEPS:
            subjects.append(c)
    if not subjects and not passive:
        # "Egypt and Qatar are mediating": the parser hung the subject on the auxiliary
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass"):
                subjects.extend(x for x in c.children if x.dep_ in SUBJ_DEPS)
    if subjects:
        # two subjects: a dateline ("NAIROBI, June 26 - Kenyan police fired ...") and the real one
        return subjects[-1] if len(subjects) > 1 and subjects[-1].i < tok.i else subjects[0]
    if passive:
        return None
    for c in tok.children:
        if c.dep_ == "expl":
            return None
    return None


def clause_subject(tok: Token, depth: int = 0) -> Token | None:
    """Return the agent (logical subject) of verb ``tok``, inheriting it across xcomp, conj, relcl, acl.

    Relative pronouns are replaced by the noun they modify, and that noun's apposition head.
    """
    if depth > 6:
        return None
    subj = _explicit_subject(tok)
    if subj is not None:
        if subj.tag_ in RELATIVE_TAGS and tok.dep_ == "relcl":
            head = tok.head
            return head.head if head.dep_ == "appos" else head
        return subj
    if is_passive(tok):
        return None
    dep = tok.dep_
    head = tok.head
    if head is tok:
        return None
    if dep == "xcomp" or (dep == "advcl" and tok.tag_ in ("VB", "VBG", "VBN")) or dep == "pcomp":
        gov = head.head if dep == "pcomp" else head
        if dep == "xcomp" and is_passive(gov):
            # raising: "X is expected to meet", "X is said to have fled"
            for c in gov.children:
                if c.dep_ == "nsubjpass":
                    return c
        if dep == "xcomp" and gov.lemma_.lower() in OBJECT_CONTROL:
            for c in gov.children:
                if c.dep_ == "dobj":
                    return c
            for p in prep_children(gov, frozenset({"on", "upon"})):
                o = pobj_of(p)
                if o is not None:
                    return o
        if gov.pos_ in ("VERB", "AUX", "ADJ"):
            return clause_subject(gov, depth + 1)
        return None
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        if is_passive(head):
            # "X has been indicted ... and will resign": the surface subject is shared
            for c in head.children:
                if c.dep_ == "nsubjpass":
                    return c
        return clause_subject(head, depth + 1)
    if dep in ("relcl", "acl") and tok.tag_ in ("VB", "VBG", "VBD", "VBZ", "VBP"):
        return head.head if head.dep_ == "appos" else head
    if dep == "acomp" or (tok.pos_ == "ADJ" and head.pos_ in ("AUX", "VERB")):
        return clause_subject(head, depth + 1)
    finite = tok.tag_ in ("VBD", "VBZ", "VBP") or (
        tok.tag_ == "VBN" and any(c.dep_ == "aux" for c in tok.children))
    if finite and dep in ("ROOT", "ccomp"):
        return _preceding_noun(tok)
    return None


def _preceding_noun(verb: Token) -> Token | None:
    """Repair a finite verb the parser left without a subject: the noun just before it.

    The parser sometimes hangs the real subject off an earlier clause ("In talks that included
    X, A and B discussed ..." -> A and B as conjuncts of X). Conjunct chains are climbed only
    while they are conjuncts, so the earlier clause's object is not taken.
    """
    i = verb.i - 1
    v = view(verb.doc)
    sent_start = v.sent_start(verb.i)
    tokens = v.tokens
    while i >= sent_start and tokens[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i < sent_start:
        return None
    tok = tokens[i]
    if tok.pos_ not in ("PROPN", "NOUN") or tok.dep_ == "ROOT":
        return None
    while tok.dep_ == "conj" and tok.head.dep_ == "conj":
        tok = tok.head
    return tok


def complements(tok: Token) -> list[Token]:
    """Return the clausal complements of ``tok``: xcomp/ccomp, gerunds and clauses after a preposition."""
    out = [c for c in tok.children if c.dep_ in COMPLEMENT_DEPS]
    for p in prep_children(tok):
        for c in p.children:
            if c.dep_ == "pcomp" or (c.dep_ == "pobj" and c.tag_ == "VBG"):
                out.append(c)
    for c in tok.children:
        if c.dep_ == "acomp":
            out.extend(x for x in c.children if x.dep_ in COMPLEMENT_DEPS)
        if c.dep_ in ("dobj", "nsubjpass"):
            out.extend(x for x in c.children if x.dep_ in ("acl", "ccomp") and x.pos_ in ("VERB", "AUX"))
            for p in prep_children(c, frozenset({"of", "to", "for", "that"})):
                o = pobj_of(p)
                if o is not None and (o.dep_ == "pcomp" or o.tag_ == "VBG"):
                    out.append(o)
    return out
