"""Bad input becomes a Failure naming the file, position and reason; the rest is still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.ingest import IngestOptions, read_inputs
from eventwire.ingest.text import read_bounded
from eventwire.records import Article, Failure

GOOD = "Police in Nairobi arrested dozens of protesters on Tuesday, witnesses said."


def read(paths: list[Path], **options: object) -> list[Article | Failure]:
    return list(read_inputs([str(p) for p in paths], IngestOptions(**options)))  # type: ignore[arg-type]


def one_failure(items: list[Article | Failure]) -> Failure:
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(failures) == 1, items
    return failures[0]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    f = tmp_path / "zz-good.txt"
    f.write_text(GOOD, encoding="utf-8")
    return f


@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.json", "empty.csv", "empty.html"])
def test_empty_file(tmp_path: Path, good: Path, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(b"" if name != "empty.txt" else b"  \n\n")
    items = read([f, good])
    fail = one_failure(items)
    assert str(f) in fail.reason and "empty file" in fail.reason
    assert fail.position is not None and fail.position.startswith(str(f))
    assert [a.text for a in items if isinstance(a, Article)] == [GOOD]


@pytest.mark.parametrize("name", ["photo.txt", "data.jsonl", "data.csv", "data.json"])
def test_binary_file(tmp_path: Path, good: Path, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    items = read([f, good])
    fail = one_failure(items)
    assert str(f) in fail.reason and "binary file" in fail.reason
    assert [a.text for a in items if isinstance(a, Article)] == [GOOD]


def test_jsonl_with_one_invalid_line(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_text(
        json.dumps({"id": "ok1", "text": "first"}) + "\n"
        + '{"id": "broken", "text": "no closing brace"\n'
        + json.dumps({"id": "ok2", "text": "third"}) + "\n"
        + "[1, 2]\n"
        + json.dumps({"id": "ok3", "body": "no text field"}) + "\n",
        encoding="utf-8",
    )
    items = read([f])
    assert [i.id for i in items if isinstance(i, Article)] == ["ok1", "ok2"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [x.position for x in failures] == [f"{f}:2", f"{f}:4", f"{f}:5"]
    assert f"{f}:2: invalid JSON" in failures[0].reason
    assert "expected a JSON object, got list" in failures[1].reason
    assert "article ok3" in failures[2].reason and "no 'text' field" in failures[2].reason
    assert failures[2].article_id == "ok3"


def test_json_array_with_a_syntax_error_keeps_what_came_before(tmp_path: Path) -> None:
    f = tmp_path / "arr.json"
    f.write_text('[{"text": "one"},\n{"text": "two"},\n{"text": oops}]', encoding="utf-8")
    items = read([f])
    assert [a.text for a in items if isinstance(a, Article)] == ["one", "two"]
    fail = one_failure(items)
    assert fail.position == f"{f}:3" and "invalid JSON" in fail.reason


def test_csv_without_text_column(tmp_path: Path, good: Path) -> None:
    f = tmp_path / "news.csv"
    f.write_text("id,body\n1,Something happened\n", encoding="utf-8")
    items = read([f, good])
    fail = one_failure(items)
    assert fail.reason == f"{f}: no text column 'text' (columns: id, body); name it with --text-column"
    assert [a.text for a in items if isinstance(a, Article)] == [GOOD]
    # and the remedy works
    (a,) = [i for i in read([f], columns={"text": "body"}) if isinstance(i, Article)]
    assert a.text == "Something happened"


def test_parquet_without_text_column(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    f = tmp_path / "x.parquet"
    pq.write_table(pa.table({"body": ["a"]}), f)
    fail = one_failure(read([f]))
    assert "no text column 'text' (columns: body)" in fail.reason


@pytest.mark.parametrize(("encoding", "text"), [
    ("cp1252", "Le président a déclaré à la presse que la réunion était terminée."),
    ("latin-1", "Réunion à Genève: les délégués ont signé l'accord."),
    ("cp1251", "Москва заявила о начале переговоров с делегацией."),
    ("utf-16", "Talks in Cairo – “constructive”, officials said."),
])
def test_non_utf8_file_is_decoded_not_dropped(tmp_path: Path, good: Path, encoding: str, text: str) -> None:
    f = tmp_path / "legacy.txt"
    f.write_bytes(text.encode(encoding))
    warnings: list[str] = []
    items = read([f, good], on_warning=warnings.append)
    got = [a.text for a in items if isinstance(a, Article)]
    assert got == [text, GOOD]
    if encoding != "utf-16":
        assert any(str(f) in w and "not UTF-8" in w for w in warnings)


def test_non_utf8_line_in_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(b'{"text": "fine"}\n' + '{"text": "caf\u00e9 cr\u00e8me et d\u00e9l\u00e9gation"}\n'.encode("cp1252"))
    warnings: list[str] = []
    texts = [a.text for a in read([f], on_warning=warnings.append, date="2024-06-10") if isinstance(a, Article)]
    assert texts == ["fine", "café crème et délégation"]
    assert warnings and f"{f}:2" in warnings[0]


def test_twenty_megabyte_article_refused_without_reading_it(tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "huge.txt"
    with f.open("w", encoding="utf-8") as fh:
        for _ in range(20):
            fh.write(("word " * 200 + "\n") * 1000)  # ~1 MB each
    assert f.stat().st_size > 20_000_000
    items = read([f, good])
    fail = one_failure(items)
    assert fail.stage == "limits"
    assert str(f) in fail.reason and "exceeds max_article_chars=1,000,000" in fail.reason
    assert "--max-article-chars" in fail.reason
    assert [a.text for a in items if isinstance(a, Article)] == [GOOD]
    # bounded: the limit check happens before the bytes are read
    assert read_bounded(f, 4_004_096) is None


def test_size_limit_is_configurable_and_applies_to_every_format(tmp_path: Path) -> None:
    body = "x" * 500
    for name, content in {
        "a.txt": body,
        "b.jsonl": json.dumps({"id": "long", "text": body}) + "\n" + json.dumps({"text": "short"}) + "\n",
        "c.csv": f"text\n{body}\nshort\n",
    }.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    items = read([tmp_path], max_article_chars=100)
    assert [a.text for a in items if isinstance(a, Article)] == ["short", "short"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(failures) == 3 and all("max_article_chars=100" in x.reason for x in failures)
    assert [x.position for x in failures] == [f"{tmp_path}/a.txt:1", f"{tmp_path}/b.jsonl:1", f"{tmp_path}/c.csv:2"]
    assert len([i for i in read([tmp_path], max_article_chars=1000) if isinstance(i, Article)]) == 5


def test_over_long_jsonl_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    f = tmp_path / "long.jsonl"
    f.write_text(json.dumps({"text": "y" * 200_000}) + "\n" + json.dumps({"text": "after"}) + "\n", encoding="utf-8")
    items = read([f], max_article_chars=1000)  # line limit: 6 bytes a char + 64 KB
    assert [a.text for a in items if isinstance(a, Article)] == ["after"]
    assert one_failure(items).position == f"{f}:1"


def test_invalid_date_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    f = tmp_path / "d.jsonl"
    f.write_text(json.dumps({"id": "x", "text": "t", "date": "next Tuesday"}) + "\n", encoding="utf-8")
    warnings: list[str] = []
    (a,) = read([f], on_warning=warnings.append)
    assert isinstance(a, Article) and a.date is None
    assert warnings == [f"article x ({f}:1): invalid date 'next Tuesday'; expected YYYY-MM-DD or ISO 8601; "
                        "publication date left empty",
                        f"{f}: article x ({f}:1) has no publication date; relative dates stay unresolved "
                        "(give --date or a date field; warned once per input)"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    from eventwire.errors import InputError

    with pytest.raises(InputError, match="input not found"):
        read([tmp_path / "nope.txt"])


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    import gzip

    data = gzip.compress(("".join(json.dumps({"text": f"article {i}"}) + "\n" for i in range(2000))).encode())
    f = tmp_path / "cut.jsonl.gz"
    f.write_bytes(data[: len(data) // 2])
    items = read([f])
    assert len([i for i in items if isinstance(i, Article)]) > 0
    fail = one_failure(items)
    assert str(f) in fail.reason and "cannot read" in fail.reason


def test_csv_over_long_field_is_refused_and_later_rows_keep_their_lines(tmp_path: Path) -> None:
    f = tmp_path / "big.csv"
    f.write_text('id,text\n1,"' + "a" * 5000 + '"\n2,short\n3,"multi\nline"\n4,last\n', encoding="utf-8")
    items = read([f], max_article_chars=1000)
    fail = one_failure(items)
    assert fail.position == f"{f}:2" and fail.stage == "limits" and "max_article_chars=1,000" in fail.reason
    assert [(a.id, a.position) for a in items if isinstance(a, Article)] == [
        ("2", f"{f}:3"), ("3", f"{f}:4"), ("4", f"{f}:6")]


def test_non_utf8_json_array_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "latin.json"
    f.write_bytes('[{"text": "café délégué"}, {"text": "two"}]'.encode("cp1252"))
    warnings: list[str] = []
    got = read([f], on_warning=warnings.append, date="2024-06-10")
    assert [a.text for a in got if isinstance(a, Article)] == ["café délégué", "two"]
    assert warnings == [f"{f}: not UTF-8, decoded as cp1252"]


def test_html_library_failure_is_a_failure_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that trips the extractor's metadata pass is read without metadata; one that trips both is a failure."""
    import trafilatura

    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>Police arrested two students in Lagos on Monday, "
                    "their lawyer said, after a march on the campus.</p></article></body></html>", encoding="utf-8")
    real = trafilatura.bare_extraction

    def metadata_breaks(html: str, **kw: object) -> object:
        if kw.get("with_metadata"):
            raise AssertionError("broken tree")
        return real(html, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(trafilatura, "bare_extraction", metadata_breaks)
    (a,) = read([page])
    assert isinstance(a, Article) and "arrested two students" in a.text

    def always_breaks(html: str, **kw: object) -> object:
        raise AssertionError("broken tree")

    monkeypatch.setattr(trafilatura, "bare_extraction", always_breaks)
    f = one_failure(read([page]))
    assert "page.html" in f.reason and "could not be parsed" in f.reason
