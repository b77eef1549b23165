"""The trigger lexicon, PLOVER type table, framing cues and context keywords, loaded from data files.

The bundled files live in ``eventwire/data/events/``; user files named in
``Settings.lexicon_files`` go through the same loader and are added after the bundled
entries (a user entry with an existing ``id`` replaces it). See that directory's README.md
for the schemas.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError

__all__ = [
    "ENTRY_KEYS",
    "Entry",
    "Frames",
    "Lexicon",
    "LexiconError",
    "TypeInfo",
    "bundled_path",
    "load_lexicon",
]

ENTRY_KEYS = frozenset({
    "id", "lemma", "pos", "event", "mode", "context", "cameo", "actor", "recipient", "content",
    "prt", "prep", "prep_obj", "obj", "not_obj", "obj_any", "obj_any_prep", "obj_amod",
    "obj_pobj_lemma", "oprd", "comp", "comp_lemma", "actor_kind", "actor_kind_not", "compound",
    "not_compound", "light_any", "need_light", "need_light_or_actor", "obj_of", "subject_of",
    "prt_none", "not_prt", "no_recipient_prep", "priority", "not_obj_compound", "symmetric", "note", "need_obj",
    "min_actors", "aux", "purpose_lemma", "need_coded_actor", "comp_finite", "not_prep_obj", "comp_own_subj",
    "not_prep_obj_mod", "subj_lemma", "not_subj_lemma", "threat_content", "no_oprd", "actor_sector_not",
})
AUX_VALUES = frozenset({"future", "hypothetical"})
CONTENT_VALUES = frozenset({"suppress", "hypothetical", "future", "negation"})
POS_VALUES = frozenset({"verb", "noun", "adj"})


class LexiconError(DataFileError, ValueError):
    """A lexicon file is malformed; the message names the file, line and problem."""


@dataclass(frozen=True)
class TypeInfo:
    """One PLOVER event type: quad class, CAMEO root, valid modes."""

    name: str
    quad: int
    cameo: str
    modes: frozenset[str]
    recipient_required: bool


@dataclass(frozen=True)
class Entry:
    """One trigger pattern: a head lemma plus constraints, and what it codes."""

    id: str
    lemmas: frozenset[str]
    pos: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    content: str | None
    constraints: dict[str, Any]
    specificity: int
    order: int
    source: str

    def get(self, key: str) -> Any:
        """Return constraint ``key`` or None."""
        return self.constraints.get(key)


@dataclass
class Frames:
    """Framing cues: speech verbs, modal lists, light verbs, assault-mode cues (frames.yaml)."""

    speech_verbs: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    future_governors: frozenset[str] = frozenset()
    intent_governors: frozenset[str] = frozenset()
    hypothetical_governors: frozenset[str] = frozenset()
    hypothetical_governor_preps: frozenset[tuple[str, str]] = frozenset()
    negation_governors: frozenset[str] = frozenset()
    future_modals: frozenset[str] = frozenset()
    hypothetical_modals: frozenset[str] = frozenset()
    deontic_modals: frozenset[str] = frozenset()
    deontic_governors: frozenset[str] = frozenset()
    conditional_marks: frozenset[str] = frozenset()
    negation_words: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    noun_blockers: frozenset[str] = frozenset()
    topic_nouns: frozenset[str] = frozenset()
    assault_mode_cues: tuple[tuple[str, frozenset[str]], ...] = ()
    targeted_victims: frozenset[str] = frozenset()
    assault_kill_verbs: frozenset[str] = frozenset()
    linking_participles: frozenset[str] = frozenset()
    background_preps: frozenset[str] = frozenset()
    record_modifiers: frozenset[str] = frozenset()
    people_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    document_event_types: frozenset[str] = frozenset()
    joint_event_types: frozenset[str] = frozenset()  # two or more actors of one of these act together: no third party
    sequence_words: frozenset[str] = frozenset()  # "after", "before": a phrase they open tells another event
    past_time_words: frozenset[str] = frozenset()
    time_nouns: frozenset[str] = frozenset()
    topic_preps: frozenset[str] = frozenset()
    rejection_predicates: frozenset[str] = frozenset()
    allegation_nouns: frozenset[str] = frozenset()
    background_clause_marks: frozenset[str] = frozenset()
    abstract_patients: frozenset[str] = frozenset()
    concrete_modifiers: frozenset[str] = frozenset()
    sports_cues: frozenset[str] = frozenset()
    natural_forces: frozenset[str] = frozenset()
    assault_mode_gravity: tuple[str, ...] = ()
    armed_sectors: frozenset[str] = frozenset()
    looting_words: frozenset[str] = frozenset()
    groups: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass
class Lexicon:
    """Everything the event coder reads from data files, indexed for O(1) lookups per token."""

    types: dict[str, TypeInfo]
    aliases: dict[str, str]
    cooperative: frozenset[str]
    conflictual: frozenset[str]
    threaten_mode: dict[str, str]
    frames: Frames
    contexts: dict[str, frozenset[str]]
    context_index: dict[str, tuple[str, ...]]
    entries: list[Entry]
    index: dict[tuple[str, str], list[Entry]]
    files: tuple[str, ...]

    def candidates(self, pos: str, lemma: str) -> list[Entry]:
        """Return entries whose head is ``lemma`` with part of speech ``pos`` (verb, noun, adj)."""
        return self.index.get((pos, lemma), [])

    def head_lemmas(self) -> frozenset[str]:
        """Every lemma some entry is indexed under, whatever its part of speech (computed once)."""
        cached = self.__dict__.get("_head_lemmas")
        if cached is None or cached[0] is not self.index or cached[1] != len(self.index):
            cached = (self.index, len(self.index), frozenset(lemma for _pos, lemma in self.index))
            self.__dict__["_head_lemmas"] = cached
        return cached[2]

    def by_id(self, entry_id: str) -> Entry | None:
        """Return the entry with ``entry_id`` or None."""
        for e in self.entries:
            if e.id == entry_id:
                return e
        return None


def bundled_path(name: str) -> Path:
    """Return the path of a bundled data file in ``eventwire/data/events``."""
    return Path(str(resources.files("eventwire") / "data" / "events" / name))


def _lemmas(value: Any, groups: dict[str, frozenset[str]], where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = [value] if isinstance(value, str) else list(value)
    out: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            raise LexiconError(f"{where}: expected lemma strings, got {item!r}")
        if item.startswith("@"):
            if item[1:] not in groups:
                raise LexiconError(f"{where}: unknown lemma group {item!r}; known: {', '.join(sorted(groups))}")
            out |= groups[item[1:]]
        else:
            out.add(item.lower())
    return frozenset(out)


_LEMMA_SET_KEYS = ("prt", "not_prt", "prep", "prep_obj", "obj", "not_obj", "obj_any", "obj_any_prep", "obj_amod",
                   "obj_pobj_lemma", "oprd", "comp_lemma", "compound", "not_compound", "light_any",
                   "obj_of", "subject_of", "no_recipient_prep", "not_obj_compound", "purpose_lemma",
                   "not_prep_obj", "not_prep_obj_mod", "subj_lemma", "not_subj_lemma", "threat_content")
_DEFAULT_ROLES = {
    "verb": (("subj",), ("obj",)),
    "adj": (("subj",), ()),
    "noun": (("poss", "compound", "amod", "pobj:by", "light"), ("pobj:on", "pobj:against", "light_pobj:on")),
}


def _entry(raw: dict[str, Any], where: str, order: int, source: str, types: dict[str, TypeInfo],
           aliases: dict[str, str], groups: dict[str, frozenset[str]]) -> Entry:
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(ENTRY_KEYS))}")
    for key in ("id", "lemma", "event"):
        if key not in raw:
            raise LexiconError(f"{where}: missing required key {key!r}")
    event = str(raw["event"]).upper()
    event = aliases.get(event, event)
    if event not in types:
        raise LexiconError(f"{where}: unknown event type {raw['event']!r}; known: {', '.join(sorted(types))}")
    info = types[event]
    mode = raw.get("mode")
    if mode is not None and mode not in info.modes:
        raise LexiconError(f"{where}: mode {mode!r} is not a mode of {event} ({', '.join(sorted(info.modes)) or 'none'})")
    pos = str(raw.get("pos", "verb"))
    if pos not in POS_VALUES:
        raise LexiconError(f"{where}: pos must be one of {sorted(POS_VALUES)}, got {pos!r}")
    content = raw.get("content")
    if content is not None and content not in CONTENT_VALUES:
        raise LexiconError(f"{where}: content must be one of {sorted(CONTENT_VALUES)}, got {content!r}")
    constraints: dict[str, Any] = {}
    for key in _LEMMA_SET_KEYS:
        if key in raw:
            constraints[key] = _lemmas(raw[key], groups, f"{where} ({key})")
    if "min_actors" in raw:
        constraints["min_actors"] = int(raw["min_actors"])
    for key in ("comp", "need_light", "need_light_or_actor", "prt_none", "symmetric", "need_obj", "need_coded_actor",
                "comp_finite", "comp_own_subj", "no_oprd"):
        if key in raw:
            constraints[key] = bool(raw[key])
    if "aux" in raw:
        aux = frozenset(str(a) for a in (raw["aux"] if isinstance(raw["aux"], list) else [raw["aux"]]))
        if not aux <= AUX_VALUES:
            raise LexiconError(f"{where}: aux must be among {sorted(AUX_VALUES)}, got {sorted(aux)}")
        constraints["aux"] = aux
    for key in ("actor_kind", "actor_kind_not", "actor_sector_not"):
        if key in raw:
            constraints[key] = frozenset(str(k) for k in raw[key])
    positive = ("prt", "prep", "prep_obj", "obj", "obj_any", "obj_any_prep", "obj_amod", "obj_pobj_lemma",
                "oprd", "comp", "comp_lemma", "actor_kind", "compound", "light_any", "obj_of", "subject_of",
                "need_light", "need_obj", "min_actors", "purpose_lemma", "comp_own_subj", "subj_lemma")
    specificity = 1 + sum(1 for k in positive if constraints.get(k)) + int(raw.get("priority", 0))
    default_actor, default_recipient = _DEFAULT_ROLES[pos]
    return Entry(
        id=str(raw["id"]),
        lemmas=_lemmas(raw["lemma"], groups, f"{where} (lemma)"),
        pos=pos,
        event=event,
        mode=mode,
        context=tuple(raw.get("context") or ()),
        cameo=str(raw.get("cameo") or info.cameo),
        actor=tuple(raw["actor"]) if "actor" in raw else default_actor,  # [] = no actor role
        recipient=tuple(raw["recipient"]) if "recipient" in raw else default_recipient,
        content=content,
        constraints=constraints,
        specificity=specificity,
        order=order,
        source=source,
    )


def _read_entries(path: Path) -> list[tuple[dict[str, Any], str]]:
    out: list[tuple[dict[str, Any], str]] = []
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".yaml", ".yml"}:
        data = yaml.safe_load(text) or []
        if isinstance(data, dict):
            data = data.get("triggers", [])
        for i, raw in enumerate(data):
            if not isinstance(raw, dict):
                raise LexiconError(f"{path}: item {i}: expected a mapping")
            out.append((raw, f"{path}: item {i}"))
        return out
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("//"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LexiconError(f"{path}:{n}: not valid JSON: {exc.msg}") from exc
        if not isinstance(raw, dict):
            raise LexiconError(f"{path}:{n}: expected a JSON object")
        out.append((raw, f"{path}:{n}"))
    return out


def _yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


def _fs(values: Iterable[Any] | None) -> frozenset[str]:
    return frozenset(str(v).lower() for v in (values or ()))


def _frames(data: dict[str, Any]) -> Frames:
    groups = {str(k): _fs(v) for k, v in (data.get("groups") or {}).items()}
    hyp = _fs(data.get("hypothetical_governors"))
    hyp_single = frozenset(h for h in hyp if " " not in h)
    hyp_preps = frozenset(tuple(h.split(" ", 1)) for h in hyp if " " in h)
    return Frames(
        speech_verbs=_fs(data.get("speech_verbs")),
        speech_nouns=_fs(data.get("speech_nouns")),
        future_governors=_fs(data.get("future_governors")),
        intent_governors=_fs(data.get("intent_governors")),
        hypothetical_governors=hyp_single,
        hypothetical_governor_preps=frozenset((a, b) for a, b in hyp_preps),
        negation_governors=_fs(data.get("negation_governors")),
        future_modals=_fs(data.get("future_modals")),
        hypothetical_modals=_fs(data.get("hypothetical_modals")),
        deontic_modals=_fs(data.get("deontic_modals")),
        deontic_governors=_fs(data.get("deontic_governors")),
        conditional_marks=_fs(data.get("conditional_marks")),
        negation_words=_fs(data.get("negation_words")),
        light_verbs=_fs(data.get("light_verbs")),
        noun_blockers=_fs(data.get("noun_blockers")),
        topic_nouns=_fs(data.get("topic_nouns")),
        assault_mode_cues=tuple((str(m), _fs(words)) for m, words in (data.get("assault_mode_cues") or ())),
        targeted_victims=_fs(data.get("targeted_victims")),
        assault_kill_verbs=_fs(data.get("assault_kill_verbs")),
        linking_participles=_fs(data.get("linking_participles")),
        background_preps=_fs(data.get("background_preps")),
        record_modifiers=_fs(data.get("record_modifiers")),
        people_nouns=_fs(data.get("people_nouns")),
        document_nouns=_fs(data.get("document_nouns")),
        document_event_types=frozenset(str(x) for x in (data.get("document_event_types") or ())),
        joint_event_types=frozenset(str(x) for x in (data.get("joint_event_types") or ())),
        sequence_words=frozenset(str(x) for x in (data.get("sequence_words") or ())),
        past_time_words=_fs(data.get("past_time_words")),
        time_nouns=_fs(data.get("time_nouns")),
        topic_preps=_fs(data.get("topic_preps")),
        rejection_predicates=_fs(data.get("rejection_predicates")),
        allegation_nouns=_fs(data.get("allegation_nouns")),
        background_clause_marks=_fs(data.get("background_clause_marks")),
        abstract_patients=_fs(data.get("abstract_patients")),
        concrete_modifiers=_fs(data.get("concrete_modifiers")),
        sports_cues=_fs(data.get("sports_cues")),
        natural_forces=_fs(data.get("natural_forces")),
        assault_mode_gravity=tuple(str(m) for m in data.get("assault_mode_gravity") or ()),
        armed_sectors=frozenset(str(x).upper() for x in data.get("armed_sectors") or ()),
        looting_words=_fs(data.get("looting_words")),
        groups=groups,
    )


_CACHE: dict[tuple[str, ...], Lexicon] = {}


def load_lexicon(user_files: Sequence[str] = ()) -> Lexicon:
    """Load the bundled lexicon plus ``user_files`` (JSONL or YAML trigger files); cached per file list."""
    key = tuple(str(Path(f)) for f in user_files)
    if key in _CACHE:
        return _CACHE[key]
    tdata = _yaml(bundled_path("types.yaml"))
    types = {
        name: TypeInfo(name, int(v["quad"]), str(v["cameo"]), frozenset(v.get("modes") or ()),
                       bool(v.get("recipient_required", False)))
        for name, v in (tdata.get("types") or {}).items()
    }
    aliases = {str(k).upper(): str(v).upper() for k, v in (tdata.get("aliases") or {}).items()}
    frames = _frames(_yaml(bundled_path("frames.yaml")))
    cdata = _yaml(bundled_path("contexts.yaml"))
    contexts = {str(k): _fs(v) for k, v in cdata.items()}
    context_index: dict[str, list[str]] = {}
    for ctx, words in contexts.items():
        for w in words:
            context_index.setdefault(w, []).append(ctx)
    # the generated CAMEO import first: hand-written entries come later and win ties
    files = [bundled_path("cameo_triggers.jsonl"), bundled_path("triggers.jsonl")] + [Path(f) for f in user_files]
    by_id: dict[str, Entry] = {}
    order = 0
    for path in files:
        if not path.is_file():
            raise LexiconError(f"lexicon file not found: {path}")
        for raw, where in _read_entries(path):
            entry = _entry(raw, where, order, str(path), types, aliases, frames.groups)
            order += 1
            by_id[entry.id] = entry
    entries = sorted(by_id.values(), key=lambda e: e.order)
    index: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        for lemma in e.lemmas:
            index.setdefault((e.pos, lemma), []).append(e)
    for lst in index.values():
        lst.sort(key=lambda e: (-e.specificity, -e.order))
    lex = Lexicon(
        types=types, aliases=aliases,
        cooperative=_fs(tdata.get("cooperative")).__class__(str(x).upper() for x in tdata.get("cooperative") or ()),
        conflictual=frozenset(str(x).upper() for x in tdata.get("conflictual") or ()),
        threaten_mode={str(k).upper(): str(v) for k, v in (tdata.get("threaten_mode") or {}).items()},
        frames=frames, contexts=contexts,
        context_index={k: tuple(v) for k, v in context_index.items()},
        entries=entries, index=index, files=tuple(str(p) for p in files),
    )
    _CACHE[key] = lex
    return lex
