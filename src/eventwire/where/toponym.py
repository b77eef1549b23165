"""The records recognition and resolution share: the word lists (:class:`Lexicon`) and a found name (:class:`Toponym`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..nlp import view
from .gazetteer import Candidate
from .normalize import fold, strip_article

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Lexicon", "Toponym", "lookup_key", "surface"]


@dataclass(frozen=True)
class Lexicon:
    """Word lists recognition needs, read from the where-data files."""

    stoplist: frozenset[str]
    locative: frozenset[str]
    strong_prepositions: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    territorial_verbs: frozenset[str] = frozenset()
    english: frozenset[str] = frozenset()  # common English words (the model's lemmatizer index), lower case
    rare_english: frozenset[str] = frozenset()  # those of them rare in English text: mostly WordNet's place names
    state_abbreviations: tuple[tuple[str, str], ...] = ()  # ("Ky.", "Kentucky"), ("KY", "Kentucky"), ...
    bracket_abbreviations: tuple[tuple[str, str, str], ...] = ()  # ("WB", "IND", "West Bengal"): last in "(X, WB)"
    demonyms: tuple[tuple[str, str], ...] = ()  # ("Russian", "RUS"), ...
    particles: frozenset[str] = frozenset()  # "al", "wadi", "san": parts of names, never places alone
    name_heads: frozenset[str] = frozenset()  # "park", "tehsil": a kind of place after a name
    org_suffixes: frozenset[str] = frozenset()  # "fc", "inc", "festival": an organisation's or event's name
    armed_heads: frozenset[str] = frozenset()  # "forces", "drones": a demonym on one names who fought
    civic_heads: frozenset[str] = frozenset()  # "police", "council": after a town's name, its own services
    civic_officers: frozenset[str] = frozenset()  # "police", "mayor": the ones that make an English word a town
    document_nouns: frozenset[str] = frozenset()  # "agreement", "accords": a town before one names a document
    min_population: int = 20_000  # a lone gazetteer-only city name needs this many people...
    min_population_after_preposition: int = 1_000  # ...or this many after "in", "near", ...


@dataclass
class Toponym:
    """A place name found in the text, before and after resolution (internal to the where stages)."""

    start: int  # token indices
    end: int
    start_char: int
    end_char: int
    key: str
    source: str  # ner-GPE, ner-LOC, ner-FAC, gazetteer, syntax, syntax-known, dateline, abbreviation, demonym
    candidates: tuple[Candidate, ...]
    in_actor: bool = False
    dateline: bool = False
    chosen: Candidate | None = None
    score: float = 0.0
    rule: str = ""
    qualifier: Toponym | None = field(default=None, repr=False)
    bracketed: tuple[Toponym, ...] = field(default=(), repr=False)  # the names of "X (A, B, C)" after X, in order
    chain: int = 0  # how many comma-separated items that bracket holds (3 for "X (A, B, C)")
    demonym: bool = False  # "Russian": context for the article's country; reported only when settings say so


def surface(doc: Doc, start: int, end: int) -> str:
    """The text of tokens ``start:end``, trailing whitespace removed (sliced from the cached ``doc.text``)."""
    if end <= start:
        return ""
    v = view(doc)
    last = v.tokens[end - 1]
    return v.text[v.tokens[start].idx:last.idx + len(last.text_with_ws)].rstrip()


def lookup_key(doc: Doc, start: int, end: int) -> str:
    return strip_article(fold(surface(doc, start, end)))
