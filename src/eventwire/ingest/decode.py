"""Bytes to text: decompression, binary-file detection and encoding detection."""

from __future__ import annotations

import codecs
import gzip
import io
from pathlib import Path
from typing import IO

__all__ = [
    "COMPRESSIONS",
    "UTF8_REPLACED",
    "decode_bytes",
    "detect_encoding",
    "encoding_warning",
    "is_binary",
    "open_binary",
    "sniff_encoding",
]

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
    if _mostly_utf8(sample[:-3]) is not None:  # the cut may split the last character
        return "utf-8"
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


UTF8_REPLACED = "utf-8 (invalid bytes replaced)"


def _mostly_utf8(data: bytes) -> str | None:
    """Return ``data`` decoded as UTF-8 with replacement when almost all of it is valid UTF-8.

    "Almost all": the valid multi-byte characters outnumber the invalid sequences at least two
    to one. Text in a single-byte code page (Windows-1252 and the like) practically never
    forms a valid multi-byte UTF-8 sequence, so it still goes to detection; a UTF-8 file with
    one stray byte keeps every other character instead of turning them all into mojibake.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in text if ch > "\x7f") - text.count("\ufffd")
    if bad > 0 and multibyte >= 2 * bad:
        return text
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``: UTF-8 when valid or almost all valid, else the detected encoding.

    Never drops a text: undecodable bytes become U+FFFD as a last resort. A UTF-8 text with a
    few invalid bytes comes back with them replaced and the encoding :data:`UTF8_REPLACED`.
    """
    encoding = sniff_encoding(data[:65536])
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        pass
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _mostly_utf8(data[3:] if data.startswith(codecs.BOM_UTF8) else data)
        if text is not None:
            return text, UTF8_REPLACED
    encoding = detect_encoding(data) or "cp1252"
    return data.decode(encoding, errors="replace"), encoding


def encoding_warning(position: str, encoding: str) -> str | None:
    """Return the reading warning for a text decoded as ``encoding``, or None for plain UTF-8."""
    if encoding in ("utf-8", "utf-8-sig", "ascii"):
        return None
    if encoding == UTF8_REPLACED:
        return f"{position}: invalid UTF-8 bytes replaced by U+FFFD (the rest read as UTF-8)"
    return f"{position}: not UTF-8, decoded as {encoding}"
