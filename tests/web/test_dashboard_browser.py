"""End to end in Debian's Chromium: filter the table, share the URL, open an article, every view,
and markup injected through article data never runs."""

from __future__ import annotations

import pytest
from ew_hostile import IMG, SCRIPT
from ew_web import api, ready

pytestmark = pytest.mark.browser


def test_filter_share_and_open_an_article(page, live_server, tmp_path):
    page.goto(live_server + "/")
    ready(page, "events")
    total = api(live_server, "/v1/events?limit=1&unique=true")["total"]
    assert page.locator("#event-count").inner_text().startswith(f"{total} unique events")
    assert page.locator("#events-table tbody tr").count() == 50
    page.screenshot(path=str(tmp_path / "table.png"))

    # apply a filter through the form: the table and the URL follow
    page.select_option("#f-event", ["ASSAULT"])
    page.fill("#f-country", "hun")
    page.click("#apply-filters")
    ready(page, "events")
    assert "event=ASSAULT" in page.url and "country=hun" in page.url
    expected = api(live_server, "/v1/events?event=ASSAULT&country=HUN&limit=1000&unique=true")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == expected["total"] > 0
    labels = page.locator("#events-table tbody tr td:nth-child(2) strong").all_inner_texts()
    assert set(labels) == {"ASSAULT"}

    # the URL is the view: loading it again restores the filters and the rows
    shared = page.url
    page.goto(shared)
    ready(page, "events")
    assert page.locator("#f-event").input_value() == "ASSAULT"
    assert page.locator("#events-table tbody tr").count() == expected["total"]

    # open the article of the first row: highlights and event cards beside the sentences
    first = page.locator("#events-table tbody tr").first
    event_id = first.get_attribute("data-event-id")
    first.locator("a.article-link").click()
    ready(page, "articles")
    article_id = page.url.split("/articles/")[1].split("#")[0]
    record = api(live_server, f"/v1/articles/{article_id}")
    assert page.locator(".event-card").count() == len(record["events"])
    assert page.locator(f"#event-{event_id}.flash").count() == 1
    assert page.locator("#annotated-text mark.hl-trigger").count() >= len(record["events"])
    assert page.locator("#annotated-text mark.hl-actor").count() >= 1 and page.locator("#annotated-text mark.hl-place").count() >= 1
    triggers = set(page.locator("#annotated-text mark.hl-trigger").all_inner_texts())
    assert {e["event_text"] for e in record["events"]} <= triggers
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    assert (tmp_path / "article.png").stat().st_size > 10_000
    assert page.errors == []


def test_every_view_renders(page, live_server):
    page.goto(live_server + "/timeline?quad=4")
    ready(page, "timeline")
    assert page.locator("#timeline-chart .bar").count() > 0
    fours = api(live_server, "/v1/stats?quad=4&unique=true")["total_events"]
    assert page.locator(".toolbar .count").first.inner_text().startswith(f"{fours} unique events")

    page.goto(live_server + "/map")
    ready(page, "map")
    assert page.locator("#map-svg path.country").count() > 150
    assert page.locator("#map-svg .marker").count() > 0
    for _ in range(8):  # clusters zoom in when clicked; a single point opens its popup
        single = page.locator("#map-svg .marker.single")
        (single.first if single.count() else page.locator("#map-svg .marker.cluster").first).click()
        if page.locator("#map-popup .popup-event").count():
            break
        page.wait_for_timeout(100)
    page.wait_for_selector("#map-popup .popup-event", timeout=10_000)
    assert "open article" in page.locator("#map-popup").inner_text()

    page.goto(live_server + "/network")
    ready(page, "network")
    nodes = page.locator("#network-svg .node")
    assert nodes.count() > 3 and page.locator("#network-svg .edge").count() > 0
    label = nodes.first.locator("text").text_content()
    nodes.first.click()
    ready(page, "events")
    assert "party" in page.url and page.locator("#events-table tbody tr").count() > 0

    page.goto(live_server + "/extract")
    ready(page, "extract")
    page.fill("#extract-text", "Negotiators met in Geneva on Monday.")
    page.fill("#extract-date", "2024-06-10")
    page.click("#extract-submit")
    page.wait_for_selector("#extract-count", timeout=20_000)
    assert page.locator("#extract-result #annotated-text mark.hl-trigger").inner_text() == "Negotiators"
    assert label
    assert page.errors == []


def test_injected_markup_is_shown_as_text_and_never_runs(page, live_server):
    page.goto(live_server + "/articles/xss")
    ready(page, "articles")
    text = page.locator("#annotated-text").inner_text()
    assert SCRIPT in text and IMG in text and "<b onmouseover=window.__pwned=7>bold</b>" in text
    assert "Hostile title" in page.locator("#article-title").inner_text()
    assert page.locator("#view img, #view script, #view svg[onload], #view b").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    page.locator("#annotated-text mark").first.hover()

    page.goto(live_server + "/?article_id=xss")
    ready(page, "events")
    assert IMG in page.locator("#events-table").inner_text()
    assert page.locator("#events-table img").count() == 0

    page.goto(live_server + "/network?article_id=xss")
    ready(page, "network")
    assert "<script>window.__pwned=5</script>" in page.locator("#network-svg").text_content()

    page.goto(live_server + "/map?country=ATA")
    ready(page, "map")
    page.locator("#map-svg .marker").first.click()
    page.wait_for_selector("#map-popup .popup-event", timeout=10_000)
    assert "<svg onload=window.__pwned=6>" in page.locator("#map-popup").inner_text()

    page.goto(live_server + "/extract")
    ready(page, "extract")
    page.fill("#extract-text", f"{IMG} met {SCRIPT}")
    page.click("#extract-submit")
    page.wait_for_selector("#extract-count", timeout=20_000)
    assert SCRIPT in page.locator("#extract-result").inner_text()

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []


def test_read_token_prompt(page, web_db):
    from ew_helpers import READ_TOKEN, make_app

    from eventwire.api.background import BackgroundServer

    with BackgroundServer(make_app(web_db, api_read_token=READ_TOKEN)) as url:
        page.goto(url + "/")
        page.wait_for_selector("#read-token", timeout=20_000)
        page.fill("#read-token", READ_TOKEN)
        page.locator("#read-token").press("Enter")
        ready(page, "events")
        assert page.locator("#events-table tbody tr").count() > 0
        # the token stays in this tab only
        assert page.evaluate("sessionStorage.getItem('eventwire-token')") == READ_TOKEN
        assert page.evaluate("localStorage.length") == 0
    assert page.errors == []
