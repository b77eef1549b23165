"""eventwire: news text to PLOVER political event data, with every field traced to its words.

>>> import eventwire                                             # doctest: +SKIP
>>> events = eventwire.extract(text, date="2024-06-10")          # doctest: +SKIP
>>> pipe = eventwire.Pipeline()   # reusable: load once, annotate many  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from .config import Settings, load_settings
from .errors import (
    ArticleTimeout,
    ArticleTooLarge,
    DataFileError,
    EventwireError,
    InputError,
    ModelError,
    StoreError,
)
from .pipeline import Pipeline, default_pipeline
from .records import (
    Annotation,
    Article,
    Entity,
    Event,
    Failure,
    Mention,
    Place,
    Quote,
    Timex,
    to_dict,
)

__version__ = "0.1.0"

__all__ = [
    "Annotation",
    "Article",
    "ArticleTimeout",
    "ArticleTooLarge",
    "DataFileError",
    "Entity",
    "Event",
    "EventwireError",
    "Failure",
    "InputError",
    "Mention",
    "ModelError",
    "Pipeline",
    "Place",
    "Quote",
    "Settings",
    "StoreError",
    "Timex",
    "__version__",
    "annotate",
    "extract",
    "load_settings",
    "to_dict",
]


def extract(text: str, date: str | None = None, **fields: Any) -> list[Event]:
    """Return the PLOVER events in ``text``, dated against the publication ``date`` (YYYY-MM-DD)."""
    return default_pipeline().extract(text, date=date, **fields)


def annotate(text: str, date: str | None = None, **fields: Any) -> Annotation:
    """Return everything the pipeline finds in ``text``: entities, places, timexes, quotes, events."""
    return default_pipeline().annotate(text, date=date, **fields)
