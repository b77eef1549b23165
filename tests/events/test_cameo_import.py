"""The CAMEO verb-dictionary importer (training/import_cameo_verbs.py) on a small dictionary written here."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from eventwire.events import LexiconError, load_lexicon

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("import_cameo_verbs", ROOT / "training" / "import_cameo_verbs.py")
assert _spec is not None and _spec.loader is not None
imp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(imp)

VERBS = """\
&WEAPON
+RIFLE
+MORTARS

####### VERB PATTERNS #######

---  SCOLD   [111]  ---
SCOLD
UPBRAID
- * (FOR &WEAPON)                                     [1123]        # SCOLD

---  HURL   [---]  ---
HURL
- * &WEAPON                                           [190]         # HURL
- TROOPS *                                            [150]         # HURL

---  VOW   [---]  ---
VOW
- * AID                                               [033]         # VOW
"""
TABLE = """\
111: ACCUSE, disapprove,    # Criticize or denounce
1123: ACCUSE, allege, military # Accuse of aggression
190: ASSAULT, , military # Use conventional military force
070: AID,   ,  # Provide aid
"""
MODES = {"ACCUSE": {"disapprove", "allege"}, "ASSAULT": set(), "AID": set()}


@pytest.fixture()
def entries(tmp_path: Path) -> list[dict]:
    (tmp_path / "verbs.txt").write_text(VERBS, encoding="latin-1")
    (tmp_path / "table.txt").write_text(TABLE, encoding="utf-8")
    return imp.build_entries(tmp_path / "verbs.txt", tmp_path / "table.txt", {"upbraid"}, MODES)


def test_block_code_patterns_and_intent(entries: list[dict]) -> None:
    scold = [e for e in entries if e["lemma"] == "scold"]
    assert {(e["event"], e.get("mode")) for e in scold} == {("ACCUSE", "disapprove"), ("ACCUSE", "allege")}
    allege = next(e for e in scold if e.get("mode") == "allege")
    assert allege["prep"] == ["for"] and "mortar" in allege["prep_obj"] and "rifle" in allege["prep_obj"]
    hurl = [e for e in entries if e["lemma"] == "hurl"]
    assert len(hurl) == 1 and hurl[0]["event"] == "ASSAULT" and "rifle" in hurl[0]["obj"]  # subject pattern skipped
    vow = next(e for e in entries if e["lemma"] == "vow")
    assert vow["event"] == "AID" and vow["aux"] == ["future"] and vow["obj"] == ["aid"]  # 033 intent -> AID, future
    assert all(e["need_coded_actor"] for e in entries)
    assert not any(e["lemma"] == "upbraid" for e in entries)  # a hand-lexicon lemma stays the hand lexicon's
    assert len({e["id"] for e in entries}) == len(entries)


def test_bundled_import_loads_and_hand_entries_win() -> None:
    lex = load_lexicon()
    cameo = [e for e in lex.entries if e.id.startswith("cameo:")]
    assert len(cameo) > 200
    hand = {lemma for e in lex.entries if not e.id.startswith("cameo:") and e.pos == "verb" for lemma in e.lemmas}
    assert not any(e.lemmas & hand for e in cameo)


def test_bad_aux_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "lemma": "zap", "event": "ASSAULT", "aux": ["someday"]}) + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="aux"):
        load_lexicon([str(bad)])
