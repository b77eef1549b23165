"""Turn an :class:`~eventwire.records.Annotation` into flat rows for each table.

Both store implementations use these functions, so the in-memory store holds exactly the
rows the DuckDB store would write.
"""

from __future__ import annotations

import json
from typing import Any

from ..records import Annotation, Entity, Event, Failure, content_id, to_dict
from .clusters import ClusterConfig, article_keys

__all__ = ["COLUMNS", "annotation_rows", "event_row", "failure_row"]

Row = dict[str, Any]

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "date", "title", "url", "source", "language", "position", "text", "n_chars",
        "n_sentences", "n_events", "sentences", "warnings",
    ),
    "events": (
        "id", "article_id", "article_date", "event", "mode", "aux_mode", "context", "quad_code",
        "cameo_root", "intensity", "date", "date_precision", "date_text",
        "actor_codes", "actor_names", "actor_sectors", "actor_countries", "actor_texts",
        "recipient_codes", "recipient_names", "recipient_sectors", "recipient_countries",
        "recipient_texts", "place_name", "place_text", "lat", "lon", "country_code", "admin1",
        "geonameid", "resolution", "event_text", "span_start", "span_end", "sentence_index",
        "text", "confidence", "dedup_key", "quote_index", "rule", "record", "cluster_key", "cluster_id",
        "fatalities", "fatalities_text", "political", "relevance",
    ),
    "entities": (
        "id", "article_id", "idx", "entity_text", "span_start", "span_end", "name", "code",
        "sector", "country", "kind", "identifier_id", "office", "sentence_index", "cluster", "rule",
    ),
    "places": (
        "id", "article_id", "idx", "extracted_place", "span_start", "span_end", "resolved_place",
        "geonameid", "lat", "lon", "country_code", "admin1", "feature_class", "feature_code",
        "resolution", "sentence_index", "rule",
    ),
    "timexes": (
        "id", "article_id", "idx", "text", "span_start", "span_end", "value", "precision", "type",
        "sentence_index", "rule",
    ),
    "quotes": (
        "id", "article_id", "idx", "kind", "content", "content_start", "content_end", "cue",
        "cue_start", "cue_end", "speaker_text", "speaker_name", "speaker_code", "speaker_sector",
        "speaker_start", "speaker_end", "sentence_index", "speaker", "rule",
    ),
    "failures": ("id", "article_id", "position", "stage", "reason"),
}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def event_row(ev: Event, article_date: str | None) -> Row:
    """Return the flat ``events`` row of one event (also the CSV output of ``extract``)."""
    def col(ents: tuple[Entity, ...], attr: str) -> list[str | None]:
        return [getattr(e, attr) for e in ents]

    loc = ev.event_loc
    return {
        "id": ev.id,
        "article_id": ev.article_id,
        "article_date": article_date,
        "event": ev.event,
        "mode": ev.mode,
        "aux_mode": list(ev.aux_mode),
        "context": list(ev.context),
        "quad_code": ev.quad_code,
        "cameo_root": ev.cameo_root,
        "intensity": ev.intensity,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "date_text": ev.date_text,
        "actor_codes": col(ev.actor, "code"),
        "actor_names": col(ev.actor, "name"),
        "actor_sectors": col(ev.actor, "sector"),
        "actor_countries": col(ev.actor, "country"),
        "actor_texts": col(ev.actor, "entity_text"),
        "recipient_codes": col(ev.recipient, "code"),
        "recipient_names": col(ev.recipient, "name"),
        "recipient_sectors": col(ev.recipient, "sector"),
        "recipient_countries": col(ev.recipient, "country"),
        "recipient_texts": col(ev.recipient, "entity_text"),
        "place_name": (loc.resolved_place or loc.extracted_place) if loc else None,
        "place_text": loc.extracted_place if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "country_code": loc.country_code if loc else None,
        "admin1": loc.admin1 if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "resolution": loc.resolution if loc else None,
        "event_text": ev.event_text,
        "span_start": ev.span[0],
        "span_end": ev.span[1],
        "sentence_index": ev.sentence_index,
        "text": ev.text,
        "confidence": ev.confidence,
        "dedup_key": ev.dedup_key,
        "quote_index": ev.quote_index,
        "rule": ev.rule,
        "record": _dumps(to_dict(ev)),
        "cluster_key": None,  # set by annotation_rows (needs the article's other events)
        "cluster_id": None,  # set by the store when it regroups the clusters
        "fatalities": ev.fatalities,
        "fatalities_text": ev.fatalities_text,
        "political": ev.political,
        "relevance": ev.relevance,
    }


def annotation_rows(annotation: Annotation, clusters: ClusterConfig | None = None) -> dict[str, list[Row]]:
    """Return ``{table: [row, ...]}`` for one annotated article (``failures`` excluded).

    Events sharing an id within the article (should not happen) are kept once, first wins,
    so the primary key holds. Event rows get their ``cluster_key`` under ``clusters``.
    """
    a = annotation.article
    aid = a.id
    out: dict[str, list[Row]] = {t: [] for t in COLUMNS if t != "failures"}
    out["articles"].append({
        "id": aid, "date": a.date, "title": a.title, "url": a.url, "source": a.source,
        "language": a.language, "position": a.position, "text": a.text, "n_chars": len(a.text),
        "n_sentences": len(annotation.sentences), "n_events": len(annotation.events),
        "sentences": _dumps([list(s) for s in annotation.sentences]),
        "warnings": list(annotation.warnings),
    })
    seen: set[str] = set()
    for ev in annotation.events:
        if ev.id in seen:
            continue
        seen.add(ev.id)
        out["events"].append(event_row(ev, a.date))
    for row, (key, _) in zip(out["events"], article_keys(out["events"], clusters or ClusterConfig()), strict=True):
        row["cluster_key"] = key
    for i, e in enumerate(annotation.entities):
        out["entities"].append({
            "id": f"{aid}:{i}", "article_id": aid, "idx": i, "entity_text": e.entity_text,
            "span_start": e.span[0], "span_end": e.span[1], "name": e.name, "code": e.code,
            "sector": e.sector, "country": e.country, "kind": e.kind,
            "identifier_id": e.identifier_id, "office": e.office,
            "sentence_index": e.sentence_index, "cluster": e.cluster, "rule": e.rule,
        })
    for i, p in enumerate(annotation.places):
        out["places"].append({
            "id": f"{aid}:{i}", "article_id": aid, "idx": i, "extracted_place": p.extracted_place,
            "span_start": p.span[0], "span_end": p.span[1], "resolved_place": p.resolved_place,
            "geonameid": p.geonameid, "lat": p.lat, "lon": p.lon, "country_code": p.country_code,
            "admin1": p.admin1, "feature_class": p.feature_class, "feature_code": p.feature_code,
            "resolution": p.resolution, "sentence_index": p.sentence_index, "rule": p.rule,
        })
    for i, t in enumerate(annotation.timexes):
        out["timexes"].append({
            "id": f"{aid}:{i}", "article_id": aid, "idx": i, "text": t.text,
            "span_start": t.span[0], "span_end": t.span[1], "value": t.value,
            "precision": t.precision, "type": t.type, "sentence_index": t.sentence_index,
            "rule": t.rule,
        })
    for i, q in enumerate(annotation.quotes):
        sp = q.speaker
        out["quotes"].append({
            "id": f"{aid}:{i}", "article_id": aid, "idx": i, "kind": q.kind, "content": q.content,
            "content_start": q.content_span[0], "content_end": q.content_span[1], "cue": q.cue,
            "cue_start": q.cue_span[0] if q.cue_span else None,
            "cue_end": q.cue_span[1] if q.cue_span else None,
            "speaker_text": sp.entity_text if sp else None,
            "speaker_name": sp.name if sp else None,
            "speaker_code": sp.code if sp else None,
            "speaker_sector": sp.sector if sp else None,
            "speaker_start": q.speaker_span[0] if q.speaker_span else None,
            "speaker_end": q.speaker_span[1] if q.speaker_span else None,
            "sentence_index": q.sentence_index,
            "speaker": _dumps(to_dict(sp)) if sp else None,
            "rule": getattr(q, "rule", None),
        })
    return out


def failure_row(failure: Failure) -> Row:
    """Return the ``failures`` row of a failure; its id hashes every field, so rewrites are no-ops."""
    return {
        "id": content_id(failure.article_id, failure.position, failure.stage, failure.reason),
        "article_id": failure.article_id,
        "position": failure.position,
        "stage": failure.stage,
        "reason": failure.reason,
    }
