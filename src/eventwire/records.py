"""Records that flow between stages: small frozen dataclasses with character spans.

Every span is a ``(start, end)`` pair of offsets into ``Article.text`` exactly as it was
given, before any cleaning, so ``article.text[start:end]`` is always the recorded text.
Lists are stored as tuples so records are hashable, picklable and safe to share with Ray
workers; :func:`to_dict` turns any record into the JSON shape of ``spec/records.md``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Any

from .intensity import goldstein

Span = tuple[int, int]

__all__ = [
    "AUX_MODES",
    "CONTEXT_SUFFIX",
    "Annotation",
    "Article",
    "Entity",
    "Event",
    "Failure",
    "Mention",
    "Place",
    "Quote",
    "Span",
    "Timex",
    "content_id",
    "to_dict",
]

AUX_MODES = ("historical", "future", "hypothetical", "negation")


def content_id(*parts: object, length: int = 16) -> str:
    """Return a short stable hex id hashed from ``parts``."""
    h = hashlib.sha1()
    for p in parts:
        h.update(str(p).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True)
class Article:
    """One input article; only ``text`` is required, ``id`` defaults to a content hash."""

    text: str
    id: str = ""
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    position: str | None = None  # where in the input it came from ("file.jsonl:3")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text, self.date or ""))


@dataclass(frozen=True)
class Mention:
    """A span of text that may name an actor, before resolution (NER, agents lexicon, pronouns)."""

    text: str
    span: Span
    sentence_index: int
    label: str  # PERSON, ORG, GPE, NORP, AGENT, PRONOUN, ...
    source: str = "ner"  # which rule or model found it


@dataclass(frozen=True)
class Entity:
    """A resolved actor mention: the ``entity`` object of records.md."""

    entity_text: str
    span: Span
    name: str | None = None
    code: str | None = None
    sector: str | None = None
    country: str | None = None
    kind: str | None = None  # person, organization, country, group
    identifier_id: str | None = None
    office: str | None = None
    sentence_index: int = -1
    cluster: str | None = None  # in-article coreference chain id
    rule: str | None = None  # provenance: which rule resolved it


CONTEXT_SUFFIX = ":context"  # the end of a place's rule when only the region its text names placed it


@dataclass(frozen=True)
class Place:
    """A toponym and its resolution: the ``place`` object of records.md."""

    extracted_place: str
    span: Span
    resolved_place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    resolution: str = "unresolved"  # point, admin1, country, unresolved (records.md)
    sentence_index: int = -1
    rule: str | None = None

    @property
    def from_context(self) -> bool:
        """Whether the point is the region the article names, not the name's own (``rule`` ends ``:context``)."""
        return (self.rule or "").endswith(CONTEXT_SUFFIX)

    def own(self) -> Place:
        """This place as its own name resolves it: a place placed only by its context is unresolved."""
        if not self.from_context:
            return self
        return dataclasses.replace(self, resolved_place=None, geonameid=None, lat=None, lon=None, country_code=None,
                                   admin1=None, feature_class=None, feature_code=None, resolution="unresolved",
                                   rule=(self.rule or "")[:-len(CONTEXT_SUFFIX)] + ":unknown")


@dataclass(frozen=True)
class Timex:
    """A time expression normalised against the publication date."""

    text: str
    span: Span
    value: str | None
    precision: str | None  # day, month, year, week, time, None
    type: str = "DATE"  # DATE, DURATION, SET, TIME
    sentence_index: int = -1
    rule: str | None = None


@dataclass(frozen=True)
class Quote:
    """A direct or indirect quotation with its cue and speaker."""

    kind: str  # direct, indirect
    content: str
    content_span: Span
    cue: str | None = None
    cue_span: Span | None = None
    speaker: Entity | None = None
    speaker_span: Span | None = None
    sentence_index: int = -1
    rule: str | None = None  # provenance: which rule found the quote and its speaker


@dataclass(frozen=True)
class Event:
    """One coded PLOVER event: the ``eventwire extract`` record of records.md."""

    id: str
    article_id: str
    event: str
    mode: str | None
    aux_mode: tuple[str, ...]
    context: tuple[str, ...]
    quad_code: int
    cameo_root: str
    date: str | None
    date_precision: str | None
    date_text: str | None
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    event_loc: Place | None
    event_text: str
    span: Span
    sentence_index: int
    text: str
    confidence: float
    dedup_key: str | None = None
    quote_index: int | None = None  # index into Annotation.quotes when coded inside a quote
    date_span: Span | None = None
    rule: str | None = None  # provenance: lexicon entry or model that fired
    fatalities: int | None = None  # people killed in this ASSAULT as the text states it
    fatalities_text: str | None = None  # the words the number was read from

    political: bool = True  # political event data (relevance >= the model's threshold; docs/relevance.md)
    relevance: float | None = None  # 0..1 from the relevance model; None before the relevance stage
    relevance_reasons: tuple[str, ...] = ()  # the features that weighed most, "+political actor: ..." / "-story about sport"

    @property
    def intensity(self) -> float | None:
        """The Goldstein (1992) value of ``cameo_root`` (-10 conflict .. +10 cooperation), see :mod:`eventwire.intensity`."""
        return goldstein(self.cameo_root)


@dataclass(frozen=True)
class Annotation:
    """Everything the pipeline found in one article: the ``eventwire annotate`` record."""

    article: Article
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failure:
    """An article that could not be read or processed, with the reason and input position."""

    article_id: str | None
    position: str | None
    reason: str
    stage: str = "ingest"


def _plain(value: Any) -> Any:
    if isinstance(value, Event):  # intensity is derived from cameo_root, placed after it
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            out[f.name] = _plain(getattr(value, f.name))
            if f.name == "cameo_root":
                out["intensity"] = value.intensity
        return out
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def to_dict(record: Any) -> dict[str, Any]:
    """Return the JSON-ready dict of a record in the records.md shape."""
    if isinstance(record, Annotation):
        a = record.article
        return {
            "article_id": a.id,
            "date": a.date,
            "title": a.title,
            "text": a.text,
            "sentences": _plain(record.sentences),
            "entities": _plain(record.entities),
            "places": _plain(record.places),
            "timexes": _plain(record.timexes),
            "quotes": _plain(record.quotes),
            "events": _plain(record.events),
            "warnings": list(record.warnings),
        }
    out = _plain(record)
    assert isinstance(out, dict)
    return out

