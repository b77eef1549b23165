"""Toponym recognition: spaCy's GPE/LOC/FAC entities plus gazetteer matches the model missed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..nlp import view
from .abbreviations import (
    BIG_CITY,
    ap_state,
    bracket_abbreviations,
    state_abbreviations,
    us_state,
)
from .accept import (
    COUNTY_WORDS,
    MODIFIERS,
    STRONG_KINDS,
    accept,
    acronym_place,
    bracketed_list,
    city_district,
    english,
    inside_word,
    is_acronym,
    listed_with,
    own_name,
    particle,
    prominent,
    stem_only,
    without_heading_water,
)
from .counties import listed_divisions
from .elision import elided_names
from .gazetteer import Candidate, Gazetteer
from .normalize import fold
from .notplace import (
    after_saint,
    disease_name,
    dotted_city,
    lone_particle,
    lone_surname,
    neighbourhood,
    org_name,
    saints_thing,
    surnames_in,
)
from .toponym import Lexicon, Toponym, lookup_key, surface

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Lexicon", "Toponym", "find_toponyms", "is_demonym"]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# a code of capitals and digits ("M23", "G20", "F-16"): a group, forum or machine, not a place the gazetteer lacks
_CODE_NAME = re.compile(r"[A-Z]{1,3}-?[0-9]{1,3}")
MAX_TOKENS = 6
# lower-case words that may sit inside a place name ("Gulf of Aden", "Deir al-Balah")
CONNECTORS = {"of", "al", "el", "de", "del", "du", "la", "le", "des", "ad", "as", "ash", "an", "ar", "at", "az",
              "bin", "ibn", "abu", "and", "on", "upon", "-", "&", "'s",
              "do", "da", "dos", "das", "di", "della"}  # Portuguese and Italian: "Rio Grande do Sul"


def _trim(span: Span) -> tuple[int, int]:
    """Token bounds of an entity without leading modifiers/determiners and a trailing possessive."""
    start, end = span.start, span.end
    doc = view(span.doc).tokens
    while start < end - 1 and (doc[start].lower_ in MODIFIERS or doc[start].is_punct) and not doc[start].is_title:
        start += 1
    while end > start + 1 and (doc[end - 1].lower_ in {"'s", "’s", "'"} or doc[end - 1].is_punct
                               or doc[end - 1].is_space):
        end -= 1
    return start, end


_ARTICLES = ("al ", "el ", "an ", "ad ", "as ", "ar ", "ash ", "az ", "at ")
_ABBREVIATED = (("st ", "saint "), ("ste ", "sainte "), ("mt ", "mount "), ("ft ", "fort "))


def _spelling_variant(key: str, gaz: Gazetteer) -> tuple[str, tuple[Candidate, ...]]:
    """Try common transliteration variants of a name the model tagged as a place ("Hodeidah" ~ "Hodeida").

    An abbreviated first word is tried spelt out first ("St. Marc" ~ "Saint-Marc", "Mt. Kenya" ~ "Mount Kenya").
    """
    tries = [full + key[len(short):] for short, full in _ABBREVIATED if key.startswith(short)]
    if key.endswith("h"):
        tries.append(key[:-1])
    else:
        tries.append(key + "h")
    for art in _ARTICLES:
        if key.startswith(art):
            tries.append(key[len(art):])
            break
    else:
        tries.append("al " + key)
    if "ou" in key:
        tries.append(key.replace("ou", "u"))
    if "ee" in key:
        tries.append(key.replace("ee", "i"))
    for k in tries:
        cands = gaz.candidates(k)
        if cands:
            return k, cands
    return key, ()


def _longest(doc: Doc, i: int, gaz: Gazetteer, limit: int) -> tuple[int, str]:
    """Return (end, key) of the longest gazetteer name starting at token ``i`` (end == i when none)."""
    best_end, best_key = i, ""
    toks = view(doc).tokens
    possessive = False
    for j in range(i + 1, min(limit, i + MAX_TOKENS) + 1):
        tok = toks[j - 1]
        if j - 1 > i and (tok.is_punct and tok.text not in {"-", "–", "'s", "’s"} or tok.is_space):
            break
        if j - 1 > i and toks[j - 2].whitespace_ and tok.text in {"-", "–"}:
            break
        key = lookup_key(doc, i, j)
        flags = gaz.flags(key)
        if flags & 1 and tok.lower_ not in CONNECTORS and tok.text not in {"-", "–"} \
                and (not possessive or _division_name_key(key, gaz)):
            best_end, best_key = j, key
        if not flags & 2:
            if j < limit and not tok.whitespace_ and toks[j].lower_ in {"'s", "’s"}:
                possessive = True  # "People's Republic of China": only a country's or division's name goes on
                continue
            break
    return best_end, best_key


_GLUED_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az"})


def _starts_name(tok: Token) -> bool:
    text = tok.text
    if text[:1].isupper():
        return True
    # "al-Bureij", "el-Arish": a lower-case article glued to a capitalised name
    if len(text) > 3 or text.lower() not in _GLUED_ARTICLES:
        return False
    return tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "-"


_DEMONYM_SUFFIXES = (("ian", ""), ("ian", "ia"), ("an", ""), ("an", "a"), ("n", ""), ("i", ""), ("ese", ""),
                     ("ese", "a"), ("ese", "on"), ("ish", ""), ("ish", "land"), ("ic", "ia"), ("ean", "ea"),
                     ("ian", "y"), ("ean", "e"), ("ine", "a"), ("ite", ""), ("iote", "us"))


def is_demonym(word: str, gaz: Gazetteer) -> bool:
    """Whether ``word`` looks like the adjective of a country or region ("Angolan", "Iraqi", "Lebanese").

    The stem must name a country, subdivision or curated region; a city called "Iraqi" does not count,
    and a country's or division's own name is no demonym.
    """
    low = fold(word)
    if " " in low or len(low) < 5:
        return False
    if any(c.kind in {"country", "admin1"} and fold(c.name) == low for c in gaz.candidates(low)):
        return False  # "Sudan" is a country, not the adjective of Cameroon's Sud region
    for suffix, ending in _DEMONYM_SUFFIXES:
        if low.endswith(suffix):
            stem = low[: -len(suffix)] + ending
            if len(stem) >= 3 and any(c.kind in STRONG_KINDS for c in gaz.candidates(stem)):
                return True
    return False


def find_toponyms(doc: Doc, gaz: Gazetteer, lex: Lexicon) -> list[Toponym]:
    """Return the toponyms of ``doc`` in text order, not overlapping."""
    toks = view(doc).tokens
    found: list[Toponym] = []
    taken = [False] * len(doc)
    ent_of: list[Span | None] = [None] * len(doc)
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and (bracketed_list(doc, ent.start, ent.end)
                                               or city_district(doc, ent.start, ent.end)):
            continue  # "Ushuaia (Tierra del Fuego" read as a work of art: the model's misreading, no entity
        for k in range(ent.start, ent.end):
            ent_of[k] = ent

    def take(t: Toponym) -> None:
        for k in range(t.start, t.end):
            taken[k] = True
        found.append(t)

    person_words = {t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e}
    surnames = surnames_in(doc, lex)
    person_names = surnames | person_words
    # 0. demonyms ("Russian", "Lebanese"): the country as context, never a place of their own words
    for t in _demonyms(doc, gaz, lex):
        take(t)
    # US state abbreviations after "<Name>,": "Georgetown, Ky.", "Columbia, S.C.", "Austin, TX"
    for t in state_abbreviations(doc, gaz, lex):
        take(t)
    for t in bracket_abbreviations(doc, gaz, lex):  # "(Birbhum district, WB)"
        take(t)
    # 1. the model's place entities, trimmed; a longer gazetteer name inside wins over an unknown whole
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = _trim(ent)
        if end > start and all(taken[k] for k in range(start, end)):
            continue  # "Congo", already inside "Democratic Republic of the Congo" grown from the entity before
        saint = saints_thing(toks, ent.start, ent.end)
        if saint is not None:
            for k in range(saint, saint + 4):
                taken[k] = True  # "St. Peter's Basilica", "St. Mary's Hospital", "St. Patrick's Day"
            if all(taken[k] for k in range(start, end)):
                continue
        if end < ent.end and toks[end].lower_ in {"'s", "’s"} and _possessive_city(doc, start, end + 1, gaz):
            end += 1  # "St. John's" is a city's name; "St. Michael's" is mostly a school or a church
        grown = _grow(doc, start, end, gaz, taken)  # "Santos City" in "General Santos City", "Dera" + "Ismail Khan"
        if grown is not None:
            start, end, key = grown
        else:
            key = lookup_key(doc, start, end)
        cands = without_heading_water(doc, start, end, gaz.candidates(key))
        if not cands:
            key, cands = _spelling_variant(key, gaz)
        if not any(c.kind in STRONG_KINDS or c.country_code == "USA" for c in cands) \
                and (state := ap_state(doc, start, end, lex)):
            # "3 Ind. fugitives", "Fla. economist casts doubt" (not Flå in Norway): tagged a place
            key, cands = fold(state), us_state(gaz, state)
        elif not cands and end - start == 2 and toks[start].lower_ in MODIFIERS \
                and (state := ap_state(doc, start + 1, end, lex)):  # "Western Mass.": the state's part is the state
            start, key, cands = start + 1, fold(state), us_state(gaz, state)
        short_city = end - start == 1 and dotted_city(toks, start, key, cands)
        if end - start == 1 and is_acronym(toks[start].text) and not acronym_place(cands) and not short_city:
            continue  # "U.N." tagged GPE is the United Nations, not the Indian town Un
        if not any(t.text[:1].isupper() for t in toks[start:end]):
            continue  # "coast" tagged LOC
        if (end - start == 1 and ent.label_ in {"LOC", "FAC"} and toks[start].lower_ in lex.english
                and not any(c.kind in {"country", "curated"} for c in cands)):
            continue  # "West", "Bridge" tagged LOC/FAC: a word, not the hamlet the gazetteer offers
        if end - start == 1 and particle(key, cands, lex) and not short_city:
            continue  # "Al", "Wadi" tagged alone: part of a name, never the Norwegian Al or an Indian Wadi
        if org_name(doc, end, cands, lex) or disease_name(doc, end, cands):
            continue  # "Chelsea FC", "Venice Festival": a team or an event, not the place; "Marburg virus"
        if not cands and (key in lex.stoplist or all(t.lower_ in person_words for t in toks[start:end])
                          or (end - start == 1 and _CODE_NAME.fullmatch(toks[start].text) is not None)
                          or is_demonym(key, gaz) or is_demonym(toks[start].text, gaz)
                          or not any(t.text[:1].isupper() for t in toks[start:end])):
            continue  # "Blinken" tagged GPE once and PERSON elsewhere; "the Strip"; "Angolan"; "M23", "G20"
        if not cands:
            pieces = _pieces(doc, start, end, gaz, lex, taken)
            for a, b, part in pieces:
                take(Toponym(a, b, toks[a].idx, toks[b - 1].idx + len(toks[b - 1].text), part,
                             f"ner-{ent.label_}", without_heading_water(doc, a, b, gaz.candidates(part))))
            if pieces:
                for k in range(start, end):
                    taken[k] = True  # the rest ("Jail", "Village") is no place of its own
            if pieces or any(taken[k] for k in range(start, end)):
                continue
        take(Toponym(start, end, toks[start].idx, toks[end - 1].idx + len(toks[end - 1].text), key,
                     f"ner-{ent.label_}", cands))

    # 2. gazetteer names the model missed, only where a name can start
    for t in _gazetteer_pass(doc, gaz, lex, taken, ent_of, person_names, surnames):
        take(t)
    # 3. names the gazetteer does not know, placed by syntax: "near the Kissufim crossing", "in al-Zahawi school"
    for t in _syntactic(doc, taken, ent_of, gaz, lex, surnames):
        take(t)
    # 4. a smaller town listed with a found place of its country: "from Tacloban and Babatngon"
    for t in _gazetteer_pass(doc, gaz, lex, taken, ent_of, person_names, surnames, partners=found):
        take(t)
    # a lone name particle ("San" of "San Pya", "Al" of "Al Bayda City") is never a place, whatever found it
    found = [t for t in found if not lone_particle(doc, t, lex)]
    found = _with_head_word(doc, found, gaz)
    found += elided_names(doc, found, gaz)  # "Central" of "Central and South America"
    for a, b, key, cands in listed_divisions(doc, gaz):  # "Douglas and Wyandotte counties": two counties
        same = next((t for t in found if t.start == a and t.end == b), None)
        if same is not None:
            same.key, same.candidates = key, cands
        elif not any(t.start < b and a < t.end for t in found):  # "Clay", "Swift": words, yet counties here
            found.append(Toponym(a, b, toks[a].idx, toks[b - 1].idx + len(toks[b - 1].text), key, "gazetteer", cands))
    for t in found:
        if neighbourhood(toks, t):
            t.candidates = ()  # "in Colonia Montellano": the towns called so lie elsewhere
    for t in found:  # "a Washington state farm", "New York state": the state, not the city
        if t.end < len(doc) and toks[t.end].text == "state":
            states = tuple(c for c in t.candidates if c.kind == "admin1" and c.country_code == "USA")
            if states:
                t.candidates = states
    found.sort(key=lambda t: t.start)
    return found


_NAME_OK_ENTS = {None, "GPE", "LOC", "FAC"}
# Arabic words that open a place's name ("gate", "house", "head", "spring", "well", "hill", "village", "valley",
# "mountain", "monastery"): the name after one is part of it ("Bab el-Oued" is no El Oued, 500 km away)
_HEAD_WORDS = frozenset({"bab", "beit", "bayt", "ras", "ain", "ayn", "bir", "tell", "tal", "kafr", "wadi", "jabal",
                         "jebel", "deir", "dayr"})


def _with_head_word(doc: Doc, found: list[Toponym], gaz: Gazetteer) -> list[Toponym]:
    """Grow each name over a capitalised head word right before it that no other name holds."""
    toks = view(doc).tokens
    held = {k for t in found for k in range(t.start, t.end)}
    out = []
    for t in found:
        k = t.start - 1
        if k >= 0 and k not in held and toks[k].lower_ in _HEAD_WORDS and toks[k].text[:1].isupper() \
                and toks[k].whitespace_ and not toks[k].is_sent_start:
            key = lookup_key(doc, k, t.end)
            t = Toponym(k, t.end, toks[k].idx, t.end_char, key, t.source, gaz.candidates(key))
        out.append(t)
    return out




def _gazetteer_pass(doc: Doc, gaz: Gazetteer, lex: Lexicon, taken: list[bool], ent_of: list[Span | None],
                    person_names: frozenset[str] | set[str], surnames: frozenset[str],
                    partners: list[Toponym] | None = None) -> list[Toponym]:
    """Gazetteer names the model missed, where a name can start and the evidence holds.

    With ``partners``, only names listed next to one of those places ("Tacloban and Babatngon", "Sukoharjo,
    Central Java") that can lie in its country, each needing no more than a listed name needs.
    """
    toks = view(doc).tokens
    out: list[Toponym] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = toks[i]
        if taken[i] or not _starts_name(tok) or tok.is_punct or inside_word(doc, i):
            i += 1
            continue
        j, key = _longest(doc, i, gaz, n)
        if j == i or any(taken[k] for k in range(i, j)):
            i += 1
            continue
        if _fragment(doc, i, j, ent_of, lex, taken, gaz):
            i = _run_end(doc, j, taken)  # "Fatehgarh" of "Fatehgarh Sahib": not the town abroad, nor "Sahib" alone
            continue
        cands = without_heading_water(doc, i, j, gaz.candidates(key))  # not "Atlantic" of "Atlantic Avenue"
        listed = partners is not None
        if listed and (not listed_with(doc, i, j, cands, partners or [])
                       or ent_of[i] is not None and ent_of[i].label_ == "PERSON"):  # type: ignore[union-attr]
            i += 1
            continue
        named_person = j - i == 1 and (toks[i].lower_ in person_names or after_saint(toks, i)) \
            and stem_only(key, cands)  # "Hardeman said": not Hardeman County
        if accept(doc, i, j, key, cands, ent_of, lex, listed=listed) and not is_demonym(surface(doc, i, j), gaz) \
                and not lone_surname(doc, i, j, cands, surnames, lex) and not org_name(doc, j, cands, lex) \
                and not disease_name(doc, j, cands) and not named_person \
                and saints_thing(toks, max(0, i - 1), j + 1) is None:
            host = ent_of[i]
            in_actor = not listed and host is not None and host.label_ == "ORG" and (host.end - host.start) > (j - i) \
                and not bracketed_list(doc, host.start, host.end)
            out.append(Toponym(i, j, tok.idx, toks[j - 1].idx + len(toks[j - 1].text), key, "gazetteer", cands,
                         in_actor=in_actor))
            for k in range(i, j):
                taken[k] = True
            i = j
        else:
            i += 1
    return out


_GROW_LEFT = 2
_GROW_RIGHT = 3


def _namelike(tok: Token, lex: Lexicon) -> bool:
    """A capitalised word that can continue a proper name (not a kind-of-place word, title or stop word)."""
    key = fold(tok.text)
    return (tok.text[:1].isupper() and _wordlike(tok) and not tok.is_stop and key not in lex.name_heads
            and key not in lex.stoplist and not is_acronym(tok.text))


def _foreign_word(tok: Token, lex: Lexicon) -> bool:
    """A capitalised name word that is no English word: it continues a proper name ("Alam" of "Puli Alam").

    English words after a place ("Butler County Jail", "Dublin Arts Council") are the rest of an
    organisation's or building's name; the place inside them is still a place.
    """
    return _namelike(tok, lex) and not english(tok.lower_, lex)


def _key_or_headless(doc: Doc, start: int, end: int, gaz: Gazetteer) -> str:
    """The key of ``start:end`` if it names a place, else without a trailing kind word ("general santos city")."""
    key = lookup_key(doc, start, end)
    if gaz.is_name(key):
        return key
    if end - start >= 2 and doc[end - 1].lower_ in {"city", "town", "village"}:
        shorter = lookup_key(doc, start, end - 1)
        if gaz.is_name(shorter):
            return shorter
    return ""


def _grow(doc: Doc, start: int, end: int, gaz: Gazetteer, taken: list[bool]) -> tuple[int, int, str] | None:
    """The longest known name that holds the entity and runs on into capitalised words next to it.

    The model often cuts a multiword name: "General | Santos City", "Santa Cruz de la | Sierra",
    "Dera | Ismail Khan". Returns (start, end, key) of a strictly longer known name, or None.
    """
    toks = view(doc).tokens
    n = len(doc)
    if not any(t.text[:1].isupper() and t.lower_ not in {"city", "town", "village"} for t in toks[start:end]):
        return None  # "City" of "City of Richmond" stays what it was

    def joins(k: int) -> bool:  # token k may belong to a name ("Democratic Republic | of the Congo")
        t = toks[k]
        return not taken[k] and (t.text[:1].isupper() and _wordlike(t) or t.lower_ in CONNECTORS
                                 or t.lower_ == "the" and k > 0 and toks[k - 1].lower_ == "of")

    lo = start
    while lo > 0 and start - lo < _GROW_LEFT and joins(lo - 1) and toks[lo - 1].whitespace_ \
            and not toks[lo - 1].is_sent_start and toks[lo - 1].text[:1].isupper():
        lo -= 1
    hi = end
    while hi < n and hi - end < _GROW_RIGHT and joins(hi) and (toks[hi - 1].whitespace_ or toks[hi].text == "-"):
        hi += 1
    if lo == start and hi == end:
        return _hyphenated_country(doc, start, end, gaz)
    best: tuple[int, int, str] | None = _hyphenated_country(doc, start, end, gaz)
    for s in range(lo, start + 1):
        for e in range(hi, end - 1, -1):
            if (s, e) == (start, end) or not toks[e - 1].text[:1].isupper():
                continue
            key = _key_or_headless(doc, s, e, gaz)
            if key and (best is None or e - s > best[1] - best[0]):
                best = (s, e, key)
    return best


def _hyphenated_country(doc: Doc, start: int, end: int, gaz: Gazetteer) -> tuple[int, int, str] | None:
    """A country's hyphenated name the model tagged in part: "Guinea" of "Guinea-Bissau", "Leste" of "Timor-Leste".

    Only a whole that the gazetteer knows as a country by that very name (divisions and towns keep the
    model's span: growing those cost ACLED, session 12).
    """
    toks = view(doc).tokens
    spans = []
    if end + 1 < len(doc) and _glued_hyphen(toks, end, end + 1):
        spans.append((start, end + 2))
    if start >= 2 and _glued_hyphen(toks, start - 1, start - 2):
        spans.append((start - 2, end))
    for s, e in spans:
        whole = lookup_key(doc, s, e)
        for key in dict.fromkeys((whole, whole.replace("-", " "))):
            if any(c.kind == "country" and own_name(c, key) for c in gaz.candidates(key)):
                return s, e, key
    return None


def _division_name_key(key: str, gaz: Gazetteer) -> bool:
    """Whether ``key`` names a country or a division (not only towns)."""
    return any(c.kind in {"country", "admin1", "admin2"} for c in gaz.candidates(key))


_SEPARATORS = frozenset({"(", ")", "[", "]", ",", ";", "/"})


def _pieces(doc: Doc, start: int, end: int, gaz: Gazetteer, lex: Lexicon, taken: list[bool]
            ) -> list[tuple[int, int, str]]:
    """Known names inside an entity the gazetteer does not know as a whole, when they explain it.

    The entity is cut at brackets, commas, spaced dashes and lower-case words ("Kirkwood (Eastern Cape",
    "St. Paul's Church in Elizabethtown"), and each part
    read on its own: "Gaza City Hospital" gives "Gaza City"; but in "Puli Alam", "Hong Lim Park" or
    "Pyayt Sin Kone" a known part ("Puli", "Hong", "Kone") is a fragment of an unknown name, not the
    town abroad that shares it: every other capitalised word must be an English word. A division or
    big city inside a longer name stands ("Sarajevo-Stari Grad", "Henderson County Crimestoppers").
    """
    toks = view(doc).tokens
    out: list[tuple[int, int, str]] = []
    seg = start
    for k in range(start, end + 1):
        if k == end or toks[k].text in _SEPARATORS or (toks[k].is_lower and toks[k].lower_ not in CONNECTORS) or (
                toks[k].text in {"-", "–"} and toks[k].whitespace_ and toks[k - 1].whitespace_):
            out.extend(_segment_pieces(doc, seg, k, gaz, lex, taken))
            seg = k + 1
    return out


def _segment_pieces(doc: Doc, start: int, end: int, gaz: Gazetteer, lex: Lexicon, taken: list[bool]
                    ) -> list[tuple[int, int, str]]:
    """:func:`_pieces` of one part of an entity (no separators inside)."""
    toks = view(doc).tokens
    out: list[tuple[int, int, str]] = []
    i = start
    while i < end:
        j, k2 = _longest(doc, i, gaz, end) if _starts_name(toks[i]) and not taken[i] else (i, "")
        if any(taken[k] for k in range(i, j)):
            j = i
        if j > i and k2 not in lex.stoplist and (not out or any(_foreign_word(t, lex) for t in toks[i:j])
                                                  or prominent(gaz.candidates(k2))):
            out.append((i, j, k2))  # after a name, not "Village" of "Bicester Village" nor "Art" of "Dublin Art Stroll"
            i = j
        else:
            i += 1
    landmarks = [p for p in out if _landmark(doc, *p, gaz)]
    if landmarks:
        return landmarks
    covered = {k for a, b, _ in out for k in range(a, b)}
    if not out or any(k not in covered and _foreign_word(toks[k], lex) for k in range(start, end)):
        return []
    if len(out) == 1:
        a, b, key = out[0]
        if _hyphen_glued(toks, a, b, start, end):
            return []  # "Mid" of "Mid-Jutland": one half of a hyphenated name the gazetteer lacks
        return [] if b - a == 1 and particle(key, gaz.candidates(key), lex) else out
    # "Logan-Rogersville": towns of one country called by their own names, not alternate spellings
    # ("Kauk" ~ Cuijk) nor strangers glued together ("Hong Lim": Høng in Denmark, Lim elsewhere)
    shared = set.intersection(*({c.country_code for c in gaz.candidates(key)} for _, _, key in out))
    return out if shared and all(_own_name(key, gaz) for _, _, key in out) else []


def _hyphen_glued(toks: list[Token], a: int, b: int, start: int, end: int) -> bool:
    """Whether tokens ``a:b`` are glued by an unspaced hyphen to a capitalised word of the same part."""
    return b + 1 < end and _glued_hyphen(toks, b, b + 1) or a - 1 > start and _glued_hyphen(toks, a - 1, a - 2)


def _glued_hyphen(toks: list[Token], h: int, word: int) -> bool:
    """Whether token ``h`` is a hyphen with no space on either side and token ``word`` beside it is capitalised."""
    return toks[h].text in {"-", "–"} and not toks[h - 1].whitespace_ and not toks[h].whitespace_ \
        and toks[word].text[:1].isupper()


def _own_name(key: str, gaz: Gazetteer) -> bool:
    """Whether some place is called ``key`` by its own (not an alternate) name."""
    return any(own_name(c, key) for c in gaz.candidates(key))


def _landmark(doc: Doc, i: int, j: int, key: str, gaz: Gazetteer) -> bool:
    """A name strong enough to stand inside a longer one: a country, division, big city or "X County",
    called so by its own name ("Lim" is an alternate name of Lima, not a landmark)."""
    cands = tuple(c for c in gaz.candidates(key) if c.kind == "country" or own_name(c, key))
    return prominent(cands) or (j - i >= 2 and key.rsplit(" ", 1)[-1] in COUNTY_WORDS
                                 and any(c.kind == "admin2" for c in cands))


def _fragment(doc: Doc, i: int, j: int, ent_of: list[Span | None], lex: Lexicon, taken: list[bool],
              gaz: Gazetteer) -> bool:
    """Whether the gazetteer match ``i:j`` is glued to another capitalised name word of the same entity
    ("Fatehgarh" in "Fatehgarh Sahib", "Daan" in "Daan Mogot Road"); divisions and big cities never are."""
    toks = view(doc).tokens
    host = ent_of[i]
    if _landmark(doc, i, j, lookup_key(doc, i, j), gaz):
        return False

    def glued(k: int) -> bool:
        t = toks[k]
        return not taken[k] and ent_of[k] is host and t.pos_ == "PROPN" and _foreign_word(t, lex)

    if j < len(doc) and toks[j - 1].whitespace_ and glued(j):
        return True
    return i > 0 and bool(toks[i - 1].whitespace_) and not toks[i - 1].is_sent_start and glued(i - 1)


def _run_end(doc: Doc, j: int, taken: list[bool]) -> int:
    """The end of the run of capitalised words that continues at token ``j``."""
    toks = view(doc).tokens
    while j < len(doc) and not taken[j] and toks[j].text[:1].isupper() and _wordlike(toks[j]):
        j += 1
    return j


def _demonyms(doc: Doc, gaz: Gazetteer, lex: Lexicon) -> list[Toponym]:
    """NORP entities that name a country's people or adjective, resolved to that country.

    A demonym of the table the model tagged as a place ("Ukrainian officials said", tagged GPE) is one too.
    """
    if not lex.demonyms:
        return []
    table = dict(lex.demonyms)
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"NORP", *PLACE_LABELS}:
            continue
        text = ent.text[4:] if ent.text.startswith("the ") else ent.text
        if ent.label_ != "NORP" and text not in table:
            continue
        iso3 = table.get(text) or (table.get(text[:-1]) if text.endswith("s") else None)
        country = gaz.country(iso3) if iso3 else None
        if country is None:
            continue
        start = ent.end - len(text.split())
        longer, key = _longest(doc, start, gaz, len(doc))
        if longer > ent.end and any(c.kind in STRONG_KINDS for c in gaz.candidates(key)):
            continue  # "French Guiana", "Indian Ocean": the demonym opens a place's name
        tok, last = doc[start], doc[ent.end - 1]
        head = last.head
        acting = last.dep_ in {"amod", "compound"} and (head.lower_ in lex.armed_heads
                                                         or head.lemma_.lower() in lex.armed_heads)
        out.append(Toponym(start, ent.end, tok.idx, last.idx + len(last.text), fold(text), "demonym", (country,),
                           demonym=True, in_actor=acting))  # "Russian forces": who acted, not where
    return out


def _possessive_city(doc: Doc, start: int, end: int, gaz: Gazetteer) -> bool:
    """Whether tokens ``start:end``, ending in "'s", name a big city ("St. John's"), not a saint's school.

    A name that only looks like a possessive stays whole when a city of ``BIG_CITY`` people bears it
    and no noun follows ("St. John's (Newfoundland and Labrador)", not "St. John's students").
    """
    if end < len(doc) and doc[end].pos_ in {"NOUN", "PROPN"}:
        return False
    return any(c.kind == "city" and c.population >= BIG_CITY for c in gaz.candidates(lookup_key(doc, start, end)))


_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                            "northeastern", "northwestern", "southeastern", "southwestern"})


def _compass_country(toks: list[Token], i: int, key: str, gaz: Gazetteer) -> bool:
    """Whether a one-word name after a compass adjective is a country's own name ("central Mali")."""
    return i > 0 and toks[i - 1].lower_ in _COMPASS_WORDS and any(
        c.kind == "country" and fold(c.name) == key for c in gaz.candidates(key))


def _wordlike(tok: Token) -> bool:
    return tok.text.replace("-", "").replace(".", "").replace("'", "").replace("’", "").isalnum()


def _syntactic(doc: Doc, taken: list[bool], ent_of: list[Span | None], gaz: Gazetteer,
               lex: Lexicon, surnames: frozenset[str] = frozenset()) -> list[Toponym]:
    """Capitalised names governed by a strong locative preposition or naming a kind of place."""
    toks = view(doc).tokens
    out: list[Toponym] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = toks[i]
        if taken[i] or not (tok.pos_ == "PROPN" and _starts_name(tok)) or inside_word(doc, i):
            i += 1
            continue
        j = i + 1
        while j < n and not taken[j] and (
                toks[j].pos_ == "PROPN" and toks[j].text[:1].isupper() and _wordlike(toks[j])
                or toks[j].text in {"-", "–"} and not toks[j - 1].whitespace_):
            j += 1
        if not _wordlike(tok) or (j == i + 1 and is_acronym(tok.text)):
            i = max(j, i + 1)
            continue
        while j > i + 1 and toks[j - 1].text in {"-", "–"}:
            j -= 1
        span = doc[i:j]
        root = span.root
        key = lookup_key(doc, i, j)
        labels = {ent_of[k].label_ if ent_of[k] is not None else None for k in range(i, j)}  # type: ignore[union-attr]
        first = fold(toks[i].text)
        placed = root.dep_ == "pobj" and root.head.lower_ in lex.strong_prepositions
        typed = (root.dep_ in {"compound", "nmod", "amod"} and root.head.lemma_.lower() in lex.place_nouns) or (
            root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in lex.place_nouns)
        # "a town called Låsby", "a village named X": the naming verb vouches for a name of any tag
        named = root.head.lower_ in {"called", "named"} and root.head.head.lemma_.lower() in lex.place_nouns
        taken_over = (root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_.lower() in lex.territorial_verbs
                      and root.head.pos_ == "VERB")
        ok_labels = labels <= _NAME_OK_ENTS or (
            taken_over and labels <= _NAME_OK_ENTS | {"ORG", "PRODUCT"}) or (
            # "the town of Macomia in Mozambique's Cabo Delgado" came tagged as one title (WORK_OF_ART)
            typed and labels <= _NAME_OK_ENTS | {"ORG", "PRODUCT", "WORK_OF_ART"}) or (
            named and labels <= _NAME_OK_ENTS | {"ORG", "PRODUCT", "PERSON", "NORP"}) or (
            # "in central Mali", "across eastern Chad" (tagged PERSON): a country behind a compass word
            placed and labels == {"PERSON"} and j - i == 1 and _compass_country(toks, i, key, gaz)) or (
            # "the army retook Palmyra" (tagged PERSON): a town of 20,000 or more taken, not a person
            taken_over and labels <= _NAME_OK_ENTS | {"PERSON"} and j - i == 1 and toks[i].lower_ not in surnames
            and any(c.kind == "city" and c.population >= lex.min_population for c in gaz.candidates(key)))
        if ((placed or typed or taken_over or named) and ok_labels and key not in lex.stoplist and first not in lex.stoplist
                and not any(t.is_stop for t in span) and not is_demonym(key, gaz)):
            # a name the gazetteer pass turned down as too small or a word ("the city of Sevierville", "In
            # Euclid,") keeps its own candidates now that the syntax vouches for it; else a spelling variant
            known = gaz.candidates(key)
            vkey, vcands = (key, known) if known else _spelling_variant(key, gaz)
            out.append(Toponym(i, j, toks[i].idx, toks[j - 1].idx + len(toks[j - 1].text), vkey,
                               "syntax-known" if known else "syntax", vcands))
        i = j
    return out

