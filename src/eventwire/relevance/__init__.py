"""Relevance: is each event political event data? A score, a decision and its reasons.

One spaCy component, ``eventwire_relevance`` (:class:`RelevanceStage`), placed after the event
dates, locations and dedup keys (``pipeline.py``). It scores every event with the logistic
regression of ``data/relevance/model.json`` over interpretable features (is an actor political,
is the sentence about politics, is the story about politics or about sport, culture, business...)
and sets ``political``, ``relevance`` and ``relevance_reasons``. Events are only marked here;
``Pipeline`` drops the non-political ones unless ``Settings.political_only`` is off
(``--all-events``). See ``docs/relevance.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..config import Settings
from ..nlp import EventRewriter, evolve, sentence_spans, stage_factory, view
from ..records import Event, Span
from .features import (
    ArticleContext,
    Cues,
    article_context,
    event_features,
    feature_names,
    load_cues,
)
from .model import MODEL_PATH, RelevanceModel, load_model
from .story import STORY_PATH, StoryModel, load_story, story_words

__all__ = ["MODEL_PATH", "STORY_PATH", "ArticleContext", "Cues", "RelevanceModel", "RelevanceStage", "StoryModel",
           "article_context", "event_features", "feature_names", "load_cues", "load_model", "load_story",
           "score_events", "story_words"]


def score_events(events: Sequence[Event], text: str, sentences: Sequence[Span], model: RelevanceModel) -> list[Event]:
    """Return ``events`` with ``political``, ``relevance`` and ``relevance_reasons`` set."""
    ctx = article_context(text, sentences, events, model.cues, story=model.story.probability(text))
    out = []
    for ev in events:
        political, p, reasons = model.decide(ev, ctx)
        out.append(evolve(ev, political=political, relevance=round(p, 4), relevance_reasons=reasons))
    return out


class RelevanceStage(EventRewriter):
    """Mark every event political or not with the relevance model."""

    model: RelevanceModel

    def load(self, settings: Settings) -> None:
        """Read the cue lists and the model file."""
        self.model = load_model()

    def rewrite(self, doc: Doc, events: list[Event]) -> list[Event]:
        """The events with the relevance fields."""
        # the cached view's text: ``doc.text`` rebuilds the string from every token on each call
        return score_events(events, view(doc).text, sentence_spans(doc), self.model)


stage_factory("eventwire_relevance", RelevanceStage)
