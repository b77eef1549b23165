"""Load the time-expression lexicon and rules from data files and compile them into one regex.

Data files (YAML) hold lexicon tables and/or a ``patterns`` list; the bundled
``data/when/lexicon.yaml`` and ``data/when/patterns.yaml`` load through the same function as a
user's files (``Settings.when_files``). User tables extend the bundled ones; user rules go
before the bundled rules, so they win where both match at the same place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError

__all__ = ["HANDLER_NAMES", "Grammar", "Rule", "bundled_files", "load_grammar"]

TIMEX_TYPES = ("DATE", "DURATION", "SET", "TIME")

HANDLER_NAMES = frozenset({
    "ago", "century", "clock", "date", "date_range", "decade", "duration", "month", "offset",
    "quarter", "relative_day", "relative_daypart", "relative_unit", "season", "set_every",
    "set_frequency", "set_weekday", "the_span", "weekday", "weekend", "in_units", "holiday", "vague", "year",
    "year_range",
})

_DICT_TABLES = ("holidays", "vague_refs", "months", "weekdays", "numbers", "units", "dayparts", "seasons", "period_mods",
                "frequencies", "clock_words")
_LIST_TABLES = ("anchor_words", "months_full", "future_cues", "past_preps", "bounding_preps")
# tables read by event dating only (not by the scanner: their words are not lead words)
_EVENT_DICT_TABLES = ("precision_notes",)
_EVENT_LIST_TABLES = ("background_ordinals",)

_GROUP = re.compile(r"\(\?P<(\w+)>")
_PLACEHOLDER = re.compile(r"\{([A-Z_][A-Z_0-9]*)\}")


@dataclass(frozen=True)
class Rule:
    """One grammar rule: a regex template, the handler that normalises it, and its timex type."""

    name: str
    type: str
    handler: str
    pattern: str
    source: str


@dataclass
class Grammar:
    """The compiled grammar and the lexicon tables its handlers read."""

    regex: re.Pattern[str]
    rules: list[Rule]
    groups: list[dict[str, str]]  # per rule: template group name -> compiled group name
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, int | None] = field(default_factory=dict)
    units: dict[str, tuple[str, int]] = field(default_factory=dict)  # incl. plurals
    dayparts: dict[str, str] = field(default_factory=dict)
    seasons: dict[str, str] = field(default_factory=dict)
    period_mods: dict[str, str] = field(default_factory=dict)
    frequencies: dict[str, str] = field(default_factory=dict)
    clock_words: dict[str, str] = field(default_factory=dict)
    holidays: dict[str, tuple[int, int]] = field(default_factory=dict)
    vague_refs: dict[str, str] = field(default_factory=dict)
    anchors: frozenset[str] = frozenset()  # words one of which every time expression contains
    leads: frozenset[str] = frozenset()  # words a time expression may start with
    future_cues: frozenset[str] = frozenset()
    past_preps: frozenset[str] = frozenset()
    bounding_preps: frozenset[str] = frozenset()
    precision_notes: dict[str, str] = field(default_factory=dict)  # "week of" -> week
    background_ordinals: frozenset[str] = frozenset()  # "the first country to make peace"


def bundled_files() -> list[Path]:
    """Return the bundled lexicon and rule files."""
    base = resources.files("eventwire") / "data" / "when"
    return [Path(str(base / "lexicon.yaml")), Path(str(base / "patterns.yaml"))]


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot read time-expression data: {exc}") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping of tables and/or a `patterns` list")
    return data


def _alternation(words: list[str], case_sensitive: bool = False) -> str:
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not parts:
        return "(?!)"
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _month_alternation(names: list[str], full: list[str]) -> str:
    """Month names, case-sensitive; abbreviations may take a full stop ("Sept.")."""
    words = sorted(set(_cased(names)), key=lambda w: (-len(w), w))
    full_set = set(_cased(full))
    body = "|".join(re.escape(w) + ("" if w in full_set else r"\.?") for w in words)
    return f"(?-i:{body})"


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") and word[-2] not in "aeiou" else word + "s"


def _cased(words: list[str]) -> list[str]:
    return [v for w in words for v in (w, w.upper())]


def load_grammar(paths: list[Path]) -> Grammar:
    """Merge the data files in ``paths`` (later tables extend earlier ones) and compile them."""
    tables: dict[str, Any] = {name: {} for name in _DICT_TABLES}
    tables.update({name: [] for name in _LIST_TABLES + _EVENT_LIST_TABLES})
    tables.update({name: {} for name in _EVENT_DICT_TABLES})
    bundled_rules: list[Rule] = []
    user_rules: list[Rule] = []
    bundled = set(bundled_files())
    for path in paths:
        data = _read(path)
        for key, value in data.items():
            if key == "patterns":
                target = bundled_rules if path in bundled else user_rules
                target.extend(_rules(path, value))
            elif key in _DICT_TABLES + _EVENT_DICT_TABLES and isinstance(value, dict):
                tables[key].update(value)
            elif key in _LIST_TABLES + _EVENT_LIST_TABLES and isinstance(value, list):
                tables[key].extend(str(v) for v in value)
            else:
                raise DataFileError(f"{path}: unknown or malformed table {key!r}")
    rules = user_rules + bundled_rules
    if not rules:
        raise DataFileError("no time-expression rules loaded (patterns list empty)")

    units: dict[str, tuple[str, int]] = {}
    for word, (code, mult) in tables["units"].items():
        units[word.lower()] = (str(code), int(mult))
        units[_plural(word.lower())] = (str(code), int(mult))
    numbers = {k.lower(): (None if v == "X" else int(v)) for k, v in tables["numbers"].items()}
    counts = [k for k in numbers if k not in ("a", "an")]
    placeholders = {
        "MONTH": _month_alternation(list(tables["months"]), tables["months_full"]),
        "MONTH_FULL": _alternation(_cased(tables["months_full"]), case_sensitive=True),
        "WEEKDAY": _alternation(_cased(list(tables["weekdays"])), case_sensitive=True),
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])",
        "ORD": r"(?:st|nd|rd|th)",
        "YEAR": r"(?:19|20)\d\d",
        "NUM": r"(?:\d+(?:\.\d+)?|" + _alternation(list(numbers))[3:],
        "COUNT": r"(?:\d+(?:\.\d+)?|" + _alternation(counts)[3:],
        "UNIT": _alternation(list(units)),
        "UNIT1": _alternation([w.lower() for w in tables["units"]]),
        "DAYPART": _alternation(list(tables["dayparts"])),
        "SEASON": _alternation(list(tables["seasons"])),
        "MOD": _alternation(list(tables["period_mods"])),
        "FREQ": _alternation(list(tables["frequencies"])),
        "CLOCK": _alternation(list(tables["clock_words"])),
        "HOLIDAY": _alternation(list(tables["holidays"]), case_sensitive=True),
    }
    parts: list[str] = []
    groups: list[dict[str, str]] = []
    for i, rule in enumerate(rules):
        names: dict[str, str] = {}

        def rename(m: re.Match[str], i: int = i, names: dict[str, str] = names) -> str:
            names[m.group(1)] = f"r{i}_{m.group(1)}"
            return f"(?P<r{i}_{m.group(1)}>"

        def expand(m: re.Match[str], rule: Rule = rule) -> str:
            if m.group(1) not in placeholders:
                raise DataFileError(f"{rule.source}: rule {rule.name}: unknown placeholder {{{m.group(1)}}}")
            return placeholders[m.group(1)]

        body = _GROUP.sub(rename, _PLACEHOLDER.sub(expand, rule.pattern))
        parts.append(rf"(?P<r{i}>{body}(?![\w])(?![.,\-–]\d))")
        groups.append(names)
    try:
        regex = re.compile(r"(?<![\w'’-])(?:" + "|".join(parts) + ")", re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(f"time-expression grammar does not compile: {exc}") from exc
    return Grammar(
        regex=regex,
        rules=rules,
        groups=groups,
        months={k.lower(): int(v) for k, v in tables["months"].items()},
        weekdays={k.lower(): int(v) for k, v in tables["weekdays"].items()},
        numbers=numbers,
        units=units,
        dayparts={k.lower(): str(v) for k, v in tables["dayparts"].items()},
        seasons={k.lower(): str(v) for k, v in tables["seasons"].items()},
        period_mods={" ".join(k.lower().split()): str(v) for k, v in tables["period_mods"].items()},
        frequencies={k.lower(): str(v) for k, v in tables["frequencies"].items()},
        clock_words={k.lower(): str(v) for k, v in tables["clock_words"].items()},
        vague_refs={" ".join(k.lower().split()): str(v) for k, v in tables["vague_refs"].items()},
        holidays={" ".join(k.lower().split()): (int(v[0]), int(v[1]))
                  for k, v in tables["holidays"].items()},
        anchors=frozenset(
            [w.lower() for t in ("months", "weekdays", "dayparts", "seasons", "frequencies",
                                 "clock_words") for w in tables[t]]
            + list(units) + [w.lower() for w in tables["anchor_words"]]
            + [w.lower() for t in ("holidays", "vague_refs") for h in tables[t]
               for w in re.findall(r"\w+", h) if w.lower() != "the"]),
        leads=frozenset(_lead_words(rules, tables)),
        future_cues=frozenset(w.lower() for w in tables["future_cues"]),
        past_preps=frozenset(w.lower() for w in tables["past_preps"]),
        bounding_preps=frozenset(w.lower() for w in tables["bounding_preps"]),
        precision_notes={" ".join(str(k).lower().split()): str(v) for k, v in tables["precision_notes"].items()},
        background_ordinals=frozenset(w.lower() for w in tables["background_ordinals"]),
    )


_ESCAPES = re.compile(r"\\[A-Za-z]|\(\?P?<?[=!]?\w*>?|\(\?-?i:|\{[A-Z_][A-Z_0-9]*\}")


def _lead_words(rules: list[Rule], tables: dict[str, Any]) -> set[str]:
    """Every word a rule could start with: its literal words and the lexicon's words.

    Over-generous on purpose: a word here only makes its position a place to try the grammar.
    """
    words: set[str] = set()
    for rule in rules:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", _ESCAPES.sub(" ", rule.pattern)))
    for name in _DICT_TABLES:
        for key in tables[name]:
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", str(key)))
    for name in ("months_full", "anchor_words"):
        words.update(str(w).lower() for w in tables[name])
    return words


def _rules(path: Path, value: Any) -> list[Rule]:
    if not isinstance(value, list):
        raise DataFileError(f"{path}: `patterns` must be a list of rules")
    out = []
    for n, item in enumerate(value):
        if not isinstance(item, dict) or not {"name", "handler", "pattern"} <= set(item):
            raise DataFileError(f"{path}: rule #{n + 1} needs name, handler and pattern")
        rule = Rule(str(item["name"]), str(item.get("type", "DATE")), str(item["handler"]),
                    str(item["pattern"]), str(path))
        if rule.handler not in HANDLER_NAMES:
            raise DataFileError(f"{path}: rule {rule.name}: unknown handler {rule.handler!r}; "
                                f"known: {', '.join(sorted(HANDLER_NAMES))}")
        if rule.type not in TIMEX_TYPES:
            raise DataFileError(f"{path}: rule {rule.name}: type must be one of {TIMEX_TYPES}")
        out.append(rule)
    return out
