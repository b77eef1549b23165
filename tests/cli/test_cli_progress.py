"""The progress bar: on stderr, only when it is a terminal and there is more than one article."""

from __future__ import annotations

import sys

import pytest
from cli_support import DEMO

from eventwire.cli import _run, main

pytestmark = pytest.mark.slow  # runs the spaCy pipeline


@pytest.fixture(autouse=True)
def _shared_model(pipeline) -> None:  # type: ignore[no-untyped-def]
    _run.adopt_pipeline(pipeline)


def test_bar_on_a_terminal_for_many_articles(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["extract", str(DEMO), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert "articles/s" in err
    assert "articles/s" not in out


def test_no_bar_when_not_a_terminal_or_disabled(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["extract", str(DEMO)]) == 0
    assert "articles/s" not in capsys.readouterr().err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["extract", str(DEMO), "--no-progress"]) == 0
    assert "articles/s" not in capsys.readouterr().err


def test_no_bar_for_a_single_article(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "one.txt"
    f.write_text("Police arrested ten protesters in Nairobi on Tuesday.", encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["extract", str(f)]) == 0
    assert "articles/s" not in capsys.readouterr().err
