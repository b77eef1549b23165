"""Tests that a name found in the text is not a place of the story.

A saint's church or feast, an organisation's or a disease's name, the surname of a person the text names,
a lone name particle, a Spanish or Portuguese neighbourhood word: each turns down (or keeps) one toponym
found by :mod:`eventwire.where.recognize`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import view
from .accept import city_acronym, is_acronym, particle
from .gazetteer import Candidate
from .toponym import Lexicon, Toponym, lookup_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["DISEASE_WORDS", "NEIGHBOURHOOD_MARKERS", "SAINTS_THINGS", "after_saint", "disease_name", "dotted_city",
           "lone_particle", "lone_surname", "neighbourhood", "org_name", "saints_thing", "surnames_in"]

NEIGHBOURHOOD_MARKERS = frozenset({"colonia", "barrio", "bairro", "fraccionamiento"})  # before the name


def neighbourhood(toks: list[Token], t: Toponym) -> bool:
    """Whether ``t`` is a city's neighbourhood named by its Spanish or Portuguese word ("Colonia Narvarte"), or
    that word itself.

    Such names are rarely in the gazetteer, and the towns it offers for them lie elsewhere; left
    unknown, the city the text names around them places them (enclosing rules, event location).
    """
    if toks[t.start].lower_ in NEIGHBOURHOOD_MARKERS:
        # "Colonia Nuevo Mexico"; or "Colonia" alone, the model's entity cut before "Los Puertos"
        return t.end - t.start >= 2 or (t.end < len(toks) and toks[t.end].text[:1].isupper())
    return t.start > 0 and toks[t.start - 1].lower_ in NEIGHBOURHOOD_MARKERS


_SAINT_WORDS = frozenset({"st", "saint"})  # "St", "St." and "Saint" (trailing dot dropped)
# Nouns that, after a saint's possessive, name a church, school, hospital, square or feast ("St. Peter's
# Basilica", "St. Mary's Hospital", "St. Patrick's Day"), not the saint's namesake town.
SAINTS_THINGS = frozenset({"basilica", "cathedral", "church", "chapel", "abbey", "priory", "parish", "hospital",
                           "infirmary", "college", "school", "academy", "university", "seminary", "square",
                           "day", "eve", "hall", "cemetery", "catholic", "episcopal", "lutheran", "methodist",
                           "anglican", "orthodox", "united", "primary", "high", "elementary", "home", "house"})


def saints_thing(toks: list[Token], start: int, end: int) -> int | None:
    """The index of the "St"/"Saint" that opens a saint's church, school, hospital, square or feast in
    tokens ``start:end`` ("St. Peter's Basilica", "St. Mary's Hospital", "St. Patrick's Day"), if any.

    Those are not the towns Saint Peter (Minnesota), Mary (Turkmenistan) or Patrick (Isle of Man); a city's
    own possessive stays ("St. Petersburg's Pulkovo airport", "St. John's, Newfoundland").
    """
    for k in range(start, min(end, len(toks) - 3)):
        if toks[k].lower_.rstrip(".") in _SAINT_WORDS and toks[k + 2].lower_ in {"'s", "’s"} \
                and toks[k + 3].text[:1].isupper() and toks[k + 3].lower_ in SAINTS_THINGS:
            return k
    return None


def after_saint(toks: list[Token], i: int) -> bool:
    """Whether token ``i`` follows "St", "St." or "Saint" ("St Bartholomew's" is a saint's, not a county's)."""
    return i > 0 and toks[i - 1].lower_.rstrip(".") in _SAINT_WORDS


def dotted_city(toks: list[Token], i: int, key: str, cands: tuple[Candidate, ...]) -> bool:
    """Whether token ``i`` is a big city's dotted short form ("D.C.", "L.A."), not part of an address abroad.

    After "<Name>," it is an address part: "Bogota, D.C." is Bogota's Capital District.
    """
    text = toks[i].text
    return "." in text and is_acronym(text) and city_acronym(key, cands) \
        and not (i >= 2 and toks[i - 1].text == "," and toks[i - 2].text[:1].isupper())


def lone_particle(doc: Doc, t: Toponym, lex: Lexicon) -> bool:
    """Whether a found name is one word of ``name_particles.txt`` that no country or division bears."""
    if t.end - t.start > 1 or t.demonym or t.source == "abbreviation":
        return False
    key = lookup_key(doc, t.start, t.end)
    if dotted_city(view(doc).tokens, t.start, key, t.candidates):
        return False  # "L.A." is Los Angeles, though "la" alone is a particle
    return key in lex.particles and particle(key, t.candidates, lex)


def surnames_in(doc: Doc, lex: Lexicon) -> frozenset[str]:
    """Last words of the people the text names in full ("Nelson" of "Sheriff Bob Nelson"), lower case.

    A "person" with a kind of place among its words ("Children's Village Malakal") is the model's misreading.
    """
    out = set()
    for e in doc.ents:
        if e.label_ == "PERSON" and e.end - e.start >= 2 and not any(t.lower_ in lex.place_nouns for t in e):
            last = e[-1] if e[-1].lower_ not in {"'s", "’s"} or len(e) < 3 else e[-2]
            if last.text[:1].isupper():
                out.add(last.lower_)
    return frozenset(out)


def org_name(doc: Doc, end: int, cands: tuple[Candidate, ...], lex: Lexicon) -> bool:
    """Whether the name ending before token ``end`` is an organisation's, team's or event's, not a place's.

    A name followed by a word of ``org_suffixes.txt`` ("Chelsea FC", "Google Inc.", "Glastonbury
    Festival") is one unless it names a country. (Also dropping gazetteer matches the model tags as a
    whole organisation, "Google", lost local towns: LGL check recall 0.785 -> 0.767.)
    """
    if any(c.kind == "country" for c in cands) or end >= len(doc):
        return False
    nxt = view(doc).tokens[end]
    return nxt.text[:1].isupper() and nxt.text.rstrip(".").lower() in lex.org_suffixes


# Words that, right after a name, make it a disease's ("Marburg virus", "Lassa fever", "Lyme disease",
# "Rift Valley fever", "Middle East respiratory syndrome"): named after a place, not about it.
DISEASE_WORDS = frozenset({"virus", "viruses", "fever", "disease", "encephalitis", "haemorrhagic", "hemorrhagic",
                           "respiratory"})


def disease_name(doc: Doc, end: int, cands: tuple[Candidate, ...]) -> bool:
    """Whether the name ending before token ``end`` is part of a disease's name, not a place of the story.

    GeoVirus, a corpus of outbreak news, never annotates these ("West Nile virus", "Reston virus",
    "Minamata disease"); a country keeps its reading ("a China virus cluster" is rare and means China).
    """
    if end >= len(doc) or any(c.kind == "country" for c in cands):
        return False
    return doc[end].lower_ in DISEASE_WORDS


_PERSON_ROLES = frozenset({"nsubj", "nsubjpass", "poss", "dative", "appos"})  # "Cruz attacked", "Cruz's team"
_SPEECH_VERBS = frozenset({"say", "tell", "add", "explain", "state", "note", "ask", "reply", "answer", "admit",
                           "testify", "recall", "write", "describe", "claim", "insist", "argue"})


def lone_surname(doc: Doc, start: int, end: int, cands: tuple[Candidate, ...], surnames: frozenset[str],
             lex: Lexicon) -> bool:
    """Whether a one-word name is the surname of a person the text names in full, used alone again.

    "Bob Nelson ... Nelson said", "told Barnes": the person who speaks or is spoken to, not the town;
    likewise as a subject, possessive, indirect object or apposition ("Cruz's team", "Raman expects").
    The name stays a place after a locative preposition ("in Nelson") and before a town's own service
    ("Hamilton police"); countries and states ("Jordan", "Georgia") are kept.
    """
    if end - start != 1:
        return False
    toks = view(doc).tokens
    tok = toks[start]
    if tok.lower_ not in surnames:
        return False
    if any(c.kind in {"country", "admin1"} for c in cands):
        return False
    if start > 0 and toks[start - 1].lower_ in lex.locative:
        return False
    if end < len(toks) and toks[end].lower_ in lex.civic_heads:
        return False  # "Hamilton police": the town's own
    head = tok.head
    return tok.dep_ in _PERSON_ROLES or (
        head.pos_ == "VERB" and head.lemma_.lower() in _SPEECH_VERBS and tok.dep_ in {"nsubj", "dobj", "dative"})
