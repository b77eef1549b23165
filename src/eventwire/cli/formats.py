"""Output writers for ``extract``: JSON Lines, a JSON array, CSV and a fixed-width table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from ..records import Annotation, Entity, Event, to_dict
from ..store import event_row

__all__ = ["CSV_COLUMNS", "FORMATS", "write_events", "write_json"]

FORMATS = ("jsonl", "json", "csv", "table")

CSV_COLUMNS = (
    "id", "article_id", "article_date", "event", "mode", "aux_mode", "context", "quad_code",
    "cameo_root", "date", "date_precision", "date_text", "actor_codes", "actor_names",
    "actor_sectors", "actor_countries", "recipient_codes", "recipient_names", "recipient_sectors",
    "recipient_countries", "place_name", "country_code", "lat", "lon", "resolution",
    "event_text", "span_start", "span_end", "sentence_index", "confidence", "rule", "text",
)


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join("" if v is None else str(v) for v in value)
    return "" if value is None else value


def _who(entities: tuple[Entity, ...]) -> str:
    parts = []
    for e in entities:
        code = "-".join(x for x in (e.code, e.sector) if x) or "?"
        parts.append(f"{code} {e.name or e.entity_text}")
    return ", ".join(parts) or "-"


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


TABLE_COLUMNS = (("date", 10), ("event", 10), ("mode", 13), ("aux", 5), ("actor → recipient", 56),
                 ("place", 20), ("trigger", 22))


def _table_row(ev: Event) -> str:
    loc = ev.event_loc
    place = "-"
    if loc is not None:
        place = loc.resolved_place or loc.extracted_place
        if loc.country_code and loc.country_code not in place:
            place = f"{place}, {loc.country_code}"
    aux = ",".join(a[:4] for a in ev.aux_mode) or ""
    who = f"{_who(ev.actor)} → {_who(ev.recipient)}"
    cells = (ev.date or "-", ev.event, ev.mode or "-", aux, who, place, ev.event_text)
    return "  ".join(_fit(c, w).ljust(w) for c, (_, w) in zip(cells, TABLE_COLUMNS, strict=True)).rstrip()


def write_events(annotations: Iterable[Annotation], fmt: str, out: IO[str]) -> int:
    """Write the events of ``annotations`` to ``out`` in ``fmt``; return how many were written."""
    n = 0
    if fmt in ("jsonl", "json"):
        n = write_json((to_dict(ev) for ann in annotations for ev in ann.events), fmt, out)
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for ann in annotations:
            for ev in ann.events:
                row = event_row(ev, ann.article.date)
                writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
                n += 1
    elif fmt == "table":
        n = _write_table(annotations, out)
    else:
        raise ValueError(f"unknown output format {fmt!r}")
    return n


def write_json(records: Iterable[Mapping[str, Any]], fmt: str, out: IO[str]) -> int:
    """Write JSON-ready records one a line (``jsonl``) or as one array (``json``); return how many."""
    if fmt not in ("jsonl", "json"):
        raise ValueError(f"unknown JSON format {fmt!r}")
    n = 0
    if fmt == "json":
        out.write("[")
    for record in records:
        line = _json(record)
        out.write(line + "\n" if fmt == "jsonl" else ("\n" if n == 0 else ",\n") + line)
        n += 1
    if fmt == "json":
        out.write("\n]\n" if n else "]\n")
    return n


def _write_table(annotations: Iterable[Annotation], out: IO[str]) -> int:
    header = "  ".join(name.ljust(w) for name, w in TABLE_COLUMNS).rstrip()
    rule = "-" * len(header)
    n = n_articles = 0
    for ann in annotations:
        n_articles += 1
        a = ann.article
        title = a.title or " ".join(a.text.split())[:70]
        out.write(f"\n{_fit(title, 90)}  [{a.id}, {a.date or 'no date'}]\n")
        if not ann.events:
            out.write("  (no events)\n")
            continue
        out.write(header + "\n" + rule + "\n")
        for ev in ann.events:
            out.write(_table_row(ev) + "\n")
            n += 1
    out.write(f"\n{n} events in {n_articles} articles\n")
    return n
