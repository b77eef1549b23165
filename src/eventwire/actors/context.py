"""Country from the sentence: an actor with a sector but no country takes the sentence's only country.

Human coders of event data (the PLOVER gold-standard records among them) give "the judge", "the
Federal Minister of Water" or "supporters of the former president" the country the sentence
is about when the phrase itself names none. The rule here does the same, conservatively:

- the target is an agent noun, a titled unknown person or an unknown organisation with no code
  (a bare untitled name, a religious or ethnic group, an NGO and a noun modifier such as
  "military" in "military equipment" are left alone);
- the evidence is every other resolved phrase of the same sentence that places it: country
  names, demonyms, seats of government, places with a country, agent phrases whose country came
  from one of those, and known people of the knowledge base (organisations are not evidence:
  parties and armed groups act abroad);
- a destination ("travelled to Beijing") is no evidence, and a sentence that speaks of a
  counterpart or a visitor infers nothing;
- exactly one country must be in evidence; with two or more, nothing is inferred.

"ethnic" before a demonym names an ethnicity: "ethnic Serbs" in a sentence about Kosovo alone
are coded XKX (the demonym's country stays when the sentence names no other single country).

``Settings.actors_infer_country`` turns the rule off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import view
from .compose import Resolved, foreign_modified

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["infer_sentence_country"]

TARGET_LABELS = frozenset({"AGENT", "PERSON", "ORG"})
GEO_RULES = ("country name", "place in country", "demonym", "plural demonym", "seat of government")
DESTINATION_PREPS = frozenset({"to", "toward", "towards", "into"})
FOREIGN_WORDS = frozenset({"counterpart", "counterparts", "visiting"})
# Posts and units that stand for the force that mans them: an attack on "a police station" or
# "an army checkpoint" is an attack on the police or the army of the sentence's country.
FACILITIES = frozenset({"station", "post", "outpost", "base", "checkpoint", "headquarters", "barracks", "camp",
                        "convoy", "patrol", "position", "vehicle", "compound"})
GEO_HOW = ("country from demonym", "country from country", "country from place", "country from seat",
           "country from title", "country from gtitle")


def _evidence(doc: Doc, r: Resolved) -> str | None:
    """Return the country ``r`` puts the sentence in, or None when it is no evidence of place."""
    head = doc[r.end - 1]
    if head.dep_ == "pobj" and head.head.lower_ in DESTINATION_PREPS:
        return None  # "travelled to Beijing": a destination says where the actor is not from
    country = r.country or (r.code if r.kind == "country" else None)
    if not country or len(country) != 3:
        return None
    rule = r.rule
    if rule.startswith(GEO_RULES) or any(h in rule for h in GEO_HOW):
        return country
    if r.kind == "person" and (rule.startswith("kb:") or rule.startswith("description:")):
        return country
    return None


def _is_target(doc: Doc, r: Resolved) -> bool:
    if r.code or r.label not in TARGET_LABELS or r.kind not in ("person", "group", "organization"):
        return False
    if r.rule.startswith(("kb:", "coref:")):
        return False
    if r.kind == "person" and not r.sector:
        return False  # a bare name: journalists, analysts and foreigners are quoted everywhere
    head = doc[r.end - 1]
    if head.dep_ in ("amod", "compound", "nmod") and not r.start <= head.head.i < r.end \
            and head.head.lemma_.lower() not in FACILITIES:
        return False  # "military equipment": a modifier, not an actor ("police station" stands for the police)
    if foreign_modified(head):
        return False  # "foreign intelligence services": another country's, by definition (not "the foreign ministry")
    # "Muslim hackers", "Islamist militants": an identity group, not a national one
    return not any(doc[i].ent_type_ == "NORP" for i in range(r.start, r.end))


def infer_sentence_country(doc: Doc, resolved: list[Resolved]) -> None:
    """Give code-less actors the country of their sentence when exactly one is in evidence (in place)."""
    v = view(doc)
    by_sent: dict[int, list[Resolved]] = {}
    for r in resolved:
        by_sent.setdefault(v.sent_of[r.start], []).append(r)
    _the_country(doc, resolved)
    for si, group in by_sent.items():
        _ethnic_groups(doc, group)
        targets = [r for r in group if _is_target(doc, r)]
        if not targets:
            continue
        lo, hi = v.sent_bounds[si]
        if any(t.lower_ in FOREIGN_WORDS for t in v.tokens[lo:hi]):
            continue  # "his Chinese counterpart", "the visiting minister": two countries at play
        countries = {c for r in group if (c := _evidence(doc, r)) is not None}
        if len(countries) != 1:
            continue
        country = next(iter(countries))
        for r in targets:
            r.code = r.country = country
            r.rule += f"; country inferred: the sentence's only country {country}"


_THE_COUNTRY = frozenset({"country", "nation"})


def _the_country(doc: Doc, resolved: list[Resolved]) -> None:
    """Give "the country" the nearest country named before it ("Iranian state media said the country had executed ...").

    Only the bare phrase ("the country", "the nation") with no country of its own; the antecedent is the
    closest phrase before it that places the text (a country's name or people, a seat of government, a
    place), in its sentence or the one before.
    """
    v = view(doc)
    for r in resolved:
        if r.country or r.end - r.start != 2 or doc[r.start].lower_ != "the" or doc[r.end - 1].lower_ not in _THE_COUNTRY:
            continue
        si = v.sent_of[r.start]
        before = [(o.start, c) for o in resolved if o.end <= r.start and si - 1 <= v.sent_of[o.start] <= si
                  and (c := _evidence(doc, o)) is not None]
        if before:
            country = max(before)[1]
            r.code = r.country = country
            r.rule += f"; 'the country': the nearest country named before it, {country}"


def _ethnic_groups(doc: Doc, group: list[Resolved]) -> None:
    """Give "ethnic Albanians" the country they live in when the sentence names one other country.

    "ethnic" marks an ethnicity, not a nationality: "ethnic Serbs demonstrated in Kosovo" are
    Kosovo's (XKX) civilians. Without exactly one other country the demonym's country stays.
    """
    for r in group:
        if not r.code or doc[r.start].lower_ != "ethnic" or not r.rule.startswith(("plural demonym", "agent")):
            continue
        others = {c for o in group if o is not r and (c := _evidence(doc, o)) is not None}
        if len(others) == 1 and r.code not in others:
            country = next(iter(others))
            r.rule += f"; 'ethnic': an ethnicity, country of the sentence {country} instead of {r.code}"
            r.code = r.country = country
