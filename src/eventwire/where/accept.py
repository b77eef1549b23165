"""Acceptance tests of toponym recognition: whether a gazetteer match is a place name, and the kind of evidence.

Split from ``recognize.py`` (which finds the candidate spans): acronyms, common English words, name
particles, division words, brackets and the strength of a match ("strong" candidates need no model tag).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import view
from .abbreviations import opened_after_name
from .gazetteer import Candidate, own_name
from .normalize import fold
from .toponym import Lexicon, Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "COUNTY_WORDS", "DIVISION_NOUNS", "MODIFIERS", "STRONG_KINDS", "accept", "acronym_place", "bracketed_list", "city_acronym",
    "city_district", "civic", "country_acronym", "division_name", "english", "heads_longer_name", "in_brackets", "inside_word", "is_acronym",
    "listed_with", "own_name", "particle", "prominent", "rare_alone", "stem_only", "strong_candidates", "typed_division", "typed_town",
    "without_heading_water",
]

STRONG_KINDS = {"country", "curated", "admin1"}
# lower-case modifiers dropped from the front of an entity before lookup ("northern Gaza")
MODIFIERS = frozenset({"the", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                       "northeastern", "northwestern", "southeastern", "southwestern", "occupied", "rural", "downtown",
                       "greater", "besieged", "war-torn", "neighbouring", "neighboring", "nearby", "restive",
                       "embattled"})


def strong_candidates(cands: tuple[Candidate, ...], lex: Lexicon, after_prep: bool) -> bool:
    """Whether a candidate is a located country, division or curated place, or a town big enough to stand alone."""
    for c in cands:
        if c.kind in STRONG_KINDS and c.lat is not None:
            return True
        if c.kind == "city" and c.population >= (lex.min_population_after_preposition if after_prep
                                                 else lex.min_population):
            return True
    return False


def particle(key: str, cands: tuple[Candidate, ...], lex: Lexicon) -> bool:
    """Whether a one-token name is a name particle ("al", "wadi", "san") and no country or division is called so.

    Two-letter keys count as particles too: they match only alternate names ("Ma" for Tema).
    """
    if key not in lex.particles and len(key) > 2:
        return False
    return not any(c.kind == "country" or c.kind in {"admin1", "curated"} and own_name(c, key)
                   for c in cands)


def english(word: str, lex: Lexicon) -> bool:
    """Whether a lower-case word, or its singular, is a common English word ("singers", "sandhills")."""
    return word in lex.english or (word.endswith("s") and (word[:-1] in lex.english
                                                            or word.endswith("es") and word[:-2] in lex.english))


def acronym_place(cands: tuple[Candidate, ...]) -> bool:
    """Whether an acronym names a country or a division ("DRC", "NSW", "KPK"), not a town of that spelling."""
    return any(c.kind in ("country", "admin1") or c.feature_code == "PCLH" for c in cands)  # "USSR" too


def country_acronym(toks: list[Token], i: int, cands: tuple[Candidate, ...]) -> bool:
    """Whether token ``i`` is a country's capitals in mixed-case text ("the US Army"), not the word "us" shouted."""
    if not (is_acronym(toks[i].text) and any(c.kind == "country" for c in cands)):
        return False
    near = [t for t in toks[max(0, i - 3):i + 4] if t.i != i and t.is_alpha]
    return any(not t.text.isupper() for t in near)


def city_acronym(key: str, cands: tuple[Candidate, ...]) -> bool:
    """Whether a tagged acronym is a big city's short form ("D.C.", "L.A."), not a town spelt so ("U.N." ~ Un)."""
    return any(c.kind == "city" and c.population >= 100_000 and fold(c.name) != key for c in cands)


def is_acronym(text: str) -> bool:
    """Whether ``text`` is 2-5 capital letters, dotted or not ("UN", "D.C.")."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def prominent(cands: tuple[Candidate, ...]) -> bool:
    """A country, curated place or subdivision, or a city of 100,000 people or more."""
    return any(c.kind in STRONG_KINDS or c.population >= 100_000 for c in cands)


def inside_word(doc: Doc, i: int) -> bool:
    """Whether token ``i`` continues a hyphenated word ("Congo" in "Waku-Congo")."""
    if i < 2:
        return False
    toks = view(doc).tokens
    return toks[i - 1].text in {"-", "–"} and not toks[i - 1].whitespace_ and not toks[i - 2].whitespace_


# words a date entity is made of: a region's name the model tags DATE is none of them
DATE_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                        "saturday", "sunday", "spring", "summer", "autumn", "fall", "winter", "christmas", "easter",
                        "ramadan", "eid", "today", "tomorrow", "yesterday"})
COUNTY_WORDS = frozenset({"county", "parish", "borough", "district"})  # "Butler County" names itself


def accept(doc: Doc, i: int, j: int, key: str, cands: tuple[Candidate, ...], ent_of: list[Span | None],
           lex: Lexicon, listed: bool = False) -> bool:
    """Decide whether a gazetteer-only match is a place name (not a person, a demonym or a common word).

    ``listed``: the name is listed with a found place of its country (:func:`listed_with`), which is
    evidence enough for a town of any size.
    """
    toks = view(doc).tokens
    if key in lex.stoplist or not cands:
        return False
    if heads_longer_name(doc, j) and not any(c.kind in STRONG_KINDS for c in cands):
        return False  # "Stade" of "Stade de France", "Tour" of "Tour of Valencia": a longer name's first word
    if j - i == 1 and is_acronym(toks[i].text) and not acronym_place(cands):
        return False  # "UN", "ILO", "AKP": organisations, not the towns Un and Ilo
    if j - i == 1 and toks[i].lower_ in lex.english and not prominent(cands) and not rare_alone(doc, i, lex) \
            and not (toks[i].pos_ == "PROPN" and civic(doc, j, key, cands, lex, officers=True)):
        ent = ent_of[i]
        if ent is None or ent.label_ not in {"GPE", "LOC"}:
            return False  # "Human", "Mission", "Rapid": words first, small towns second
    typed = typed_division(doc, j, cands)  # "Aleppo province", "Nuwakot district"
    prev = toks[i - 1] if i > 0 else None
    after_prep = prev is not None and (prev.lower_ in lex.locative or (  # "in downtown Malchow", "in northern X"
        prev.is_lower and prev.lower_ in MODIFIERS and prev.lower_ != "the" and i > 1
        and toks[i - 2].lower_ in lex.locative))
    # a capitalised word the parser took for an adverb or adjective: "around Bakhmut", "Nueva Ecija and Bulacan"
    named = _capitalised_name(doc, i, j, lex) and (listed or after_prep and strong_candidates(cands, lex, True))
    if not any(t.pos_ == "PROPN" for t in toks[i:j]) and not typed \
            and not division_name(doc, i, j, key, cands, lex) and not named:
        return False
    if j - i == 1 and (toks[i].is_stop and not country_acronym(toks, i, cands) or toks[i].lower_ in lex.stoplist
                       or particle(key, cands, lex)):
        return False
    if toks[i].is_sent_start and j - i == 1 and toks[i].pos_ != "PROPN":
        return False
    # "Butler County", "Anderson County" (also inside "Anderson County Sheriff Greg Taylor", tagged PERSON)
    county = j - i >= 2 and key.rsplit(" ", 1)[-1] in COUNTY_WORDS and any(c.kind == "admin2" for c in cands)
    ent = ent_of[i]
    stem_county = stem_only(key, cands) and not (ent is not None and ent.label_ == "PERSON")
    big_division = any(c.kind == "admin2" and c.population >= lex.min_population
                       and (j - i >= 2 or stem_county or after_prep and fold(c.name) == key)  # "DuPage"; "in Dorset"
                       for c in cands)
    strong = listed or strong_candidates(cands, lex, after_prep) or county or big_division or civic(doc, j, key, cands, lex) \
        or typed or (after_prep and typed_town(doc, j, key, cands)) or (
        any(c.kind == "admin2" and c.lat is not None for c in cands) and in_brackets(doc, i, j))
    if ent is not None:
        whole = ent.start >= i and ent.end <= j
        if ent.label_ == "NORP":
            return whole and strong  # demonyms are rejected by the caller
        if ent.label_ == "PERSON" and ent.end - ent.start >= 2 and not whole and not county:
            return False  # but "Anderson County Sheriff Greg Taylor" names a county
        if ent.label_ == "PERSON":
            if prev is not None and prev.lower_ != "between" and fold(prev.text) in lex.stoplist:
                return False  # "President Jordan", "Mr Paris" ("between Gao and Ansongo" is no title)
            return strong or any(c.population >= 5_000 for c in cands)
        if ent.label_ == "DATE" and after_prep and j - i == 1 and toks[i].pos_ == "PROPN" \
                and toks[i].lower_ not in DATE_WORDS and any(c.kind in {"country", "admin1"} for c in cands):
            return True  # "clashes in Amhara" tagged DATE: a region's name, not a date
        if ent.label_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW",
                          "WORK_OF_ART", "EVENT", "LANGUAGE"} and (j <= ent.end or not strong):
            return False  # a strong name may run on past the entity: "French" (LANGUAGE) of "French Guiana"
    return strong


def stem_only(key: str, cands: tuple[Candidate, ...]) -> bool:
    """Whether every candidate is a second-level division matched by its bare stem ("DuPage" of DuPage County)."""
    return all(c.kind == "admin2" and fold(c.name) != key for c in cands)


def rare_alone(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Whether token ``i`` is a rare English word standing as a name of its own after a preposition ("In Youngstown,").

    The lemma index that makes "Mission" or "Rapid" a word first also lists WordNet's place names
    ("youngstown", "carthage", "roselle"): those rare in English text (``english_common.txt``) are
    names after a locative preposition, unless they open a longer name ("at Shiloh High School",
    "from Largo do Alameda") or own something ("outside Patten's hotel": a person's, most often).
    """
    toks = view(doc).tokens
    if toks[i].lower_ not in lex.rare_english or i == 0 or toks[i - 1].lower_ not in lex.locative:
        return False
    if i + 1 >= len(toks):
        return True
    nxt = toks[i + 1]
    return nxt.lower_ not in {"'s", "’s"} and nxt.lower_ not in lex.particles \
        and not (nxt.is_alpha and nxt.text[:1].isupper())


def division_name(doc: Doc, i: int, j: int, key: str, cands: tuple[Candidate, ...], lex: Lexicon) -> bool:
    """Whether a capitalised word the parser took for a common noun is exactly a first-level division's name.

    "in Haliliye town, Sanliurfa to demand justice": the parser reads "Sanliurfa" as a noun (even a
    verb's clause), but no English word is spelt so and a province is called exactly that.
    """
    return (j - i == 1 and _capitalised_name(doc, i, j, lex)
            and any(c.kind in {"admin1", "country"} and own_name(c, key) for c in cands))


def civic(doc: Doc, j: int, key: str, cands: tuple[Candidate, ...], lex: Lexicon, officers: bool = False) -> bool:
    """Whether a town's own service follows the name ("Tillsonburg Mayor Stephen Molnar", "Ozark Chamber").

    A local police force, mayor, council or school board belongs to a town or county, so the name
    before it is one, however small. Only towns and counties count (a country or state needs no help).
    With ``officers``, only a town's police, sheriff or mayor: what an English word needs to be read
    as a town ("Roselle police", "Carthage Police Chief"), since "Labor Council", "Normal Schools" or
    "Isles residents" are no towns. The name must be a town's own name ("Isles" is not Isles-les-Villenoy).
    """
    toks = view(doc).tokens
    if j >= len(toks) or toks[j].lower_ not in (lex.civic_officers if officers else lex.civic_heads):
        return False
    return any(c.kind in {"city", "admin2"} and own_name(c, key) for c in cands)


DIVISION_NOUNS = frozenset({"province", "district", "governorate", "region", "state", "county", "department",
                             "oblast", "prefecture", "municipality", "township"})


def typed_division(doc: Doc, j: int, cands: tuple[Candidate, ...]) -> bool:
    """Whether a division word follows a name that can be a division ("Aleppo province", tagged as an adjective)."""
    return j < len(doc) and doc[j].lower_ in DIVISION_NOUNS and any(c.kind in {"admin1", "admin2"} for c in cands)


SETTLEMENT_NOUNS = frozenset({"city", "town", "village"})


def typed_town(doc: Doc, j: int, key: str, cands: tuple[Candidate, ...]) -> bool:
    """Whether a settlement word follows a town's own name ("in Khanewal city", "in Bariyarpur village")."""
    return j < len(doc) and doc[j].lower_ in SETTLEMENT_NOUNS and any(
        c.kind == "city" and own_name(c, key) for c in cands)


def in_brackets(doc: Doc, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` sit inside brackets after a name: "Bonkongou (Kantchari, Tapoa)"."""
    return opened_after_name(doc, i) and any(doc[k].text == ")" for k in range(j, min(len(doc), j + 8)))


def city_district(doc: Doc, start: int, end: int) -> bool:
    """Whether an entity is a "City - District" name ("Donetsk - Voroshilovsky", "Baghdad - Adhamiya"):
    a dash with spaces around it after a capitalised first word, as conflict monitors write a city's
    districts; the model reads it as an organisation."""
    return any(doc[k].text in {"-", "–"} and doc[k - 1].whitespace_ and doc[k].whitespace_
               and doc[k + 1].text[:1].isupper() for k in range(start + 1, end - 1)) and doc[start].text[:1].isupper()


def bracketed_list(doc: Doc, start: int, end: int) -> bool:
    """Whether an entity runs across a bracket, or fills one with names and commas: "Accra (Accra, Greater
    Accra" and "(Khanewal, Punjab)" are the model's misreadings of a place and its divisions, not an
    organisation or a title that has a place in its name."""
    if any(doc[k].text in "()[]" for k in range(start, end)):
        return True
    return start > 0 and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")" \
        and any(doc[k].text == "," for k in range(start, end)) \
        and all(doc[k].text == "," or doc[k].text[:1].isupper() for k in range(start, end))


def _capitalised_name(doc: Doc, i: int, j: int, lex: Lexicon) -> bool:
    """Whether tokens ``i:j`` are capitalised words inside a sentence, none of them common English ("Bulacan",
    tagged as an adjective in "Nueva Ecija and Bulacan farms")."""
    toks = view(doc).tokens
    return not toks[i].is_sent_start and all(t.text[:1].isupper() and t.lower_ not in lex.english
                                             for t in toks[i:j])


LIST_JOINS = frozenset({",", "and", "or", "&"})


def listed_with(doc: Doc, i: int, j: int, cands: tuple[Candidate, ...], places: list[Toponym]) -> bool:
    """Whether tokens ``i:j`` stand in a list next to one of ``places`` and can lie in its country.

    "from Tacloban and Babatngon", "Nueva Ecija and Bulacan farms", "Sukoharjo, Central Java": one or two
    joining tokens (a comma, "and", "or", ", and") between the name and the place, a candidate of the name
    in a country one of the place's candidates lies in, and no capitalised word running on after the name.
    """
    toks = view(doc).tokens
    if j < len(toks) and toks[j].text[:1].isupper():
        return False  # "Franklin and Kennedy Elementary Schools": part of a longer name
    for p in places:
        if p.end <= i:
            gap = range(p.end, i)
        elif p.start >= j:
            gap = range(j, p.start)
        else:
            continue
        if not 1 <= len(gap) <= 2 or not all(toks[k].lower_ in LIST_JOINS for k in gap):
            continue
        countries = {c.country_code for c in p.candidates if c.country_code}
        if any(c.country_code in countries for c in cands):
            return True
    return False


NAME_LINKS = frozenset({"of", "de", "du", "des", "del", "della", "di", "do", "da", "dos", "das"})


_WATER_CODES = frozenset({"OCN", "SEA", "GULF", "BAY", "STRT", "LK", "CHN", "SD"})  # curated seas, lakes, straits


def without_heading_water(doc: Doc, i: int, j: int, cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Drop the curated seas and oceans a one-word name means when it opens a longer capitalised name.

    "the Atlantic" is the ocean; "Atlantic Avenue", "the Pacific Islands Forum" and "Caribbean Airlines"
    are a street, an organisation and a company named after one.
    """
    toks = view(doc).tokens
    if j - i != 1 or j >= len(toks) or not toks[i].whitespace_ or not toks[j].is_alpha \
            or not toks[j].text[:1].isupper():
        return cands
    return tuple(c for c in cands if not (c.kind == "curated" and c.feature_code in _WATER_CODES))


def heads_longer_name(doc: Doc, j: int) -> bool:
    """Whether the name ending before token ``j`` runs on into a longer one: a linking word and a capitalised
    word follow ("Stade de France", "Tour of Valencia")."""
    toks = view(doc).tokens
    return j + 1 < len(toks) and toks[j].lower_ in NAME_LINKS and toks[j + 1].text[:1].isupper()
