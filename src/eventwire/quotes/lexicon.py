"""The quotes stage's data: cue verbs, attribution patterns and quotation marks, loaded once.

The bundled files in ``eventwire/data/quotes/`` load through the same functions as a user's
own files (``Settings.quotes_files``): a ``.tsv`` adds cue verbs (same columns as ``cues.tsv``),
a ``.yaml`` adds to the attribution patterns (same keys as ``patterns.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError
from .marks import MarkTable, build_table

__all__ = ["CueVerb", "QuoteLexicon", "bundled_paths", "load_lexicon"]

_CACHE: dict[tuple[str, ...], QuoteLexicon] = {}
_DEPS = {"ccomp", "xcomp", "pobj", "dobj"}
_KINDS = {"pair", "apostrophe", "symmetric", "symmetric-apostrophe"}


@dataclass(frozen=True)
class CueVerb:
    """One speech verb: what must follow it, where its content is, what it can attribute."""

    lemma: str
    particles: frozenset[str] = frozenset()
    content: tuple[str, ...] = ("ccomp",)
    direct: bool = True
    indirect: bool = True


@dataclass
class QuoteLexicon:
    """Everything the quotes stage reads from data files."""

    verbs: dict[str, CueVerb] = field(default_factory=dict)
    marks: MarkTable = field(default_factory=lambda: MarkTable(()))
    source_phrases: dict[str, frozenset[str]] = field(default_factory=dict)  # word -> preps
    document_nouns: frozenset[str] = frozenset()
    document_preps: frozenset[str] = frozenset()
    pronouns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    possessed_speakers: frozenset[str] = frozenset()
    person_heads: frozenset[str] = frozenset()


def bundled_paths() -> list[Path]:
    """Return the bundled data files in load order."""
    base = Path(str(resources.files("eventwire"))) / "data" / "quotes"
    return [base / "marks.tsv", base / "cues.tsv", base / "patterns.yaml"]


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def _load_marks(path: Path, lex: QuoteLexicon) -> None:
    pairs = list(lex.marks.pairs)
    for n, row in enumerate(_rows(path), 1):
        if len(row) < 3 or row[2].strip() not in _KINDS or not row[0] or not row[1]:
            raise DataFileError(f"{path}: row {n}: expected open<TAB>close<TAB>kind "
                                 f"with kind in {sorted(_KINDS)}, got {row!r}")
        pairs.append((row[0], row[1], row[2].strip()))
    lex.marks = build_table(pairs)


def _load_cues(path: Path, lex: QuoteLexicon) -> None:
    for n, row in enumerate(_rows(path), 1):
        row = [c.strip() for c in row] + ["-"] * (4 - len(row))
        lemma, particle, content, uses = row[:4]
        deps = tuple(d for d in content.split(",") if d and d != "-")
        bad = set(deps) - _DEPS
        if not lemma or bad:
            raise DataFileError(f"{path}: row {n}: bad cue row {row!r} "
                                 f"(content labels must be among {sorted(_DEPS)})")
        use = {u for u in uses.split(",") if u and u != "-"} or {"direct", "indirect"}
        lex.verbs[lemma.lower()] = CueVerb(
            lemma=lemma.lower(),
            particles=frozenset(p for p in particle.lower().split("|") if p and p != "-"),
            content=deps,
            direct="direct" in use,
            indirect="indirect" in use and bool(deps),
        )


def _load_patterns(path: Path, lex: QuoteLexicon) -> None:
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping of pattern lists")
    phrases = dict(lex.source_phrases)
    for item in data.get("source_phrases", []) or []:
        word, prep = str(item[0]).lower(), str(item[1]).lower()
        phrases[word] = phrases.get(word, frozenset()) | {prep}
    lex.source_phrases = phrases
    lex.document_nouns |= {str(w).lower() for w in data.get("document_nouns", []) or []}
    lex.document_preps |= {str(w).lower() for w in data.get("document_preps", []) or []}
    for word, kinds in (data.get("pronouns") or {}).items():
        lex.pronouns[str(word).lower()] = tuple(str(k) for k in kinds)
    lex.possessed_speakers |= {str(w).lower() for w in data.get("possessed_speakers", []) or []}
    lex.person_heads |= {str(w).lower() for w in data.get("person_heads", []) or []}


def load_lexicon(extra: tuple[str, ...] | list[str] = ()) -> QuoteLexicon:
    """Return the lexicon from the bundled files plus ``extra`` user files (cached per paths)."""
    paths = [*bundled_paths(), *(Path(p) for p in extra)]
    key = tuple(str(p) for p in paths)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    lex = QuoteLexicon()
    for path in paths:
        if not path.is_file():
            raise DataFileError(f"quotes data file not found: {path} (check quotes_files)")
        if path.name.startswith("marks") and path.suffix == ".tsv":
            _load_marks(path, lex)
        elif path.suffix == ".tsv":
            _load_cues(path, lex)
        elif path.suffix in (".yaml", ".yml"):
            _load_patterns(path, lex)
        else:
            raise DataFileError(f"{path}: quotes data files are .tsv (cues, marks*) or .yaml")
    _CACHE[key] = lex
    return lex
