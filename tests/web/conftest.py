"""Fixtures of the dashboard tests: a live server on 127.0.0.1 over a sample database."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from ew_helpers import make_app  # noqa: E402
from ew_hostile import hostile_annotation  # noqa: E402
from ew_sample import build_store, sample_annotations  # noqa: E402
from ew_stories import retold  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    sample = sample_annotations(n_articles=40)
    # six stories told again by another wire: the unique-events switch has something to merge
    build_store(str(path), sample + [retold(a, "-b", "second wire") for a in sample[:6]] + [hostile_annotation()])
    return path


@pytest.fixture(scope="session")
def live_server(web_db: Path):
    """The app (fake pipeline, no tokens) served by uvicorn in a background thread."""
    from eventwire.api.background import BackgroundServer

    with BackgroundServer(make_app(web_db)) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh page that records JavaScript errors in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()
