"""The quotes data files: bundled schema, user extension through settings, clear errors."""

from __future__ import annotations

import pytest

from eventwire.errors import DataFileError
from eventwire.quotes.lexicon import bundled_paths, load_lexicon


def test_bundled_files_load_with_the_cues_the_brief_names():
    lex = load_lexicon()
    for lemma in ("say", "tell", "declare", "warn", "stress", "deny", "add", "call"):
        assert lemma in lex.verbs
    assert lex.verbs["call"].particles == {"on", "upon"}
    assert lex.source_phrases["according"] == {"to"}
    assert "statement" in lex.document_nouns
    assert ("“", "”", "pair") in lex.marks.pairs
    assert all(p.is_file() for p in bundled_paths())


def test_user_files_extend_the_bundled_ones(tmp_path):
    cues = tmp_path / "my_cues.tsv"
    cues.write_text("# mine\nwhisper\t-\tccomp\tdirect,indirect\nsay\t-\tccomp\tdirect\n",
                    encoding="utf-8")
    pats = tmp_path / "my_patterns.yaml"
    pats.write_text("document_nouns: [dossier]\n", encoding="utf-8")
    marks = tmp_path / "marks_extra.tsv"
    marks.write_text("„\t“\tpair\n", encoding="utf-8")
    lex = load_lexicon((str(cues), str(pats), str(marks)))
    assert lex.verbs["whisper"].indirect
    assert not lex.verbs["say"].indirect  # a user row replaces the bundled row
    assert "dossier" in lex.document_nouns and "statement" in lex.document_nouns
    assert ("„", "“", "pair") in lex.marks.pairs
    assert load_lexicon() is load_lexicon()  # cached per list of paths


@pytest.mark.parametrize("name,body,needle", [
    ("bad_cues.tsv", "shout\t-\tnonsense\tdirect\n", "content labels"),
    ("marks_bad.tsv", "“\t”\tcurly\n", "kind"),
    ("cues.json", "{}", ".tsv"),
])
def test_malformed_user_files_name_the_file(tmp_path, name, body, needle):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_lexicon((str(path),))
    assert str(path) in str(err.value) and needle in str(err.value)


def test_missing_user_file_is_reported(tmp_path):
    with pytest.raises(DataFileError, match="quotes_files"):
        load_lexicon((str(tmp_path / "nope.tsv"),))
