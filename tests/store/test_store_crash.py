"""A process killed with SIGKILL mid-run never leaves a half-written article in the database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.store import DuckDBStore

WRITER = r"""
import sys
sys.path.insert(0, sys.argv[2])
from test_store_backends import make_annotation
from eventwire.store import DuckDBStore
store = DuckDBStore(sys.argv[1])
i = 0
while True:
    store.write(make_annotation(f"a{i % 50}", n_events=1 + i % 7))
    if i == 5:
        print("ready", flush=True)
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_leaves_whole_articles_only(tmp_path: Path) -> None:
    db = tmp_path / "crash.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(Path(__file__).parent)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.5)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with DuckDBStore(db) as store:
        counts = store.counts()
        assert counts["articles"] > 0
        bad = store.con.execute(
            "SELECT a.id, a.n_events, count(e.id) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.id, a.n_events HAVING a.n_events != count(e.id)"
        ).fetchall()
        assert bad == []
        orphans = store.con.execute(
            "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()
        assert orphans == (0,)
        # each stored article has all its child rows too
        assert counts["entities"] == 2 * counts["articles"] and counts["quotes"] == counts["articles"]
