"""A cheap "is this English?" check: the share of common English function words.

News English runs at 35-50 % function words; other languages using the Latin script share
few of them, and other scripts none. No model, no new dependency: a set lookup per word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..records import Article

__all__ = ["english_ratio", "function_words", "looks_english", "non_english_warning"]

_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 20  # shorter texts are not judged
MIN_RATIO = 0.08


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Return the bundled English function words (``data/ingest/english_function_words.txt``)."""
    text = resources.files("eventwire").joinpath("data/ingest/english_function_words.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def english_ratio(text: str, sample_chars: int = 20_000) -> tuple[float, int]:
    """Return (share of English function words, number of words) over the start of ``text``."""
    words = _WORD.findall(text[:sample_chars])
    if not words:
        return 0.0, 0
    stop = function_words()
    hits = sum(1 for w in words if w.lower() in stop)
    return hits / len(words), len(words)


def looks_english(text: str) -> bool:
    """Return False only when ``text`` has enough words and too few English function words."""
    ratio, n = english_ratio(text)
    return n < MIN_WORDS or ratio >= MIN_RATIO


def non_english_warning(article: Article) -> str | None:
    """Return a warning when the article is declared or detected as not English, else None."""
    where = f"article {article.id} ({article.position or 'input'})"
    lang = (article.language or "").strip().lower()
    if lang and not (lang == "en" or lang.startswith(("en-", "en_")) or lang == "english"):
        return f"{where}: language {article.language!r} is not English; no events coded"
    if not looks_english(article.text):
        ratio, _ = english_ratio(article.text)
        return (
            f"{where}: text does not look like English ({ratio:.0%} English function words); "
            "no events coded"
        )
    return None
