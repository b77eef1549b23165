"""``--actors`` and ``--lexicon`` on extract/annotate apply the user's files without code."""

from __future__ import annotations

import json

from eventwire.cli import main

OVERRIDE_TSV = (
    "name\taliases\tcode\tsector\tcountry\tkind\toffice\trole\tstart\tend\tqid\tgender\tnote\n"
    "Zara Okonkwo-Ville\tOkonkwo-Ville\tNGA\tJUD\tNGA\tperson\tJudge\t\t2019-06-11\t\t\tf\tinvented person\n"
)


def _entity(capsys, argv: list[str], name_start: str) -> dict:
    assert main(argv) == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    return next(e for e in record["entities"] if e["entity_text"].startswith(name_start))


def test_actors_flag_changes_a_resolution(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("Zara Okonkwo-Ville adjourned the hearing in Abuja on Monday.", encoding="utf-8")
    base = ["annotate", str(story), "--date", "2024-06-10", "--no-progress", "-q"]
    before = _entity(capsys, base, "Zara")
    assert before["sector"] != "JUD"
    user = tmp_path / "mine.tsv"
    user.write_text(OVERRIDE_TSV, encoding="utf-8")
    after = _entity(capsys, [*base, "--actors", str(user)], "Zara")
    assert (after["code"], after["sector"], after["name"]) == ("NGA", "JUD", "Zara Okonkwo-Ville")


def test_missing_user_file_is_a_usage_error(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("Police arrested protesters.", encoding="utf-8")
    assert main(["extract", str(story), "--actors", str(tmp_path / "nope.tsv")]) == 2
    assert "--actors: file not found" in capsys.readouterr().err
