"""One-article files: plain text / Markdown (``.txt``, ``.md``) and HTML (``.html``, ``.htm``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..records import Article, Failure
from .dates import normalize_date
from .decode import COMPRESSIONS, decode_bytes, encoding_warning, open_binary
from .fields import blank_or_binary, too_large
from .options import IngestOptions

__all__ = ["read_bounded", "read_html", "read_text"]

HTML_OVERHEAD = 4  # an HTML page may be this many times larger than its article


def read_bounded(path: Path, limit: int) -> bytes | None:
    """Return the bytes of ``path`` (decompressed), or None when there are more than ``limit``.

    Never reads more than ``limit + 1`` bytes, so a huge file costs no memory.
    """
    if path.suffix.lower() not in COMPRESSIONS and path.stat().st_size > limit:
        return None
    with open_binary(path) as fh:
        data = fh.read(limit + 1)
    return None if len(data) > limit else data


def _load(path: Path, position: str, options: IngestOptions, limit: int) -> str | Failure:
    data = read_bounded(path, limit)
    if data is None:
        return too_large(position, -1, options)
    problem = blank_or_binary(data, position, "text (wrong file or --input-format?)", position)
    if problem is not None:
        return problem
    text, encoding = decode_bytes(data)
    warning = encoding_warning(position, encoding)
    if warning:
        options.on_warning(warning)
    return text


def read_text(path: Path, options: IngestOptions, display: str | None = None) -> Iterator[Article | Failure]:
    """Yield the one article of a ``.txt``/``.md`` file, dated with ``options.date``."""
    position = f"{display or path}:1"
    text = _load(path, position, options, options.max_bytes)
    if isinstance(text, Failure):
        yield text
        return
    if len(text) > options.max_article_chars:
        yield too_large(position, len(text), options)
        return
    yield Article(text=text, date=normalize_date(options.date)[0], position=position)


def read_html(path: Path, options: IngestOptions, display: str | None = None) -> Iterator[Article | Failure]:
    """Yield the main text of an HTML page (boilerplate removed by trafilatura, offline).

    The publication date is ``options.date`` or else the page's own metadata
    (``article:published_time`` and the like; never a guess from the page body).
    """
    from trafilatura import bare_extraction

    position = f"{display or path}:1"
    html = _load(path, position, options, options.max_bytes * HTML_OVERHEAD)
    if isinstance(html, Failure):
        yield html
        return
    try:
        doc = bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - the metadata pass trips over some broken trees (htmldate asserts)
        try:
            doc = bare_extraction(html, with_metadata=False, include_comments=False, include_tables=False)
        except Exception as exc:  # noqa: BLE001 - any library failure is this page's failure, not a crash
            yield Failure(None, position, f"{position}: the HTML page could not be parsed ({type(exc).__name__})")
            return
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        yield Failure(None, position, f"{position}: no article text found in the HTML page")
        return
    if len(text) > options.max_article_chars:
        yield too_large(position, len(text), options)
        return
    date = normalize_date(options.date)[0] or normalize_date(getattr(doc, "date", None))[0]
    yield Article(
        text=text, date=date, title=getattr(doc, "title", None) or None,
        url=getattr(doc, "url", None) or None, position=position,
    )
