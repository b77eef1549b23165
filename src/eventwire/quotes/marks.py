"""Direct quotations found from quotation marks alone, in one pass over the text.

The scanner walks the quotation marks (and paragraph breaks) of a text once, keeping a stack of
open marks, and returns the top-level quotations; quotes nested inside them (‘ ’ inside “ ”)
stay part of the outer quotation's content. Ambiguous marks are settled from their neighbours:

- a straight ``"`` opens when it follows a space or an opening bracket and is followed by a
  non-space, and closes the innermost open ``"`` otherwise;
- ``’`` closes an open ``‘`` only when no letter or digit follows it ("Blinken’s" is an
  apostrophe); ``'`` likewise, and it opens only after a space before a letter;
- a paragraph whose quotation is still open when it ends continues into the next paragraph
  when that one opens with the same mark (newswire convention); otherwise the quotation is
  capped at the paragraph end and marked ``unclosed``. A quotation longer than ``max_chars``
  is capped there and marked ``too-long``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["MarkTable", "RawQuote", "scan_quotes"]

_OPEN_BEFORE = set(" \n([{\u2014\u2013-/:;") | {""}


@dataclass(frozen=True)
class MarkTable:
    """The quotation marks in use: opening and closing strings with their kind."""

    pairs: tuple[tuple[str, str, str], ...]  # (open, close, kind)

    def regex(self) -> re.Pattern[str]:
        """Return a pattern matching any mark (longest first) or a line break."""
        marks = {m for o, c, _ in self.pairs for m in (o, c)}
        alts = sorted(marks, key=len, reverse=True)
        return re.compile("|".join(re.escape(m) for m in alts) + r"|\n")


@dataclass(frozen=True)
class RawQuote:
    """One top-level quotation: where its marks and its content are, and how it ended."""

    open_start: int  # offset of the opening mark
    content_start: int
    content_end: int
    close_end: int  # offset just after the closing mark (or the cap)
    status: str  # closed, unclosed, too-long
    paragraphs: int = 1  # how many paragraphs it spans


@dataclass
class _Open:
    pos: int  # offset of the opening mark
    length: int
    close: str
    kind: str


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _paragraph_break(text: str, nl: int) -> tuple[bool, int]:
    """Return whether the newline at ``nl`` ends a paragraph, and where the next one starts."""
    j = nl + 1
    n = len(text)
    blank = False
    while j < n and text[j] in " \n\t":
        if text[j] == "\n":
            blank = True
        j += 1
    if blank:
        return True, j
    # A single newline is a soft wrap when the line stops mid-sentence.
    k = nl - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    if k >= 0 and (_is_word(text[k]) or text[k] in ",;-") and j < n and text[j].islower():
        return False, j
    return True, j


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Return ``(start, end)`` without surrounding spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def scan_quotes(text: str, table: MarkTable, pattern: re.Pattern[str] | None = None,
                max_chars: int = 3000, start: int = 0, end: int | None = None) -> list[RawQuote]:
    """Return the top-level quotations of ``text[start:end]`` in order (never raises)."""
    end = len(text) if end is None else end
    pattern = pattern or table.regex()
    openers: dict[str, tuple[str, str]] = {}
    closers: dict[str, list[tuple[str, str]]] = {}
    for o, c, kind in table.pairs:
        openers[o] = (c, kind)
        closers.setdefault(c, []).append((o, kind))
    out: list[RawQuote] = []
    stack: list[_Open] = []
    paragraphs = 1
    skip_until = -1

    def emit(top: _Open, close_start: int, close_end: int, status: str) -> None:
        if close_start - top.pos > max_chars:
            limit = top.pos + max_chars
            cut = text.rfind(" ", top.pos + top.length, limit)
            close_start = close_end = cut if cut > top.pos else limit
            status = "too-long"
        cs, ce = _trim(text, top.pos + top.length, close_start)
        if ce - cs > 1 or (ce > cs and top.kind != "symmetric-apostrophe"):
            out.append(RawQuote(top.pos, cs, ce, close_end, status, paragraphs))

    def cap(limit: int, status: str) -> None:
        nonlocal stack
        e = limit
        while e > stack[0].pos and text[e - 1].isspace():
            e -= 1
        emit(stack[0], e, e, status)
        stack = []

    for m in pattern.finditer(text, start, end):
        p = m.start()
        if p < skip_until:
            continue
        tok = m.group()
        if stack and p - stack[0].pos > max_chars:
            cap(p, "too-long")
        if tok == "\n":
            is_break, nxt = _paragraph_break(text, p)
            if not is_break or not stack:
                if is_break:
                    paragraphs = 1
                continue
            outer = stack[0]
            cont = text.startswith(text[outer.pos:outer.pos + outer.length], nxt) and nxt < end
            if cont:
                # Newswire: the quote goes on; the next paragraph's opening mark is skipped.
                del stack[1:]
                paragraphs += 1
                skip_until = nxt + outer.length
            else:
                cap(p, "unclosed")
                paragraphs = 1
            continue
        before = text[p - 1] if p > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        # 1. Closing the innermost open quote, or an outer one (inner marks were stray).
        closed = False
        apostrophe = False
        if tok in closers:
            for depth in range(len(stack) - 1, -1, -1):
                top = stack[depth]
                if top.close != tok:
                    continue
                if top.kind in ("apostrophe", "symmetric-apostrophe") and _is_word(after):
                    apostrophe = True  # inside a word: "Blinken’s", "don't"
                    break
                if depth == 0:
                    emit(top, p, m.end(), "closed")
                    stack = []
                    paragraphs = 1
                else:
                    del stack[depth:]
                closed = True
                break
        if closed or apostrophe:
            continue
        # 2. Opening a quote.
        if tok in openers:
            close, kind = openers[tok]
            if kind == "apostrophe" and after.isdigit():
                continue  # ‘90s
            if kind.startswith("symmetric"):
                if before not in _OPEN_BEFORE and not (before and before in openers):
                    continue
                if not after or after.isspace():
                    continue
                if kind == "symmetric-apostrophe" and (not _is_word(after) or after.isdigit()):
                    continue  # '90s, 'n'
            stack.append(_Open(p, len(tok), close, kind))
    if stack:
        cap(end, "unclosed")
    return out


def build_table(rows: Iterable[tuple[str, str, str]]) -> MarkTable:
    """Return a :class:`MarkTable` from ``(open, close, kind)`` rows."""
    return MarkTable(tuple(rows))


__all__ += ["build_table"]
