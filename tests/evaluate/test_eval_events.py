"""``eventwire eval``: matching and figures on a small gold file written for the test."""

from __future__ import annotations

import json

from eventwire.cli import _run, main
from eventwire.evaluate import evaluate_events, format_events_report

GOLD = [
    {"id": "g1", "text": "Iranian police arrested dozens of protesters in Tehran.", "date": "2024-03-02",
     "events": [{"event": "COERCE", "mode": "arrest", "actor": [{"entity_text": "Iranian police", "code": "IRN", "sector": "COP"}],
                 "recipient": [{"entity_text": "protesters", "code": "IRN", "sector": "CVL"}], "event_text": "arrested",
                 "date": "2024-03-02"}]},
    {"id": "g2", "text": "Ukraine accused Russia of shelling a power plant.",
     "events": [{"event": "ACCUSE", "mode": "disapprove", "actor": [{"entity_text": "Ukraine", "code": "UKR"}],
                 "recipient": [{"entity_text": "Russia", "code": "RUS"}], "event_text": "accused"}]},
    {"id": "g3", "text": "The minister said the economy was growing.",
     "events": [{"event": "SUPPORT", "mode": None, "actor": [], "recipient": []}]},
]


def _gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    return path


def test_scores(tmp_path, pipeline):
    r = evaluate_events(_gold(tmp_path), pipeline)
    micro = r["event_type"]["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (2, 0, 1)
    assert micro["precision"] == 1.0 and round(micro["recall"], 3) == 0.667
    assert r["matched"]["mode"] == {"accuracy": 1.0, "n": 2, "correct": 2}
    assert r["matched"]["actor_code"]["n"] == 2 and r["matched"]["actor_code"]["correct"] == 2
    assert r["matched"]["date"]["n"] == 1 and r["matched"]["date"]["correct"] == 1
    assert r["confusion"]["SUPPORT"] == {"NONE": 1}
    assert r["events_per_sentence"] == round(2 / 3, 3)
    table = format_events_report(r)
    assert "micro" in table and "confusion" in table


def test_cli_json_and_table(tmp_path, capsys):
    path = _gold(tmp_path)
    assert main(["eval", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["event_type"]["micro"]["tp"] == 2
    assert main(["eval", str(path)]) == 0
    assert "event type" in capsys.readouterr().out


def test_cli_missing_file(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "none.jsonl")]) == 2
    assert "not found" in capsys.readouterr().err


LOCATION_GOLD = [
    {"id": "l1", "text": "Soldiers shelled the town of Kharkiv on Monday, officials said.",
     "event_span": [9, 16], "event_text": "shelled", "gold_loc_spans": [[29, 36]]},
    {"id": "l2", "text": "The minister criticised the new budget in a speech.",
     "event_span": [13, 23], "event_text": "criticised", "gold_loc_spans": []},
]


def test_cli_location_task(tmp_path, capsys, pipeline):
    _run.adopt_pipeline(pipeline)  # the command reuses the session's model
    path = tmp_path / "loc.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in LOCATION_GOLD) + "\n", encoding="utf-8")
    for g in LOCATION_GOLD:
        assert g["text"][slice(*g["event_span"])] == g["event_text"]
    assert LOCATION_GOLD[0]["text"][29:36] == "Kharkiv"
    assert main(["eval", str(path), "--task", "location", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n"] == 2 and data["with_location"] == 1
    assert data["overlap"]["tp"] + data["overlap"]["fn"] == 1  # the one line with a gold place
