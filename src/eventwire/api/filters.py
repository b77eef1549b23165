"""Event filters from query parameters, turned into parameterised SQL.

User input never becomes SQL text: every value is bound as a ``?`` parameter, and the only
identifiers that vary (sort columns) come from the :data:`SORTS` whitelist.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import HTTPException, Query

from .vocab import country_code, event_aliases, event_types

__all__ = ["ACTOR_KEY", "PARTY_KEYS", "SORTS", "EventFilters", "Where", "decode_cursor", "encode_cursor", "event_filters"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
_MAX_LIST = 50
_MAX_TEXT = 200

# The day an event's date stands for: month and year precision count as their first day.
DAY_KEY = "(CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END)"

# The key naming an actor (recipient) entity, as the actors table, the network and the ``party``
# filter name it: its canonical name, else its code and sector; code and sector also when the
# "name" is only the generic words that were resolved ("people", "civilians": SDN CVL). An entity
# without a code ("people", "both sides", "countries", "its troops" unresolved) has no key and
# is no actor of the network.
ACTOR_KEY = ("CASE WHEN {code} IS NULL THEN NULL "
             "WHEN {name} IS NULL OR ({sector} IS NOT NULL AND lower({name}) = lower({words})) "
             "THEN concat_ws(' ', {code}, {sector}) ELSE {name} END")
PARTY_KEYS = "list_transform(range(1, len({role}_codes) + 1), lambda i: " + ACTOR_KEY.format(
    code="{role}_codes[i]", name="{role}_names[i]", sector="{role}_sectors[i]", words="{role}_texts[i]") + ")"

# name -> (SQL expression, value for NULLs so keyset pagination stays total)
SORTS: dict[str, tuple[str, Any]] = {
    "date": ("coalesce(date, '')", ""),
    "event": ("event", ""),
    "quad_code": ("coalesce(quad_code, 0)", 0),
    "confidence": ("coalesce(confidence, -1.0)", -1.0),
    "article_id": ("article_id", ""),
    "article_date": ("coalesce(article_date, '')", ""),
    "country_code": ("coalesce(country_code, '')", ""),
    "id": ("id", ""),
}


def _bad(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


def _list(name: str, raw: str | None, upper: bool = False, pattern: re.Pattern[str] | None = _CODE) -> list[str]:
    if not raw:
        return []
    items = [p.strip() for p in raw.split(",") if p.strip()]
    if len(items) > _MAX_LIST:
        raise _bad(f"{name}: at most {_MAX_LIST} comma-separated values")
    for item in items:
        if pattern is not None and not pattern.match(item):
            raise _bad(f"{name}: {item[:40]!r} is not a valid code (letters, digits, - and _ only)")
    return [i.upper() for i in items] if upper else items


def _text(name: str, raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    if len(raw) > _MAX_TEXT:
        raise _bad(f"{name}: at most {_MAX_TEXT} characters")
    return raw.strip()


def _like(text: str) -> str:
    """Return a LIKE pattern matching ``text`` anywhere (with ``\\`` escaping % and _)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class Where:
    """A WHERE clause under construction: SQL fragments with their bound parameters."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, sql: str, *params: Any) -> None:
        """Add one condition; its ``?`` placeholders take ``params`` in order."""
        self.clauses.append(sql)
        self.params.extend(params)

    def sql(self) -> str:
        """Return ``WHERE ...`` (or an empty string)."""
        return ("WHERE " + " AND ".join(f"({c})" for c in self.clauses)) if self.clauses else ""


@dataclass
class EventFilters:
    """Every filter of ``GET /v1/events`` (also used by the map, stats, actors and network)."""

    date_from: str | None = None
    date_to: str | None = None
    event: list[str] = field(default_factory=list)
    mode: list[str] = field(default_factory=list)
    quad: list[int] = field(default_factory=list)
    actor: str | None = None
    actor_code: list[str] = field(default_factory=list)
    actor_name: str | None = None
    actor_sector: list[str] = field(default_factory=list)
    recipient: str | None = None
    recipient_code: list[str] = field(default_factory=list)
    recipient_name: str | None = None
    recipient_sector: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = None
    aux_mode: str | None = None
    q: str | None = None
    article_id: str | None = None
    ids: list[str] = field(default_factory=list)
    actor_country: list[str] = field(default_factory=list)
    recipient_country: list[str] = field(default_factory=list)
    dyad: list[tuple[str, str]] = field(default_factory=list)
    party: str | None = None
    party_country: list[str] = field(default_factory=list)
    unique: bool = False
    political: str = "true"  # true: political events only (rows stored before the relevance stage count); false; any

    def scan(self, extra: Where | None = None) -> tuple[str, list[Any]]:
        """Return ``FROM ... WHERE ...`` and its parameters selecting the matching events.

        With ``unique`` only the first event (by day, then id) of each cluster among the
        matching ones is kept; ``extra`` conditions apply after that choice.
        """
        where = self.where()
        if not self.unique:
            if extra is not None:
                where.clauses += extra.clauses
                where.params += extra.params
            return f"FROM events {where.sql()}", where.params
        inner = (
            f"(SELECT * FROM events {where.sql()} QUALIFY row_number() OVER "
            f"(PARTITION BY coalesce(cluster_id, id) ORDER BY {DAY_KEY} NULLS LAST, id) = 1) AS events"
        )
        outer = extra or Where()
        return f"FROM {inner} {outer.sql()}", [*where.params, *outer.params]

    def unit(self) -> str:
        """The SQL naming what a count counts: the event, or with ``unique`` its cluster.

        Counts of parties and country pairs use it over every matching event (``unique``
        off in :meth:`scan`), so a node's count equals the unique events its filter lists.
        """
        return "coalesce(cluster_id, id)" if self.unique else "id"

    def where(self) -> Where:
        """Return the conditions on the ``events`` table for these filters."""
        w = Where()
        if self.date_from:
            w.add(f"{DAY_KEY} >= ?", self.date_from)
        if self.date_to:
            w.add(f"{DAY_KEY} <= ?", _date_to_upper(self.date_to))
        if self.event:
            w.add("event IN (SELECT unnest(?::VARCHAR[]))", self.event)
        if self.mode:
            w.add("lower(mode) IN (SELECT unnest(?::VARCHAR[]))", [m.lower() for m in self.mode])
        if self.quad:
            w.add("quad_code IN (SELECT unnest(?::INTEGER[]))", self.quad)
        for role, who, codes, name, sectors in (
            ("actor", self.actor, self.actor_code, self.actor_name, self.actor_sector),
            ("recipient", self.recipient, self.recipient_code, self.recipient_name, self.recipient_sector),
        ):
            if who:
                # a code (exact, any case) or a substring of a canonical name or mention text
                w.add(
                    f"list_contains({role}_codes, ?) OR "
                    f"array_to_string(list_concat({role}_names, {role}_texts), chr(31)) ILIKE ? ESCAPE '\\'",
                    who.upper(), _like(who),
                )
            if codes:
                w.add(f"list_has_any({role}_codes, ?::VARCHAR[])", codes)
            if name:
                w.add(
                    f"array_to_string(list_concat({role}_names, {role}_texts), chr(31)) ILIKE ? ESCAPE '\\'",
                    _like(name),
                )
            if sectors:
                w.add(f"list_has_any({role}_sectors, ?::VARCHAR[])", sectors)
        if self.country:
            w.add("country_code IN (SELECT unnest(?::VARCHAR[]))", self.country)
        if self.bbox:
            west, south, east, north = self.bbox
            w.add("lat BETWEEN ? AND ?", south, north)
            if west <= east:
                w.add("lon BETWEEN ? AND ?", west, east)
            else:  # the box crosses the antimeridian
                w.add("lon >= ? OR lon <= ?", west, east)
        if self.aux_mode == "none":
            w.add("len(coalesce(aux_mode, []::VARCHAR[])) = 0")
        elif self.aux_mode == "any":
            w.add("len(coalesce(aux_mode, []::VARCHAR[])) > 0")
        elif self.aux_mode:
            w.add("list_contains(aux_mode, ?)", self.aux_mode)
        if self.q:
            w.add("text ILIKE ? ESCAPE '\\'", _like(self.q))
        if self.article_id:
            w.add("article_id = ?", self.article_id)
        if self.ids:
            w.add("id IN (SELECT unnest(?::VARCHAR[]))", self.ids)
        if self.actor_country:
            w.add("list_has_any(actor_countries, ?::VARCHAR[])", self.actor_country)
        if self.recipient_country:
            w.add("list_has_any(recipient_countries, ?::VARCHAR[])", self.recipient_country)
        if self.dyad:
            either = "(list_contains(actor_countries, ?) AND list_contains(recipient_countries, ?))"
            w.add(" OR ".join([either, either] * len(self.dyad)),
                  *[c for a, b in self.dyad for c in (a, b, b, a)])
        if self.party_country:
            w.add("list_has_any(list_concat(actor_countries, recipient_countries), ?::VARCHAR[])", self.party_country)
        if self.party:
            keys = f"list_concat({PARTY_KEYS.format(role='actor')}, {PARTY_KEYS.format(role='recipient')})"
            w.add(f"list_contains({keys}, ?)", self.party)
        if self.political == "true":
            w.add("political IS NOT FALSE")
        elif self.political == "false":
            w.add("political IS FALSE")
        return w


def _date_to_upper(value: str) -> str:
    """Return the last day-key covered by a ``date_to`` of any precision."""
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        return value + "-31"
    return value


def _date(name: str, raw: str | None) -> str | None:
    if not raw:
        return None
    if not _DATE.match(raw):
        raise _bad(f"{name}: expected YYYY-MM-DD (or YYYY-MM, YYYY), got {raw[:40]!r}")
    try:
        dt.date.fromisoformat(raw if len(raw) == 10 else (raw + "-01-01")[:10])
    except ValueError:
        raise _bad(f"{name}: {raw!r} is not a real date (no such month or day)") from None
    return raw


def _events(raw: str | None) -> list[str]:
    """Return the PLOVER types of a comma-separated list (old draft names accepted); 422 on others."""
    known = set(event_types())
    aliases = event_aliases()
    out = []
    for item in _list("event", raw, upper=True):
        name = aliases.get(item, item)
        if name not in known:
            raise _bad(f"event: {item[:40]!r} is not a PLOVER event type; valid types: {', '.join(event_types())}")
        if name not in out:
            out.append(name)
    return out


def _countries(name: str, raw: str | None) -> list[str]:
    """Return ISO alpha-3 codes from codes, alpha-2 codes or country names; 422 on others."""
    if not raw:
        return []
    out = []
    for item in _list(name, raw, pattern=re.compile(r"^[\w .'(),-]{2,60}$")):
        code = country_code(item)
        if code is None:
            raise _bad(f"{name}: {item[:40]!r} is not a country: use an ISO 3166-1 alpha-3 code or a country "
                       "name (UKR or Ukraine; the valid codes are listed by GET /v1/codebook)")
        out.append(code)
    return out


def _dyads(raw: str | None) -> list[tuple[str, str]]:
    out = []
    for item in _list("dyad", raw, pattern=None):
        parts = item.split("-")
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise _bad(f"dyad: expected two countries joined by '-', e.g. RUS-UKR; got {item[:40]!r}")
        a, b = (_countries("dyad", p.strip())[0] for p in parts)
        out.append((a, b))
    return out


def _bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    if not raw:
        return None
    parts = raw.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise _bad("bbox: expected four numbers west,south,east,north (degrees), e.g. 29,22,37,33") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise _bad("bbox: longitudes must be within -180..180, latitudes within -90..90, south <= north")
    return west, south, east, north


_AUX = {"none", "any", "historical", "future", "hypothetical", "negation"}
_POLITICAL = {"true", "false", "any"}


def event_filters(
    date_from: Annotated[str | None, Query(description="events on or after this day (YYYY-MM-DD, YYYY-MM or YYYY)")] = None,
    date_to: Annotated[str | None, Query(description="events on or before this day (inclusive)")] = None,
    event: Annotated[str | None, Query(description="PLOVER event types, comma-separated (ASSAULT,PROTEST)")] = None,
    mode: Annotated[str | None, Query(description="PLOVER modes, comma-separated (visit)")] = None,
    quad: Annotated[str | None, Query(description="quad classes 1-4, comma-separated")] = None,
    actor: Annotated[str | None, Query(description="actor code (exact) or part of an actor's name or words")] = None,
    actor_code: Annotated[str | None, Query(description="actor codes, comma-separated (EGY,USA)")] = None,
    actor_name: Annotated[str | None, Query(description="part of an actor's canonical name or words")] = None,
    actor_sector: Annotated[str | None, Query(description="actor sectors, comma-separated (GOV,MIL)")] = None,
    recipient: Annotated[str | None, Query(description="recipient code (exact) or part of a name")] = None,
    recipient_code: Annotated[str | None, Query(description="recipient codes, comma-separated")] = None,
    recipient_name: Annotated[str | None, Query(description="part of a recipient's name or words")] = None,
    recipient_sector: Annotated[str | None, Query(description="recipient sectors, comma-separated")] = None,
    country: Annotated[str | None, Query(description="event location country (ISO alpha-3), comma-separated")] = None,
    bbox: Annotated[str | None, Query(description="event location within west,south,east,north (degrees)")] = None,
    aux_mode: Annotated[str | None, Query(description="none (real, current events only), any, historical, future, hypothetical or negation")] = None,
    q: Annotated[str | None, Query(description="words in the event's sentence (case-insensitive)")] = None,
    article_id: Annotated[str | None, Query(description="events of one article")] = None,
    id: Annotated[str | None, Query(description="event ids, comma-separated (at most 50)")] = None,
    actor_country: Annotated[str | None, Query(description="countries of the actors (ISO alpha-3 or names), comma-separated")] = None,
    recipient_country: Annotated[str | None, Query(description="countries of the recipients, comma-separated")] = None,
    dyad: Annotated[str | None, Query(description="country pairs in either direction, e.g. RUS-UKR (comma-separated)")] = None,
    party: Annotated[str | None, Query(description="an actor as the network and actors table name it, in either role")] = None,
    party_country: Annotated[str | None, Query(description="countries of the actors or recipients, comma-separated")] = None,
    unique: Annotated[bool, Query(description="one event per cross-story cluster (the same event told by several stories counts once)")] = False,
    political: Annotated[str | None, Query(description="true (default: political event data only), false or any")] = None,
) -> EventFilters:
    """FastAPI dependency: validate the filter query parameters into :class:`EventFilters`."""
    quads: list[int] = []
    for item in _list("quad", quad, pattern=None):
        if item not in {"1", "2", "3", "4"}:
            raise _bad(f"quad: expected 1, 2, 3 or 4, got {item[:20]!r}")
        quads.append(int(item))
    aux = _text("aux_mode", aux_mode)
    if aux is not None:
        aux = aux.lower()
        if aux not in _AUX:
            raise _bad(f"aux_mode: expected one of {', '.join(sorted(_AUX))}")
    pol = (_text("political", political) or "true").lower()
    if pol not in _POLITICAL:
        raise _bad(f"political: expected one of {', '.join(sorted(_POLITICAL))}")
    return EventFilters(
        political=pol,
        date_from=_date("date_from", date_from),
        date_to=_date("date_to", date_to),
        event=_events(event),
        mode=_list("mode", mode),
        quad=quads,
        actor=_text("actor", actor),
        actor_code=_list("actor_code", actor_code, upper=True),
        actor_name=_text("actor_name", actor_name),
        actor_sector=_list("actor_sector", actor_sector, upper=True),
        recipient=_text("recipient", recipient),
        recipient_code=_list("recipient_code", recipient_code, upper=True),
        recipient_name=_text("recipient_name", recipient_name),
        recipient_sector=_list("recipient_sector", recipient_sector, upper=True),
        country=_countries("country", country),
        bbox=_bbox(bbox),
        aux_mode=aux,
        q=_text("q", q),
        article_id=_text("article_id", article_id),
        ids=_list("id", id, pattern=re.compile(r"^[A-Za-z0-9:_.-]{1,128}$")),
        actor_country=_countries("actor_country", actor_country),
        recipient_country=_countries("recipient_country", recipient_country),
        dyad=_dyads(dyad),
        party=_text("party", party),
        party_country=_countries("party_country", party_country),
        unique=unique,
    )


def encode_cursor(sort: str, key: Any, event_id: str) -> str:
    """Return an opaque cursor for the page after the row with (``key``, ``event_id``)."""
    raw = json.dumps({"s": sort, "k": key, "i": event_id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    """Return (key, event id) from a cursor made by :func:`encode_cursor` for the same sort."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        key, event_id, made_for = data["k"], data["i"], data["s"]
    except (ValueError, KeyError, TypeError):
        raise _bad("cursor: not a cursor returned by this API (start again without it)") from None
    if made_for != sort:
        raise _bad("cursor: it was made for another sort order; start again without a cursor")
    if not isinstance(event_id, str) or not isinstance(key, (str, int, float)) or isinstance(key, bool):
        raise _bad("cursor: not a cursor returned by this API")
    return key, event_id
