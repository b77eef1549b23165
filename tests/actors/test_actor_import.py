"""The PETRARCH/TABARI importer, tested on the third-party dictionaries read at run time."""

from __future__ import annotations

from eventwire.actors.importer import (
    convert_code,
    parse_actors,
    parse_date,
    people_since,
    write_tsv,
)
from eventwire.actors.kb import KnowledgeBase, load_actor_file
from eventwire.cli import main
from ewtesting import shared_path


def test_parse_date_forms():
    assert parse_date("011222") == "2001-12-22"
    assert parse_date("900823") == "1990-08-23"
    assert parse_date("20070101") == "2007-01-01"


def test_convert_code():
    assert convert_code("EGYGOV") == ("EGY", "GOV")
    assert convert_code("IGOUNO") == ("IGO", None)
    assert convert_code("KORGOVBUS") == ("KOR", "GOV")
    assert convert_code("AFG") == ("AFG", None)


def test_inline_and_block_codes():
    lines = [
        "# comment\n",
        "BOKO_HARAM [NGAREB]\n",
        "SOME_MINISTER_  # note\n",
        "+THE_MINISTER_\n",
        "\t[XYZGOV 040101-061231]\n",
        "\t[XYZELI >070101]\n",
    ]
    entries = list(parse_actors(lines, "inline.txt"))
    assert [e.name for e in entries] == ["Boko Haram", "Some Minister"]
    assert entries[0].codes == [("NGAREB", None, None)]
    assert entries[1].aliases == ["THE MINISTER"]
    assert entries[1].codes == [("XYZGOV", "2004-01-01", "2006-12-31"), ("XYZELI", "2007-01-01", None)]


def test_import_shared_dictionaries_dates(tmp_path):
    src = shared_path("data", "petrarch", "Phoenix.International.actors.txt")
    with src.open(encoding="utf-8", errors="replace") as fh:
        entries = list(parse_actors(fh, src.name))
    assert len(entries) > 500
    out = tmp_path / "intl.tsv"
    rows = write_tsv(entries, out)
    assert rows >= len(entries)
    kb = KnowledgeBase()
    kb.add_records(load_actor_file(out))
    ban = kb.find("Ban Ki-Moon")
    assert ban, "Ban Ki-moon is in the international dictionary with dated codes"
    before, _ = ban[0].at("2005-06-01")
    after, _ = ban[0].at("2010-06-01")
    assert before.code == "KOR" and after.code == "IGO"


def test_cli_import_countries(tmp_path, capsys):
    src = shared_path("data", "petrarch", "Phoenix.Countries.actors.txt")
    out = tmp_path / "countries.tsv"
    assert main(["actors", "import", str(src), "--out", str(out)]) == 0
    kb = KnowledgeBase()
    kb.add_records(load_actor_file(out))
    assert len(kb.actors) > 10_000
    assert "wrote" in capsys.readouterr().err


def test_cli_lookup_explains(capsys):
    assert main(["actors", "lookup", "Mr. Sisi", "--date", "2024-06-10"]) == 0
    out = capsys.readouterr().out
    assert "Abdel Fattah al-Sisi" in out and "EGY" in out and "people.tsv" in out and "President of Egypt" in out


def test_people_since_keeps_people_with_recent_sector_codes():
    lines = [
        "OLD_MINISTER_\n", "\t[XYZGOV 800101-891231]\n",
        "RECENT_MINISTER_\n", "+MINISTER_RECENT_\n", "\t[XYZGOV 950101-031231]\n", "\t[XYZELI >040101]\n",
        "SOME_REGION_\n", "\t[XYZ >050101]\n",
        "SURNAME_\n", "\t[XYZGOV >050101]\n",
        "XYZLAND_\n", "\t[XYZGOV >050101]\n",
    ]
    entries = list(people_since(parse_actors(lines, "t.txt"), "2000-01-01", exclude={"xyzland"}))
    assert [e.name for e in entries] == ["Recent Minister"]
    assert entries[0].codes == [("XYZGOV", "1995-01-01", "2003-12-31"), ("XYZELI", "2004-01-01", None)]
    assert entries[0].kind == "person"


def test_later_file_replaces_an_actor_spelled_differently(tmp_path):
    kb = KnowledgeBase()
    rows = ("Abdel Fattah El Sisi\tSisi|Abdul Fattah Al-Sisi\tEGY\tGOV\tperson",  # an earlier file
            "Abdel Fattah al-Sisi\tSisi\tEGY\tMIL\tperson")  # a later one, another spelling
    for n, row in enumerate(rows):
        path = tmp_path / f"file{n}.tsv"
        path.write_text(f"name\taliases\tcode\tsector\tkind\n{row}\n", encoding="utf-8")
        kb.add_records(load_actor_file(path))
    assert [a.name for a in kb.actors.values()] == ["Abdel Fattah al-Sisi"]
    assert [a.name for a in kb.find("Abdel Fattah El Sisi")] == ["Abdel Fattah al-Sisi"]
    assert kb.find("Abdul Fattah Al-Sisi") == []
