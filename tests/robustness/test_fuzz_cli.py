"""Hostile corpora through ``eventwire extract`` in-process: valid records, true spans, honest exit status.

Also the per-article timeout: a pathological article is skipped, logged in the database's
``failures`` table with stage ``timeout``, and the batch goes on.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from pathlib import Path

import duckdb
import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from robust_support import check_event_spans, hostile_text

from eventwire.cli import _run, main
from eventwire.ingest.decode import is_binary
from eventwire.records import Article

pytestmark = pytest.mark.slow  # runs the spaCy pipeline

NEWS = (
    "CAIRO, June 10 (Wire) - Egypt's foreign minister met his Jordanian counterpart in Cairo on Monday. ",
    "Police arrested 40 protesters in Nairobi on Tuesday, witnesses said. ",
    "\"We will not accept this,\" the president said. ",
    "Israeli forces struck targets in Gaza overnight. ",
    "The European Union imposed sanctions on Russia last week. ",
)
news_text = st.lists(st.one_of(st.sampled_from(NEWS), hostile_text), min_size=1, max_size=6).map("".join)


@pytest.fixture(autouse=True)
def _shared_model(pipeline) -> None:  # type: ignore[no-untyped-def]
    """Let the CLI reuse the session's pipeline instead of loading the model again."""
    _run.adopt_pipeline(pipeline)


@pytest.fixture(scope="module")
def extract_schema() -> jsonschema.Draft202012Validator:
    """The schema exactly as `eventwire schema extract` prints it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["schema", "extract"]) == 0
    return jsonschema.Draft202012Validator(json.loads(out.getvalue()))


def _extract(*argv: str) -> tuple[int, list[str], str]:
    """Run ``eventwire extract`` in-process with output to a file; return status, lines, stderr."""
    out = Path(tempfile.mkdtemp(prefix="ew-out-")) / "events.jsonl"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["extract", *argv, "-o", str(out), "--no-progress"])
    # split on \n only: records may hold U+2028 or U+0085, which str.splitlines() treats as breaks
    lines = out.read_text(encoding="utf-8").split("\n")[:-1] if out.exists() else []
    return status, lines, err.getvalue()


def _as_read(text: str) -> str:
    return re.sub("[\ud800-\udfff]", "\ufffd", json.loads(json.dumps(text)))


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
# issue 19: a .txt starting with a byte order mark (found in a clean clone's run)
@example(goods=[NEWS[1]], txt="\ufeff" + NEWS[0], bad_lines=[], dated=False)
@given(
    goods=st.lists(news_text, min_size=1, max_size=4),
    txt=st.one_of(st.none(), news_text),
    bad_lines=st.lists(st.sampled_from(['{"text": ', "[]", '{"title": "x"}', "not json at all", '"s"']), max_size=2),
    dated=st.booleans(),
)
def test_hostile_corpus_extracts_valid_records(extract_schema, goods, txt, bad_lines, dated) -> None:
    corpus = Path(tempfile.mkdtemp(prefix="ew-corpus-"))
    texts = {f"doc-{i}": _as_read(t) for i, t in enumerate(goods)}
    lines = [json.dumps({"id": k, "text": t, **({"date": "2024-06-10"} if dated else {})}) for k, t in zip(texts, goods, strict=True)]
    (corpus / "a.jsonl").write_text("\n".join(lines + bad_lines) + "\n", encoding="utf-8")
    if txt is not None:
        raw = txt.encode("utf-8", "replace")
        (corpus / "b.txt").write_bytes(raw)
        # a leading U+FEFF is the file's byte order mark, not text: the reader drops it (docs/io.md),
        # and the article's id hashes the text it reads
        decoded = raw.decode("utf-8-sig")
        if decoded.strip() and not is_binary(raw[:8192]):
            texts[Article(text=decoded, date="2024-06-10").id] = decoded
    status, out, err = _extract(str(corpus), "--date", "2024-06-10")

    failures = [line for line in err.splitlines() if line.startswith("eventwire: ") and "warning:" not in line]
    assert "Traceback" not in err
    raw_txt = txt.encode("utf-8", "replace") if txt is not None else b""
    # a blank file, or one so full of control characters that it reads as binary, is one failure
    blank_txt = txt is not None and (not raw_txt.strip() or is_binary(raw_txt[:8192]))
    expected_failures = len(bad_lines) + blank_txt
    assert len(failures) == expected_failures, err
    assert status == (1 if expected_failures else 0), err
    for line in out:
        record = json.loads(line)
        extract_schema.validate(record)
        assert record["article_id"] in texts, record["article_id"]
        check_event_spans(record, texts[record["article_id"]])


def test_surrogates_and_controls_do_not_break_the_output(extract_schema, tmp_path: Path) -> None:
    text = "Police \ud800arrested 40 protesters\x00 in Nairobi on Tuesday\u202e, witnesses said.\udfff"
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"id": "s", "text": text}) + "\n" + json.dumps({"id": "t", "text": NEWS[1]}) + "\n",
                    encoding="ascii")
    status, out, err = _extract(str(path), "--date", "2024-06-10")
    assert status == 0, err
    records = [json.loads(line) for line in out]
    assert {r["article_id"] for r in records} == {"s", "t"}
    for r in records:
        extract_schema.validate(r)
        check_event_spans(r, _as_read(text) if r["article_id"] == "s" else NEWS[1])


def test_pathological_article_times_out_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_ARTICLE_TIMEOUT_S", "0.5")
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "4")
    slow = " ".join(NEWS * 1600)  # ~380,000 characters: seconds of parsing, under the size limit
    rows = [{"id": f"ok-{i}", "text": NEWS[i % len(NEWS)] + NEWS[(i + 1) % len(NEWS)], "date": "2024-06-10"}
            for i in range(6)]
    rows.insert(2, {"id": "slow", "text": slow, "date": "2024-06-10"})
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "t.duckdb"
    status, out, err = _extract(str(corpus), "--db", str(db))
    assert status == 1, err
    assert "article slow" in err and "article_timeout_s" in err
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        failures = con.execute("SELECT article_id, position, stage, reason FROM failures").fetchall()
    finally:
        con.close()
    assert stored == {f"ok-{i}" for i in range(6)}
    assert [(f[0], f[1], f[2]) for f in failures] == [("slow", f"{corpus}:3", "timeout")]
    assert "article_timeout_s" in failures[0][3]
    assert {json.loads(line)["article_id"] for line in out} <= stored


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_every_output_format_survives_hostile_pieces(tmp_path: Path, fmt: str) -> None:
    from robust_support import HOSTILE_PIECES

    path = tmp_path / "h.jsonl"
    path.write_text("".join(
        json.dumps({"id": f"h{i}", "text": NEWS[1] + p + NEWS[0] + p * 3, "title": p, "date": "2024-06-10"}) + "\n"
        for i, p in enumerate(HOSTILE_PIECES)), encoding="ascii")
    status, out, err = _extract(str(path), "--format", fmt, "-q")
    assert status == 0 and "Traceback" not in err, err
    assert out, "events were written"
    if fmt == "json":
        assert isinstance(json.loads("\n".join(out)), list)


def test_annotate_records_validate_and_every_span_slices(tmp_path: Path) -> None:
    from robust_support import HOSTILE_PIECES

    from eventwire.schema import validator

    texts = {f"h{i}": _as_read(NEWS[i % len(NEWS)] + p + NEWS[(i + 2) % len(NEWS)] + p) for i, p in enumerate(HOSTILE_PIECES)}
    path = tmp_path / "h.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in texts.items()), encoding="utf-8")
    out_file = tmp_path / "a.jsonl"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["annotate", str(path), "--date", "2024-06-10", "-o", str(out_file), "-q", "--no-progress"])
    assert status == 0, err.getvalue()
    v = validator("annotate")
    records = [json.loads(line) for line in out_file.read_text(encoding="utf-8").split("\n")[:-1]]
    assert {r["article_id"] for r in records} == set(texts)
    for r in records:
        v.validate(r)
        text = texts[r["article_id"]]
        assert r["text"] == text
        pairs = [(e["entity_text"], e["span"]) for e in r["entities"]]
        pairs += [(p["extracted_place"], p["span"]) for p in r["places"]]
        pairs += [(t["text"], t["span"]) for t in r["timexes"]]
        pairs += [(q["content"], q["content_span"]) for q in r["quotes"]]
        for piece, (start, end) in pairs:
            assert text[start:end] == piece
        for start, end in r["sentences"]:
            assert 0 <= start <= end <= len(text)
        for ev in r["events"]:
            check_event_spans(ev, text)
