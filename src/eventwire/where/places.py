"""PlaceStage: find toponyms, resolve them in context, and write ``Place`` records."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..config import Settings
from ..nlp import Stage, sentence_index_of, slot
from ..nlp.dateline import find_dateline
from ..records import Place
from .build import tsv_rows, word_list
from .gazetteer import Gazetteer, data_dir, load_gazetteer
from .normalize import fold, strip_article
from .recognize import find_toponyms
from .resolve import document_namesakes, resolution_level, resolve
from .toponym import Lexicon, Toponym

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["PlaceStage", "english_words", "load_lexicon", "load_locative"]

_LEXICONS: dict[str, Lexicon] = {}
_LOCATIVE: dict[str, dict[str, Any]] = {}


def load_locative(path: Path | None = None) -> dict[str, Any]:
    """Read ``locative.yaml`` (prepositions, place-object verbs, actor heads), once per process."""
    p = path or data_dir() / "locative.yaml"
    if str(p) not in _LOCATIVE:
        with open(p, encoding="utf-8") as fh:
            _LOCATIVE[str(p)] = yaml.safe_load(fh)
    return _LOCATIVE[str(p)]


def load_lexicon(stoplist_path: Path | None = None) -> Lexicon:
    """Read the stoplist and locative prepositions into a :class:`Lexicon`, once per process."""
    p = stoplist_path or data_dir() / "stoplist.txt"
    if str(p) not in _LEXICONS:
        words = set()
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line and not line.startswith("#"):
                    words.add(strip_article(fold(line)))
        loc = load_locative()
        abbrev: list[tuple[str, str]] = []
        for fields in tsv_rows(data_dir() / "us_state_abbreviations.tsv"):
            state, ap, postal = (fields + ["", ""])[:3]
            abbrev.extend((a.strip(), state) for a in [*ap.split("|"), postal] if a.strip())
        demonyms = [(f[0].strip(), f[1].strip()) for f in tsv_rows(data_dir() / "demonyms.tsv")]
        bracketed = [(f[0].strip(), f[1].strip(), f[2].strip())
                     for f in tsv_rows(data_dir() / "bracket_abbreviations.tsv")]
        particles = word_list(data_dir() / "name_particles.txt")
        heads = word_list(data_dir() / "name_heads.txt") | set(loc.get("place_nouns", ()))
        org_suffixes = word_list(data_dir() / "org_suffixes.txt")
        _LEXICONS[str(p)] = Lexicon(particles=frozenset(particles), name_heads=frozenset(heads),
                                    org_suffixes=frozenset(org_suffixes),
                                    stoplist=frozenset(words), locative=frozenset(loc["locative_prepositions"]),
                                    state_abbreviations=tuple(abbrev), demonyms=tuple(demonyms),
                                    bracket_abbreviations=tuple(bracketed),
                                    strong_prepositions=frozenset(loc["strong_prepositions"]),
                                    place_nouns=frozenset(loc.get("place_nouns", ())),
                                    territorial_verbs=frozenset(loc.get("territorial_verbs", ())),
                                    armed_heads=frozenset(loc.get("armed_heads", ())),
                                    civic_heads=frozenset(loc.get("civic_heads", ())),
                                    civic_officers=frozenset(loc.get("civic_officers", ())),
                                    document_nouns=frozenset(loc.get("document_nouns", ())))
    return _LEXICONS[str(p)]


_ENGLISH: dict[int, frozenset[str]] = {}


def english_words(nlp: Language | None) -> frozenset[str]:
    """Single common English words from the spaCy model's lemmatizer index (empty when the model has none)."""
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    if id(nlp) not in _ENGLISH:
        words: set[str] = set()
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and "lemma_index" in lookups.tables:
            index = lookups.get_table("lemma_index")
            for pos in ("noun", "verb", "adj", "adv"):
                words.update(w for w in index.get(pos, []) if w.isalpha() and w.islower())
        _ENGLISH[id(nlp)] = frozenset(words)
    return _ENGLISH[id(nlp)]


class PlaceStage(Stage):
    """Find place names (NER + gazetteer), resolve them with the article's context, fill ``doc._.ew_places``."""

    gazetteer: Gazetteer
    lexicon: Lexicon

    def load(self, settings: Settings) -> None:
        """Open (building once if needed) the gazetteer index and read the word lists."""
        self.gazetteer = load_gazetteer(settings)
        self.lexicon = load_lexicon()
        english = english_words(self.nlp)
        if english:
            common = data_dir() / "english_common.txt"
            rare = english - word_list(common) if common.exists() else frozenset()
            self.lexicon = dataclasses.replace(self.lexicon, english=english, rare_english=frozenset(rare))

    def toponyms(self, doc: Doc) -> tuple[list[Toponym], Toponym | None]:
        """Return the resolved toponyms of ``doc`` and the dateline's toponym (which may be among them)."""
        if self.settings is None:
            self.initialize()
        tops = find_toponyms(doc, self.gazetteer, self.lexicon)
        dl_top = self._dateline(doc, tops)
        resolve(doc, tops, dl_top)
        document_namesakes(doc, tops, self.lexicon.document_nouns)
        return tops, dl_top

    def _dateline(self, doc: Doc, tops: list[Toponym]) -> Toponym | None:
        article = doc._.article
        dl = find_dateline(article.text if article is not None else doc.text)
        if dl is None:
            return None
        span = doc.char_span(dl.span[0], dl.span[1], alignment_mode="expand")
        if span is None:
            return None
        key = strip_article(fold(dl.text))
        cands = self.gazetteer.candidates(key)
        if not cands:
            return None
        top = next((t for t in tops if t.start_char == span.start_char), None)
        if top is None:
            top = Toponym(span.start, span.end, dl.span[0], dl.span[1], key, "dateline", cands)
            tops.append(top)
            tops.sort(key=lambda t: t.start)
        top.dateline = True
        top.source = "dateline"
        return top

    def process(self, doc: Doc) -> None:
        """Write one :class:`Place` per toponym into ``doc._.ew_places``."""
        places = slot(doc, "ew_places")
        tops, _ = self.toponyms(doc)
        article = doc._.article
        text = article.text if article is not None else doc.text
        starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        report_demonyms = bool(getattr(self.settings, "report_demonyms", False))
        for t in tops:
            if t.demonym and not report_demonyms:
                continue
            places.append(to_place(t, text, sentence_index_of(starts, t.start_char)))


def to_place(t: Toponym, text: str, sentence_index: int) -> Place:
    """Turn a resolved toponym into its record (text taken from the original article)."""
    c = t.chosen
    rule = t.rule + (";in-actor" if t.in_actor else "")
    start, end = t.start_char, t.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    if c is None:
        return Place(text[start:end], (start, end), sentence_index=sentence_index, rule=rule or t.source)
    return Place(
        extracted_place=text[start:end],
        span=(start, end),
        resolved_place=c.name,
        geonameid=c.geonameid,
        lat=c.lat,
        lon=c.lon,
        country_code=c.country_code,
        admin1=c.admin1,
        feature_class=c.feature_class,
        feature_code=c.feature_code,
        resolution=resolution_level(c) if c.lat is not None or c.kind == "country" else "unresolved",
        sentence_index=sentence_index,
        rule=rule,
    )
