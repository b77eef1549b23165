"""How to read inputs: the column mapping, the publication date, limits and the warning sink."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["FIELDS", "FORMATS", "IngestOptions", "log_warning"]

log = logging.getLogger("eventwire.ingest")

# Article fields an input record may carry; only ``text`` is required.
FIELDS = ("id", "text", "date", "title", "url", "source", "language")

# Input formats by name; file extensions map onto them in ``sources.py``.
FORMATS = ("txt", "md", "jsonl", "json", "csv", "tsv", "parquet", "html")


def log_warning(message: str) -> None:
    """Default warning sink: the ``eventwire.ingest`` logger."""
    log.warning("%s", message)


@dataclass(frozen=True)
class IngestOptions:
    """Options for :func:`eventwire.ingest.read_inputs`.

    ``columns`` maps an article field (``text``, ``id``, ``date``, ...) to the column or key
    holding it in the input, for CSV/TSV/Parquet/JSON(L); unmapped fields use their own name.
    ``date`` is the publication date of articles that carry none (the only date for .txt/.md).
    """

    date: str | None = None
    input_format: str | None = None  # force one format for every input (see FORMATS)
    columns: dict[str, str] = field(default_factory=dict)
    max_article_chars: int = 1_000_000
    on_warning: Callable[[str], None] = log_warning

    def column(self, name: str) -> str:
        """Return the input column that holds the article field ``name``."""
        return self.columns.get(name) or name

    @property
    def max_bytes(self) -> int:
        """Largest raw read for one article: UTF-8 needs at most 4 bytes a character."""
        return self.max_article_chars * 4 + 4096

    @property
    def max_line_bytes(self) -> int:
        """Largest JSON line or object read: escapes (``\\uXXXX``) take up to 6 bytes a character."""
        return self.max_article_chars * 6 + 65536
