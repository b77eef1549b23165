"""Train the relevance model (political event data or not) on the tune halves of the dev files.

Usage::

    python training/train_relevance.py --data ../shared/data \\
        [--out src/eventwire/data/relevance/model.json] [--annotations CACHE.pkl]

Positives are the events coded from political text: ACLED notes, PLOVER records and
event_location sentences. Negatives are the events coded from the LGL and GeoVirus articles
labelled non-political in ``src/eventwire/data/relevance/dev_labels.json``. Only tune halves are read
(``eventwire.evaluate.split``). The model is a scikit-learn logistic regression (L2, C=1,
balanced classes, fixed seed) over the features of ``eventwire.relevance.features``; the threshold
is the highest one that keeps ``--keep`` of the positive events of the tune halves. Only weights,
the threshold and counts are written, never text. Needs ``pip install scikit-learn``.
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "src" / "eventwire" / "data" / "relevance" / "dev_labels.json"
SEED = 13
# (file, task, role): role "positive" = every event is political; "labelled" = by the article's label
SOURCES = (
    ("acled_dev.jsonl", "acled", "positive"),
    ("plover_gsr_dev.jsonl", "events", "positive"),
    ("event_location_dev.jsonl", "location", "positive"),
    ("lgl_dev.jsonl", "geo", "labelled"),
    ("geovirus_dev.jsonl", "geo", "labelled"),
    ("ordinary_news.jsonl", "ordinary", "labelled"),  # ours: data/relevance/ordinary_news.jsonl
)


# The threshold rule reads the real news only (our own ordinary-news set is easier and would lower it).
THRESHOLD_SOURCES = ("lgl_dev.jsonl", "geovirus_dev.jsonl")


def load_labels(path: Path = LABELS) -> dict[str, bool]:
    """``{article id: political}`` from the labels file."""
    from eventwire.evaluate.ordinary import load_ordinary

    data = json.loads(path.read_text(encoding="utf-8"))
    labels = {row["id"]: bool(row["political"]) for rows in data["files"].values() for row in rows}
    labels.update({it.article.id: it.political for it in load_ordinary()})
    return labels


def _articles(data: Path, name: str, task: str, half: str) -> list[Any]:
    from eventwire.evaluate.ordinary import load_ordinary
    from eventwire.evaluate.tasks import load_items
    from eventwire.records import Article

    if task == "ordinary":  # our own ordinary-news set lives in the package, not in the data folder
        return [it.article for it in load_ordinary(half=half)]
    items = load_items(data / name, task, half=half)
    if task == "location":  # one article per distinct sentence, keyed like the split (by text)
        seen: dict[str, str] = {}
        for it in items:
            seen.setdefault(it["text"], it["id"])
        return [Article(text=t, id=i) for t, i in seen.items()]
    return [it.article for it in items]


def annotate(data: Path, half: str, cache: Path | None) -> dict[str, list[Any]]:
    """Every source file's annotations of ``half`` with no relevance filter (cached per source when asked)."""
    out: dict[str, list[Any]] = {}
    if cache and cache.is_file():
        with cache.open("rb") as fh:
            out = pickle.load(fh)
    missing = [(name, task) for name, task, _ in SOURCES if name not in out]
    if not missing:
        return out
    from eventwire.pipeline import Pipeline

    pipe = Pipeline(political_only=False)
    if "eventwire_relevance" in pipe.nlp.pipe_names:  # the model being trained is not needed to annotate
        pipe.nlp.remove_pipe("eventwire_relevance")
    for name, task in missing:
        out[name] = [a for a in pipe.annotate_many(_articles(data, name, task, half)) if hasattr(a, "events")]
    if cache:
        with cache.open("wb") as fh:
            pickle.dump(out, fh)
    return out


def documents(annotations: dict[str, list[Any]], labels: dict[str, bool]) -> list[tuple[str, Any, int]]:
    """(source, annotation, label) per text: 1 political (every short political text), 0 not."""
    out = []
    for name, _, role in SOURCES:
        for ann in annotations.get(name, []):
            if role == "labelled":
                if ann.article.id not in labels:
                    raise ValueError(f"{name}: article {ann.article.id} has no relevance label")
                out.append((name, ann, int(labels[ann.article.id])))
            else:
                out.append((name, ann, 1))
    return out


def group_weights(groups: list[str], share: dict[str, float]) -> list[float]:
    """Weights giving each group ``share[group]`` of the total, split evenly inside the group."""
    count = Counter(groups)
    total = len(groups)
    return [share[g] * total / (count[g] * sum(share[k] for k in count)) for g in groups]


def _group(name: str, y: int) -> str:
    labelled = any(n == name and role == "labelled" for n, _, role in SOURCES)
    return ("local_political" if y else "local_other") if labelled else "short_political"


def train_story(docs: list[tuple[str, Any, int]], c: float, short_share: float) -> tuple[Any, Any, list[float]]:
    """Fit the story model; return (vectorizer, classifier, cross-fitted probabilities of the training texts)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from eventwire.relevance.story import story_words

    texts = [d[1].article.text for d in docs]
    y = np.array([d[2] for d in docs])
    share = {"local_political": 1.0, "local_other": 1.0, "short_political": short_share}
    groups = [_group(d[0], d[2]) for d in docs]
    w = np.array(group_weights(groups, share))

    def fit(idx: Any) -> tuple[Any, Any]:
        vec = TfidfVectorizer(analyzer=story_words, min_df=2, sublinear_tf=True)
        x = vec.fit_transform([texts[i] for i in idx])
        clf = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
        clf.fit(x, y[idx], sample_weight=w[idx])
        return vec, clf

    cross = np.zeros(len(docs))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    strata = [f"{g}" for g in groups]
    for train_idx, test_idx in folds.split(np.zeros(len(docs)), strata):
        vec, clf = fit(train_idx)
        cross[test_idx] = clf.predict_proba(vec.transform([texts[i] for i in test_idx]))[:, 1]
    vec, clf = fit(np.arange(len(docs)))
    return vec, clf, [float(p) for p in cross]


def event_table(docs: list[tuple[str, Any, int]], story: list[float]) -> list[tuple[str, str, list[float], int, bool, bool]]:
    """(source, group, features, label, chosen, dyad) per event; ``chosen``: the note's most confident event,
    ``rule``: kept by the state-dyad or collective-action rule whatever its score."""
    from eventwire.relevance.features import (
        article_context,
        collective_action,
        event_features,
        load_cues,
        state_dyad,
    )

    cues = load_cues()
    out = []
    for (name, ann, y), p in zip(docs, story, strict=True):
        ctx = article_context(ann.article.text, ann.sentences, ann.events, cues, story=p)
        best = max(ann.events, key=lambda e: (e.confidence, -e.span[0])) if ann.events else None
        for ev in ann.events:
            out.append((name, _group(name, y), event_features(ev, ctx, cues), y, ev is best,
                        state_dyad(ev, cues) or collective_action(ev, cues)))
    return out


def _kept(p: float, rule: bool, threshold: float) -> bool:
    """The stage's decision: at or above the threshold, or a keeping rule above the floor."""
    from eventwire.relevance.model import RULE_FLOOR_SHARE

    return bool(p >= threshold or (rule and p >= RULE_FLOOR_SHARE * threshold))


def per_article(table: list[tuple[str, str, list[float], int, bool, bool]], p: Any, docs: list[tuple[str, Any, int]],
                threshold: float) -> dict[str, float]:
    """Events kept per text, by source and group, at ``threshold``."""
    texts = Counter(f"{d[0]} {_group(d[0], d[2])}" for d in docs)
    kept = Counter(f"{r[0]} {r[1]}" for r, v in zip(table, p, strict=True) if _kept(v, r[5], threshold))
    return {k: kept[k] / n for k, n in sorted(texts.items())}


def choose_threshold(table: list[tuple[str, str, list[float], int, bool, bool]], p: Any,
                     docs: list[tuple[str, Any, int]], target: float) -> float:
    """The lowest threshold (0.001 steps) giving at most ``target`` events per article over all the
    non-political LGL and GeoVirus articles together (cross-fitted story scores)."""
    n_other = sum(1 for d in docs if _group(d[0], d[2]) == "local_other" and d[0] in THRESHOLD_SOURCES)
    for k in range(1, 1000):
        t = k / 1000
        kept = sum(1 for r, v in zip(table, p, strict=True)
                   if r[1] == "local_other" and r[0] in THRESHOLD_SOURCES and _kept(v, r[5], t))
        if kept <= target * n_other:
            return t
    return 0.999


def train(data: Path, out: Path, story_out: Path, target: float, cache: Path | None,
          story_c: float = 4.0, short_share: float = 0.5, other_weight: float = 2.0) -> dict[str, Any]:
    """Fit both models, choose the threshold, write the model JSONs; return the event model."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from eventwire.relevance.features import feature_names, load_cues

    docs = documents(annotate(data, "tune", cache), load_labels())
    vec, sclf, cross = train_story(docs, story_c, short_share)
    idf = vec.idf_
    coef = sclf.coef_[0]
    story_model = {
        "model": f"TF-IDF (sub-linear tf, L2) + logistic regression (scikit-learn, L2, C={story_c}, seed {SEED})",
        "trained_on": "tune halves: LGL/GeoVirus articles labelled political (weight 1) and non-political "
                      f"(weight 1), ACLED notes + PLOVER records + event_location sentences as political "
                      f"(weight {short_share})",
        "intercept": round(float(sclf.intercept_[0]), 5),
        "terms": {t: [round(float(idf[i]), 4), round(float(coef[i]), 5)] for t, i in sorted(vec.vocabulary_.items())},
    }
    story_out.write_text(json.dumps(story_model, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")

    table = event_table(docs, cross)
    x = np.array([r[2] for r in table])
    y = np.array([r[3] for r in table])
    groups = [r[1] for r in table]
    w = np.array(group_weights(groups, {"local_political": 1.0, "local_other": other_weight, "short_political": 1.0}))
    clf = LogisticRegression(C=1.0, max_iter=5000, random_state=SEED)
    clf.fit(x, y, sample_weight=w)
    p = clf.predict_proba(x)[:, 1]
    threshold = choose_threshold(table, p, docs, target)
    kept = {}
    for key in sorted({(r[0], r[1]) for r in table}):
        idx = [i for i, r in enumerate(table) if (r[0], r[1]) == key]
        kept[f"{key[0]} {key[1]}"] = round(float(np.mean([_kept(p[i], table[i][5], threshold) for i in idx])), 4)
    chosen = [_kept(v, r[5], threshold) for r, v in zip(table, p, strict=True) if r[0] == "acled_dev.jsonl" and r[4]]
    rates = per_article(table, p, docs, threshold)
    model = {
        "model": f"logistic regression (scikit-learn, L2, C=1, seed {SEED}); story_model from story.json, cross-fitted",
        "trained_on": "tune halves: positives = events of ACLED notes, PLOVER records, event_location sentences "
                      "(weight 1) and of LGL/GeoVirus articles labelled political (weight 1); negatives = events "
                      "of LGL/GeoVirus articles labelled non-political (weight 2)",
        "features": list(feature_names(load_cues())),
        "weights": [round(float(v), 4) for v in clf.coef_[0]],
        "intercept": round(float(clf.intercept_[0]), 4),
        "threshold": threshold,
        "threshold_rule": f"lowest threshold giving at most {target} events per article over the non-political "
                          "LGL and GeoVirus articles of the tune halves (cross-fitted story scores)",
        "events": {f"{k[0]} {k[1]}": v for k, v in sorted(Counter((r[0], r[1]) for r in table).items())},
        "kept_at_threshold_tune": kept,
        "events_per_text_at_threshold_tune": {k: round(v, 3) for k, v in rates.items()},
        "acled_notes_losing_their_chosen_event_tune": int(sum(1 for k in chosen if not k)),
    }
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    return model


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="the dev data folder")
    ap.add_argument("--out", default=str(ROOT / "src" / "eventwire" / "data" / "relevance" / "model.json"))
    ap.add_argument("--story-out", default=str(ROOT / "src" / "eventwire" / "data" / "relevance" / "story.json"))
    ap.add_argument("--target", type=float, default=0.45,
                    help="events per non-political article the threshold aims at (tune halves)")
    ap.add_argument("--story-c", type=float, default=4.0)
    ap.add_argument("--short-share", type=float, default=0.5)
    ap.add_argument("--other-weight", type=float, default=2.0)
    ap.add_argument("--annotations", help="cache the tune annotations in this pickle (re-used when it exists)")
    args = ap.parse_args()
    model = train(Path(args.data), Path(args.out), Path(args.story_out), args.target,
                  Path(args.annotations) if args.annotations else None, args.story_c, args.short_share,
                  args.other_weight)
    for name, w in sorted(zip(model["features"], model["weights"], strict=True), key=lambda t: -abs(t[1])):
        print(f"{w:+8.3f}  {name}")
    print(f"intercept {model['intercept']:+.3f}  threshold {model['threshold']}")
    for key, value in model["kept_at_threshold_tune"].items():
        print(f"  kept {value:.3f}  per text {model['events_per_text_at_threshold_tune'][key]:.2f}  {key}")
    print("  ACLED notes losing their chosen event:", model["acled_notes_losing_their_chosen_event_tune"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
