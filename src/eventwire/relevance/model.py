"""The relevance model: a logistic regression over the features of :mod:`.features`, read from JSON.

The model file (``data/relevance/model.json``, written by ``training/train_relevance.py``) holds
the feature names, one weight each, the intercept and the threshold chosen on the tune halves.
Scoring needs no machine-learning library: ``relevance = 1 / (1 + exp(-(b + w . x)))``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..records import Entity, Event
from .features import (
    ArticleContext,
    Cues,
    collective_action,
    event_features,
    feature_names,
    political_entity,
    state_dyad,
)
from .story import StoryModel, load_story

__all__ = ["MODEL_PATH", "RULE_FLOOR_SHARE", "RelevanceModel", "load_model"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "relevance" / "model.json"

# How each feature reads in a reason (the sign of its contribution is prefixed: + or -).
_PHRASES = {
    "actor_political": "political actor",
    "recipient_political": "political recipient",
    "actor_coded": "actor with a code",
    "no_actor": "no actor",
    "confidence": "coder's confidence",
    "type_protest": "protest event",
    "quad_verbal_cooperation": "verbal cooperation",
    "quad_material_cooperation": "material cooperation",
    "quad_verbal_conflict": "verbal conflict",
    "quad_material_conflict": "material conflict",
    "story_model": "story about politics (story model)",
    "sentence_political": "sentence about politics",
    "story_political": "story with political words",
    "story_political_events": "story with political actors",
}
REASON_MIN = 0.4  # a feature's contribution (log-odds) must reach this to be named as a reason
# The two keeping rules (state dyad, collective action) hold only at or above this share of the
# threshold: an event the model all but rules out ("Spain must beat Japan" in a sports story) stays out.
RULE_FLOOR_SHARE = 0.5


@dataclass(frozen=True)
class RelevanceModel:
    """Weights of the logistic regression, its threshold and the cues its features read."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float
    cues: Cues
    story: StoryModel

    def score(self, event: Event, ctx: ArticleContext) -> tuple[float, tuple[str, ...]]:
        """Return the relevance of ``event`` (0..1) and the reasons that weighed most, strongest first."""
        x = event_features(event, ctx, self.cues)
        contrib = [w * v for w, v in zip(self.weights, x, strict=True)]
        z = self.intercept + sum(contrib)
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        ranked = sorted(range(len(contrib)), key=lambda i: -abs(contrib[i]))
        reasons = tuple(self._reason(self.features[i], contrib[i], event) for i in ranked
                        if abs(contrib[i]) >= REASON_MIN)
        return p, reasons

    def decide(self, event: Event, ctx: ArticleContext) -> tuple[bool, float, tuple[str, ...]]:
        """Return (political, relevance, reasons): relevance at or above the threshold, or a keeping rule
        (a state dyad, collective action) with relevance at least ``RULE_FLOOR_SHARE`` of the threshold."""
        p, reasons = self.score(event, ctx)
        if p >= self.threshold:
            return True, p, reasons
        if p < RULE_FLOOR_SHARE * self.threshold:
            return False, p, reasons
        if state_dyad(event, self.cues):
            return True, p, ("+a state acting with another coded party", *reasons)
        if collective_action(event, self.cues):
            return True, p, ("+collective action (protest)", *reasons)
        return False, p, reasons

    def _reason(self, name: str, value: float, event: Event) -> str:
        sign = "+" if value > 0 else "-"
        phrase = _PHRASES.get(name)
        if phrase is None:  # sentence_<domain> / story_<domain>
            where, _, domain = name.partition("_")
            phrase = f"{'story' if where == 'story' else 'sentence'} about {domain}"
        if name in ("actor_political", "recipient_political"):
            ents: Sequence[Entity] = event.actor if name == "actor_political" else event.recipient
            first = next((a for a in ents if political_entity(a, self.cues)), None)
            if first is not None:
                label = first.sector or first.code or first.kind or ""
                phrase += f": {first.name or first.entity_text}" + (f" ({label})" if label else "")
        return sign + phrase


def load_model(path: str | Path | None = None, cues: Cues | None = None,
               story: str | Path | None = None) -> RelevanceModel:
    """Read the model JSON and the story model; the feature names must be those the cues give, in order."""
    from .features import load_cues

    file = Path(path) if path else MODEL_PATH
    try:
        raw: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"relevance model {file}: cannot read it ({exc}); run training/train_relevance.py") from exc
    cues = cues or load_cues()
    names = tuple(raw.get("features", ()))
    if names != feature_names(cues):
        raise ValueError(f"relevance model {file}: its features do not match data/relevance/cues.yaml; "
                         "retrain with training/train_relevance.py")
    weights = tuple(float(w) for w in raw["weights"])
    if len(weights) != len(names):
        raise ValueError(f"relevance model {file}: {len(weights)} weights for {len(names)} features")
    return RelevanceModel(names, weights, float(raw["intercept"]), float(raw["threshold"]), cues, load_story(story))
