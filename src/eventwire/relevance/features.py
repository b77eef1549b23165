"""Interpretable features of one event for the relevance model: actors, sentence words, story words.

Every feature is a number in ``[0, 1]`` computed from records only (the event, the article text
and its sentence spans, the article's other events), so the training script and the pipeline
stage compute the same vector. Word lists live in ``data/relevance/cues.yaml``; the agent nouns
and titles of the actors knowledge base with a political sector are added to the political words.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..records import Entity, Event, Span

__all__ = ["ArticleContext", "Cues", "article_context", "event_features", "feature_names", "load_cues",
           "collective_action", "is_country", "political_entity", "state_dyad", "stem"]

_DATA = Path(__file__).resolve().parent.parent / "data"
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")


@dataclass(frozen=True)
class Cues:
    """The word lists and sector sets of the relevance features."""

    political_sectors: frozenset[str]
    political_codes: frozenset[str]
    protest_groups: frozenset[str]
    protest_words: frozenset[str]
    political: frozenset[str]
    domains: tuple[tuple[str, frozenset[str]], ...]


_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ers", ""), ("er", ""), ("ed", ""), ("es", ""), ("s", ""))


@lru_cache(maxsize=1 << 16)  # a pure function of one word, asked for every word of every article
def stem(word: str) -> str:
    """A crude English stem, the same for the cue lists and the text: protested, protests -> protest."""
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return word


def _normal(words: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(stem(w) for w in _WORD.findall(str(x).lower())) for x in words if str(x).strip())


def _kb_terms(name: str, sectors: frozenset[str]) -> set[str]:
    """Terms of an actors KB table (first column) whose sector (second column) is political."""
    out: set[str] = set()
    path = _DATA / "actors" / name
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) >= 2 and not row[0].startswith("#") and row[1].strip() in sectors:
                out.add(row[0])
    return out


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> Cues:
    """Read ``cues.yaml`` (or ``path``) and add the political agent nouns and titles of the actors KB."""
    file = Path(path) if path else _DATA / "relevance" / "cues.yaml"
    with file.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    try:
        sectors = frozenset(str(s) for s in raw["political_sectors"])
        political = set(raw["political"]) | _kb_terms("agents.tsv", sectors) | _kb_terms("titles.tsv", sectors)
        domains = tuple((str(k), _normal(v)) for k, v in raw["domains"].items())
        return Cues(sectors, frozenset(str(c) for c in raw["political_codes"]),
                    _normal(raw["protest_groups"]), _normal(raw["protest_words"]), _normal(political), domains)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{file}: not a relevance cue file ({exc})") from exc


def _grams(text: str) -> set[str]:
    """Stems of the lower-cased words and word pairs of ``text``."""
    words = [stem(w) for w in _WORD.findall(text.lower())]
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


PLACE_RULE = "place in country"  # the actors stage's provenance for a town or region standing for its country


def is_country(ent: Entity) -> bool:
    """Whether the actor is a country itself (its name, demonym or seat of government), not a town in it."""
    return ent.kind == "country" and bool(ent.code) and ent.rule != PLACE_RULE


def political_entity(ent: Entity, cues: Cues) -> bool:
    """Whether an actor is political: a political sector or code, an office, a country, or a protesting group."""
    if ent.sector in cues.political_sectors or ent.code in cues.political_codes or ent.office or is_country(ent):
        return True
    return bool(_grams(ent.entity_text) & cues.protest_groups)


STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "LEG", "PTY", "REB"})


def state_dyad(event: Event, cues: Cues) -> bool:
    """Whether a state acts with or on another coded party: international event data in the PETRARCH/POLECAT sense.

    A state is a country, an international organisation, or a coded government, military, intelligence,
    legislature, party or rebel actor; with at least two participants that are coded or have a political
    sector ("India and Pakistan exchanged fire", "Greece ... the EU", "the Arab League condemned the attack
    on the embassy") the event is political whatever the story.
    """
    def state(ent: Entity) -> bool:
        return is_country(ent) or (bool(ent.code) and (ent.code in cues.political_codes or ent.sector in STATE_SECTORS))

    def party(ent: Entity) -> bool:
        return bool(ent.code) or ent.sector in cues.political_sectors

    parties = (*event.actor, *event.recipient)
    return any(state(a) for a in event.actor) and sum(1 for e in parties if party(e)) >= 2


def collective_action(event: Event, cues: Cues) -> bool:
    """Whether a PROTEST event's sentence names collective action (a protest, rally, strike, boycott ...)."""
    return event.event == "PROTEST" and bool(_grams(event.text) & cues.protest_words)


@dataclass(frozen=True)
class ArticleContext:
    """What the story-level features need: share of sentences with each kind of cue and of political events."""

    political: float
    domains: tuple[float, ...]
    political_events: float
    story: float = 0.5  # the story model's probability that the article is about politics


def article_context(text: str, sentences: Sequence[Span], events: Sequence[Event], cues: Cues,
                    story: float = 0.5) -> ArticleContext:
    """Shares over the article's sentences (the whole text when no sentence spans are given)."""
    spans = list(sentences) or [(0, len(text))]
    grams = [_grams(text[s:e]) for s, e in spans]
    n = max(1, len(grams))
    pol = sum(1 for g in grams if g & cues.political) / n
    doms = tuple(sum(1 for g in grams if g & words) / n for _, words in cues.domains)
    with_actor = [e for e in events if e.actor or e.recipient]
    share = (sum(1 for e in with_actor if any(political_entity(a, cues) for a in (*e.actor, *e.recipient)))
             / len(with_actor)) if with_actor else 0.0
    return ArticleContext(pol, doms, share, story)


_BASE = ("actor_political", "recipient_political", "actor_coded", "no_actor", "confidence", "type_protest",
         "quad_verbal_cooperation", "quad_material_cooperation", "quad_verbal_conflict", "quad_material_conflict",
         "sentence_political")
_STORY = ("story_model", "story_political", "story_political_events")


def feature_names(cues: Cues) -> tuple[str, ...]:
    """The names of the features, in the order :func:`event_features` returns them."""
    doms = [name for name, _ in cues.domains]
    return (*_BASE, *(f"sentence_{d}" for d in doms), *_STORY, *(f"story_{d}" for d in doms))


def event_features(event: Event, ctx: ArticleContext, cues: Cues) -> list[float]:
    """The feature vector of ``event`` in the order of :func:`feature_names`."""
    grams = _grams(event.text)
    actors = (*event.actor, *event.recipient)
    vec = [
        float(any(political_entity(a, cues) for a in event.actor)),
        float(any(political_entity(a, cues) for a in event.recipient)),
        float(any(a.code for a in actors)),
        float(not actors),
        max(0.0, min(1.0, event.confidence)),
        float(event.event == "PROTEST"),
        *(float(event.quad_code == q) for q in (1, 2, 3, 4)),
        min(len(grams & cues.political), 3) / 3,
    ]
    vec += [min(len(grams & words), 2) / 2 for _, words in cues.domains]
    vec += [ctx.story, ctx.political, ctx.political_events]
    vec += list(ctx.domains)
    return vec
