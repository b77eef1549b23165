"""Properties: cleaning keeps offsets; any text survives a JSON Lines round trip through ingest."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.clean import clean_text
from eventwire.ingest import IngestOptions
from eventwire.ingest.jsonfiles import read_jsonl
from eventwire.records import Article


@given(st.text())
def test_clean_text_keeps_length_and_is_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert clean_text(cleaned) == cleaned


@settings(max_examples=200)
@given(texts=st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=5), ascii_only=st.booleans())
def test_jsonl_round_trip(texts: list[str], ascii_only: bool) -> None:
    if not ascii_only:  # raw UTF-8 cannot carry lone surrogates; escaped JSON can
        texts = [t.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(t) else t for t in texts]
    lines = [json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=ascii_only) for i, t in enumerate(texts)]
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    got = list(read_jsonl(io.BytesIO(data), "p.jsonl", IngestOptions()))
    assert all(isinstance(a, Article) for a in got)
    assert [a.text for a in got if isinstance(a, Article)] == texts
    assert [a.position for a in got if isinstance(a, Article)] == [f"p.jsonl:{i + 1}" for i in range(len(texts))]


def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)
