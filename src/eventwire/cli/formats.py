"""Output writers for ``extract``: JSON Lines, a JSON array, CSV and a fixed-width table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from ..records import Annotation, Entity, Event, to_dict
from ..store import event_row
from ..store.layout import EXPORT_COLUMNS, csv_cells, export_record

__all__ = ["CSV_COLUMNS", "FORMATS", "write_annotation_table", "write_events", "write_json"]

FORMATS = ("jsonl", "json", "csv", "table")

# The same columns as GET /v1/events?format=csv and `eventwire export` (eventwire.store.layout);
# cluster_id, num_articles and num_sources stay empty here: clusters exist in a database only.
CSV_COLUMNS = EXPORT_COLUMNS


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


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
                record = export_record(event_row(ev, ann.article.date), ann.article, ev)
                writer.writerow(csv_cells(record))
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


def write_annotation_table(annotations: Iterable[Annotation], out: IO[str]) -> int:
    """Write what ``annotate`` found, article by article, as plain text; return how many articles."""
    n = 0
    for ann in annotations:
        n += 1
        a = ann.article
        title = a.title or " ".join(a.text.split())[:70]
        out.write(f"\n{_fit(title, 90)}  [{a.id}, {a.date or 'no date'}]\n")
        out.write(f"  {len(ann.sentences)} sentences, {len(ann.entities)} actors, {len(ann.places)} places, "
                  f"{len(ann.timexes)} times, {len(ann.quotes)} quotes, {len(ann.events)} events\n")
        if ann.entities:
            out.write("  actors:  " + "; ".join(
                _fit(f"{e.entity_text} = {'-'.join(x for x in (e.code, e.sector) if x) or '?'}"
                     + (f" {e.name}" if e.name and e.name != e.entity_text else ""), 60)
                for e in ann.entities) + "\n")
        if ann.places:
            out.write("  places:  " + "; ".join(
                f"{p.extracted_place} = {p.resolved_place or '?'}{', ' + p.country_code if p.country_code else ''}"
                for p in ann.places) + "\n")
        if ann.timexes:
            out.write("  times:   " + "; ".join(f"{t.text} = {t.value or '?'}" for t in ann.timexes) + "\n")
        for q in ann.quotes:
            who = q.speaker.name or q.speaker.entity_text if q.speaker else "?"
            out.write(f"  quote:   {_fit(who, 30)}: \u201c{_fit(q.content, 80)}\u201d\n")
        if ann.events:
            out.write("  " + "  ".join(name.ljust(w) for name, w in TABLE_COLUMNS).rstrip() + "\n")
            for ev in ann.events:
                out.write("  " + _table_row(ev) + "\n")
        for w in ann.warnings:
            out.write(f"  warning: {w}\n")
    out.write(f"\n{n} articles\n")
    return n
