"""The model article's entity lines (shared/examples/cairo-2024-06-10.expected.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actors_helpers import covering

SPEC = json.loads((Path(__file__).parent / "cases" / "cairo.json").read_text(encoding="utf-8"))["mentions"]


def _find(text: str, needle: str, nth: int) -> int:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos


@pytest.mark.parametrize("case", SPEC, ids=[f"{c['text']}#{c['nth']}" for c in SPEC])
def test_cairo_entity(cairo, case):
    text = cairo.article.text
    start = _find(text, case["text"], case["nth"])
    end = start + len(case["text"])
    if "entity_text" in case and case["entity_text"] in ("he", "she"):
        end = start + 2
    ent = covering(list(cairo.entities), start, end)
    assert ent is not None, f"no entity covers {case['text']!r}"
    assert ent.entity_text == text[ent.span[0]:ent.span[1]]
    if case.get("whole"):
        assert ent.entity_text == case["text"]
    if "entity_text" in case:
        assert ent.entity_text == case["entity_text"]
    for key in ("name", "code", "sector", "kind", "office"):
        if key in case:
            assert getattr(ent, key) == case[key], f"{key}: {getattr(ent, key)!r} ({ent.rule})"


def test_cairo_chains(cairo):
    text = cairo.article.text
    clusters: dict[str, set[str | None]] = {}
    for case in SPEC:
        if "chain" not in case:
            continue
        start = _find(text, case["text"], case["nth"])
        ent = covering(list(cairo.entities), start, start + (2 if case.get("entity_text") == "he" else len(case["text"])))
        assert ent is not None
        clusters.setdefault(case["chain"], set()).add(ent.cluster)
    for chain, ids in clusters.items():
        assert len(ids) == 1 and None not in ids, (chain, ids)
    assert len({next(iter(v)) for v in clusters.values()}) == len(clusters)


def test_cairo_spans_are_original_text(cairo):
    text = cairo.article.text
    for e in cairo.entities:
        assert text[e.span[0]:e.span[1]] == e.entity_text
