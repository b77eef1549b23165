"""The learned candidate ranker: features of (toponym, candidate, article context) and a model over them.

The model (gradient-boosted trees, or a logistic regression) is trained by
``training/train_geo_ranker.py`` and shipped as a small JSON file (``data/where/geo_ranker.json``);
scoring needs no scikit-learn. The same :func:`features` function builds training rows and scores
at run time.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .build import haversine_km
from .gazetteer import Candidate, data_dir
from .normalize import fold, strip_article
from .toponym import Toponym

__all__ = ["FEATURES", "Context", "Ranker", "TreeRanker", "build_context", "features", "load_ranker", "model_path"]

FEATURES = (
    "prior", "kind_country", "kind_curated", "kind_admin1", "kind_admin2", "kind_city", "log_pop", "capital",
    "no_coords", "exact_name", "top_pop", "log_candidates", "country_n", "country_share", "main_country",
    "admin1_n", "admin1_named", "admin1_share", "near_250", "log_km_nearest", "qualifier_country",
    "qualifier_admin1", "dateline_country", "dateline_admin1", "ner", "in_actor", "same_city_admin1",
    "country_x_main", "city_x_main_admin1", "foreign_x_main_share",
)


@dataclass
class Context:
    """What the rest of the article says: countries, divisions and points chosen for the other names."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[str] = field(default_factory=Counter)
    named_admin1: set[str] = field(default_factory=set)
    own_country: dict[str, Counter[str]] = field(default_factory=dict)
    own_admin1: dict[str, Counter[str]] = field(default_factory=dict)
    points: list[tuple[str, float, float]] = field(default_factory=list)  # (key, lat, lon)
    main_country: str | None = None
    main_admin1: str | None = None
    dateline_country: str | None = None
    dateline_admin1: str | None = None


def build_context(tops: list[Toponym]) -> Context:
    """Collect the context from each toponym's current choice (a name is never its own evidence).

    A county inside an organisation's name counts ("Edgar County Board", "Franklin County Commission":
    local bodies say which state the story is in); other names inside organisations do not. (Counting
    states too, "Ohio Arts Council", raised LGL tune found 0.869 -> 0.890 but lowered GeoVirus check
    0.826 -> 0.825.)
    """
    ctx = Context()
    for t in tops:
        c = t.chosen
        if c is None or t.in_actor and c.kind != "admin2":
            continue
        w = 2 if t.dateline else 1
        if c.country_code:
            ctx.countries[c.country_code] += w
            ctx.own_country.setdefault(t.key, Counter())[c.country_code] += w
        if c.admin1code and c.kind != "country":
            ctx.admin1[c.admin1code] += w
            ctx.own_admin1.setdefault(t.key, Counter())[c.admin1code] += w
            if c.kind == "admin1":
                ctx.named_admin1.add(c.admin1code)
        if c.lat is not None and c.lon is not None and c.kind in {"city", "curated", "admin2"}:
            ctx.points.append((t.key, c.lat, c.lon))
        if t.dateline:
            ctx.dateline_country = c.country_code
            ctx.dateline_admin1 = c.admin1code if c.kind != "country" else None
    if ctx.countries:
        ctx.main_country = ctx.countries.most_common(1)[0][0]
    if ctx.admin1:
        ctx.main_admin1 = ctx.admin1.most_common(1)[0][0]
    return ctx


def features(t: Toponym, c: Candidate, ctx: Context, prior: float, top_pop: bool, same_city_admin1: bool
             ) -> list[float]:
    """Return the feature vector (in :data:`FEATURES` order) of candidate ``c`` for toponym ``t``."""
    cc = c.country_code or ""
    own_c = ctx.own_country.get(t.key, Counter())
    own_a = ctx.own_admin1.get(t.key, Counter())
    n_country = ctx.countries.get(cc, 0) - own_c.get(cc, 0) if cc else 0
    total = sum(ctx.countries.values()) - sum(own_c.values())
    a1 = c.admin1code if c.kind != "country" else None
    n_admin1 = (ctx.admin1.get(a1, 0) - own_a.get(a1, 0)) if a1 else 0
    total_a = sum(ctx.admin1.values()) - sum(own_a.values())
    nearest = 20_000.0
    if c.lat is not None and c.lon is not None and c.kind != "country":
        k = math.cos(math.radians(c.lat))
        for key, lat, lon in ctx.points:
            if key != t.key:
                dlon = abs(c.lon - lon)
                dlon = min(dlon, 360.0 - dlon) * k
                d2 = (c.lat - lat) ** 2 + dlon * dlon  # equirectangular, in squared degrees
                if d2 < 2.0:  # close: the exact distance
                    nearest = min(nearest, haversine_km(c.lat, c.lon, lat, lon))
                else:
                    nearest = min(nearest, 111.2 * math.sqrt(d2))
    qual = t.qualifier.chosen if t.qualifier is not None else None
    main = cc != "" and cc == ctx.main_country and total > 0
    share = n_country / total if total > 0 else 0.0
    main_share = (ctx.countries.get(ctx.main_country or "", 0) - own_c.get(ctx.main_country or "", 0)) / total \
        if total > 0 else 0.0
    key_name = strip_article(fold(c.name))
    return [
        prior,
        float(c.kind == "country"), float(c.kind == "curated"), float(c.kind == "admin1"),
        float(c.kind == "admin2"), float(c.kind == "city"),
        math.log10(c.population + 1) / 7.0,
        float(c.feature_code == "PPLC"),
        float(c.lat is None and c.kind != "country"),
        float(key_name == t.key),
        float(top_pop),
        math.log(len(t.candidates)),
        math.log1p(max(0, n_country)),
        share,
        float(main),
        math.log1p(max(0, n_admin1)),
        float(a1 is not None and a1 in ctx.named_admin1 and c.kind != "admin1"),
        n_admin1 / total_a if total_a > 0 and n_admin1 > 0 else 0.0,
        float(nearest <= 250.0),
        math.log10(nearest + 1.0) / 4.3,
        float(qual is not None and qual.country_code == cc),
        float(qual is not None and qual.kind in {"admin1", "admin2"} and a1 is not None and a1 == qual.admin1code),
        float(not t.dateline and ctx.dateline_country is not None and ctx.dateline_country == cc),
        float(not t.dateline and ctx.dateline_admin1 is not None and ctx.dateline_admin1 == a1),
        float(t.source.startswith("ner")),
        float(t.in_actor),
        float(same_city_admin1),
        float(c.kind == "country") * float(main),
        float(c.kind == "city") * float(a1 is not None and a1 == ctx.main_admin1 and n_admin1 > 0),
        float(c.kind != "country" and not main and total > 0) * main_share,
    ]


@dataclass(frozen=True)
class Ranker:
    """A linear scorer over standardised features (a logistic regression's decision function)."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def score(self, x: list[float]) -> float:
        """Return the log-odds that the candidate with features ``x`` is the right one."""
        s = self.intercept
        for v, m, sd, w in zip(x, self.mean, self.scale, self.coef, strict=True):
            s += w * (v - m) / sd
        return s

    def score_many(self, xs: Sequence[list[float]]) -> list[float]:
        """:meth:`score` of each feature vector."""
        return [self.score(x) for x in xs]


Tree = tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]]


@dataclass(frozen=True)
class TreeRanker:
    """Gradient-boosted regression trees (scikit-learn's binary deviance model), walked in Python or numpy.

    Each tree is (feature, threshold, left, right, value) arrays in scikit-learn's node order; a leaf
    has ``left == -1``. The score is ``init + rate * sum(leaf values)``, the model's log-odds.
    """

    names: tuple[str, ...]
    init: float
    rate: float
    trees: tuple[Tree, ...]
    _arrays: tuple[Any, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_arrays", _tree_arrays(self.trees))

    def score(self, x: Sequence[float]) -> float:
        """Return the log-odds that the candidate with features ``x`` is the right one."""
        s = 0.0
        for feature, threshold, left, right, value in self.trees:
            node = 0
            while left[node] != -1:
                node = left[node] if x[feature[node]] <= threshold[node] else right[node]
            s += value[node]
        return self.init + self.rate * s

    def score_many(self, xs: Sequence[list[float]]) -> list[float]:
        """:meth:`score` of each feature vector, all trees walked for all vectors at once (numpy).

        Walking the trees one candidate at a time in Python was the costliest step of place
        resolution. Equal to :meth:`score` to the last bit: the same comparisons, and each
        vector's leaf values added one by one in tree order (``cumsum`` accumulates sequentially);
        ``tests/where/test_where_ranker.py`` checks it.
        """
        if not xs:
            return []
        import numpy as np

        feature, threshold, left, right, value, depth = self._arrays
        x = np.asarray(xs, dtype=np.float64)
        trees = np.arange(feature.shape[0])
        rows = np.arange(len(xs))[:, None]
        node = np.zeros((len(xs), feature.shape[0]), dtype=np.intp)
        for _ in range(depth):
            lo = left[trees, node]
            step = np.where(x[rows, feature[trees, node]] <= threshold[trees, node], lo, right[trees, node])
            node = np.where(lo != -1, step, node)
        sums = np.cumsum(value[trees, node], axis=1)[:, -1]
        return [self.init + self.rate * float(v) for v in sums.tolist()]


def _tree_arrays(trees: Sequence[Tree]) -> tuple[Any, ...]:
    """The trees as padded (tree, node) numpy arrays, and the deepest path's length."""
    import numpy as np

    width = max((len(t[0]) for t in trees), default=1)
    feature = np.zeros((len(trees), width), dtype=np.intp)
    threshold = np.zeros((len(trees), width), dtype=np.float64)
    left = np.full((len(trees), width), -1, dtype=np.intp)
    right = np.full((len(trees), width), -1, dtype=np.intp)
    value = np.zeros((len(trees), width), dtype=np.float64)
    depth = 0
    for k, (f, th, lo, hi, v) in enumerate(trees):
        n = len(f)
        # a leaf's feature (-2 in scikit-learn) is never compared: point it at feature 0
        feature[k, :n] = [max(0, int(i)) for i in f]
        threshold[k, :n] = th
        left[k, :n] = lo
        right[k, :n] = hi
        value[k, :n] = v
        depth = max(depth, _depth(lo, hi, 0))
    return feature, threshold, left, right, value, depth


def _depth(left: Sequence[int], right: Sequence[int], node: int) -> int:
    if left[node] == -1:
        return 0
    return 1 + max(_depth(left, right, left[node]), _depth(left, right, right[node]))


def model_path() -> Path:
    """Where the shipped ranker lives."""
    return data_dir() / "geo_ranker.json"


@lru_cache(maxsize=4)
def load_ranker(path: str | None = None) -> Ranker | TreeRanker | None:
    """Read the ranker (None when the file is absent or was trained on other features)."""
    p = Path(path) if path else model_path()
    if not p.exists():
        return None
    d = json.loads(p.read_text(encoding="utf-8"))
    if tuple(d["features"]) != FEATURES:
        return None
    if "trees" in d:
        trees = tuple((tuple(t[0]), tuple(t[1]), tuple(t[2]), tuple(t[3]), tuple(t[4])) for t in d["trees"])
        return TreeRanker(tuple(d["features"]), float(d["init"]), float(d["rate"]), trees)
    return Ranker(tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]), tuple(d["coef"]), float(d["intercept"]))
