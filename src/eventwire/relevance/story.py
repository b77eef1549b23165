"""Is the story about politics? A bag-of-words logistic regression over the whole article.

The words are the stems of :func:`eventwire.relevance.features.stem` (stop words and words under
three letters dropped). The vector is TF-IDF with sub-linear term frequency (``1 + ln tf``),
L2-normalised over the words of the vocabulary, as scikit-learn's ``TfidfVectorizer`` computes it;
the model file stores each word's idf and weight, so scoring needs no ML library. Trained by
``training/train_relevance.py`` on the tune halves (``data/relevance/story.json``).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .features import stem

__all__ = ["STOP_WORDS", "STORY_PATH", "StoryModel", "load_story", "story_words"]

STORY_PATH = Path(__file__).resolve().parent.parent / "data" / "relevance" / "story.json"
_LETTERS = re.compile(r"[a-z]+")
STOP_WORDS = frozenset(
    ["the", "and", "for", "with", "from", "that", "this", "was", "were", "are", "been", "has", "have", "had", "will", "would", "said", "says", "its", "his", "her", "their", "they", "she", "you", "not", "but", "who", "which", "when", "where", "what", "there", "than", "then", "them", "also", "about", "after", "into", "over", "more", "can", "could", "may", "might", "our", "out", "one", "two", "all", "any", "some", "such", "very", "just"]
)


def story_words(text: str) -> list[str]:
    """The stems a story is scored on, in text order."""
    return [stem(w) for w in _LETTERS.findall(text.lower()) if len(w) > 2 and w not in STOP_WORDS]


@dataclass(frozen=True)
class StoryModel:
    """Per-stem idf and weight, and the intercept, of the story classifier."""

    terms: dict[str, tuple[float, float]]
    intercept: float

    def logit(self, text: str) -> float:
        """The log-odds that ``text`` is a story about politics."""
        counts = Counter(w for w in story_words(text) if w in self.terms)
        if not counts:
            return self.intercept
        vec = {w: (1.0 + math.log(n)) * self.terms[w][0] for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return self.intercept + sum(v / norm * self.terms[w][1] for w, v in vec.items())

    def probability(self, text: str) -> float:
        """The probability that ``text`` is a story about politics (0..1)."""
        z = max(-30.0, min(30.0, self.logit(text)))
        return 1.0 / (1.0 + math.exp(-z))


def load_story(path: str | Path | None = None) -> StoryModel:
    """Read the story model JSON (``{"intercept": b, "terms": {stem: [idf, weight]}}``)."""
    file = Path(path) if path else STORY_PATH
    try:
        raw: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
        terms = {str(k): (float(v[0]), float(v[1])) for k, v in raw["terms"].items()}
        return StoryModel(terms, float(raw["intercept"]))
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"relevance story model {file}: cannot read it ({exc}); "
                         "run training/train_relevance.py") from exc
