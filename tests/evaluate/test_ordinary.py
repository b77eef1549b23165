"""The ordinary-news set: reading it, and events per article on each side and section by half."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.evaluate.ordinary import ORDINARY_NEWS, load_ordinary, ordinary_summary
from eventwire.evaluate.scoreboard import ordinary_rows
from eventwire.evaluate.split import half_of


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _ids_in(half: str, n: int) -> list[str]:
    out, k = [], 0
    while len(out) < n:
        if half_of(f"on-{k}") == half:
            out.append(f"on-{k}")
        k += 1
    return out


def test_summary_counts_each_side_section_and_half(tmp_path):
    tune, check = _ids_in("tune", 2), _ids_in("check", 1)
    rows = [{"id": tune[0], "text": "The striker scored twice.", "topic": "sport", "political": False},
            {"id": tune[1], "text": "Parliament passed the budget.", "topic": "politics", "political": True},
            {"id": check[0], "text": "The band toured Japan.", "topic": "culture", "political": False}]
    items = load_ordinary(_write(tmp_path / "o.jsonl", rows))
    assert [it.topic for it in items] == ["sport", "politics", "culture"]
    summary = ordinary_summary(items, {tune[0]: 2, tune[1]: 3})
    assert summary["non-political"]["tune"] == {"articles": 1, "events_per_article": 2.0, "silent_share": 0.0}
    assert summary["non-political"]["check"] == {"articles": 1, "events_per_article": 0.0, "silent_share": 1.0}
    assert summary["political"]["tune"]["events_per_article"] == 3.0
    assert summary["political"]["check"]["events_per_article"] is None
    assert summary["non-political: sport"]["check"]["articles"] == 0
    measures = [r.measure for r in ordinary_rows(summary)]
    assert "share of non-political articles with no event" in measures
    assert load_ordinary(tmp_path / "o.jsonl", half="check")[0].article.id == check[0]


def test_a_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "o.jsonl"
    path.write_text('{"id": "a", "text": "x", "political": false}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"o\.jsonl:2"):
        load_ordinary(path)


def test_the_bundled_set_has_both_sides_in_both_halves():
    items = load_ordinary(ORDINARY_NEWS)
    assert len({it.article.id for it in items}) == len(items)
    for half in ("tune", "check"):
        side = {it.political for it in items if half_of(it.article.id) == half}
        assert side == {True, False}
    assert all(it.article.date for it in items)
