"""JSON inputs: JSON Lines (``.jsonl``/``.ndjson``, one object a line) and ``.json`` (an object or an array)."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from typing import IO, Any

from ..records import Article, Failure
from .decode import decode_bytes, encoding_warning, is_binary
from .fields import article_from_mapping, blank_or_binary, too_large
from .options import IngestOptions

__all__ = ["read_json", "read_jsonl"]

_CHUNK = 1 << 20


def _too_deep(position: str) -> Failure:
    """The failure of a JSON value nested deeper than Python's parser goes (about 1,000 levels)."""
    return Failure(None, position, f"{position}: JSON nested too deeply (arrays or objects about 1,000 "
                   "levels deep); skipped")


class _Utf16Lines:
    """Reads a UTF-16 stream (after its byte order mark) line by line as UTF-8 bytes."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._text = io.TextIOWrapper(fh, encoding="utf-16", errors="replace", newline="")

    def readline(self, limit: int) -> bytes:
        """Return the next line (at most about ``limit`` bytes) encoded as UTF-8."""
        return self._text.readline(max(1, limit // 4)).encode("utf-8", "surrogatepass")

    def detach(self) -> None:
        """Leave the underlying stream open (its owner closes it)."""
        self._text.detach()


def _record(obj: Any, position: str, options: IngestOptions) -> Article | Failure:
    if not isinstance(obj, dict):
        return Failure(None, position, f"{position}: expected a JSON object, got {type(obj).__name__}")
    return article_from_mapping(obj, position, options)


def read_jsonl(fh: IO[bytes], name: str, options: IngestOptions) -> Iterator[Article | Failure]:
    """Yield one article per non-blank line; a bad line is a Failure and reading goes on.

    Lines are read with a byte limit, so an over-long line is skipped without loading it.
    """
    limit = options.max_line_bytes
    head = _peek(fh)
    if is_binary(head):
        yield Failure(None, f"{name}:1", f"{name}: binary file, not JSON Lines")
        return
    lines: Any = fh
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        lines = _Utf16Lines(fh)
    elif head.startswith(codecs.BOM_UTF8):
        fh.read(len(codecs.BOM_UTF8))
    lineno = 0
    seen_any = False
    while True:
        raw = lines.readline(limit + 1)
        if not raw:
            break
        lineno += 1
        position = f"{name}:{lineno}"
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line in chunks
                raw = lines.readline(_CHUNK)
            yield too_large(position, -1, options)
            seen_any = True
            continue
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line, encoding = decode_bytes(raw)
            options.on_warning(encoding_warning(position, encoding) or f"{position}: not UTF-8")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(None, position, f"{position}: invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield _too_deep(position)
            continue
        yield _record(obj, position, options)
    if isinstance(lines, _Utf16Lines):
        lines.detach()
    if not seen_any:
        yield Failure(None, f"{name}:1", f"{name}: empty file, no article read")


def read_json(fh: IO[bytes], name: str, options: IngestOptions) -> Iterator[Article | Failure]:
    """Yield the article of a JSON object, or each object of a JSON array, one at a time.

    The array is decoded incrementally (``raw_decode`` over a sliding buffer) so a large array
    is never held whole; each element is bounded by ``options.max_line_bytes``.
    """
    first = fh.read(_CHUNK)
    problem = blank_or_binary(first, name, "JSON")
    if problem is not None:
        yield problem
        return
    decoder = json.JSONDecoder()
    try:
        buf, pending = _decode_utf8(first)
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = "other"
    eof = False
    if encoding != "utf-8":
        # a non-UTF-8 JSON file is rare: decode it whole, bounded
        rest = fh.read(options.max_line_bytes)
        if fh.read(1):
            yield Failure(None, f"{name}:1", f"{name}: a JSON file that is not UTF-8 must be smaller than "
                          f"{options.max_line_bytes:,} bytes; convert it to UTF-8 or JSON Lines", stage="limits")
            return
        buf, encoding = decode_bytes(first + rest)
        options.on_warning(encoding_warning(name, encoding) or f"{name}: not UTF-8")
        pending, eof = b"", True
    line = 1
    pos = _skip_ws(buf, 0)
    if buf[pos:pos + 1] == "{":
        items_mode = False
    elif buf[pos:pos + 1] == "[":
        items_mode = True
        pos += 1
    else:
        yield Failure(None, f"{name}:1", f"{name}: expected a JSON object or array")
        return
    index = 0
    while True:
        pos = _skip_ws(buf, pos)
        if items_mode and index and buf[pos:pos + 1] == ",":
            pos = _skip_ws(buf, pos + 1)
        if items_mode and buf[pos:pos + 1] == "]":
            return
        # keep the buffer small: drop what has been consumed
        line += buf.count("\n", 0, pos)
        buf, pos = buf[pos:], 0
        try:
            obj, end = decoder.raw_decode(buf, pos)
        except RecursionError:
            # skip the over-deep value by bracket matching; read on when it is not complete yet
            skip = _value_end(buf, pos)
            if skip is None and not eof and len(buf) <= options.max_line_bytes:
                text, pending, eof = _read_more(fh, pending)
                buf += text
                continue
            yield _too_deep(f"{name}:{line}")
            if skip is None or not items_mode:
                return
            index += 1
            pos = skip
            continue
        except json.JSONDecodeError as exc:
            if not eof and len(buf) <= options.max_line_bytes:
                text, pending, eof = _read_more(fh, pending)
                buf += text
                continue
            position = f"{name}:{line + exc.lineno - 1}"
            if len(buf) > options.max_line_bytes:
                yield too_large(position, -1, options)
            elif not buf.strip():
                yield Failure(None, position, f"{name}: unexpected end of file (unclosed array)")
            else:
                yield Failure(None, position, f"{position}: invalid JSON ({exc.msg}); rest of the file skipped")
            return
        position = f"{name}:{line}"
        yield _record(obj, position, options)
        index += 1
        pos = end
        if not items_mode:
            return


def _read_more(fh: IO[bytes], pending: bytes) -> tuple[str, bytes, bool]:
    """Read the next chunk: ``(text, bytes of an incomplete last character, end of file reached)``."""
    more = fh.read(_CHUNK)
    if not more:
        return pending.decode("utf-8", errors="replace"), b"", True
    try:
        text, pending = _decode_utf8(pending + more)
    except UnicodeDecodeError:
        text, pending = (pending + more).decode("utf-8", errors="replace"), b""
    return text, pending, False


def _peek(fh: IO[bytes], size: int = 8192) -> bytes:
    """Return the first ``size`` bytes of ``fh`` without consuming them."""
    peek = getattr(fh, "peek", None)
    if peek is None:
        return b""
    return bytes(peek(size)[:size])


def _value_end(buf: str, pos: int) -> int | None:
    """Return the end of the JSON array or object starting at ``pos`` (None when not closed in ``buf``).

    Counts brackets outside strings, iteratively, so no nesting depth can exhaust the stack.
    """
    depth = 0
    in_string = escaped = False
    for i in range(pos, len(buf)):
        ch = buf[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _skip_ws(buf: str, pos: int) -> int:
    while pos < len(buf) and buf[pos] in " \t\r\n\ufeff":
        pos += 1
    return pos


def _decode_utf8(data: bytes) -> tuple[str, bytes]:
    """Decode UTF-8, returning the trailing bytes of an incomplete final character separately."""
    for cut in range(0, 4):
        try:
            end = len(data) - cut
            return data[:end].decode("utf-8"), data[end:]
        except UnicodeDecodeError:
            if cut == 3:
                raise
    raise AssertionError("unreachable")
