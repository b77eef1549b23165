"""What the API's filters accept: PLOVER types, modes and countries, and the codebook they come from.

Event types and modes come from ``data/events/types.yaml`` (old draft names are accepted through
its aliases); definitions from ``data/events/codebook.yaml``; countries are ISO 3166-1 alpha-3
codes from pycountry (plus ``XKX``, Kosovo), also accepted by name (``Ukraine``) or alpha-2.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..intensity import goldstein_scale

__all__ = ["codebook", "country_code", "country_name", "event_aliases", "event_types"]

_EXTRA_COUNTRIES = {"XKX": "Kosovo"}  # used by PLOVER, not in ISO 3166-1


def _data(name: str) -> Any:
    text = resources.files("eventwire").joinpath("data", "events", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def _types() -> dict[str, Any]:
    data: dict[str, Any] = _data("types.yaml")
    return data


def event_types() -> tuple[str, ...]:
    """Return the PLOVER 2.0 event types in codebook order."""
    return tuple(_types()["types"])


def event_aliases() -> dict[str, str]:
    """Return old draft names -> PLOVER 2.0 types (DEMAND -> REQUEST, ...)."""
    return dict(_types().get("aliases") or {})


@cache
def _countries() -> dict[str, str]:
    import pycountry

    out = {c.alpha_3: c.name for c in pycountry.countries}
    out.update(_EXTRA_COUNTRIES)
    return out


def country_name(code: str | None) -> str | None:
    """Return the name of an alpha-3 code (None when unknown)."""
    return _countries().get(code or "")


def country_code(value: str) -> str | None:
    """Return the alpha-3 code of a code, alpha-2 code or country name, or None when unknown."""
    text = value.strip()
    upper = text.upper()
    countries = _countries()
    if upper in countries:
        return upper
    for code, name in _EXTRA_COUNTRIES.items():
        if name.lower() == text.lower():
            return code
    import pycountry

    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return str(found.alpha_3)


@cache
def codebook() -> dict[str, Any]:
    """Return the codebook of ``GET /v1/codebook``: types (quad, CAMEO root, intensity, modes), quads, aux modes, contexts, countries."""
    book = _data("codebook.yaml")
    scale = goldstein_scale()
    types = []
    for name, info in _types()["types"].items():
        modes = book.get("modes", {}).get(name, {})
        types.append({
            "event": name, "quad": info["quad"], "cameo_root": info["cameo"],
            "intensity": scale.get(info["cameo"]), "definition": book["types"].get(name, ""),
            "modes": [{"mode": m, "definition": modes.get(m, "")} for m in info.get("modes") or []],
        })
    return {
        "types": types,
        "aliases": event_aliases(),
        "quads": [{"quad": int(q), **v} for q, v in book["quads"].items()],
        "aux_modes": [{"aux_mode": k, "definition": v} for k, v in book["aux_modes"].items()],
        "contexts": [{"context": k, "definition": v} for k, v in book["contexts"].items()],
        "countries": [{"code": c, "name": n} for c, n in sorted(_countries().items())],
        "intensity": "Goldstein (1992) value of the event's CAMEO root, -10 (most conflictual) to +10 "
                     "(most cooperative); source in data/events/goldstein.json",
    }
