"""Reading failures found by the outside audit (issue 19): each bad input is one clear failure, nothing good lost."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from eventwire.ingest import IngestOptions, read_inputs
from eventwire.records import Article, Failure

DEEP = '{"id": "n", "text": "x", "meta": ' + "[" * 1000 + "]" * 1000 + "}"
GOOD = [{"id": "g1", "text": "Police arrested protesters in Nairobi."},
        {"id": "g2", "text": "The minister met envoys in Cairo."}]


def read(paths: list[Path], warnings: list[str] | None = None) -> list[Article | Failure]:
    sink = warnings.append if warnings is not None else (lambda message: None)
    return list(read_inputs([str(p) for p in paths], IngestOptions(on_warning=sink)))


def articles(items: list[Article | Failure]) -> dict[str, str]:
    return {i.id: i.text for i in items if isinstance(i, Article)}


def test_deeply_nested_jsonl_line_is_one_failure_and_the_rest_is_read(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps(GOOD[0]) + "\n" + DEEP + "\n" + json.dumps(GOOD[1]) + "\n", encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Rebels attacked a convoy.", encoding="utf-8")
    items = read([tmp_path])
    assert set(articles(items)) >= {"g1", "g2"} and len(articles(items)) == 3
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(failures) == 1
    assert failures[0].position == f"{f}:2" and "nested too deeply" in failures[0].reason


@pytest.mark.parametrize("indent", [None, 2])
def test_deeply_nested_json_array_element_is_skipped(tmp_path: Path, indent: int | None) -> None:
    f = tmp_path / "a.json"
    body = json.dumps(GOOD[0], indent=indent) + ",\n" + DEEP + ",\n" + json.dumps(GOOD[1], indent=indent)
    f.write_text("[" + body + "]", encoding="utf-8")
    items = read([f])
    assert articles(items) == {g["id"]: g["text"] for g in GOOD}
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(failures) == 1 and "nested too deeply" in failures[0].reason


def test_deeply_nested_json_object_is_one_failure(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(DEEP, encoding="utf-8")
    items = read([f])
    assert len(items) == 1 and isinstance(items[0], Failure) and "nested too deeply" in items[0].reason


def _undated(warnings: list[str]) -> list[str]:
    """The warnings other than the once-per-input note that articles carry no publication date."""
    return [w for w in warnings if "has no publication date" not in w]


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                       (codecs.BOM_UTF8, "utf-8")])
def test_jsonl_with_a_byte_order_mark_is_decoded_by_it(tmp_path: Path, bom: bytes, codec: str) -> None:
    rows = [{"id": "u1", "text": "Le café de la gare, naïve “quotes”."}, {"id": "u2", "text": "Ελληνικά και 中文"}]
    f = tmp_path / "u.jsonl"
    f.write_bytes(bom + "".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in rows).encode(codec))
    warnings: list[str] = []
    items = read([f], warnings)
    assert items == [Article(text=r["text"], id=r["id"], position=f"{f}:{n}") for n, r in enumerate(rows, 1)]
    assert _undated(warnings) == []


def test_one_bad_byte_in_utf8_text_keeps_the_rest_utf8(tmp_path: Path) -> None:
    text = "Le ministre a rencontré son homologue à Genève, a déclaré l’agence « officielle »."
    f = tmp_path / "a.txt"
    raw = text.encode("utf-8")
    f.write_bytes(raw[:20] + b"\xff" + raw[20:])
    warnings: list[str] = []
    (item,) = read([f], warnings)
    assert isinstance(item, Article)
    assert item.text == text[:20] + "\ufffd" + text[20:]
    warnings = _undated(warnings)
    assert len(warnings) == 1 and "invalid UTF-8" in warnings[0] and str(f) in warnings[0]


def test_windows_1252_text_is_still_detected(tmp_path: Path) -> None:
    text = "Le ministre a rencontré son homologue à Genève, a déclaré l’agence officielle du pays."
    f = tmp_path / "a.txt"
    f.write_bytes(text.encode("cp1252"))
    warnings: list[str] = []
    (item,) = read([f], warnings)
    assert isinstance(item, Article) and item.text == text
    assert warnings and "not UTF-8" in warnings[0]


@pytest.mark.parametrize("value", [["x"], {"a": 1}, True])
def test_non_scalar_id_is_refused(tmp_path: Path, value: object) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": value, "text": "Police arrested protesters."}) + "\n"
                 + json.dumps(GOOD[0]) + "\n", encoding="utf-8")
    items = read([f])
    assert isinstance(items[0], Failure) and "'id'" in items[0].reason and f"{f}:1" in items[0].reason
    assert articles(items) == {"g1": GOOD[0]["text"]}


def test_numeric_id_is_kept_as_a_string(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": 42, "text": "Police arrested protesters."}) + "\n", encoding="utf-8")
    (item,) = read([f])
    assert isinstance(item, Article) and item.id == "42"


@pytest.mark.parametrize("value", [123, 1.5, ["text"]])
def test_text_that_is_not_a_string_is_refused(tmp_path: Path, value: object) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "t", "text": value}) + "\n", encoding="utf-8")
    (item,) = read([f])
    assert isinstance(item, Failure) and item.article_id == "t" and "is not a string" in item.reason
