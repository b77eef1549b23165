"""Build an :class:`~eventwire.records.Article` from one input record (a dict or a row)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..records import Article, Failure
from .dates import PUBDATE_FIELDS, normalize_date
from .decode import is_binary
from .options import FIELDS, IngestOptions

__all__ = ["article_from_mapping", "blank_or_binary", "replace_surrogates", "too_large"]


def blank_or_binary(sample: bytes, name: str, expected: str, position: str | None = None) -> Failure | None:
    """Return the failure of an input whose first bytes are blank or binary, else None.

    ``name`` starts the message, ``position`` (default ``<name>:1``) locates the failure and
    ``expected`` says what the file should have held ("CSV", "JSON", ...).
    """
    position = position or f"{name}:1"
    if not sample.strip():
        return Failure(None, position, f"{name}: empty file, no article read")
    if is_binary(sample[:8192]):
        return Failure(None, position, f"{name}: binary file, not {expected}")
    return None


def too_large(position: str, n_chars: int, options: IngestOptions, article_id: str | None = None) -> Failure:
    """Return the failure of an article longer than ``options.max_article_chars``."""
    who = f"article {article_id} ({position})" if article_id else position
    size = f"{n_chars:,} characters" if n_chars >= 0 else "file"
    return Failure(
        article_id,
        position,
        f"{who}: {size} exceeds max_article_chars={options.max_article_chars:,}; raise it with "
        "--max-article-chars or EVENTWIRE_MAX_ARTICLE_CHARS",
        stage="limits",
    )


_SURROGATES = re.compile("[\ud800-\udfff]")


def replace_surrogates(value: str) -> str:
    """Return ``value`` with lone surrogates (legal in escaped JSON, not in UTF-8) as U+FFFD.

    Nothing downstream can encode them (stdout, DuckDB, Parquet), so one such article used
    to crash the writer and lose the rest of the batch. One code point replaces one, so
    every offset stays valid.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", value)
    return value


def _text_value(value: Any) -> str | None:
    if isinstance(value, str):
        return replace_surrogates(value)
    return None


def _id_value(value: Any) -> str | None | Any:
    """Return an id given as a string or a number as a string, None when absent, else the value itself."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def article_from_mapping(record: Mapping[str, Any], position: str, options: IngestOptions) -> Article | Failure:
    """Map an input record onto an Article using ``options.columns``; a Failure when unusable.

    The record must hold a string under the text column (a number or a list is refused). ``id``
    is kept as a string when given as a string or a number (a list, object or boolean is refused); a missing date falls back on ``options.date``; an invalid date is a warning
    and ``None``, never a failure.
    """
    aid = _id_value(record.get(options.column("id")))
    if aid is not None and not isinstance(aid, str):
        return Failure(None, position, f"{position}: field {options.column('id')!r} must be a string or a number, "
                       f"not {type(aid).__name__} ({str(aid)[:40]})")
    who = f"article {aid} ({position})" if aid else position
    text_col = options.column("text")
    if text_col not in record:
        keys = ", ".join(sorted(map(str, record)))[:200]
        return Failure(aid, position, f"{who}: no {text_col!r} field (found: {keys or 'nothing'}); "
                       "name the text field with --text-column")
    text = _text_value(record.get(text_col))
    if text is None:
        return Failure(aid, position, f"{who}: field {text_col!r} is not a string "
                       f"({type(record.get(text_col)).__name__})")
    if len(text) > options.max_article_chars:
        return too_large(position, len(text), options, aid)
    values: dict[str, Any] = {}
    for name in FIELDS:
        if name in ("text", "id", "date"):
            continue
        v = record.get(options.column(name))
        values[name] = replace_surrogates(str(v)) if v not in (None, "") else None
    raw_date = record.get(options.column("date"))
    if raw_date in (None, ""):  # a published/pubdate-like field, else --date
        raw_date = next((record[k] for k in PUBDATE_FIELDS if record.get(k) not in (None, "")), None)
    date, problem = normalize_date(raw_date)
    if raw_date in (None, ""):
        date, problem = normalize_date(options.date)
    article = Article(text=text, id=aid or "", date=date, position=position, **values)
    if text is not record.get(text_col) and isinstance(record.get(text_col), str):
        options.on_warning(f"article {article.id} ({position}): lone surrogate code points in the text "
                           "replaced by U+FFFD (offsets unchanged)")
    if problem:
        options.on_warning(f"article {article.id} ({position}): {problem}; publication date left empty")
    return article
