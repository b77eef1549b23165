"""Ingest: read articles from every input form of ``spec/records.md``, streaming.

>>> from eventwire.ingest import IngestOptions, read_inputs
>>> for item in read_inputs(["demo/articles"], IngestOptions(date="2024-06-10")):  # doctest: +SKIP
...     ...   # an Article, or a Failure naming the file, position and reason

Readers never raise on bad input: an empty, binary or malformed file, a bad JSON line, a CSV
without its text column or an over-long article each become a
:class:`~eventwire.records.Failure`, and reading goes on with the rest.
"""

from __future__ import annotations

from .dates import normalize_date
from .decode import decode_bytes, is_binary
from .fields import replace_surrogates
from .language import english_ratio, looks_english, non_english_warning
from .options import FIELDS, FORMATS, IngestOptions
from .sources import EXTENSIONS, detect_format, expand_inputs, read_inputs, read_path, read_stream

__all__ = [
    "EXTENSIONS",
    "FIELDS",
    "FORMATS",
    "IngestOptions",
    "decode_bytes",
    "detect_format",
    "english_ratio",
    "expand_inputs",
    "is_binary",
    "looks_english",
    "non_english_warning",
    "normalize_date",
    "read_inputs",
    "read_path",
    "read_stream",
    "replace_surrogates",
]
