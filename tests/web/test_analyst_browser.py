"""In Chromium: the unique-events switch, series lines and their CSV, the dyad matrix, the codebook,
tooltips, several event types, a 420-pixel screen, network counts, the extract page's empty text
and the offline /docs."""

from __future__ import annotations

import csv
import re

import pytest
from ew_web import api, ready

pytestmark = pytest.mark.browser


def count_of(page) -> int:
    return int(re.match(r"[\d,]+", page.locator("#event-count").inner_text()).group(0).replace(",", ""))


def test_unique_switch_is_on_by_default_and_turns_off(page, live_server):
    page.goto(live_server + "/")
    ready(page, "events")
    unique = api(live_server, "/v1/events?limit=1&unique=true")["total"]
    every = api(live_server, "/v1/events?limit=1")["total"]
    assert unique < every  # the retold stories merge
    assert page.locator("#f-unique").is_checked()
    assert count_of(page) == unique
    page.locator("#f-unique").uncheck()
    ready(page, "events")
    assert "unique=0" in page.url and count_of(page) == every
    page.goto(page.url)  # the URL keeps the switch
    ready(page, "events")
    assert not page.locator("#f-unique").is_checked() and count_of(page) == every
    page.locator("#f-unique").check()
    ready(page, "events")
    assert "unique" not in page.url and count_of(page) == unique
    assert page.errors == []


def test_several_event_types_and_tooltips(page, live_server):
    page.goto(live_server + "/")
    ready(page, "events")
    page.select_option("#f-event", ["ASSAULT", "PROTEST"])
    page.click("#apply-filters")
    ready(page, "events")
    assert "event=PROTEST%2CASSAULT" in page.url or "event=ASSAULT%2CPROTEST" in page.url
    assert count_of(page) == api(live_server, "/v1/events?event=ASSAULT,PROTEST&unique=true&limit=1")["total"]
    labels = page.locator("#events-table tbody tr td:nth-child(2) strong")
    assert set(labels.all_inner_texts()) <= {"ASSAULT", "PROTEST"}
    book = api(live_server, "/v1/codebook")
    definition = next(t["definition"] for t in book["types"] if t["event"] == labels.first.inner_text())
    assert labels.first.get_attribute("title") == definition
    assert page.locator("#f-event option[value=ASSAULT]").get_attribute("title")
    assert page.locator("#events-table .quad").first.get_attribute("title").startswith("Material conflict")
    assert page.errors == []


def test_series_lines_and_csv_download(page, live_server, tmp_path):
    page.goto(live_server + "/timeline?interval=week")
    ready(page, "timeline")
    series = api(live_server, "/v1/series?interval=week&by=event&unique=true")
    keys = [s["key"] for s in series["series"] if s["key"] is not None][:8]
    lines = page.locator("#series-chart .series-line")
    assert lines.count() == len(keys) > 1
    assert [lines.nth(i).get_attribute("data-key") for i in range(lines.count())] == keys
    page.select_option("#series-by", "country")
    ready(page, "timeline")
    assert "by=country" in page.url
    by_country = api(live_server, "/v1/series?interval=week&by=country&unique=true")
    assert page.locator("#series-chart .series-line").count() == min(8, sum(s["key"] is not None for s in by_country["series"]))
    with page.expect_download() as info:
        page.click("#series-csv")
    path = tmp_path / "series.csv"
    info.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert sum(int(r["count"]) for r in rows) == by_country["total"] - by_country["undated"]
    assert info.value.suggested_filename == "series-country-week.csv"
    # a legend entry lists the events of its line
    page.locator("#series-legend a").first.click()
    ready(page, "events")
    assert "country=" in page.url
    assert page.errors == []


def test_dyad_matrix_cell_lists_its_events(page, live_server):
    page.goto(live_server + "/dyads")
    ready(page, "dyads")
    matrix = api(live_server, "/v1/dyads?unique=true")
    cells = page.locator("#dyad-matrix td.cell")
    assert cells.count() == len(matrix["cells"]) > 3
    first = cells.first
    actor, recipient, n = first.get_attribute("data-actor"), first.get_attribute("data-recipient"), int(first.get_attribute("data-n"))
    first.locator("a").click()
    ready(page, "events")
    assert f"actor_country={actor}" in page.url and f"recipient_country={recipient}" in page.url
    assert count_of(page) == n
    assert page.errors == []


def test_codebook_page(page, live_server, tmp_path):
    page.goto(live_server + "/codebook")
    ready(page, "codebook")
    book = api(live_server, "/v1/codebook")
    assert page.locator("#codebook-types > dl > dt").count() == len(book["types"]) == 16
    assert page.locator("#codebook-quads dt").count() == 4
    assert page.locator("#codebook-aux dt").count() == 4
    assert page.locator("#codebook-contexts dt").count() == len(book["contexts"])
    assert "Uses violence" in page.locator("#type-ASSAULT + dd").inner_text()
    assert page.errors == []


def test_network_node_count_matches_the_list_it_opens(page, live_server):
    page.goto(live_server + "/network?level=country")
    ready(page, "network")
    node = page.locator("#network-svg .node").first
    code = node.get_attribute("data-id")
    net = api(live_server, "/v1/network?level=country&unique=true")
    expected = next(n["n_events"] for n in net["nodes"] if n["id"] == code)
    node.click()
    ready(page, "events")
    assert f"party_country={code}" in page.url and count_of(page) == expected
    assert page.errors == []


def test_narrow_screen_navigation_fits(browser, live_server):
    context = browser.new_context(viewport={"width": 420, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for path, view in (("/", "events"), ("/timeline", "timeline"), ("/dyads", "dyads"), ("/codebook", "codebook")):
        page.goto(live_server + path)
        ready(page, view)
        assert page.evaluate("document.documentElement.scrollWidth") <= 420, path
        for link in page.locator("#nav a").all():
            box = link.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 420, link.inner_text()
    page.locator("#nav a[data-view=codebook]").click()
    ready(page, "codebook")
    context.close()
    assert errors == []


def test_extract_page_says_what_is_wrong_with_empty_text(page, live_server):
    page.goto(live_server + "/extract")
    ready(page, "extract")
    page.click("#extract-submit")
    assert "no text" in page.locator("#extract-empty").inner_text()
    assert page.errors == []


def test_docs_work_offline(page, live_server):
    page.route(re.compile(r"^(?!" + re.escape(live_server) + ").*"), lambda route: route.abort())
    page.goto(live_server + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/v1/series" in p for p in paths)
