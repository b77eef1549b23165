"""``eventwire serve`` from the command line, and the API over the real pipeline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from ew_helpers import TOKEN

from eventwire.api.background import free_port
from eventwire.cli import build_parser, main


def test_serve_is_a_command_with_its_options():
    args = build_parser().parse_args(["serve", "--db", "x.duckdb", "--port", "9001"])
    assert (args.db, args.host, args.port) == ("x.duckdb", "127.0.0.1", 9001)


def test_serve_refuses_a_missing_database(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_API_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["serve", "--db", str(tmp_path / "missing.duckdb")]) == 2
    err = capsys.readouterr().err
    assert "database not found" in err and "eventwire extract" in err


def _get(url: str, headers: dict | None = None) -> tuple[int, dict]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_serve_process_answers_on_localhost(sample_db, tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")}
    # a copy: the session's read-only clients keep the sample file open in this process
    db = tmp_path / "copy.duckdb"
    db.write_bytes(Path(sample_db).read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                status, body = _get(base + "/v1/health")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read().decode())
                time.sleep(0.1)
        else:
            pytest.fail("eventwire serve did not answer within 20 s")
        assert status == 200 and body["writable"] is False and body["events"] > 0
        status, body = _get(base + "/v1/events?limit=2")
        assert status == 200 and len(body["events"]) == 2
        req = urllib.request.Request(base + "/v1/articles", data=b'{"text": "x"}', method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=5)
        assert err.value.code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_extract_with_the_real_pipeline(pipeline, sample_db):
    from fastapi.testclient import TestClient

    from eventwire.api import create_app
    from eventwire.config import Settings

    text = ("Police in Nairobi arrested dozens of demonstrators on Tuesday, and the interior minister "
            "said talks with union leaders would resume next week.")
    with TestClient(create_app(Settings(), sample_db, pipeline=pipeline, dashboard=False)) as c:
        r = c.post("/v1/extract", params={"annotations": "true"}, json={"text": text, "date": "2024-06-11", "id": "ke"})
        assert r.status_code == 200, r.text
        res = r.json()["results"][0]
        ann = res["annotation"]
        assert ann["text"] == text and ann["sentences"]
        assert res["events"] == ann["events"]
        for ev in res["events"]:
            assert text[ev["span"][0]:ev["span"][1]] == ev["event_text"]
        for ent in ann["entities"]:
            assert text[ent["span"][0]:ent["span"][1]] == ent["entity_text"]
        assert c.get("/v1/version").json()["model"]
