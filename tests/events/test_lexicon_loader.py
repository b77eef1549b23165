"""The trigger lexicon loader: bundled data, user files through the same path, clear errors."""

from __future__ import annotations

import json

import pytest

from eventwire.events.lexicon import LexiconError, load_lexicon


def test_bundled_lexicon_covers_all_types_and_modes_are_valid():
    lex = load_lexicon()
    assert len(lex.types) == 16
    assert {e.event for e in lex.entries} == set(lex.types)
    for e in lex.entries:
        assert e.mode is None or e.mode in lex.types[e.event].modes, e.id
        assert e.cameo.isdigit() and len(e.cameo) == 2


def test_more_specific_entry_is_tried_first():
    lex = load_lexicon()
    ids = [e.id for e in lex.candidates("verb", "call")]
    assert ids.index("call_for_sanctions") < ids.index("call_for")


def _write(tmp_path, rows, name="user.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return str(path)


def test_user_file_adds_and_overrides(tmp_path, pipeline):
    from eventwire import Pipeline

    path = _write(tmp_path, [
        {"id": "user_snub", "lemma": "snub", "event": "REJECT", "recipient": ["obj"]},
        {"id": "user_hug", "lemma": "hug", "event": "SUPPORT", "recipient": ["obj"]},
    ])
    lex = load_lexicon([path])
    assert lex.by_id("user_hug") is not None and lex.by_id("accuse") is not None
    pipe = Pipeline(lexicon_files=(path,))
    evs = pipe.extract("The mayor hugged the visiting minister.")
    assert [(e.event, e.rule) for e in evs] == [("SUPPORT", "user_hug")]


def test_empty_actor_list_means_no_actor_and_new_keys_load(tmp_path):
    path = _write(tmp_path, [
        {"id": "u_none", "lemma": "zap", "event": "ASSAULT", "actor": []},
        {"id": "u_default", "lemma": "zop", "event": "ASSAULT"},
        {"id": "u_keys", "lemma": "zip", "event": "PROTEST", "subj_lemma": "@PROTEST_VOICES",
         "prep": ["in"], "prep_obj": ["square"], "not_prep_obj_mod": ["main"]},
    ])
    lex = load_lexicon([path])
    assert lex.by_id("u_none").actor == ()
    assert lex.by_id("u_default").actor == ("subj",)
    keys = lex.by_id("u_keys").constraints
    assert "protester" in keys["subj_lemma"] and keys["not_prep_obj_mod"] == frozenset({"main"})


def test_yaml_user_file(tmp_path):
    path = tmp_path / "more.yaml"
    path.write_text("triggers:\n  - {id: y1, lemma: parley, event: CONSULT}\n", encoding="utf-8")
    assert load_lexicon([str(path)]).by_id("y1").event == "CONSULT"


@pytest.mark.parametrize(("row", "message"), [
    ({"id": "x", "lemma": "a", "event": "DANCE"}, "unknown event type"),
    ({"id": "x", "lemma": "a", "event": "ASSAULT", "mode": "hugging"}, "is not a mode of ASSAULT"),
    ({"id": "x", "lemma": "a", "event": "AGREE", "colour": "red"}, "unknown key"),
    ({"id": "x", "event": "AGREE"}, "missing required key 'lemma'"),
    ({"id": "x", "lemma": "a", "event": "AGREE", "obj": "@NOPE"}, "unknown lemma group"),
])
def test_bad_entries_are_reported_with_file_and_line(tmp_path, row, message):
    path = _write(tmp_path, [row], name=f"bad_{abs(hash(message))}.jsonl")
    with pytest.raises(LexiconError, match=message) as info:
        load_lexicon([path])
    assert ":1" in str(info.value)


def test_old_type_names_are_aliased(tmp_path):
    path = _write(tmp_path, [{"id": "old", "lemma": "insist", "event": "DEMAND"}], name="alias.jsonl")
    assert load_lexicon([path]).by_id("old").event == "REQUEST"


def test_missing_user_file(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon([str(tmp_path / "nope.jsonl")])


def test_comp_own_subj_is_a_positive_constraint(tmp_path):
    path = tmp_path / "own.jsonl"
    rows = [{"id": "w0", "lemma": "wish", "event": "REQUEST", "comp": True},
            {"id": "w1", "lemma": "wish", "event": "REQUEST", "comp": True, "comp_own_subj": True}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    lex = load_lexicon([path])
    assert lex.by_id("w1").constraints["comp_own_subj"] is True
    assert lex.by_id("w1").specificity == lex.by_id("w0").specificity + 1
