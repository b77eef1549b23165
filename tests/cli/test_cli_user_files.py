"""``--actors`` and ``--lexicon`` on extract/annotate apply the user's files without code; bad ones are clear errors."""

from __future__ import annotations

import json

import pytest

from eventwire.cli import main
from eventwire.errors import DataFileError, EventwireError
from eventwire.events import LexiconError
from eventwire.events.lexicon import LexiconError as LexiconErrorFromModule

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


BAD_LEXICONS = {
    "not JSON": ('{"id": "u1", "lemma": "zap", "pos": "verb", "event": "ASSAULT"}\n{"id": oops\n',
                 ":2: not valid JSON"),
    "unknown type": ('{"id": "u1", "lemma": "zap", "pos": "verb", "event": "TELEPORT"}\n',
                     ":1: unknown event type 'TELEPORT'"),
}


def test_lexicon_error_is_an_eventwire_error() -> None:
    assert LexiconError is LexiconErrorFromModule
    assert issubclass(LexiconError, DataFileError) and issubclass(LexiconError, EventwireError)
    assert issubclass(LexiconError, ValueError)  # callers that caught ValueError still do


@pytest.mark.slow
@pytest.mark.parametrize("command", ["extract", "annotate"])
@pytest.mark.parametrize("case", sorted(BAD_LEXICONS))
def test_bad_user_lexicon_names_file_and_line(tmp_path, capsys, command, case):
    story = tmp_path / "story.txt"
    story.write_text("Police arrested protesters in the capital on Monday.", encoding="utf-8")
    content, problem = BAD_LEXICONS[case]
    lexicon = tmp_path / "mine.jsonl"
    lexicon.write_text(content, encoding="utf-8")
    assert main([command, str(story), "--lexicon", str(lexicon), "--no-progress"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert err.startswith(f"eventwire: error: {lexicon}{problem}")


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_bad_lexicon_in_config_stops_batch_with_exit_2(tmp_path, capsys, workers):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Police arrested protesters on Monday."}) + "\n",
                      encoding="utf-8")
    lexicon = tmp_path / "mine.jsonl"
    lexicon.write_text(BAD_LEXICONS["not JSON"][0], encoding="utf-8")
    config = tmp_path / "eventwire.toml"
    config.write_text(f"lexicon_files = [{json.dumps(str(lexicon))}]\n", encoding="utf-8")
    status = main(["batch", str(corpus), "--out", str(tmp_path / "out"), "--config", str(config),
                   "--no-progress", "--workers", str(workers)])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err
    assert f"eventwire batch: {lexicon}:2: not valid JSON" in err
