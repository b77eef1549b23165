"""Exceptions raised by eventwire.

Hierarchy::

    EventwireError
    ├── InputError          an article or input file cannot be read (bad encoding, no text column, ...)
    │   └── ArticleTooLarge an article exceeds ``Settings.max_article_chars``
    ├── ArticleTimeout      an article took longer than ``Settings.article_timeout_s``
    ├── ModelError          no usable spaCy model is installed
    ├── DataFileError       a lexicon or knowledge-base file is malformed
    │   └── LexiconError    an event trigger lexicon file (``eventwire.events.lexicon``; also a ValueError)
    └── StoreError          the database cannot be opened or migrated

Every message names the article or file and says what to do.
"""

from __future__ import annotations

__all__ = [
    "ArticleTimeout",
    "ArticleTooLarge",
    "DataFileError",
    "EventwireError",
    "InputError",
    "ModelError",
    "StoreError",
]


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An article or input file cannot be read."""


class ArticleTooLarge(InputError):
    """An article is longer than the configured limit."""


class ModelError(EventwireError):
    """No usable spaCy model could be loaded."""


class DataFileError(EventwireError):
    """A lexicon or knowledge-base data file is malformed."""


class StoreError(EventwireError):
    """The database cannot be opened, migrated or written."""


class ArticleTimeout(EventwireError):
    """An article took longer to process than the configured budget."""
