"""Hostile files through ingestion: nothing escapes the reader, nothing good is lost or doubled.

Every generated file mixes good records (known ids and texts) with bad ones (invalid JSON,
wrong types, missing columns, stray bytes). The readers must yield each good record exactly
once, unchanged, and each bad one as a :class:`Failure` naming the file and its position.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robust_support import HOSTILE_PIECES, hostile_text

from eventwire.ingest import IngestOptions, read_inputs
from eventwire.records import Article, Failure

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTENSIONS = ("txt", "md", "jsonl", "json", "csv", "tsv", "html")


def _read(path: Path, **options: object) -> list[Article | Failure]:
    """Read one file the way the CLI does, asserting nothing escapes and every item is placed."""
    items = list(read_inputs([str(path)], IngestOptions(**options)))  # type: ignore[arg-type]
    for item in items:
        assert isinstance(item, (Article, Failure)), item
        assert item.position is not None and item.position.startswith(str(path)), item
        if isinstance(item, Failure):
            assert item.reason and str(path) in item.reason, item
    return items


def _utf8(text: str) -> bytes:
    """Encode like a careless writer would: lone surrogates become invalid UTF-8 bytes."""
    return text.encode("utf-8", "surrogatepass")


def _no_surrogates(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


def _as_read(text: str) -> str:
    """What a JSON reader yields for ``text``: escaped pairs joined, lone surrogates as U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", json.loads(json.dumps(text)))


def _tmpdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="ew-fuzz-"))


def _lines_before(text: str, index: int) -> int:
    """Physical lines before ``index`` as the csv module counts them (``\\r\\n``, ``\\r``, ``\\n``)."""
    return len(re.findall(r"\r\n|\r|\n", text[:index]))


# -- any bytes, any extension ------------------------------------------------------------------

@FAST
@given(data=st.one_of(st.binary(max_size=3000), hostile_text.map(_utf8)), ext=st.sampled_from(EXTENSIONS))
def test_random_bytes_in_any_format_never_escape(data: bytes, ext: str) -> None:
    path = _tmpdir() / f"random.{ext}"
    path.write_bytes(data)
    items = _read(path)
    assert items, "every file yields an article or a failure"
    if ext in ("txt", "md", "html"):
        assert len(items) == 1


@FAST
@given(text=hostile_text, bom=st.booleans())
def test_text_file_keeps_its_exact_text(text: str, bom: bool) -> None:
    path = _tmpdir() / "story.txt"
    raw = _utf8(text)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw)
    (item,) = _read(path)
    clean = text == _no_surrogates(text)
    if isinstance(item, Failure):
        # only an empty/whitespace file or one that sniffs as binary is refused
        assert ("empty file" in item.reason and not raw.strip()) or "binary file" in item.reason, item
    elif clean:
        # a leading U+FEFF in the bytes is a byte order mark, whoever wrote it
        assert item.text == (text[1:] if not bom and text.startswith("\ufeff") else text)
    else:
        assert "\ufffd" in item.text or item.text  # decoded best-effort, never dropped


# -- JSON Lines: good and bad lines interleaved --------------------------------------------------

_bad_json_line = st.one_of(
    st.sampled_from([
        b'{"id": "broken", "text": "no end"', b"[1, 2, 3]", b'"just a string"', b"42", b"null",
        b'{"text": null}', b'{"title": "no text"}', b'{"text": ["a"]}',
        b"{'single': 'quotes'}", b'{"text": "raw \x00 nul"}', b'{"text": "a\xff\xfeb"', b"\xef\xbb\xbf{",
    ]),
    hostile_text.map(_utf8).filter(lambda b: not b.lstrip().startswith(b"{")),
).map(lambda b: b.replace(b"\n", b" ").replace(b"\r", b" "))


@FAST
@given(
    goods=st.lists(hostile_text, max_size=6),
    bads=st.lists(_bad_json_line, max_size=6),
    order=st.randoms(use_true_random=False),
    ascii_only=st.booleans(),
    crlf=st.booleans(),
)
def test_jsonl_good_lines_survive_bad_neighbours(goods, bads, order, ascii_only, crlf) -> None:
    if not ascii_only:
        goods = [_no_surrogates(t) for t in goods]  # raw UTF-8 cannot carry a lone surrogate
    lines: list[tuple[str | None, bytes]] = [
        (f"good-{i}", json.dumps({"id": f"good-{i}", "text": t}, ensure_ascii=ascii_only).encode("utf-8"))
        for i, t in enumerate(goods)
    ] + [(None, b) for b in bads]
    order.shuffle(lines)
    path = _tmpdir() / "mixed.jsonl"
    path.write_bytes(b"".join(raw + (b"\r\n" if crlf else b"\n") for _, raw in lines))
    items = _read(path)
    if len(items) == 1 and isinstance(items[0], Failure) and "binary file" in items[0].reason:
        return  # refused whole, loudly: nothing was silently lost
    articles = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.text) for a in articles] == [(f"good-{i}", _as_read(goods[i])) for i in
                                                  (int(k.split("-")[1]) for k, _ in lines if k)]
    for a in articles:
        line = next(n for n, (k, _) in enumerate(lines, 1) if k == a.id)
        assert a.position == f"{path}:{line}"
    bad_lines = {f"{path}:{n}" for n, (k, raw) in enumerate(lines, 1) if k is None and raw.strip()}
    failures = [i for i in items if isinstance(i, Failure)]
    if not articles and not bad_lines:
        assert len(failures) == 1 and "empty file" in failures[0].reason
        return
    assert {f.position for f in failures} <= bad_lines
    assert len(failures) <= len(bad_lines)


# -- JSON: an array with good and bad elements ---------------------------------------------------

_bad_json_value = st.sampled_from([1, "text", None, [], [{"text": "nested"}], {"no": "text"},
                                   {"text": {"a": 1}}, True])


@FAST
@given(goods=st.lists(hostile_text, max_size=6), bads=st.lists(_bad_json_value, max_size=5),
       order=st.randoms(use_true_random=False), indent=st.sampled_from([None, 1, 2]), bom=st.booleans())
def test_json_array_good_elements_survive(goods, bads, order, indent, bom) -> None:
    elements: list[tuple[str | None, object]] = [(f"g{i}", {"id": f"g{i}", "text": t}) for i, t in enumerate(goods)]
    elements += [(None, b) for b in bads]
    order.shuffle(elements)
    path = _tmpdir() / "array.json"
    body = json.dumps([e for _, e in elements], indent=indent)  # ASCII: surrogates escaped
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("ascii"))
    items = _read(path)
    if not elements:
        assert len(items) == 0 or all(isinstance(i, Failure) for i in items)
        return
    articles = [i for i in items if isinstance(i, Article)]
    expected = [(k, _as_read(goods[int(k[1:])])) for k, _ in elements if k]
    assert [(a.id, a.text) for a in articles] == expected
    assert len(items) == len(elements), "one item per element"


# -- CSV / TSV: embedded newlines, quotes, missing columns, BOM, NUL -----------------------------

_cell_text = hostile_text.map(_no_surrogates).map(lambda t: t.replace("\x00", ""))


@FAST
@given(
    goods=st.lists(_cell_text, min_size=1, max_size=6),
    n_missing=st.integers(0, 3),
    order=st.randoms(use_true_random=False),
    delimiter=st.sampled_from([",", "\t"]),
    bom=st.booleans(),
    terminator=st.sampled_from(["\n", "\r\n"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
)
def test_csv_good_rows_survive_with_their_lines(goods, n_missing, order, delimiter, bom, terminator, quoting) -> None:
    rows: list[tuple[str | None, list[str]]] = [(f"r{i}", [f"r{i}", t, "2024-06-10"]) for i, t in enumerate(goods)]
    if terminator == "\n":
        quoting = csv.QUOTE_ALL  # the writer quotes only the terminator's characters: a bare \r would split a row
    rows += [(None, [f"missing-{j}"]) for j in range(n_missing)]  # a row without its text column
    order.shuffle(rows)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=terminator, quoting=quoting)
    writer.writerow(["id", "text", "date"])
    starts: dict[str, int] = {}
    for key, row in rows:
        starts[key or row[0]] = _lines_before(buf.getvalue(), len(buf.getvalue())) + 1
        writer.writerow(row)
    ext = "tsv" if delimiter == "\t" else "csv"
    path = _tmpdir() / f"table.{ext}"
    path.write_bytes(("\ufeff" if bom else "").encode() + buf.getvalue().encode("utf-8"))
    items = _read(path)
    if len(items) == 1 and isinstance(items[0], Failure) and "binary file" in items[0].reason:
        return
    articles = {a.id: a for a in items if isinstance(a, Article)}
    assert len(articles) == sum(1 for i in items if isinstance(i, Article)), "no duplicates"
    assert sorted(articles) == sorted(k for k, _ in rows if k)
    for key, row in rows:
        if key:
            assert articles[key].text == row[1]
            assert articles[key].date == "2024-06-10"
            assert articles[key].position == f"{path}:{starts[key]}"
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(failures) == n_missing
    assert {f.position for f in failures} == {f"{path}:{starts[r[0]]}" for k, r in rows if k is None}


@FAST
@given(pieces=st.lists(st.sampled_from(['"', '""', ",", "\t", "\n", "\r", "a", "text", "id", "\x00", "\ufeff", " "]),
                       max_size=60).map("".join),
       ext=st.sampled_from(["csv", "tsv"]))
def test_csv_with_wrong_quoting_never_escapes(pieces: str, ext: str) -> None:
    path = _tmpdir() / f"broken.{ext}"
    path.write_bytes(f"id,text{'' if ext == 'csv' else ''}\n".replace(",", "," if ext == "csv" else "\t").encode()
                     + pieces.encode("utf-8"))
    _read(path)


def test_nul_byte_in_one_cell_does_not_lose_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    rows = [f'n{i},"Police met protesters in Lagos, report {i}."\n' for i in range(40)]
    rows[7] = 'n7,"a stray \x00 byte from a broken scraper"\n'
    path.write_bytes(("id,text\n" + "".join(rows)).encode("utf-8"))
    items = _read(path)
    assert [i.id for i in items if isinstance(i, Article)] == [f"n{i}" for i in range(40)]


def test_nul_byte_in_one_jsonl_line_fails_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    lines = [json.dumps({"id": f"j{i}", "text": f"Ministers met in Accra, report {i}."}) for i in range(40)]
    lines[3] = '{"id": "j3", "text": "raw \x00 inside a string"}'
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    items = _read(path)
    assert [i.id for i in items if isinstance(i, Article)] == [f"j{i}" for i in range(40) if i != 3]
    (fail,) = [i for i in items if isinstance(i, Failure)]
    assert fail.position == f"{path}:4"


# -- HTML: scripts, broken markup, huge attributes -----------------------------------------------

HTML_PIECES = (
    "<html>", "<head><title>T</title></head>", "<body>", "<article>", "</article>", "<p>", "</p>",
    "<div class='x'>", "</div>", "<script>document.write('SCRIPTMARKER')</script>", "<script>",
    "<style>p{color:red}</style>", "<!--", "-->", "<![CDATA[", "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">link</a>', "<iframe src='//evil'>", "<svg onload=alert(1)>", "<<<<",
    "</", ">", "&#0;", "&#xD800;", "&nbsp;", "&bogus;", "<meta charset='utf-16'>",
    '<meta property="article:published_time" content="2024-13-45T99:99">',
    "Police arrested dozens of protesters in Nairobi on Tuesday, witnesses said. " * 3,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.one_of(st.sampled_from(HTML_PIECES), hostile_text), max_size=25),
       huge_attr=st.booleans())
def test_hostile_html_is_one_article_or_one_failure(pieces: list[str], huge_attr: bool) -> None:
    html = "".join(pieces)
    if huge_attr:
        html = f'<div data-x="{"A" * 300_000}">' + html + "</div>"
    path = _tmpdir() / "page.html"
    path.write_bytes(_utf8(html))
    (item,) = _read(path)
    if isinstance(item, Article):
        assert item.text.strip()
        assert "A" * 1000 not in item.text, "attribute values are not article text"


# -- sizes: megabyte lines, long tokens, blank files ---------------------------------------------

@pytest.mark.parametrize("ext", ["txt", "jsonl", "json", "csv"])
def test_megabyte_single_line_under_and_over_the_limit(tmp_path: Path, ext: str) -> None:
    limit = 1_000_000
    under, over = "word " * 180_000, "x" * (limit + 10)  # 900,000 and 1,000,010 characters, one line each

    def write(name: str, text: str) -> Path:
        path = tmp_path / f"{name}.{ext}"
        if ext == "txt":
            path.write_text(text, encoding="utf-8")
        elif ext == "jsonl":
            path.write_text(json.dumps({"id": name, "text": text}) + "\n", encoding="utf-8")
        elif ext == "json":
            path.write_text(json.dumps([{"id": name, "text": text}]), encoding="utf-8")
        else:
            path.write_text(f"id,text\n{name},{text}\n", encoding="utf-8")
        return path

    (ok,) = _read(write("under", under), max_article_chars=limit)
    assert isinstance(ok, Article) and ok.text == under
    (refused,) = _read(write("over", over), max_article_chars=limit)
    assert isinstance(refused, Failure) and refused.stage == "limits"
    assert "max_article_chars" in refused.reason


@pytest.mark.parametrize("content", [b"", b" ", b"\n\n\n", b"\t \r\n ", "\u3000\u2003\n".encode()])
@pytest.mark.parametrize("ext", EXTENSIONS)
def test_empty_and_whitespace_files_are_one_clear_failure(tmp_path: Path, content: bytes, ext: str) -> None:
    path = tmp_path / f"blank.{ext}"
    path.write_bytes(content)
    items = _read(path)
    if ext in ("txt", "md") and content.strip() and not content.decode().strip():
        # ideographic/em spaces are bytes, not blank bytes: an article of empty text (zero events)
        (item,) = items
        assert isinstance(item, Article) and not item.text.strip()
        return
    assert len(items) == 1 and isinstance(items[0], Failure), items


def test_long_tokens_and_many_lines_keep_offsets(tmp_path: Path) -> None:
    text = "\n".join(["z" * 50_000, "مرحبا " * 2000, "😀" * 10_000, *(["short line"] * 20_000)])
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "long", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    (item,) = _read(path)
    assert isinstance(item, Article) and item.text == text


def test_hostile_pieces_round_trip_through_escaped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "pieces.jsonl"
    path.write_text("".join(json.dumps({"id": f"p{i}", "text": p}) + "\n" for i, p in enumerate(HOSTILE_PIECES)))
    items = _read(path)
    got = {i.id: i.text for i in items if isinstance(i, Article)}
    assert got == {f"p{i}": _as_read(p) for i, p in enumerate(HOSTILE_PIECES)}


def test_lone_surrogates_become_replacement_characters_at_the_same_offsets(tmp_path: Path) -> None:
    text = "Police \ud800arrested protesters\udfff in Lagos."
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"id": "s", "text": text, "title": "t\udc00"}) + "\n", encoding="ascii")
    warnings: list[str] = []
    (item,) = _read(path, on_warning=warnings.append)
    assert isinstance(item, Article)
    assert item.text == text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
    assert len(item.text) == len(text) and item.text.encode("utf-8")
    assert item.title == "t\ufffd"
    assert any("surrogate" in w and "s.jsonl:1" in w for w in warnings)
