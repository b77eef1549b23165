"""Shared pieces of the robustness tests: hostile text strategies and output checks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

__all__ = [
    "HOSTILE_PIECES",
    "ROOT",
    "check_event_spans",
    "hostile_text",
    "subprocess_env",
]

ROOT = Path(__file__).resolve().parents[2]

# Pieces that break naive text handling: controls, bidi overrides, zero-width and combining
# marks, mixed scripts, emoji sequences, lone surrogates, odd line separators, long tokens.
HOSTILE_PIECES = (
    "\x00", "\x01", "\x07", "\x1b[31m", "\x7f", "\x85", "\r", "\r\n", "\n\n", "\t", "\v", "\f",
    "\u2028", "\u2029", "\ufeff", "\u200b", "\u200d", "\u202e", "\u202d", "\u2066", "\u061c",
    "\ufffd", "\uffff", "\ud800", "\udfff", "\U0010ffff",
    "مرحبا بالعالم", "שלום עולם", "Привет", "中华人民共和国", "नमस्ते", "ﷺ", "e\u0301\u0301\u0301",
    "😀", "👩\u200d👩\u200d👧\u200d👦", "🇪🇬", "🏳️\u200d🌈",
    "President Sisi met Blinken in Cairo on Monday. ", "Police arrested 12 protesters. ",
    "“", "”", "\"", "'", "«", "»", "<", ">", "&amp;", ",", ";", "|",
    "a" * 4000, "x-" * 1500, " " * 500, "\n" * 200,
)

hostile_text = st.one_of(
    st.text(st.characters(categories=("L", "M", "N", "P", "S", "Z", "C")), max_size=300),
    st.lists(st.sampled_from(HOSTILE_PIECES), max_size=30).map("".join),
    st.lists(
        st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(st.characters(categories=("L", "C", "Z")), max_size=6)),
        max_size=25,
    ).map("".join),
)


def check_event_spans(event: dict[str, Any], text: str) -> None:
    """Assert every span of one extract record slices ``text`` to the words it records."""
    def check(piece: str, span: list[int]) -> None:
        start, end = span
        assert 0 <= start <= end <= len(text), (span, len(text))
        assert text[start:end] == piece, (piece, text[start:end])

    check(event["event_text"], event["span"])
    for ent in event["actor"] + event["recipient"]:
        check(ent["entity_text"], ent["span"])
    if event.get("event_loc"):
        check(event["event_loc"]["extracted_place"], event["event_loc"]["span"])
    assert event["text"] in text


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment of an ``eventwire`` subprocess: this checkout's sources, no user settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")}
    env["PYTHONPATH"] = str(ROOT / "src")
    env.update(extra)
    return env
