"""``--all-events``: the default writes political events only; the flag writes every event, marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run

from eventwire.cli import _run

pytestmark = pytest.mark.slow  # runs the spaCy pipeline

# Written for this test: a sports report full of event verbs.
SPORT = ("The sprinter contested the final on Saturday night and finished fourth. Her coach said the team "
         "would meet again in training on Monday before the indoor season, and the tournament invited club "
         "owners to the championship dinner.")


@pytest.fixture(autouse=True)
def _shared_model(pipeline) -> None:  # type: ignore[no-untyped-def]
    _run.adopt_pipeline(pipeline)


def test_all_events_flag_keeps_non_political_events_marked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    story = tmp_path / "sport.txt"
    story.write_text(SPORT, encoding="utf-8")
    status, out, _ = run(capsys, "extract", str(story), "--date", "2024-05-04", "--no-progress")
    assert status == 0 and out == ""
    status, out, _ = run(capsys, "extract", str(story), "--date", "2024-05-04", "--no-progress", "--all-events")
    events = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and events
    assert all(e["political"] is False and 0 <= e["relevance"] < 1 and e["relevance_reasons"] for e in events)
