"""Articles without a publication date: dateline, file name, pubdate-like field, one warning per input."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.ingest import IngestOptions, read_inputs
from eventwire.ingest.dates import dateline_date, filename_date
from eventwire.records import Article


def _read(paths: list[Path], warnings: list[str], **options: object) -> list[Article]:
    opts = IngestOptions(on_warning=warnings.append, **options)  # type: ignore[arg-type]
    return [a for a in read_inputs([str(p) for p in paths], opts) if isinstance(a, Article)]


def test_dateline_forms() -> None:
    assert dateline_date("CAIRO, June 10, 2024 (Wire) - Talks resumed.") == "2024-06-10"
    assert dateline_date("Lagos, 31 December 2023 — Police said ...") == "2023-12-31"
    assert dateline_date("GENEVA, Monday, January 1, 2024: The council met.") == "2024-01-01"
    assert dateline_date("Talks resumed in Cairo, officials said - June 10, 2024.") is None
    assert dateline_date("CAIRO, February 30, 2024 - x") is None  # no such day


def test_filename_dates() -> None:
    assert filename_date("news/cairo-2024-06-10.txt") == "2024-06-10"
    assert filename_date("wire_20231231_0800.txt") == "2023-12-31"
    assert filename_date("report-2024-13-01.txt") is None
    assert filename_date("2024-06/notes.txt") is None  # only the file's own name counts


def test_txt_dated_from_file_name_and_warned_once(tmp_path: Path) -> None:
    f = tmp_path / "dispatch-2024-01-01.txt"
    f.write_text("Police arrested two men on Sunday.", encoding="utf-8")
    warnings: list[str] = []
    (a,) = _read([f], warnings)
    assert a.date == "2024-01-01"
    assert len(warnings) == 1 and "dated from the file name (2024-01-01)" in warnings[0]


def test_dateline_wins_over_file_name_and_date_option_wins_over_both(tmp_path: Path) -> None:
    f = tmp_path / "dispatch-2024-01-01.txt"
    f.write_text("KABUL, December 31, 2023 (Wire) - Gunmen attacked a checkpoint.", encoding="utf-8")
    warnings: list[str] = []
    assert _read([f], warnings)[0].date == "2023-12-31"
    quiet: list[str] = []
    assert _read([f], quiet, date="2024-02-29")[0].date == "2024-02-29" and quiet == []


def test_jsonl_pubdate_field_and_one_warning_per_input(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "text": "One.", "published": "2024-02-29T10:00:00Z"},
            {"id": "b", "text": "Two."}, {"id": "c", "text": "Three."}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    g = tmp_path / "other.jsonl"
    g.write_text(json.dumps({"id": "d", "text": "Four."}) + "\n", encoding="utf-8")
    warnings: list[str] = []
    got = {a.id: a.date for a in _read([f, g], warnings)}
    assert got == {"a": "2024-02-29", "b": None, "c": None, "d": None}
    assert len(warnings) == 2  # one per input, not one per article
    assert "article b" in warnings[0] and "relative dates stay unresolved" in warnings[0]
    assert "article d" in warnings[1]
