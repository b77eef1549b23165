"""Convert PETRARCH/TABARI ``.actors`` dictionaries to eventwire actor TSV rows.

The format: an entry line ``NAME_ [CODE]`` or ``NAME_`` (words joined by ``_``, a trailing ``_``
marks the end of the phrase), ``+ALIAS_`` lines adding synonyms, and indented ``[CODE dates]``
lines giving date-restricted codes: ``[AFGGOV >011222]`` (from 2001-12-22),
``[USRARM <900823]`` (until 1990-08-23), ``[KORGOV 040101-061201]`` (a range); dates are
YYMMDD or YYYYMMDD. ``#`` starts a comment. A CAMEO code is split into the actor code (first three
letters) and the sector (next three).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .kb import ACTOR_COLUMNS

__all__ = ["ImportedActor", "convert_code", "parse_actors", "parse_date", "people_since", "write_tsv"]

_CODE = re.compile(r"\[([^\]\s]*)\s*([^\]]*)\]")
SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
                     "ELI", "LAB", "LEG", "REF", "REL", "AGR", "ENV", "HLH", "HRI", "IGO", "NGO", "UAF", "MOD",
                     "RAD", "JRN", "SET", "DEV", "UNO"})


@dataclass
class ImportedActor:
    """One dictionary entry: its name, aliases and dated codes."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (code, start, end)
    line: int = 0
    source: str = ""
    kind: str | None = None  # None: a person when any code is dated, else an organisation


def parse_date(text: str) -> str:
    """Return ISO ``YYYY-MM-DD`` for a TABARI date (``011222`` -> ``2001-12-22``)."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 1900 + yy if yy >= 30 else 2000 + yy
        return f"{year:04d}-{digits[2:4]}-{digits[4:6]}"
    if len(digits) == 8:
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    if len(digits) == 7:  # a known typo form (YYYYMDD / YYYYMMD): keep the year only
        return digits[:4]
    raise ValueError(f"unreadable date {text!r}")


def _dates(spec: str) -> tuple[str | None, str | None]:
    spec = spec.strip()
    if not spec:
        return None, None
    if spec.startswith(">"):
        return parse_date(spec[1:]), None
    if spec.startswith("<"):
        return None, parse_date(spec[1:])
    if "-" in spec:
        a, b = spec.split("-", 1)
        return parse_date(a), parse_date(b)
    return parse_date(spec), None


def _codes(line: str) -> list[tuple[str, str | None, str | None]]:
    """The ``[CODE dates]`` groups of a dictionary line; a group with unreadable dates is skipped."""
    out = []
    for m in _CODE.finditer(line):
        try:
            start, end = _dates(m.group(2))
        except ValueError:
            continue
        out.append((m.group(1), start, end))
    return out


def convert_code(code: str) -> tuple[str | None, str | None]:
    """Split a CAMEO code into (actor code, sector): ``EGYGOV`` -> ``("EGY", "GOV")``."""
    code = code.strip().upper().lstrip("~")
    if not code:
        return None, None
    head = code[:3]
    rest = code[3:6] if len(code) >= 6 else None
    if head in ("IGO", "NGO") and rest == "UNO":
        return head, None
    return head, rest if rest in SECTORS else None


def _phrase(token: str) -> str:
    token = token.strip().lstrip("+").strip()
    token = token.rstrip("_").replace("_", " ")
    return re.sub(r"\s+", " ", token).strip()


def parse_actors(lines: Iterable[str], source: str = "") -> Iterator[ImportedActor]:
    """Yield the entries of a ``.actors`` file (unreadable lines are skipped)."""
    cur: ImportedActor | None = None
    for lineno, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[:1] in (" ", "\t") and line.strip().startswith("["):
            if cur is not None:
                cur.codes.extend(_codes(line))
            continue
        if line.startswith("+"):
            if cur is not None:
                alias = _phrase(line.split("[", 1)[0])
                if alias:
                    cur.aliases.append(alias)
            continue
        if line[:1] in ("{", "&", "<", "!") or line.strip().startswith("["):
            continue
        if cur is not None and cur.codes:
            yield cur
        name = _phrase(line.split("[", 1)[0])
        if not name:
            cur = None
            continue
        cur = ImportedActor(name=name.title() if name.isupper() else name, line=lineno, source=source)
        cur.codes.extend(_codes(line))
    if cur is not None and cur.codes:
        yield cur


def write_tsv(entries: Iterable[ImportedActor], out: Path) -> int:
    """Write entries as actor TSV rows (one row per dated code); returns the row count."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        fh.write("\t".join(ACTOR_COLUMNS) + "\n")
        for e in entries:
            aliases = "|".join(a.title() if a.isupper() else a for a in dict.fromkeys(e.aliases))
            dated = any(s or t for _, s, t in e.codes)
            for code, start, end in e.codes:
                actor_code, sector = convert_code(code)
                if not actor_code:
                    continue
                country = actor_code if actor_code not in ("IGO", "NGO", "IMG", "MNC", "UNO", "EUR") else ""
                kind = e.kind or ("person" if dated else "organization")
                row = [e.name, aliases, actor_code, sector or "", country, kind,
                       "", "", start or "", end or "", "", "", f"imported from {e.source}:{e.line}"]
                fh.write("\t".join(x.replace("\t", " ") for x in row) + "\n")
                n += 1
    return n


def people_since(entries: Iterable[ImportedActor], since: str, exclude: set[str] | None = None) -> Iterator[ImportedActor]:
    """Yield the people of ``entries`` with their codes that still apply on or after ``since``.

    A person is an entry with at least one dated code and a name of two words or more (a one-word
    entry is a country or a bare surname); codes that ended before ``since`` or carry no sector
    (regions and territories are listed with dates too: "Iraqi Kurdistan") are dropped, and so is a
    person left with none. ``exclude`` holds folded names never to import (country names: the
    country lexicon answers for them).
    """
    exclude = exclude or set()
    for e in entries:
        if not any(s or t for _, s, t in e.codes) or len(e.name.split()) < 2 or e.name.lower() in exclude:
            continue
        codes = [(c, s, t) for c, s, t in e.codes if (not t or t >= since) and convert_code(c)[1]]
        if codes:
            yield ImportedActor(e.name, [a for a in e.aliases if a.lower() not in exclude], codes, e.line, e.source,
                                "person")
