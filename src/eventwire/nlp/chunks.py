"""Long articles in pieces: cut at paragraph or sentence breaks, annotate each, map spans back.

spaCy's cost in memory (and some stages' cost in time) grows faster than the text: one
990,000-character article took several GB in one Doc. An article longer than
:data:`CHUNK_CHARS` is cut into contiguous pieces of at most that many characters, at the last
paragraph break in the second half of the window, else the last sentence end, else the last
whitespace (a hard cut only for a window with none). Every piece is annotated as an article of
its own with the same id and date; :func:`merge_annotations` then shifts every character span
by the piece's offset and every sentence and quote index by the counts before it, so
``article.text[start:end]`` stays exactly the recorded words. Event ids are recomputed from
the shifted sentence index and span, as the event coder computes them.

What a piece does not see: an in-article coreference chain, a within-article duplicate or a
quotation that crosses a piece boundary. Articles up to :data:`CHUNK_CHARS` (practically every
news article) are never cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..records import Annotation, Article, Entity, Event, Place, Quote, Span, Timex, content_id
from .evolve import evolve

__all__ = ["CHUNK_CHARS", "chunk_bounds", "merge_annotations"]

CHUNK_CHARS = 100_000

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SENTENCE = re.compile(r"[.!?][\"'”’»)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _last_break(text: str, lo: int, hi: int) -> int | None:
    """Return the end of the last break in ``text[lo:hi]`` (paragraph, else sentence, else space)."""
    for pattern in (_PARAGRAPH, _SENTENCE, _SPACE):
        end = None
        for m in pattern.finditer(text, lo, hi):
            end = m.end()
        if end is not None:
            return end
    return None


def chunk_bounds(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """Return contiguous ``(start, end)`` pieces covering ``text``, each at most ``size`` characters.

    ``size`` defaults to :data:`CHUNK_CHARS` (read at call time).
    """
    size = size or CHUNK_CHARS
    if size < 2:
        raise ValueError("size must be at least 2")
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        hi = start + size
        cut = _last_break(text, start + size // 2, hi) or hi
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _span(span: Span | None, offset: int) -> Any:
    return None if span is None else (span[0] + offset, span[1] + offset)


def _index(i: int, offset: int) -> int:
    return i + offset if i >= 0 else i


class _Shift:
    """Moves the records of one piece to the whole article's offsets and indexes."""

    def __init__(self, piece: int, chars: int, sentences: int, quotes: int) -> None:
        self.piece = piece
        self.chars = chars
        self.sentences = sentences
        self.quotes = quotes

    def entity(self, e: Entity) -> Entity:
        cluster = e.cluster if e.cluster is None or self.piece == 0 else f"{e.cluster}.{self.piece}"
        return evolve(e, span=_span(e.span, self.chars), sentence_index=_index(e.sentence_index, self.sentences),
                      cluster=cluster)

    def place(self, p: Place) -> Place:
        return evolve(p, span=_span(p.span, self.chars), sentence_index=_index(p.sentence_index, self.sentences))

    def timex(self, t: Timex) -> Timex:
        return evolve(t, span=_span(t.span, self.chars), sentence_index=_index(t.sentence_index, self.sentences))

    def quote(self, q: Quote) -> Quote:
        return evolve(q, content_span=_span(q.content_span, self.chars), cue_span=_span(q.cue_span, self.chars),
                      speaker=self.entity(q.speaker) if q.speaker is not None else None,
                      speaker_span=_span(q.speaker_span, self.chars),
                      sentence_index=_index(q.sentence_index, self.sentences))

    def event(self, ev: Event) -> Event:
        si = _index(ev.sentence_index, self.sentences)
        span = _span(ev.span, self.chars)
        return evolve(
            ev, id=content_id(ev.article_id, si, span, ev.event), span=span, sentence_index=si,
            date_span=_span(ev.date_span, self.chars),
            actor=tuple(self.entity(e) for e in ev.actor), recipient=tuple(self.entity(e) for e in ev.recipient),
            event_loc=self.place(ev.event_loc) if ev.event_loc is not None else None,
            quote_index=ev.quote_index + self.quotes if ev.quote_index is not None else None,
        )


def merge_annotations(article: Article, pieces: Sequence[tuple[int, Annotation]]) -> Annotation:
    """Return the whole article's annotation from ``(offset, annotation)`` of its pieces, in order."""
    sentences: list[Span] = []
    entities: list[Entity] = []
    places: list[Place] = []
    timexes: list[Timex] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    warnings: dict[str, None] = {}
    for n, (offset, ann) in enumerate(pieces):
        shift = _Shift(n, offset, len(sentences), len(quotes))
        sentences.extend(_span(s, offset) for s in ann.sentences)
        entities.extend(shift.entity(e) for e in ann.entities)
        places.extend(shift.place(p) for p in ann.places)
        timexes.extend(shift.timex(t) for t in ann.timexes)
        quotes.extend(shift.quote(q) for q in ann.quotes)
        events.extend(shift.event(ev) for ev in ann.events)
        warnings.update(dict.fromkeys(ann.warnings))
    return Annotation(article=article, sentences=tuple(sentences), entities=tuple(entities), places=tuple(places),
                      timexes=tuple(timexes), quotes=tuple(quotes), events=tuple(events), warnings=tuple(warnings))
