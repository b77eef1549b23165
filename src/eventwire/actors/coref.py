"""In-article coreference by rules: surnames, spelling variants, descriptions and pronouns.

No offline coreference model exists for this, so chains are built from what resolution already
knows: mentions resolved to the same knowledge-base actor share a chain; a bare surname
("Mr. Blinken", "Sissi") joins the earlier person whose last name has the same fuzzy key; a
pronoun takes the nearest plausible antecedent (for he/she: the nearest preceding person that is
a grammatical subject, in the same sentence first, then in earlier sentences).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..nlp import DocView, view
from .compose import Resolved
from .kb import fuzzy_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["PRONOUNS", "link_names", "resolve_pronouns"]

PRONOUNS: dict[str, tuple[str, str | None]] = {
    "he": ("person", "m"), "him": ("person", "m"), "she": ("person", "f"), "her": ("person", "f"),
    "it": ("thing", None), "they": ("plural", None), "them": ("plural", None),
}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_COPY = ("name", "code", "sector", "country", "kind", "office", "identifier", "cluster_key", "gender",
         "surname", "role")


def _copy_from(target: Resolved, source: Resolved, rule: str) -> Resolved:
    fields = {k: getattr(source, k) for k in _COPY}
    return replace(target, **fields, rule=rule, weak=False)


def link_names(resolved: list[Resolved]) -> list[Resolved]:
    """Join bare surnames and spelling variants to earlier full names of the same article."""
    out: list[Resolved] = []
    for r in resolved:
        if r.end - r.start == 1 and r.rule.startswith("unknown organisation") and r.name:
            # NER often tags a bare surname as ORG or GPE: try it as a surname first
            r = replace(r, kind="person", weak=True, surname=fuzzy_key(r.name))
            if not any(p.kind == "person" and p.surname == r.surname for p in out):
                r = replace(r, kind="organization", weak=False)
        if r.kind == "person" and r.weak and r.surname:
            ante = next((p for p in reversed(out) if p.kind == "person" and not p.weak and p.surname == r.surname
                         and p.cluster_key != r.cluster_key), None)
            if ante is None:
                ante = next((p for p in reversed(out) if p.kind == "person" and p.surname == r.surname
                             and p.cluster_key != r.cluster_key and p.code), None)
            if ante is not None:
                r = _copy_from(r, ante, f"coref:surname -> {ante.name}")
        out.append(r)
    return out


def _covering(resolved: list[Resolved], i: int) -> Resolved | None:
    for r in resolved:
        if r.start <= i < r.end:
            return r
    return None


def resolve_pronouns(doc: Doc, resolved: list[Resolved]) -> list[Resolved]:
    """Add a resolution for each personal pronoun with a plausible antecedent."""
    subj_of: dict[int, Resolved] = {}
    v = view(doc)
    for tok in v.tokens:
        if tok.dep_ in SUBJECT_DEPS:
            r = _covering(resolved, tok.i)
            if r is not None:
                subj_of[tok.i] = r
    added: list[Resolved] = []
    ordered = sorted(resolved, key=lambda r: r.start)
    for tok in v.tokens:
        spec = PRONOUNS.get(tok.lower_)
        if spec is None or tok.pos_ != "PRON":
            continue
        if tok.lower_ == "it" and (tok.dep_ != "nsubj" or tok.head.lemma_ == "be"):
            continue  # "it is essential that ..." has no referent; object "it" is rarely an actor
        kind, gender = spec
        ante = _reporter(tok, ordered) if kind == "person" else None
        if ante is None:
            ante = _antecedent(v, tok.i, kind, gender, ordered, subj_of)
        if ante is None:
            continue
        res = Resolved(tok.i, tok.i + 1, label="PRONOUN")
        added.append(_copy_from(res, ante, f"coref:pronoun -> {ante.name or v.span_text(ante.start, ante.end)}"))
    out = sorted([*resolved, *added], key=lambda r: r.start)
    _possessives(doc, v, out, subj_of)
    return out


# verbs whose subject is the "he" or "she" of their reported clause: "the mayor said he would appeal"
_REPORTING = frozenset({"say", "tell", "add", "announce", "insist", "warn", "vow", "promise", "pledge", "state",
                        "claim", "deny", "confirm", "argue", "write", "explain", "admit", "acknowledge", "signal"})


def _reporter(tok: Token, ordered: list[Resolved]) -> Resolved | None:
    """The singular subject of the reporting verb whose clause the pronoun opens ("The mayor, who is seen as
    a rival to President Erdogan, said he would appeal": the mayor, not the last person named)."""
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _REPORTING:
        return None
    subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.tag_ not in ("NN", "NNP"):
        return None
    r = next((x for x in ordered if x.start <= subj.i < x.end), None)
    if r is None or not (r.kind == "person" or r.label == "AGENT" and subj.tag_ == "NN"):
        return None
    return r


POSSESSIVE = {"his": ("person", "m"), "her": ("person", "f"), "its": ("thing", None), "their": ("plural", None)}


def _possessives(doc: Doc, v: DocView, ordered: list[Resolved], subj_of: dict[int, Resolved]) -> None:
    """Give "its troops" / "their government" the country of the possessor's antecedent."""
    for k, r in enumerate(ordered):
        if (r.code and "country inferred" not in r.rule) or r.label != "AGENT":
            continue  # a country guessed from the sentence yields to the possessor's: "China urged her government"
        spec = POSSESSIVE.get(v.tokens[r.start].lower_)
        if spec is None:
            continue
        kind, gender = spec
        sent_start = v.sent_start(r.start)
        subjects = [a for a in subj_of.values() if sent_start <= a.start and a.end <= r.start and a.code]
        ante = subjects[-1] if subjects and kind != "person" else None
        if ante is None:
            ante = _antecedent(v, r.start, kind, gender, ordered[:k], subj_of)
        if kind == "plural" and ante is None:
            ante = _antecedent(v, r.start, "thing", None, ordered[:k], subj_of)
        if ante is not None and ante.code:
            ordered[k] = replace(r, code=ante.code, country=ante.country,
                                 rule=f"{r.rule}; possessor -> {ante.name or ante.code}")


def _fits(r: Resolved, kind: str, gender: str | None) -> bool:
    if kind == "person":
        return r.kind == "person" and (gender is None or r.gender in (None, gender))
    if kind == "thing":
        # "warned Hamas of consequences if it refused": a named group from the dictionaries is an "it" too
        return (r.kind in ("organization", "country") or r.kind == "group" and r.rule.startswith("kb:")) \
            and r.code is not None
    return r.kind in ("group", "organization") and r.code is not None


def _antecedent(v: DocView, i: int, kind: str, gender: str | None, ordered: list[Resolved],
                subj_of: dict[int, Resolved]) -> Resolved | None:
    sent_start = v.sent_start(i)
    before = [r for r in ordered if r.end <= i and _fits(r, kind, gender)]
    if not before:
        return None
    same = [r for r in before if r.start >= sent_start]
    subjects = {id(r) for r in subj_of.values()}
    if same:
        subj = [r for r in same if id(r) in subjects]
        if kind == "thing":  # a town or region acts less often than a state or a body: "into Gaza ... Hamas ... it"
            same = [r for r in same if not r.rule.startswith("place in country")] or same
            if v.tokens[i].dep_ == "nsubj" and v.tokens[i].head.dep_ == "conj":
                # "Israel bombed Iraq's Osirak reactor, and in 2007 it destroyed ...": the subject of the
                # clause it is conjoined with, not the nearest name
                subj = [r for r in same if id(r) in subjects and r.code]
                if subj:
                    return subj[-1]
        return (subj or same)[-1] if kind in ("person", "plural") else same[-1]
    # earlier sentences: the last sentence holding a fitting subject, else the nearest mention
    for r in reversed(before):
        if id(r) in subjects:
            return r
    return before[-1]
