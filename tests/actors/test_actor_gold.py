"""The development measure on the PLOVER gold sentences (issue 4 targets: code >= 0.85, sector >= 0.70)."""

from __future__ import annotations

from eventwire.actors.evaluate import evaluate_actors
from ewtesting import shared_path


def test_gold_dev_actor_accuracy(pipeline):
    gold = shared_path("data", "plover_gsr_dev.jsonl")
    score = evaluate_actors(gold, pipeline)
    figures = score.as_dict()
    assert figures["actors"] > 300
    assert figures["code_accuracy"] >= 0.85, figures
    assert figures["sector_accuracy"] >= 0.70, figures
