"""Score one event per ACLED note against ACLED's own coding (``eventwire eval --task acled``).

Each gold line (``acled_dev.jsonl`` format) is one event report with ACLED's coding under
``gold``. The pipeline runs on the note with the line's stand-in publication date; the note's
event is the most confident *real* event coded from it (aux mode neither ``negation`` nor
``hypothetical``). A note with no such event counts as wrong on every measure.

Measures: event type and mode against ``plover_event``/``plover_mode`` (notes whose gold has
one); event date against ``event_date`` (all notes and those with ``time_precision`` 1); event
country against ``country_iso3``; distance from the event place to the gold coordinates (within
25 km, within 100 km, median over located events); actor kind against ``inter1``; fatalities
against ``fatalities`` on ASSAULT reports once events carry that field. Each measure has a
trivial-answer baseline so that a reader sees what the pipeline adds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..records import Annotation, Article, Event, Failure
from .common import Accuracy, gold_lines
from .geometry import haversine_km, median

__all__ = ["AcledNote", "acled_kind", "chosen_event", "first_written_date", "read_acled", "score_acled"]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_WRITTEN_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})\b", re.IGNORECASE)
_UNREAL = frozenset({"negation", "hypothetical"})
_STATE = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
_ARMED_STATE = frozenset({"MIL", "COP", "SPY"})
_REBEL = frozenset({"REB", "IMG", "INS", "SEP"})
# PRM (paramilitary, state-allied militias: "Pyu Saw Htee", "Civilian JTF", "Giants Brigades") is
# ACLED's political militia (3, "pro-government militias"), not a state force: ACLED's state
# forces are the recognised military and police. UAF (armed men of unknown allegiance) and CRM
# (gangs) are its unidentified armed groups and gangs, also 3.
_MILITIA = frozenset({"UAF", "CRM", "PRM"})
# Civil society: civilians, workers, students, farmers, doctors, business people, clergy,
# journalists, opposition activists, refugees.
_CIVIL = frozenset({"CVL", "LAB", "EDU", "AGR", "MED", "BUS", "REL", "JRN", "OPP", "REF"})
_VIOLENT = frozenset({"ASSAULT", "COERCE"})
_DISPLACED = frozenset({"AID", "RETREAT", "MOBILIZE"})
# A transnational militarised group (code IMG: Islamic State, al-Qaeda, JNIM) carries no sector;
# ACLED codes such groups as rebels (2).
_REBEL_CODES = frozenset({"IMG"})


@dataclass(frozen=True)
class AcledNote:
    """One ACLED note: the article to run and ACLED's coding of it."""

    article: Article
    gold: dict[str, Any]


def read_acled(path: str | Path) -> list[AcledNote]:
    """Read ACLED notes (JSONL lines with ``id``, ``text``, ``date`` and ``gold``)."""
    return [AcledNote(Article(text=d["text"], id=str(d["id"]), date=d.get("date"), position=f"{path}:{n}"),
                      dict(d.get("gold") or {}))
            for n, d in gold_lines(path)]


def first_written_date(text: str) -> str | None:
    """The first "3 January 2022"-style date in ``text`` as ISO (the keyword baseline), or None."""
    m = _WRITTEN_DATE.search(text)
    if not m:
        return None
    return f"{int(m.group(3)):04d}-{_MONTHS.index(m.group(2).lower()) + 1:02d}-{int(m.group(1)):02d}"


def chosen_event(ann: Annotation | Failure) -> Event | None:
    """The most confident real event of a note (earliest on ties), or None."""
    if isinstance(ann, Failure):
        return None
    real = [e for e in ann.events if not (_UNREAL & set(e.aux_mode))]
    if not real:
        return None
    return max(real, key=lambda e: (e.confidence, -e.span[0]))


def acled_kind(ev: Event) -> int | None:
    """Map an event's first coded actor to an ACLED actor kind (``inter1``: 1..8), or None.

    1 state forces (a state sector of the event's own country: its place's, else its first
    recipient's), 8 external forces (a state sector of another country), 2 rebels, 3 political militias (unidentified armed groups,
    gangs, paramilitaries), 4 identity militias, 5 rioters and 6 protesters (the actors of a
    PROTEST event, by its mode, unless armed state forces or rebels; civil-society sectors
    acting violently are rioters, otherwise protesters), 7 civilians (only when displaced or
    aided); an IMG group without a sector is a rebel. An approximation: ACLED's kinds are not
    PLOVER sectors.
    """
    here = ev.event_loc.country_code if ev.event_loc is not None else None
    if here is None:
        # no place coded: an act happens where its target is ("Russian forces shelled Bakhmut")
        here = next((c for r in ev.recipient if (c := r.country or (r.code if r.code and len(r.code) == 3
                                                                      else None))), None)
    for ent in ev.actor:
        sector = ent.sector
        if ev.event == "PROTEST" and sector not in _ARMED_STATE | _REBEL:
            # lawyers (JUD), deputies (LEG) or officials (GOV) who demonstrate are protesters to ACLED
            return 5 if ev.mode == "riot" else 6
        if sector in _STATE:
            country = ent.country or (ent.code if ent.code and len(ent.code) == 3 else None)
            if here and country and country != here:
                return 8
            return 1
        if sector in _REBEL or (sector is None and ent.code in _REBEL_CODES):
            return 2
        if sector in _MILITIA:
            return 3
        if sector == "ETH":
            return 4
        if sector in _CIVIL:
            # civilians who act are, to ACLED, rioters when violent and protesters otherwise;
            # its "civilians" kind is almost only ever a victim (inter2) or people displaced
            if ev.event in _VIOLENT:
                return 5
            return 7 if ev.event in _DISPLACED else 6
    if ev.event == "PROTEST":
        return 5 if ev.mode == "riot" else 6
    return None


def _fatalities(ev: Event | None) -> int | None:
    return ev.fatalities if ev is not None else None


def score_acled(items: Sequence[tuple[AcledNote, Annotation | Failure]],
                centroids: dict[str, tuple[float, float]] | None = None,
                errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Return the ``acled`` figures for notes paired with their annotations.

    ``centroids`` (ISO alpha-3 -> lat, lon) feed the country-centroid baseline; ``errors``, when
    given, receives one dict per note with any wrong measure (the sentence, gold and output).
    """
    acc = {k: Accuracy() for k in ("has_event", "type", "mode", "date", "date_day", "country", "within_25km",
                               "within_100km", "actor_kind", "fatalities")}
    base = {k: Accuracy() for k in ("type", "date", "date_day", "date_keyword", "within_25km", "within_100km", "fatalities")}
    dists: list[float] = []
    base_dists: list[float] = []
    types = Counter(n.gold.get("plover_event") for n, _ in items if n.gold.get("plover_event"))
    top_type = types.most_common(1)[0][0] if types else None
    for note, ann in items:
        g = note.gold
        ev = chosen_event(ann)
        wrong: list[str] = []

        def add(key: str, ok: bool, wrong: list[str] = wrong) -> None:
            acc[key].add(ok)
            if not ok:
                wrong.append(key)

        add("has_event", ev is not None)
        if g.get("plover_event"):
            add("type", ev is not None and ev.event == g["plover_event"])
            base["type"].add(top_type == g["plover_event"])
        if g.get("plover_mode"):
            add("mode", ev is not None and ev.event == g.get("plover_event") and ev.mode == g["plover_mode"])
        gdate = g.get("event_date")
        if gdate:
            ok = ev is not None and ev.date == gdate
            add("date", ok)
            base["date"].add(note.article.date == gdate)
            base["date_keyword"].add(first_written_date(note.article.text) == gdate)
            if g.get("time_precision") == 1:
                add("date_day", ok)
                base["date_day"].add(note.article.date == gdate)
        loc = ev.event_loc if ev is not None else None
        if g.get("country_iso3"):
            add("country", loc is not None and loc.country_code == g["country_iso3"])
        if g.get("lat") is not None and g.get("lon") is not None:
            d = None
            if loc is not None and loc.lat is not None and loc.lon is not None:
                d = haversine_km(loc.lat, loc.lon, float(g["lat"]), float(g["lon"]))
                dists.append(d)
            add("within_25km", d is not None and d <= 25)
            add("within_100km", d is not None and d <= 100)
            c = (centroids or {}).get(str(g.get("country_iso3")))
            if c is not None:
                bd = haversine_km(c[0], c[1], float(g["lat"]), float(g["lon"]))
                base_dists.append(bd)
                base["within_25km"].add(bd <= 25)
                base["within_100km"].add(bd <= 100)
        if g.get("inter1") is not None:
            add("actor_kind", ev is not None and acled_kind(ev) == int(g["inter1"]))
        if g.get("plover_event") == "ASSAULT" and g.get("fatalities") is not None:
            add("fatalities", (_fatalities(ev) or 0) == int(g["fatalities"]))
            base["fatalities"].add(int(g["fatalities"]) == 0)
        if errors is not None and wrong:
            errors.append(_error(note, ev, wrong))
    out = {k: v.out() for k, v in acc.items()}
    located = round(len(dists) / acc["within_25km"].n, 4) if acc["within_25km"].n else None
    out["median_km"] = {"value": _round(median(dists)), "n": len(dists), "located": located}
    baselines = {k: v.out() for k, v in base.items()}
    baselines["median_km"] = {"value": _round(median(base_dists)), "n": len(base_dists)}
    return {"notes": len(items), "measures": out, "baselines": baselines,
            "baseline_answers": {"type": top_type, "date": "publication date", "fatalities": 0,
                                 "place": "centroid of the gold country"}}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def _error(note: AcledNote, ev: Event | None, wrong: Iterable[str]) -> dict[str, Any]:
    g = note.gold
    out: dict[str, Any] = {
        "id": note.article.id, "wrong": list(wrong), "text": note.article.text,
        "gold": {k: g.get(k) for k in ("plover_event", "plover_mode", "event_date", "time_precision", "country_iso3",
                                       "location", "admin1", "lat", "lon", "inter1", "actor1", "fatalities")},
        "output": None,
    }
    if ev is not None:
        loc = ev.event_loc
        out["output"] = {
            "event": ev.event, "mode": ev.mode, "event_text": ev.event_text, "rule": ev.rule, "date": ev.date,
            "date_text": ev.date_text, "place": loc.extracted_place if loc else None,
            "country": loc.country_code if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "actor": [(a.entity_text, a.code, a.sector) for a in ev.actor], "actor_kind": acled_kind(ev),
            "fatalities": _fatalities(ev),
        }
    return out
