"""Deterministic sample annotations for API and dashboard tests (texts written for eventwire).

Articles are assembled sentence by sentence from small templates, so every span (actors,
triggers, dates, places, quotes) is computed exactly, without running the pipeline.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.records import Annotation, Article, Entity, Event, Place, Quote, Timex, content_id

__all__ = ["ACTORS", "PLACES", "build_store", "make_annotation", "sample_annotations"]


@dataclass(frozen=True)
class Actor:
    words: str
    name: str | None
    code: str
    sector: str | None
    kind: str


ACTORS = (
    Actor("Foreign Minister Lena Okafor", "Lena Okafor", "NGA", "GOV", "person"),
    Actor("the Nigerian army", None, "NGA", "MIL", "organization"),
    Actor("President Tomas Varga", "Tomas Varga", "HUN", "GOV", "person"),
    Actor("Hungarian farmers", None, "HUN", "AGR", "group"),
    Actor("Prime Minister Anwar Salleh", "Anwar Salleh", "MYS", "GOV", "person"),
    Actor("the Malaysian navy", None, "MYS", "MIL", "organization"),
    Actor("the United Nations", "United Nations", "UNO", "IGO", "organization"),
    Actor("President Maria Duarte", "Maria Duarte", "CHL", "GOV", "person"),
    Actor("Chilean students", None, "CHL", "EDU", "group"),
    Actor("the Egyptian presidency", None, "EGY", "GOV", "organization"),
    Actor("Secretary of State Paul Brenner", "Paul Brenner", "USA", "GOV", "person"),
    Actor("the Canadian police", None, "CAN", "COP", "organization"),
)

PLACES = (
    ("Abuja", 9.06, 7.49, "NGA"),
    ("Budapest", 47.50, 19.04, "HUN"),
    ("Kuala Lumpur", 3.14, 101.69, "MYS"),
    ("Santiago", -33.45, -70.67, "CHL"),
    ("Cairo", 30.04, 31.24, "EGY"),
    ("Geneva", 46.20, 6.14, "CHE"),
    ("Ottawa", 45.42, -75.70, "CAN"),
    ("Debrecen", 47.53, 21.63, "HUN"),
)

# (event, mode, quad, cameo root, trigger)
VERBS = (
    ("CONSULT", "visit", 1, "04", "met"),
    ("AGREE", None, 1, "03", "agreed with"),
    ("AID", None, 2, "07", "sent aid to"),
    ("COOPERATE", None, 2, "06", "signed a pact with"),
    ("ACCUSE", "disapprove", 3, "11", "criticised"),
    ("REQUEST", "change", 3, "10", "urged"),
    ("PROTEST", "demo", 4, "14", "protested against"),
    ("ASSAULT", "firearms", 4, "19", "fired on"),
    ("COERCE", "arrest", 4, "17", "arrested supporters of"),
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class _Builder:
    def __init__(self) -> None:
        self.text = ""

    def add(self, words: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += words
        return start, len(self.text)


def _entity(actor: Actor, span: tuple[int, int], sentence: int, text: str) -> Entity:
    return Entity(
        entity_text=text[span[0]:span[1]], span=span, name=actor.name, code=actor.code, sector=actor.sector,
        country=actor.code if len(actor.code) == 3 and actor.code not in {"UNO", "IGO"} else None,
        kind=actor.kind, sentence_index=sentence, rule="sample",
    )


def make_annotation(
    article_id: str,
    published: date,
    sentences: list[tuple[Actor, tuple[str, str | None, int, str, str], Actor, tuple[str, float, float, str] | None, int]],
    title: str | None = None,
    extra_text: str = "",
    quote: tuple[Actor, str] | None = None,
) -> Annotation:
    """Build one article: each sentence is (actor, verb, recipient, place or None, days before publication)."""
    b = _Builder()
    spans: list[tuple[int, int]] = []
    entities: list[Entity] = []
    places: list[Place] = []
    timexes: list[Timex] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    for i, (actor, verb, recipient, place, days_before) in enumerate(sentences):
        if i:
            b.add(" ")
        s_start = len(b.text)
        a_span = b.add(actor.words[0].upper() + actor.words[1:])
        b.add(" ")
        t_span = b.add(verb[4])
        b.add(" ")
        r_span = b.add(recipient.words)
        loc = None
        if place is not None:
            b.add(" in ")
            p_span = b.add(place[0])
            loc = Place(
                extracted_place=place[0], span=p_span, resolved_place=place[0], lat=place[1], lon=place[2],
                country_code=place[3], resolution="point", sentence_index=i, rule="sample",
            )
            places.append(loc)
        day = published - timedelta(days=days_before)
        d_span = None
        date_text = None
        if days_before:
            b.add(" on ")
            date_text = WEEKDAYS[day.weekday()]
            d_span = b.add(date_text)
            timexes.append(Timex(date_text, d_span, day.isoformat(), "day", sentence_index=i, rule="sample"))
        b.add(".")
        spans.append((s_start, len(b.text)))
        ea, er = _entity(actor, a_span, i, b.text), _entity(recipient, r_span, i, b.text)
        entities += [ea, er]
        events.append(Event(
            id=content_id(article_id, i, t_span, verb[0]), article_id=article_id, event=verb[0], mode=verb[1],
            aux_mode=(), context=("diplomatic",) if verb[2] < 3 else ("military",), quad_code=verb[2],
            cameo_root=verb[3], date=day.isoformat(), date_precision="day", date_text=date_text,
            actor=(ea,), recipient=(er,), event_loc=loc, event_text=verb[4], span=t_span, sentence_index=i,
            text=b.text[s_start:], confidence=0.8, date_span=d_span, rule="sample",
        ))
    if quote is not None:
        speaker, content = quote
        b.add(" ")
        s_start = len(b.text)
        b.add("\u201c")
        c_span = b.add(content)
        b.add(",\u201d ")
        sp_span = b.add(speaker.words)
        b.add(" ")
        cue_span = b.add("said")
        b.add(".")
        spans.append((s_start, len(b.text)))
        ent = _entity(speaker, sp_span, len(spans) - 1, b.text)
        entities.append(ent)
        quotes.append(Quote("direct", content, c_span, "said", cue_span, ent, sp_span, len(spans) - 1))
    if extra_text:
        b.add(" ")
        spans.append(b.add(extra_text))
    article = Article(text=b.text, id=article_id, date=published.isoformat(), title=title, source="sample wire")
    return Annotation(article, tuple(spans), tuple(entities), tuple(places), tuple(timexes), tuple(quotes), tuple(events))


def sample_annotations(n_articles: int = 40, seed: int = 7, start: date = date(2024, 5, 1)) -> list[Annotation]:
    """Return ``n_articles`` articles spread over ~10 weeks, 1-4 events each, deterministic."""
    rng = random.Random(seed)
    out = []
    for k in range(n_articles):
        published = start + timedelta(days=rng.randrange(0, 70))
        sentences = []
        for _ in range(rng.randint(1, 4)):
            actor, recipient = rng.sample(ACTORS, 2)
            place = rng.choice(PLACES) if rng.random() < 0.85 else None
            sentences.append((actor, rng.choice(VERBS), recipient, place, rng.choice((0, 0, 1, 2, 3))))
        quote = (rng.choice(ACTORS), "We will keep talking until there is an agreement") if rng.random() < 0.4 else None
        out.append(make_annotation(f"sample-{k:03d}", published, sentences, title=f"Sample dispatch {k}", quote=quote))
    return out


def build_store(path: str, annotations: list[Annotation]) -> None:
    """Write ``annotations`` to a new DuckDB database at ``path`` through the Store API."""
    from eventwire.store import DuckDBStore

    with DuckDBStore(path) as store:
        store.write_many(annotations)
