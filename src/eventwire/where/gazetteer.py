"""The gazetteer: look up place candidates by folded name in the cached SQLite index."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from .build import FULL, PREFIX, build_index, index_hash
from .normalize import fold, strip_article

__all__ = ["Candidate", "Gazetteer", "data_dir", "load_gazetteer", "own_name"]

log = logging.getLogger("eventwire.where")

_CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    id: int
    name: str
    lat: float | None
    lon: float | None
    country_code: str | None  # ISO alpha-3
    admin1: str | None
    feature_class: str
    feature_code: str
    population: int
    kind: str  # country, curated, admin1, admin2, city
    geonameid: int | None
    admin1code: str | None



def own_name(c: Candidate, key: str) -> bool:
    """Whether ``key`` is the candidate's own name, not one of its alternate names (a leading article aside)."""
    return strip_article(fold(c.name)) == key

def data_dir() -> Path:
    """Return the folder of the bundled where-data files."""
    return Path(__file__).resolve().parent.parent / "data" / "where"


class Gazetteer:
    """Read-only access to the index: key flags and candidates, memoised per process."""

    def __init__(self, path: Path, build_seconds: float = 0.0) -> None:
        self.path = path
        self.build_seconds = build_seconds
        self._local = threading.local()
        self._flags: dict[str, int] = {}
        self._cands: dict[str, tuple[Candidate, ...]] = {}
        self._middles: dict[tuple[str, str | None], tuple[float, float]] | None = None

    def __getstate__(self) -> dict[str, object]:
        # worker processes reopen the file; connections and memo tables stay behind
        return {"path": self.path, "build_seconds": self.build_seconds}

    def __setstate__(self, state: dict[str, object]) -> None:
        path, seconds = state["path"], state["build_seconds"]
        assert isinstance(path, Path) and isinstance(seconds, float)
        self.__init__(path, seconds)  # type: ignore[misc]

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def flags(self, key: str) -> int:
        """Return ``FULL`` if ``key`` names a place, ``PREFIX`` if it starts a longer name (or both)."""
        hit = self._flags.get(key)
        if hit is None:
            row = self._con().execute("SELECT flags FROM keys WHERE key=?", (key,)).fetchone()
            hit = row[0] if row else 0
            if len(self._flags) > _CACHE_LIMIT:
                self._flags.clear()
            self._flags[key] = hit
        return hit

    def is_name(self, key: str) -> bool:
        """Whether ``key`` is the folded name of at least one place."""
        return bool(self.flags(key) & FULL)

    def is_prefix(self, key: str) -> bool:
        """Whether ``key`` is the first word(s) of a longer place name."""
        return bool(self.flags(key) & PREFIX)

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        """Return the places named ``key``, most prominent first (at most 60)."""
        hit = self._cands.get(key)
        if hit is None:
            if not self.is_name(key):
                hit = ()
            else:
                rows = self._con().execute(
                    "SELECT p.id, p.name, p.lat, p.lon, p.cc3, p.admin1, p.fclass, p.fcode, p.population, p.kind, "
                    "p.geonameid, p.admin1code FROM names n JOIN places p ON p.id = n.place WHERE n.key=? "
                    "ORDER BY CASE p.kind WHEN 'country' THEN 0 WHEN 'curated' THEN 1 WHEN 'admin1' THEN 2 "
                    "WHEN 'admin2' THEN 3 ELSE 4 END, p.population DESC LIMIT 60",
                    (key,),
                ).fetchall()
                hit = tuple(Candidate(*r) for r in rows)
            if len(self._cands) > _CACHE_LIMIT:
                self._cands.clear()
            self._cands[key] = hit
        return hit

    def country(self, iso3: str) -> Candidate | None:
        """Return the country entry of an ISO alpha-3 code (None if unknown)."""
        key = f"\x00country:{iso3}"
        hit = self._cands.get(key)
        if hit is None:
            rows = self._con().execute(
                "SELECT id, name, lat, lon, cc3, admin1, fclass, fcode, population, kind, geonameid, admin1code "
                "FROM places WHERE kind = 'country' AND cc3 = ? LIMIT 1", (iso3,)).fetchall()
            hit = tuple(Candidate(*r) for r in rows)
            self._cands[key] = hit
        return hit[0] if hit else None

    def populated_middle(self, name: str, iso3: str | None) -> tuple[float, float] | None:
        """The middle of a first-level division's towns, where its point is its geographic middle (None if the same).

        "Queensland" is put at its geographic middle; an event known only to lie in Queensland most
        likely happened where its people live, so event location uses this point instead.
        """
        if self._middles is None:  # a few thousand rows, read once: places has no index on names
            self._middles = {}
            for n, cc3, lat, lon in self._con().execute(
                    "SELECT p.name, p.cc3, m.lat, m.lon FROM middles m JOIN places p ON p.id = m.place "
                    "WHERE p.kind = 'admin1' ORDER BY p.id"):
                self._middles.setdefault((n, cc3), (lat, lon))
        return self._middles.get((name, iso3))

    def stats(self) -> dict[str, int]:
        """Return the number of places, names and keys in the index."""
        return {k: int(v) for k, v in self._con().execute("SELECT k, v FROM meta")}


_LOADED: dict[tuple[str, ...], Gazetteer] = {}
_LOCK = threading.Lock()


def load_gazetteer(settings: Settings) -> Gazetteer:
    """Open the index for these settings, building it first if no cached copy exists (once per process)."""
    bundled = [data_dir() / "conflict_places.tsv", data_dir() / "divisions.tsv"]
    curated = bundled + [Path(p) for p in settings.places_files]
    centroids = data_dir() / "country_centroids.tsv"
    aliases = data_dir() / "country_aliases.tsv"
    key = (settings.cache_dir, *map(str, curated))
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        digest = index_hash([centroids, aliases, data_dir() / "english_common.txt", *curated])
        path = Path(settings.cache_dir) / "where" / f"gazetteer-{digest}.sqlite"
        seconds = 0.0
        if not path.exists():
            log.info("building the gazetteer index at %s (once)", path)
            t0 = time.perf_counter()
            build_index(path, centroids, curated, aliases)
            seconds = time.perf_counter() - t0
        gaz = Gazetteer(path, build_seconds=seconds)
        _LOADED[key] = gaz
        return gaz
