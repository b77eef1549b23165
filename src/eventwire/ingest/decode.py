"""Bytes to text: decompression, binary-file detection and encoding detection."""

from __future__ import annotations

import codecs
import gzip
import io
from pathlib import Path
from typing import IO

__all__ = ["COMPRESSIONS", "decode_bytes", "detect_encoding", "is_binary", "open_binary", "sniff_encoding"]

COMPRESSIONS = (".gz", ".zst")

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def open_binary(path: Path) -> IO[bytes]:
    """Open ``path`` for reading bytes, decompressing ``.gz`` and ``.zst`` on the fly."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if suffix == ".zst":
        import zstandard

        raw = path.open("rb")
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=True))
    return path.open("rb")


def is_binary(sample: bytes) -> bool:
    """Return True when ``sample`` (the first few KB) looks like a binary file, not text."""
    if not sample:
        return False
    if sample.startswith(_BOMS):
        return False
    # A stray NUL from a broken scraper must not lose a whole CSV/JSONL file; binary formats
    # (images, archives, UTF-16 without a BOM) have NULs in far more than 1% of their bytes.
    if sample.count(b"\x00") * 100 > len(sample):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def sniff_encoding(sample: bytes) -> str:
    """Return the encoding of a text sample: UTF-8 when it decodes, else the detected one."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return detect_encoding(sample) or "cp1252"


_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def detect_encoding(data: bytes) -> str | None:
    """Return charset-normalizer's encoding for ``data``, preferring Windows-1252 on a tie.

    Short Western European samples fit several single-byte code pages equally well; news
    text in them is overwhelmingly Windows-1252, so it wins ties.
    """
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    for match in results:
        if match.chaos <= best.chaos and match.coherence >= best.coherence:
            # charset-normalizer merges code pages that decode identically into one match
            for encoding in (match.encoding, *match.could_be_from_charset):
                if encoding in _WESTERN:
                    return str(encoding)
    return str(best.encoding)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``: UTF-8 when valid, else the encoding charset-normalizer detects.

    Never drops a text: undecodable bytes become U+FFFD as a last resort.
    """
    encoding = sniff_encoding(data[:65536])
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        encoding = detect_encoding(data) or "cp1252"
        return data.decode(encoding, errors="replace"), encoding
