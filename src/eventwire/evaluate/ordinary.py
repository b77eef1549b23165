"""Events per article on our own ordinary-news set: a political event coder should be nearly silent there.

The set (``data/relevance/ordinary_news.jsonl``) was written for eventwire in our own words: articles
from the sport, culture, business, technology, science and lifestyle sections, labelled
non-political, and political control articles in the same style. None of the third-party dev files
covers those sections, so this is the only measure of silence on them; the texts are ours, so the
figures are a floor check, not a claim about real news.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..records import Annotation, Article
from .split import HALVES, half_of

__all__ = ["ORDINARY_NEWS", "OrdinaryArticle", "count_events", "load_ordinary", "ordinary_summary"]

ORDINARY_NEWS = Path(__file__).resolve().parent.parent / "data" / "relevance" / "ordinary_news.jsonl"


@dataclass(frozen=True)
class OrdinaryArticle:
    """One article of the set with its label and section."""

    article: Article
    political: bool
    topic: str


def load_ordinary(path: str | Path = ORDINARY_NEWS, half: str | None = None) -> list[OrdinaryArticle]:
    """The set's articles (one half, or all); a malformed line is an error naming its line."""
    out = []
    file = Path(path)
    for no, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            art = Article(text=str(row["text"]), id=str(row["id"]), date=row.get("date"), title=row.get("title"))
            item = OrdinaryArticle(art, bool(row["political"]), str(row.get("topic", "")))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{file}:{no}: not an ordinary-news record ({exc})") from exc
        if half in (None, "all") or half_of(art.id) == half:
            out.append(item)
    return out


def count_events(items: Iterable[OrdinaryArticle],
                 annotate_many: Callable[[list[Article]], Iterable[Any]]) -> dict[str, int]:
    """``{article id: events kept}`` from a pipeline's ``annotate_many``."""
    counts: dict[str, int] = {}
    for ann in annotate_many([it.article for it in items]):
        if isinstance(ann, Annotation):
            counts[ann.article.id] = len(ann.events)
    return counts


def ordinary_summary(items: list[OrdinaryArticle], counts: dict[str, int]) -> dict[str, dict[str, Any]]:
    """Events per article by half, for the non-political and political articles and each section."""
    groups: dict[str, list[OrdinaryArticle]] = {"non-political": [], "political": []}
    for it in items:
        groups["political" if it.political else "non-political"].append(it)
        if not it.political:
            groups.setdefault(f"non-political: {it.topic}", []).append(it)
    out: dict[str, dict[str, Any]] = {}
    for name, members in groups.items():
        out[name] = {}
        for h in HALVES:
            n = [counts.get(it.article.id, 0) for it in members if half_of(it.article.id) == h]
            silent = sum(1 for v in n if v == 0)
            out[name][h] = {"articles": len(n), "events_per_article": sum(n) / len(n) if n else None,
                            "silent_share": silent / len(n) if n else None}
    return out
