"""Train the geoparser's candidate ranker (``src/eventwire/data/where/geo_ranker.json``).

Data: the TUNE halves (``eventwire.evaluate.split.half_of``) of ``lgl_dev.jsonl``,
``geovirus_dev.jsonl`` and ``acled_dev.jsonl`` in the shared data folder. Each text is parsed by the
spaCy model, toponyms are found and their gazetteer candidates listed exactly as at run time
(``eventwire.where``), and every candidate becomes one row of :data:`eventwire.where.ranker.FEATURES`
labelled 1 when it lies within 161 km of the gold point (LGL, GeoVirus: toponyms matched by span;
ACLED: the toponym whose name is the note's ``location``, within 25 km of its coordinates).
Toponyms with one candidate or no correct one teach nothing and are skipped.

A logistic regression (scikit-learn, lbfgs, fixed seed) is fitted on features whose context comes
from the most prominent candidates, and again on features whose context comes from its own choices
(the pipeline scores in the same two rounds); on those second-round features, gradient-boosted trees
(200 trees of depth 3) are fitted and exported as plain arrays. Only learned parameters are written:
no text of the (GPL-3 / ACLED-licensed) dev data goes into the model file.

Run: ``python training/train_geo_ranker.py [--data DIR] [--cache DIR] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire import clean  # noqa: E402
from eventwire.evaluate.geometry import haversine_km  # noqa: E402
from eventwire.evaluate.split import half_of  # noqa: E402
from eventwire.pipeline import STAGES, Pipeline  # noqa: E402
from eventwire.records import Article  # noqa: E402
from eventwire.where.normalize import fold, strip_article  # noqa: E402
from eventwire.where.ranker import FEATURES, Ranker, TreeRanker, model_path  # noqa: E402
from eventwire.where.recognize import find_toponyms  # noqa: E402
from eventwire.where.resolve import _first_pass, candidate_features  # noqa: E402

SEED = 0
TREES, RATE, DEPTH = 200, 0.1, 3


def read_items(path: Path) -> list[dict[str, Any]]:
    """The tune-half lines of one dev file."""
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if half_of(str(r["id"])) == "tune"]


def parsed(pipe: Pipeline, name: str, items: list[dict[str, Any]], cache: Path) -> list[Any]:
    """spaCy docs of the items (cached as a DocBin: parsing is the slow part)."""
    from spacy.tokens import DocBin

    nlp = pipe.nlp
    f = cache / f"{name}-tune.docbin"
    if f.exists():
        docs = list(DocBin().from_bytes(f.read_bytes()).get_docs(nlp.vocab))
    else:
        with nlp.select_pipes(disable=[s for s, _ in STAGES]):
            docs = list(nlp.pipe(clean.clean_text(it["text"]) for it in items))
        db = DocBin()
        for d in docs:
            db.add(d)
        cache.mkdir(parents=True, exist_ok=True)
        f.write_bytes(db.to_bytes())
    for d, it in zip(docs, items, strict=True):
        d._.article = Article(text=it["text"], id=str(it["id"]), date=it.get("date"))
    return docs


def gold_points(name: str, item: dict[str, Any]) -> list[tuple[tuple[int, int] | str, float, float, float]]:
    """(span or folded name, lat, lon, tolerance km) of the gold toponyms of one item."""
    if name == "acled_dev":
        g = item["gold"]
        if g.get("lat") is None or not g.get("location"):
            return []
        return [(strip_article(fold(g["location"])), float(g["lat"]), float(g["lon"]), 25.0)]
    return [((p["span"][0], p["span"][1]), float(p["lat"]), float(p["lon"]), 161.0)
            for p in item.get("gold_places") or () if p.get("lat") is not None]


def groups_of(stage: Any, doc: Any, golds: list[Any], ranker: Ranker | TreeRanker | None
              ) -> list[tuple[list[list[float]], list[int]]]:
    """Candidate feature rows and labels of each gold-matched toponym of one document."""
    tops = find_toponyms(doc, stage.gazetteer, stage.lexicon)
    dl = stage._dateline(doc, tops)
    all_tops, priors, big = _first_pass(doc, tops, dl)
    rows = candidate_features(all_tops, priors, big)
    if ranker is not None:  # second round: context from the first model's choices
        for t in all_tops:
            if len(t.candidates) > 1:
                t.chosen = max(rows[id(t)], key=lambda cx: ranker.score(cx[1]))[0]
        rows = candidate_features(all_tops, priors, big)
    out = []
    for t in all_tops:
        if len(t.candidates) < 2:
            continue
        for where, lat, lon, tol in golds:
            hit = (t.key == where) if isinstance(where, str) else (min(t.end_char, where[1]) > max(t.start_char, where[0]))
            if not hit:
                continue
            xs, ys = [], []
            for c, x in rows[id(t)]:
                ok = c.lat is not None and c.lon is not None and haversine_km(c.lat, c.lon, lat, lon) <= tol
                xs.append(x)
                ys.append(int(ok))
            if any(ys):
                out.append((xs, ys))
            break
    return out


def fit(groups: list[tuple[list[list[float]], list[int]]]) -> Ranker:
    """Fit a standardised logistic regression on all candidate rows."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([row for xs, _ in groups for row in xs], dtype=float)
    y = np.array([lab for _, ys in groups for lab in ys])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=5000, random_state=SEED)
    model.fit((x - mean) / scale, y)
    return Ranker(FEATURES, tuple(round(float(v), 6) for v in mean), tuple(round(float(v), 6) for v in scale),
                  tuple(round(float(v), 6) for v in model.coef_[0]), round(float(model.intercept_[0]), 6))


def fit_trees(groups: list[tuple[list[list[float]], list[int]]], trees_n: int = TREES, depth: int = DEPTH
              ) -> TreeRanker:
    """Fit gradient-boosted trees (``trees_n`` trees of depth ``depth``, rate 0.1, fixed seed) and export them."""
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    x = np.array([row for xs, _ in groups for row in xs], dtype=float)
    y = np.array([lab for _, ys in groups for lab in ys])
    model = GradientBoostingClassifier(n_estimators=trees_n, max_depth=depth, learning_rate=RATE, random_state=SEED)
    model.fit(x, y)
    init = float(model.decision_function(x[:1])[0]) - RATE * sum(
        float(est[0].predict(x[:1])[0]) for est in model.estimators_)
    trees = []
    for est in model.estimators_:
        t = est[0].tree_
        trees.append((tuple(int(v) for v in t.feature), tuple(round(float(v), 6) for v in t.threshold),
                      tuple(int(v) for v in t.children_left), tuple(int(v) for v in t.children_right),
                      tuple(round(float(v), 6) for v in t.value[:, 0, 0])))
    return TreeRanker(FEATURES, round(init, 6), RATE, tuple(trees))


def top1(groups: list[tuple[list[list[float]], list[int]]], ranker: Ranker | TreeRanker) -> float:
    """Share of groups whose best-scored candidate is a correct one."""
    ok = sum(ys[max(range(len(xs)), key=lambda i: ranker.score(xs[i]))] for xs, ys in groups)
    return ok / max(1, len(groups))


def main(argv: list[str] | None = None) -> int:
    """Build the training rows, fit twice, write the model file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--cache", default="/tmp/eventwire-geo-ranker")
    ap.add_argument("--out", default=str(model_path()))
    ap.add_argument("--trees", type=int, default=TREES)
    ap.add_argument("--depth", type=int, default=DEPTH)
    args = ap.parse_args(argv)
    data, cache = Path(args.data), Path(args.cache)
    if not (data / "lgl_dev.jsonl").exists():
        data = Path("/work/shared/data")
    pipe = Pipeline()
    stage = pipe.nlp.get_pipe("eventwire_places")
    sets = []
    for name in ("lgl_dev", "geovirus_dev", "acled_dev"):
        items = read_items(data / f"{name}.jsonl")
        sets.append((name, items, parsed(pipe, name, items, cache)))
    linear: Ranker | None = None
    groups: list[tuple[list[list[float]], list[int]]] = []
    for _ in range(2):  # round 1: context from prominence; round 2: context from the linear model's choices
        groups = []
        for name, items, docs in sets:
            for it, doc in zip(items, docs, strict=True):
                groups.extend(groups_of(stage, doc, gold_points(name, it), linear))
        linear = fit(groups)
        print(f"{len(groups)} toponyms, {sum(len(xs) for xs, _ in groups)} candidates; "
              f"linear training top-1 {top1(groups, linear):.4f}", file=sys.stderr)
    trees = fit_trees(groups, args.trees, args.depth)
    print(f"trees training top-1 {top1(groups, trees):.4f}", file=sys.stderr)
    Path(args.out).write_text(json.dumps({
        "model": f"gradient-boosted trees (scikit-learn GradientBoostingClassifier, {args.trees} trees, depth {args.depth}, "
                 f"rate {RATE}, seed {SEED}), trained on features whose context comes from a logistic regression",
        "trained_on": "tune halves of lgl_dev, geovirus_dev, acled_dev (weights only)",
        "features": list(trees.names), "init": trees.init, "rate": trees.rate,
        "trees": [list(map(list, t)) for t in trees.trees],
    }, separators=(",", ":")) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
