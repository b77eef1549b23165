"""The actor knowledge base: records read from TSV/YAML files, indexed by normalised name.

The bundled files in ``eventwire/data/actors/`` and the user's ``Settings.actors_files`` go
through the same loader (:func:`load_actor_file`); a later file shadows an earlier one for every
name or alias it defines, so a user row overrides the bundled rows of the same name.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

__all__ = [
    "ACTOR_COLUMNS",
    "Actor",
    "ActorRecord",
    "Country",
    "KnowledgeBase",
    "bundled_dir",
    "fuzzy_key",
    "load_actor_file",
    "load_countries",
    "norm",
]

ACTOR_COLUMNS = ("name", "aliases", "code", "sector", "country", "kind", "office", "role",
                 "start", "end", "qid", "gender", "note")

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-",
                         "\u2011": "-", "\u2013": "-", "\u2014": "-"})
_PARTICLE = re.compile(r"\b(?:al|el|ad|as|ash|an|ar|az|at)[- ]", re.I)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")


def norm(text: str) -> str:
    """Return ``text`` lower-cased with accents and typographic quotes folded (a match key)."""
    text = text.translate(_QUOTES)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.lower()


def fuzzy_key(name: str) -> str:
    """Return a spelling-tolerant key: no al-/el-, no punctuation, doubled letters collapsed.

    >>> fuzzy_key("Abdel Fattah al-Sissi") == fuzzy_key("Abdel Fattah el-Sisi")
    True
    """
    text = _PARTICLE.sub("", norm(name))
    text = _NON_ALNUM.sub("", text)
    return _DOUBLE.sub(r"\1", text)


def bundled_dir() -> Path:
    """Return the directory of the bundled actor data files."""
    return Path(__file__).resolve().parent.parent / "data" / "actors"


@dataclass(frozen=True)
class ActorRecord:
    """One row of an actor file: an actor holding one office (or none) over a date range."""

    name: str
    aliases: tuple[str, ...] = ()
    code: str | None = None
    sector: str | None = None
    country: str | None = None
    kind: str = "person"
    office: str | None = None
    role: str | None = None
    start: str | None = None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD), None = open
    end: str | None = None
    qid: str | None = None
    gender: str | None = None
    source: str = ""  # "file:line" of the row

    def covers(self, date: str | None) -> bool:
        """Return whether the row's date range includes ``date`` (any row covers ``None``)."""
        if date is None:
            return True
        if self.start and date < self.start:
            return False
        return not (self.end and date > _end_bound(self.end))


def _end_bound(end: str) -> str:
    if len(end) == 4:
        return end + "-12-31"
    if len(end) == 7:
        return end + "-31"
    return end


@dataclass
class Actor:
    """An actor (person, organisation or group) with every row that names it."""

    key: str
    name: str
    kind: str
    records: list[ActorRecord] = field(default_factory=list)
    gender: str | None = None

    @property
    def identifier(self) -> str | None:
        """The Wikidata QID of the actor when any row gives one."""
        for r in self.records:
            if r.qid:
                return r.qid
        return None

    def at(self, date: str | None, role: str | None = None,
           sector: str | None = None) -> tuple[ActorRecord, str]:
        """Return the row that applies on ``date`` and why it was chosen.

        With a date, the row whose range covers it wins (a matching ``role`` breaks ties); a
        date outside every range gives the latest earlier row (``former``) or, failing that,
        the earliest row. Without a date the latest row wins, or the latest with ``role``.
        """
        recs = sorted(self.records, key=lambda r: (r.start or "", r.end or "9999"))
        if date is None:
            if role:
                with_role = [r for r in recs if r.role == role]
                if with_role:
                    return with_role[-1], f"no article date: latest office with role {role}"
            if sector:
                with_sector = [r for r in recs if r.sector == sector]
                if with_sector:
                    return with_sector[-1], f"no article date: latest {sector} office (from the title)"
            open_ended = [r for r in recs if not r.end]
            return (open_ended or recs)[-1], "no article date: latest office"
        covering = [r for r in recs if r.covers(date)]
        if covering:
            if role:
                for r in covering:
                    if r.role == role:
                        return r, f"office held on {date} (role {role})"
            return covering[-1], f"office held on {date}"
        earlier = [r for r in recs if r.end and _end_bound(r.end) < date]
        if earlier:
            return earlier[-1], f"no office on {date}: former {earlier[-1].office or 'role'}"
        return recs[0], f"no office on {date}: earliest row"


@dataclass(frozen=True)
class Country:
    """A country with the names, demonyms and seats of government that refer to it."""

    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    seats: tuple[str, ...] = ()


def _split(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(p.strip() for p in str(value).split("|") if p.strip())


def _opt(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _record(row: dict[str, Any], source: str) -> ActorRecord:
    name = _opt(row.get("name"))
    if not name:
        raise ValueError(f"{source}: row without a name")
    return ActorRecord(
        name=name,
        aliases=_split(row.get("aliases")),
        code=_opt(row.get("code")),
        sector=_opt(row.get("sector")),
        country=_opt(row.get("country")),
        kind=_opt(row.get("kind")) or "person",
        office=_opt(row.get("office")),
        role=_opt(row.get("role")),
        start=_opt(row.get("start")),
        end=_opt(row.get("end")),
        qid=_opt(row.get("qid")),
        gender=_opt(row.get("gender")),
        source=source,
    )


def _read_tsv(path: Path) -> Iterable[tuple[dict[str, Any], int]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(i, ln) for i, ln in enumerate(fh, 1) if ln.strip() and not ln.startswith("#")]
    if not lines:
        return
    header = [h.strip().lstrip("# ") for h in lines[0][1].rstrip("\n").split("\t")]
    if "name" not in header:
        header = list(ACTOR_COLUMNS)
        body = lines
    else:
        body = lines[1:]
    for lineno, row in zip((i for i, _ in body), csv.reader((ln for _, ln in body), delimiter="\t",
                                                            quoting=csv.QUOTE_NONE), strict=True):
        yield dict(zip(header, row, strict=False)), lineno


def load_actor_file(path: str | Path) -> list[ActorRecord]:
    """Read actor rows from a TSV (header with at least ``name``) or YAML (a list of mappings) file."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"actor file not found: {path}")
    records: list[ActorRecord] = []
    if path.suffix.lower() in {".yaml", ".yml"}:
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(data, dict):
            data = data.get("actors", [])
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a list of actor mappings")
        for i, row in enumerate(data, 1):
            if not isinstance(row, dict):
                raise ValueError(f"{path}: item {i} is not a mapping")
            records.append(_record(row, f"{path.name}:{i}"))
        return records
    for row, lineno in _read_tsv(path):
        records.append(_record(row, f"{path.name}:{lineno}"))
    return records


def load_countries(path: str | Path) -> list[Country]:
    """Read ``countries.tsv`` (iso3, iso2, name, aliases, demonyms, capital, seats)."""
    out: list[Country] = []
    for row, _ in _read_tsv(Path(path)):
        iso3 = (row.get("iso3") or "").strip()
        if not iso3:
            continue
        out.append(Country(iso3=iso3, iso2=(row.get("iso2") or "").strip(), name=row["name"].strip(),
                           aliases=_split(row.get("aliases")), demonyms=_split(row.get("demonyms")),
                           capital=_opt(row.get("capital")), seats=_split(row.get("seats"))))
    return out


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


class KnowledgeBase:
    """Actors and countries indexed for look-up by exact (folded) name and by fuzzy key."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.by_name: dict[str, list[str]] = {}  # norm(name or alias) -> actor keys
        self.by_fuzzy: dict[str, list[str]] = {}  # fuzzy_key(full name) -> actor keys
        self.countries: dict[str, Country] = {}
        self.officeholders: dict[tuple[str, str], list[str]] = {}  # (country/code, role) -> keys
        self.full_names: dict[str, list[str]] = {}  # fuzzy_key(multi-word name or alias) -> keys

    # -- building -------------------------------------------------------------------------
    def add_countries(self, countries: Iterable[Country]) -> None:
        """Add (or replace) countries."""
        for c in countries:
            self.countries[c.iso3] = c

    def add_records(self, records: Sequence[ActorRecord]) -> None:
        """Add the rows of one file; its names shadow the same names from earlier files."""
        groups: dict[str, list[ActorRecord]] = {}
        for r in records:
            groups.setdefault(self._key(r), []).append(r)
        earlier = set(self.actors)
        same = self.full_names
        for key, rows in groups.items():
            names = {norm(_strip_the(n)) for r in rows for n in (r.name, *r.aliases)}
            # an earlier actor sharing a full name (spelling-tolerant) is the same actor: replaced
            for n in names:
                if " " in n:
                    for old in list(same.get(fuzzy_key(n), ())):
                        if old != key and old in earlier:
                            self._forget(old)
            # a later file shadows earlier files: the name now means this actor only, and an
            # earlier actor whose canonical name is redefined is dropped altogether
            for n in names:
                olds = [k for k in self.by_name.get(n, []) if k in earlier]
                for old in olds:
                    self.by_name[n].remove(old)
                    if old in self.actors and norm(_strip_the(self.actors[old].name)) in names:
                        self._forget(old)
            if key in earlier:
                self._forget(key)
            gender = next((r.gender for r in rows if r.gender), None)
            actor = Actor(key=key, name=rows[0].name, kind=rows[0].kind, records=list(rows), gender=gender)
            self.actors[key] = actor
            for n in {actor.name, *(a for r in rows for a in r.aliases)}:
                if " " in n.strip():
                    self.full_names.setdefault(fuzzy_key(n), []).append(key)
            for n in names:
                self.by_name.setdefault(n, []).append(key)
            self.by_fuzzy.setdefault(fuzzy_key(actor.name), []).append(key)
            for r in rows:
                if r.role:
                    where = (r.code if r.role == "org" else r.country or r.code) or ""
                    self.officeholders.setdefault((where, r.role), []).append(key)

    @staticmethod
    def _key(r: ActorRecord) -> str:
        return r.qid or f"{r.kind}:{norm(r.name)}"

    def _forget(self, key: str) -> None:
        actor = self.actors.pop(key, None)
        if actor is None:
            return
        names = {norm(_strip_the(n)) for n in (actor.name, *(a for r in actor.records for a in r.aliases))}
        lists = [self.by_name.get(n, []) for n in names]
        lists.append(self.by_fuzzy.get(fuzzy_key(actor.name), []))
        lists.extend(self.officeholders.values())
        for lst in lists:
            while key in lst:
                lst.remove(key)

    # -- look-up --------------------------------------------------------------------------
    def find(self, name: str) -> list[Actor]:
        """Return actors named ``name`` exactly (folded), else by fuzzy key."""
        keys = self.by_name.get(norm(_strip_the(name).strip())) or self.by_fuzzy.get(fuzzy_key(name)) or []
        return [self.actors[k] for k in dict.fromkeys(keys) if k in self.actors]

    def holder(self, where: str, role: str, date: str | None) -> tuple[Actor, ActorRecord] | None:
        """Return who held ``role`` (hos, hog, fm, dm, intel, org) in ``where`` on ``date``."""
        best: tuple[Actor, ActorRecord] | None = None
        for key in self.officeholders.get((where, role), []):
            actor = self.actors.get(key)
            if actor is None:
                continue
            for r in actor.records:
                if r.role != role:
                    continue
                if date is None:
                    if r.end is None and (best is None or (r.start or "") > (best[1].start or "")):
                        best = (actor, r)
                elif r.covers(date) and (best is None or (r.start or "") > (best[1].start or "")):
                    best = (actor, r)
        return best

    def with_user_override(self, records: Sequence[ActorRecord]) -> KnowledgeBase:
        """Return a shallow copy with ``records`` applied on top (used by tests and the CLI)."""
        kb = KnowledgeBase()
        kb.countries = dict(self.countries)
        kb.actors = {k: replace_actor(a) for k, a in self.actors.items()}
        kb.by_name = {k: list(v) for k, v in self.by_name.items()}
        kb.by_fuzzy = {k: list(v) for k, v in self.by_fuzzy.items()}
        kb.officeholders = {k: list(v) for k, v in self.officeholders.items()}
        kb.full_names = {k: list(v) for k, v in self.full_names.items()}
        kb.add_records(records)
        return kb


def replace_actor(actor: Actor) -> Actor:
    """Return a copy of ``actor`` with its own record list."""
    return replace(actor, records=list(actor.records))
