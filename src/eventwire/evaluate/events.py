"""Score predicted events against gold events (records.md format), sentence by sentence.

Matching, per sentence (gold events are placed by ``sentence_index``, else by their ``text``,
else the article's only sentence, else the whole article):

1. pairs of the same event type, best overlap first (trigger-span overlap, shared actor codes,
   shared trigger words); these are the true positives of event-type P/R/F1;
2. the remaining predicted and gold events are paired regardless of type (best overlap) for the
   confusion table only; what is left is ``NONE`` (over- or under-generation).

Every actor/recipient code or sector miss on a type-matched pair is listed under ``errors``
(``python -m eventwire.evaluate.errors gold.jsonl`` prints them one per line); every event left
unmatched by type is listed under ``type_errors`` (``... errors gold.jsonl --types``).

Attribute scores (mode, actor/recipient code and sector, date, location) are accuracies over
the type-matched pairs where the gold has that attribute (gold mode null is not counted).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Annotation, Article, Event, Failure
from .common import Accuracy, gold_lines

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["GoldArticle", "evaluate_events", "read_gold", "score_articles"]


@dataclass
class GoldArticle:
    """One gold line: the article to run and its gold events (plain dicts)."""

    article: Article
    events: list[dict[str, Any]] = field(default_factory=list)


def read_gold(path: str | Path) -> list[GoldArticle]:
    """Read gold articles (JSONL, one article with an ``events`` list per line)."""
    return [GoldArticle(Article(text=d["text"], id=str(d.get("id") or ""), date=d.get("date"),
                                title=d.get("title"), position=f"{path}:{n}"),
                        list(d.get("events") or []))
            for n, d in gold_lines(path)]


def _codes(entities: Iterable[Any] | None, key: str) -> set[str]:
    out = set()
    for e in entities or ():
        v = e.get(key) if isinstance(e, dict) else getattr(e, key, None)
        if v:
            out.add(str(v))
    return out


def _words(text: str | None) -> set[str]:
    return {w.strip(".,;:\"'()[]").lower() for w in (text or "").split() if len(w) > 2}


def _overlap(p: Event, g: dict[str, Any]) -> float:
    score = 0.0
    gspan = g.get("span")
    if gspan and p.span[0] < gspan[1] and gspan[0] < p.span[1]:
        score += 2.0
    score += len(_words(p.event_text) & _words(g.get("event_text"))) * 0.5
    score += len(_codes(p.actor, "code") & _codes(g.get("actor"), "code")) * 0.3
    score += len(_codes(p.recipient, "code") & _codes(g.get("recipient"), "code")) * 0.2
    return score


def _pair(preds: list[Event], golds: list[dict[str, Any]], same_type: bool) -> list[tuple[int, int]]:
    options = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if same_type and p.event != g.get("event"):
                continue
            options.append((-_overlap(p, g), abs(i - j), i, j))
    options.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, _, i, j in options:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _sentence_of(g: dict[str, Any], ann: Annotation) -> int | None:
    if isinstance(g.get("sentence_index"), int):
        return int(g["sentence_index"])
    text = ann.article.text
    if len(ann.sentences) <= 1:
        return 0 if ann.sentences else None
    if g.get("span"):
        s = g["span"][0]
        for k, (a, b) in enumerate(ann.sentences):
            if a <= s < b:
                return k
    gt = (g.get("text") or "").strip()
    if gt and gt != text.strip():
        pos = text.find(gt)
        if pos >= 0:
            for k, (a, b) in enumerate(ann.sentences):
                if a <= pos < b:
                    return k
    return None


def _entities(entities: Iterable[Any] | None) -> list[dict[str, Any]]:
    out = []
    for e in entities or ():
        d = e if isinstance(e, dict) else {"entity_text": e.entity_text, "code": e.code, "sector": e.sector,
                                            "rule": getattr(e, "rule", None)}
        out.append({k: d.get(k) for k in ("entity_text", "code", "sector", "rule") if k in d})
    return out


def _error(article_id: str, p: Event, g: dict[str, Any], role: str, code: bool, sector: bool) -> dict[str, Any]:
    """Describe one actor/recipient miss on a type-matched pair (for ``eventwire.evaluate.errors``)."""
    return {"id": article_id, "event": p.event, "role": role,
            "wrong": [k for k, bad in (("code", code), ("sector", sector)) if bad],
            "gold": _entities(g.get(role)), "predicted": _entities(getattr(p, role))}


def _type_error(article: Article, kind: str, ev: Event | dict[str, Any]) -> dict[str, Any]:
    """Describe one unmatched event (``fp`` predicted or ``fn`` gold) for the type-error listing."""
    d = ev if isinstance(ev, dict) else {"event": ev.event, "mode": ev.mode, "event_text": ev.event_text,
                                         "rule": ev.rule, "actor": ev.actor, "recipient": ev.recipient}
    return {"id": article.id, "kind": kind, "event": d.get("event"), "mode": d.get("mode"),
            "event_text": d.get("event_text"), "rule": d.get("rule"),
            "actor": [e["entity_text"] for e in _entities(d.get("actor"))],
            "recipient": [e["entity_text"] for e in _entities(d.get("recipient"))],
            "text": article.text}


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score_articles(items: Sequence[tuple[GoldArticle, Annotation | Failure]]) -> dict[str, Any]:
    """Return every figure of ``eventwire eval`` for gold articles paired with their annotations."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    acc = {k: Accuracy(report_correct=True) for k in ("mode", "actor_code", "actor_sector", "recipient_code", "recipient_sector",
                               "date", "location")}
    errors: list[dict[str, Any]] = []
    type_errors: list[dict[str, Any]] = []
    n_sent = n_pred = n_gold = failures = 0
    for gold, ann in items:
        n_gold += len(gold.events)
        if isinstance(ann, Failure):
            failures += 1
            for g in gold.events:
                fn[g["event"]] += 1
                confusion[g["event"]]["NONE"] += 1
            continue
        n_sent += max(1, len(ann.sentences))
        n_pred += len(ann.events)
        groups: dict[int | None, tuple[list[Event], list[dict[str, Any]]]] = defaultdict(lambda: ([], []))
        placed = [_sentence_of(g, ann) for g in gold.events]
        whole = any(s is None for s in placed)
        for ev in ann.events:
            groups[None if whole else ev.sentence_index][0].append(ev)
        for g, s in zip(gold.events, placed, strict=True):
            groups[None if whole else s][1].append(g)
        for preds, golds in groups.values():
            pairs = _pair(preds, golds, same_type=True)
            for i, j in pairs:
                p, g = preds[i], golds[j]
                tp[p.event] += 1
                confusion[g["event"]][p.event] += 1
                if g.get("mode"):
                    acc["mode"].add(p.mode == g["mode"])
                for role in ("actor", "recipient"):
                    gc = _codes(g.get(role), "code")
                    code_ok = _codes(getattr(p, role), "code") == gc
                    if gc:
                        acc[f"{role}_code"].add(code_ok)
                    gs = _codes(g.get(role), "sector")
                    sector_ok = bool(_codes(getattr(p, role), "sector") & gs)
                    if gs:
                        acc[f"{role}_sector"].add(sector_ok)
                    if (gc and not code_ok) or (gs and not sector_ok):
                        errors.append(_error(gold.article.id, p, g, role, bool(gc) and not code_ok,
                                             bool(gs) and not sector_ok))
                if g.get("date"):
                    acc["date"].add(bool(p.date) and str(g["date"]) == p.date)
                gl = g.get("event_loc")
                if gl:
                    pl = p.event_loc
                    ok = False
                    if pl is not None:
                        if gl.get("country_code") and pl.country_code:
                            ok = gl["country_code"] == pl.country_code
                        else:
                            a = (gl.get("extracted_place") or "").lower()
                            b = (pl.extracted_place or "").lower()
                            ok = bool(a and b and (a in b or b in a))
                    acc["location"].add(ok)
            rest_p = [k for k in range(len(preds)) if k not in {i for i, _ in pairs}]
            rest_g = [k for k in range(len(golds)) if k not in {j for _, j in pairs}]
            for k in rest_p:
                fp[preds[k].event] += 1
                type_errors.append(_type_error(gold.article, "fp", preds[k]))
            for k in rest_g:
                fn[golds[k]["event"]] += 1
                type_errors.append(_type_error(gold.article, "fn", golds[k]))
            loose = _pair([preds[k] for k in rest_p], [golds[k] for k in rest_g], same_type=False)
            for i, j in loose:
                confusion[golds[rest_g[j]]["event"]][preds[rest_p[i]].event] += 1
            for i in set(range(len(rest_p))) - {i for i, _ in loose}:
                confusion["NONE"][preds[rest_p[i]].event] += 1
            for j in set(range(len(rest_g))) - {j for _, j in loose}:
                confusion[golds[rest_g[j]]["event"]]["NONE"] += 1
    types = sorted(set(tp) | set(fp) | set(fn))
    return {
        "articles": len(items),
        "failures": failures,
        "sentences": n_sent,
        "gold_events": n_gold,
        "predicted_events": n_pred,
        "events_per_sentence": round(n_pred / n_sent, 3) if n_sent else 0.0,
        "gold_events_per_sentence": round(n_gold / n_sent, 3) if n_sent else 0.0,
        "event_type": {"micro": _prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
                       "per_type": {t: _prf(tp[t], fp[t], fn[t]) for t in types}},
        "matched": {k: v.out() for k, v in acc.items()},
        "confusion": {g: dict(c) for g, c in sorted(confusion.items())},
        "errors": errors,
        "type_errors": type_errors,
        "notes": [
            "gold converted from an older PLOVER draft: DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, "
            "FIGHT->ASSAULT; modes without a 2.0 successor are null and not counted in mode accuracy",
            "attribute accuracies are over type-matched pairs where the gold has that attribute",
            "actor/recipient code: the set of predicted codes equals the gold set; sector: any gold sector predicted",
        ],
    }


def evaluate_events(path: str | Path, pipeline: Pipeline | None = None) -> dict[str, Any]:
    """Run the pipeline on every gold article of ``path`` (with its date) and score the events."""
    from ..pipeline import Pipeline

    pipe = pipeline or Pipeline()
    gold = read_gold(path)
    results = list(pipe.annotate_many(g.article for g in gold))
    return score_articles(list(zip(gold, results, strict=True)))
