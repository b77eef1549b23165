"""Make the dashboard screenshots in docs/screenshots/ with headless Chromium.

    .venv/bin/python docs/make_screenshots.py                       # codes demo/articles first
    .venv/bin/python docs/make_screenshots.py --db demo-out/demo.duckdb

Starts ``eventwire serve``'s app on 127.0.0.1 (a free port) in a background thread over the
database (by default: the demo articles coded into a temporary database, as ``make demo``
does), drives Debian's /usr/bin/chromium through Playwright and saves one PNG per view.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

# A dispatch written for this script (not from any data set), pasted into the extract page.
EXTRACT_TEXT = (
    "GENEVA (Wire) - Foreign ministers of Armenia and Azerbaijan met in Geneva on Tuesday for "
    "talks on a peace treaty, the Swiss foreign ministry said. Armenian Prime Minister Nikol "
    "Pashinyan accused Azerbaijani troops of shelling villages near the border last week. "
    "\"We are ready to sign if the other side respects the borders,\" Pashinyan said."
)


def build_demo_db(path: Path) -> None:
    """Code demo/articles into ``path`` with the real pipeline, as `make demo` does."""
    subprocess.run(
        [sys.executable, "-m", "eventwire", "extract", str(ROOT / "demo" / "articles"), "--db", str(path),
         "--format", "jsonl"],
        check=True, stdout=subprocess.DEVNULL,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="an eventwire database (default: code demo/articles into a temporary one)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="where to write the PNGs")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from eventwire.api import create_app
    from eventwire.api.background import BackgroundServer
    from eventwire.config import Settings

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "demo.duckdb"
        if not args.db:
            build_demo_db(db)
        app = create_app(Settings(), db)
        with BackgroundServer(app) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})

            def shot(path: str, view: str, name: str, full: bool = False) -> None:
                page.goto(url + path)
                page.wait_for_selector(f'body[data-ready="{view}"]', timeout=60_000)
                page.wait_for_timeout(300)
                page.screenshot(path=str(out / f"{name}.png"), full_page=full)
                print(f"{out / name}.png  <- {path}")

            with urllib.request.urlopen(url + "/v1/articles?limit=1000") as r:
                articles = json.loads(r.read())["articles"]
            busiest = max(articles, key=lambda a: a["n_events"])["id"]
            shot("/", "events", "table")
            shot("/timeline", "timeline", "timeline", full=True)
            shot("/dyads", "dyads", "dyads")
            shot("/codebook", "codebook", "codebook")
            page.goto(url + "/map")
            page.wait_for_selector('body[data-ready="map"]', timeout=60_000)
            single = page.locator("#map-svg .marker.single")
            if single.count():  # show one event's popup too
                single.first.click()
                page.wait_for_selector("#map-popup .popup-event", timeout=10_000)
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / "map.png"))
            print(f"{out / 'map'}.png  <- /map")
            shot("/network", "network", "network")
            shot(f"/articles/{busiest}", "articles", "article", full=True)
            page.goto(url + "/extract")
            page.wait_for_selector('body[data-ready="extract"]')
            page.fill("#extract-text", EXTRACT_TEXT)
            page.fill("#extract-date", "2024-06-11")
            page.click("#extract-submit")
            page.wait_for_selector("#extract-count", timeout=120_000)
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / "extract.png"), full_page=True)
            print(f"{out / 'extract'}.png  <- /extract")
            narrow = browser.new_page(viewport={"width": 420, "height": 860})
            narrow.goto(url + "/")
            narrow.wait_for_selector('body[data-ready="events"]', timeout=60_000)
            narrow.wait_for_timeout(300)
            narrow.screenshot(path=str(out / "narrow.png"))
            print(f"{out / 'narrow'}.png  <- / at 420 px")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
