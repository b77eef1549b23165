"""Evaluation against labelled data: event coding (``eventwire eval``) and hooks to other stages' scorers."""

from __future__ import annotations

from .events import GoldArticle, evaluate_events, read_gold, score_articles
from .report import format_events_report

__all__ = ["GoldArticle", "evaluate_events", "format_events_report", "read_gold", "score_articles"]
