"""Every input form of spec/records.md reads into Articles with positions, ids and dates."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from eventwire.ingest import IngestOptions, detect_format, expand_inputs, read_inputs
from eventwire.records import Article, Failure

STORY = "CAIRO, June 10 (Eventwire) - Egypt's foreign minister met his Jordanian counterpart on Monday."
ROWS = [
    {"id": "a1", "text": STORY, "date": "2024-06-10", "title": "Talks in Cairo"},
    {"id": "a2", "text": "Police arrested dozens of protesters in Nairobi on Tuesday.", "date": "2024-06-25T09:00:00Z"},
]


def read(paths: list[str | Path], **options: object) -> list[Article | Failure]:
    return list(read_inputs([str(p) for p in paths], IngestOptions(**options)))  # type: ignore[arg-type]


def articles(items: list[Article | Failure]) -> list[Article]:
    assert all(isinstance(i, Article) for i in items), [i for i in items if isinstance(i, Failure)]
    return [i for i in items if isinstance(i, Article)]


def jsonl_bytes(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def check_rows(got: list[Article], name: str) -> None:
    assert [a.id for a in got] == ["a1", "a2"]
    assert [a.text for a in got] == [r["text"] for r in ROWS]
    assert [a.date for a in got] == ["2024-06-10", "2024-06-25"]
    assert got[0].title == "Talks in Cairo"
    assert all(a.position and a.position.startswith(name) for a in got)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_file_is_one_article_dated_by_option(tmp_path: Path, suffix: str) -> None:
    f = tmp_path / f"story{suffix}"
    f.write_text(STORY + "\n", encoding="utf-8")
    (a,) = articles(read([f], date="2024-06-10T12:00:00+02:00"))
    assert a.text == STORY + "\n"
    assert a.date == "2024-06-10"
    assert a.position == f"{f}:1"
    assert len(a.id) == 16  # content hash


def test_content_hash_id_is_stable(tmp_path: Path) -> None:
    f = tmp_path / "s.txt"
    f.write_text(STORY, encoding="utf-8")
    first = articles(read([f], date="2024-06-10"))[0].id
    assert articles(read([f], date="2024-06-10"))[0].id == first
    assert articles(read([f], date="2024-06-11"))[0].id != first  # the date is part of the hash


@pytest.mark.parametrize("name", ["in.jsonl", "in.ndjson", "in.jsonl.gz", "in.ndjson.zst"])
def test_jsonl_plain_and_compressed(tmp_path: Path, name: str) -> None:
    data = jsonl_bytes(ROWS)
    if name.endswith(".gz"):
        data = gzip.compress(data)
    elif name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    f = tmp_path / name
    f.write_bytes(data)
    got = articles(read([f]))
    check_rows(got, str(f))
    assert [a.position for a in got] == [f"{f}:1", f"{f}:2"]


def test_jsonl_blank_lines_and_line_numbers(tmp_path: Path) -> None:
    f = tmp_path / "gaps.jsonl"
    f.write_bytes(b"\n" + jsonl_bytes(ROWS[:1]) + b"\n\n" + jsonl_bytes(ROWS[1:]))
    assert [a.position for a in articles(read([f]))] == [f"{f}:2", f"{f}:5"]


def test_json_object_and_array(tmp_path: Path) -> None:
    obj = tmp_path / "one.json"
    obj.write_text(json.dumps(ROWS[0]), encoding="utf-8")
    (a,) = articles(read([obj]))
    assert a.id == "a1" and a.date == "2024-06-10"
    arr = tmp_path / "many.json"
    arr.write_text(json.dumps(ROWS, indent=2), encoding="utf-8")
    got = articles(read([arr]))
    check_rows(got, str(arr))
    assert got[0].position == f"{arr}:2" and got[1].position == f"{arr}:8"  # line of each object


def test_json_array_larger_than_the_read_chunk(tmp_path: Path) -> None:
    rows = [{"id": f"n{i}", "text": f"Article number {i} " + "x" * 5000} for i in range(400)]
    f = tmp_path / "big.json"
    f.write_text(json.dumps(rows), encoding="utf-8")  # ~2 MB, read in 1 MB chunks
    got = articles(read([f]))
    assert [a.id for a in got] == [r["id"] for r in rows]
    assert got[-1].text == rows[-1]["text"]


def test_json_numeric_id_becomes_string(tmp_path: Path) -> None:
    f = tmp_path / "n.json"
    f.write_text(json.dumps([{"id": 7, "text": "x"}]), encoding="utf-8")
    assert articles(read([f]))[0].id == "7"


@pytest.mark.parametrize(("name", "sep"), [("in.csv", ","), ("in.tsv", "\t")])
def test_csv_and_tsv(tmp_path: Path, name: str, sep: str) -> None:
    f = tmp_path / name
    lines = [sep.join(["id", "text", "date", "title"])]
    for r in ROWS:
        lines.append(sep.join([r["id"], r["text"].replace(",", ""), r["date"], r.get("title", "")]))
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = articles(read([f]))
    assert [a.id for a in got] == ["a1", "a2"]
    assert [a.position for a in got] == [f"{f}:2", f"{f}:3"]
    assert got[1].title is None  # empty cell -> None


def test_csv_column_remapping_and_multiline_cells(tmp_path: Path) -> None:
    f = tmp_path / "news.csv"
    f.write_text('story_id,body,published,headline\nx1,"first line\nsecond, line",2024-06-10,Head\n'
                 'x2,plain,2024-06-11T10:00:00Z,Other\n', encoding="utf-8")
    got = articles(read([f], columns={"id": "story_id", "text": "body", "date": "published", "title": "headline"}))
    assert [(a.id, a.text, a.date, a.title) for a in got] == [
        ("x1", "first line\nsecond, line", "2024-06-10", "Head"),
        ("x2", "plain", "2024-06-11", "Other"),
    ]
    assert [a.position for a in got] == [f"{f}:2", f"{f}:4"]


def test_parquet_with_remapping_in_batches(tmp_path: Path) -> None:
    n = 600  # more than one record batch
    table = pa.table({
        "doc": [f"d{i}" for i in range(n)],
        "content": [f"Story {i}." for i in range(n)],
        "pub": [f"2024-06-{1 + i % 28:02d}" for i in range(n)],
        "unused": list(range(n)),
    })
    f = tmp_path / "news.parquet"
    pq.write_table(table, f, row_group_size=100)
    got = articles(read([f], columns={"id": "doc", "text": "content", "date": "pub"}))
    assert len(got) == n
    assert (got[0].id, got[0].text, got[0].date, got[0].position) == ("d0", "Story 0.", "2024-06-01", f"{f}:1")
    assert got[-1].position == f"{f}:{n}"


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>Talks in Cairo</title>"
        '<meta property="article:published_time" content="2024-06-10T08:00:00Z"></head><body>'
        "<nav>Home | World | Sport | Subscribe now</nav><article><h1>Talks in Cairo</h1>"
        f"<p>{STORY} Both sides agreed to meet again next week, officials said.</p>"
        "<p>The foreign minister said the talks had been constructive and frank.</p></article>"
        "<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    (a,) = articles(read([f]))
    assert STORY in a.text
    assert "Subscribe" not in a.text and "Copyright" not in a.text
    assert a.title == "Talks in Cairo"
    assert a.date == "2024-06-10"
    (b,) = articles(read([f], date="2024-07-01"))
    assert b.date == "2024-07-01"  # --date wins over the page metadata


def test_directory_recursive_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a" / "deep" / "1.txt").write_text("one", encoding="utf-8")
    (tmp_path / "a" / "0.jsonl").write_bytes(jsonl_bytes([{"text": "zero"}]))
    (tmp_path / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    assert [Path(p).relative_to(tmp_path).as_posix() for p in expand_inputs([str(tmp_path)])] == [
        "a/0.jsonl", "a/deep/1.txt", "b/2.txt",
    ]
    assert [a.text for a in articles(read([tmp_path]))] == ["zero", "one", "two"]


def test_stdin_is_jsonl() -> None:
    stdin = io.BufferedReader(io.BytesIO(jsonl_bytes(ROWS)))  # type: ignore[arg-type]
    got = [i for i in read_inputs(["-"], IngestOptions(), stdin=stdin) if isinstance(i, Article)]
    check_rows(got, "<stdin>")


def test_input_format_override(tmp_path: Path) -> None:
    f = tmp_path / "feed.dat"
    f.write_bytes(jsonl_bytes(ROWS))
    (fail,) = read([f])
    assert isinstance(fail, Failure) and "unsupported file type '.dat'" in fail.reason and "--input-format" in fail.reason
    check_rows(articles(read([f], input_format="jsonl")), str(f))
    (whole,) = articles(read([f], input_format="txt"))
    assert whole.text == jsonl_bytes(ROWS).decode()


def test_detect_format() -> None:
    assert detect_format(Path("x.JSONL.GZ")) == "jsonl"
    assert detect_format(Path("x.htm")) == "html"
    assert detect_format(Path("x.tsv.zst")) == "tsv"
    assert detect_format(Path("x.gz")) is None
    assert detect_format(Path("README")) is None


def test_reading_is_lazy(tmp_path: Path) -> None:
    f = tmp_path / "many.jsonl"
    f.write_bytes(jsonl_bytes([{"text": f"t{i}"} for i in range(1000)]))
    it = read_inputs([str(f)])
    first = next(it)
    assert isinstance(first, Article) and first.text == "t0"
