"""Score toponyms and their coordinates against gazetteer gold (``eventwire eval --task geo``).

Gold lines (``lgl_dev.jsonl``, ``geovirus_dev.jsonl``) are articles with ``gold_places``: each has
a character ``span`` and ``lat``/``lon`` (null where the annotators could not resolve it), and in
LGL a GeoNames id. The pipeline's ``places`` are matched to gold toponyms by overlapping spans.

Measures, over gold toponyms with coordinates: recall (found), precision (found places that are
gold toponyms), accuracy within 161 km on the found ones and end to end (a missed toponym is
wrong), mean and median error in km and the area under the curve of log error (Gritta et al.
2019) on found ones, and exact GeoNames-id accuracy where the gold has an id. Events per article
and per sentence are reported too: these are mostly non-political texts, so they check precision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..records import Annotation, Article, Failure, Place
from .common import gold_lines
from .geometry import auc_log_error, haversine_km, median

__all__ = ["GeoArticle", "read_geo", "score_geo"]

WITHIN_KM = 161.0


@dataclass(frozen=True)
class GeoArticle:
    """One gold article and its toponyms (plain dicts with span, text, lat, lon, ...)."""

    article: Article
    places: tuple[dict[str, Any], ...]


def read_geo(path: str | Path) -> list[GeoArticle]:
    """Read toponym gold (JSONL articles with ``gold_places``)."""
    return [GeoArticle(Article(text=d["text"], id=str(d["id"]), date=d.get("date"), title=d.get("title"),
                               position=f"{path}:{n}"),
                       tuple(d.get("gold_places") or ()))
            for n, d in gold_lines(path)]


def _overlap(a: Sequence[int], b: Sequence[int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(gold: Sequence[dict[str, Any]], pred: Sequence[Place]) -> dict[int, int]:
    """Pair gold toponyms with predicted places, largest span overlap first (one to one)."""
    options = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = _overlap(g["span"], p.span)
            if ov:
                options.append((-ov, i, j))
    options.sort()
    used: set[int] = set()
    out: dict[int, int] = {}
    for _, i, j in options:
        if i in out or j in used:
            continue
        out[i] = j
        used.add(j)
    return out


def score_geo(items: Sequence[tuple[GeoArticle, Annotation | Failure]],
              errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Return the ``geo`` figures for gold articles paired with their annotations."""
    n_gold = n_found = n_pred = n_pred_gold = 0
    within = within_e2e = 0
    id_n = id_ok = 0
    errs: list[float] = []
    n_events = n_sentences = 0
    for ga, ann in items:
        text = ga.article.text
        pred: tuple[Place, ...] = () if isinstance(ann, Failure) else ann.places
        if not isinstance(ann, Failure):
            n_events += len(ann.events)
            n_sentences += max(1, len(ann.sentences))
        n_pred += len(pred)
        n_pred_gold += sum(1 for p in pred if any(_overlap(g["span"], p.span) for g in ga.places))
        gold = [g for g in ga.places if g.get("lat") is not None and g.get("lon") is not None]
        pairs = _match(gold, pred)
        for i, g in enumerate(gold):
            n_gold += 1
            p = pred[pairs[i]] if i in pairs else None
            d = None
            if p is not None:
                n_found += 1
                if p.lat is not None and p.lon is not None:
                    d = haversine_km(p.lat, p.lon, float(g["lat"]), float(g["lon"]))
                else:
                    d = None
                errs.append(d if d is not None else 20039.0)
                ok = d is not None and d <= WITHIN_KM
                within += ok
                within_e2e += ok
                if g.get("geonameid"):
                    id_n += 1
                    id_ok += p.geonameid is not None and int(p.geonameid) == int(g["geonameid"])
            elif g.get("geonameid"):
                id_n += 1
            if errors is not None and (p is None or d is None or d > WITHIN_KM):
                errors.append({
                    "id": ga.article.id, "toponym": g.get("text"), "span": list(g["span"]),
                    "context": text[max(0, g["span"][0] - 80):g["span"][1] + 80],
                    "gold": {k: g.get(k) for k in ("name", "lat", "lon", "country", "fcode", "geonameid", "wikipedia")
                             if k in g},
                    "output": None if p is None else {
                        "extracted_place": p.extracted_place, "resolved_place": p.resolved_place,
                        "lat": p.lat, "lon": p.lon, "country_code": p.country_code, "resolution": p.resolution,
                        "rule": p.rule},
                    "km": None if d is None else round(d, 1),
                })

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "articles": len(items), "gold_toponyms": n_gold, "predicted_places": n_pred,
        "recall": ratio(n_found, n_gold), "precision": ratio(n_pred_gold, n_pred),
        "acc161_found": ratio(within, n_found), "acc161_end_to_end": ratio(within_e2e, n_gold),
        "mean_km": round(sum(errs) / len(errs), 1) if errs else None,
        "median_km": None if not errs else round(median(errs) or 0.0, 1),
        "auc": None if not errs else round(auc_log_error(errs) or 0.0, 4),
        "geonameid_accuracy": ratio(id_ok, id_n), "geonameid_n": id_n,
        "events_per_article": ratio(n_events, len(items)), "events_per_sentence": ratio(n_events, n_sentences),
        "sentences": n_sentences,
        "notes": ["a found place without coordinates counts as 20,039 km off",
                  "end to end: a gold toponym the pipeline did not find counts as wrong"],
    }
