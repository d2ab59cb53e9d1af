"""End to end in headless Chromium: load, filter to TUR–USA, provenance, code an article."""
from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from detente.testing.fixtures import seed_article

pytestmark = pytest.mark.browser


def _rows(page):
    return page.locator("#events-table tbody tr")


def _filter_dyad(page, a, b):
    page.fill("input[name=dyad_a]", a)
    page.fill("input[name=dyad_b]", b)
    page.click("#apply")


def test_dashboard_loads_events_map_and_stats(server, page, artifacts):
    page.goto(server.url + "/")
    page.wait_for_selector("#events-table tbody tr")
    assert _rows(page).count() == 13
    located = [e for e in httpx.get(server.url + "/api/events").json()["events"] if e["lat"] is not None]
    assert located
    expect(page.locator("#map circle.dot")).to_have_count(len(located))
    assert page.locator("#map path.land").count() > 100
    expect(page.locator("#store-stats")).to_contain_text("13 events")
    page.screenshot(path=str(artifacts / "dashboard-all.png"), full_page=True)
    assert not page.errors, page.errors


def test_dashboard_filter_to_tur_usa_shows_events_and_timeline(server, page, artifacts):
    page.goto(server.url + "/")
    page.wait_for_selector("#events-table tbody tr")
    _filter_dyad(page, "TUR", "USA")
    expected = httpx.get(server.url + "/api/events", params={"dyad": "TUR-USA"}).json()["total"]
    expect(_rows(page)).to_have_count(expected)
    sources = set(page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts())
    assert sources and all(s.startswith(("TUR", "USA")) for s in sources)
    page.wait_for_selector("#timeline svg rect.coop")
    assert page.locator("#timeline rect.conf").count() >= 1
    # automatic bins: months for a span over six months; the Goldstein line breaks at empty months
    expect(page.locator("#timeline .legend")).to_contain_text("by month")
    periods = httpx.get(server.url + "/api/dyads/TUR/USA/timeline", params={"by": "month"}).json()["periods"]
    means = [p["total"]["goldstein_mean"] for p in periods]
    runs = "".join("x" if m is not None else " " for m in means).split()
    assert page.locator("#timeline circle.gold-dot").count() == sum(m is not None for m in means)
    path = page.locator("#timeline path.gold-line")
    lines = sum(len(r) > 1 for r in runs)
    assert (path.get_attribute("d").count("M") if lines else path.count()) == lines
    # the bins and direction are part of the URL too, without reloading the table
    page.select_option("#timeline-by", "year")
    page.select_option("#timeline-dir", "a_to_b")
    expect(page).to_have_url(re.compile(r"timeline_by=year&timeline_dir=a_to_b"))
    expect(page.locator("#timeline .legend")).to_contain_text("by year")
    page.reload()
    expect(page.locator("#timeline-by")).to_have_value("year")
    expect(page.locator("#timeline-dir")).to_have_value("a_to_b")
    expect(page.locator("#timeline .legend")).to_contain_text("by year")
    assert "dyad=TUR-USA" in page.url
    page.screenshot(path=str(artifacts / "dashboard-tur-usa.png"), full_page=True)
    assert not page.errors, page.errors


def test_dashboard_provenance_highlights_sentence(server, page, artifacts):
    page.goto(server.url + "/#events?dyad=TUR-USA&sort=-mentions")
    page.wait_for_selector("#events-table tbody tr")
    _rows(page).first.click()
    page.wait_for_selector("#prov-sentence mark.trigger")
    assert page.locator("#prov-sentence mark.trigger").inner_text() == "met"
    assert page.locator("#prov-sentence mark.source").inner_text() == "Hakan Fidan"
    assert page.locator("#prov-sentence mark.target").inner_text() == "Marco Rubio"
    link = page.locator("#provenance .article a").first
    assert link.get_attribute("href").startswith("https://example.org/fixture/")
    assert link.get_attribute("rel") == "noopener noreferrer"
    facts = page.locator("#prov-facts").inner_text()
    assert "fixture:" in facts and "0.9" in facts and "2 mention(s) in 2 article(s)" in facts
    assert page.locator("#provenance .mentions li").count() == 1
    page.screenshot(path=str(artifacts / "dashboard-provenance.png"), full_page=True)
    assert not page.errors, page.errors


def test_dashboard_provenance_of_a_single_report_has_no_null_text(server, page):
    # replaceChildren() wrote the absent "Other reports" parts as the text "nullnull"
    single = next(e for e in httpx.get(server.url + "/api/events").json()["events"] if e["num_mentions"] == 1)
    page.goto(server.url + "/")
    page.wait_for_selector("#events-table tbody tr")
    page.locator(f'#events-table tbody tr[data-id="{single["event_id"]}"]').click()
    page.wait_for_selector("#prov-sentence")
    text = page.locator("#provenance").inner_text()
    assert "null" not in text
    assert page.locator("#provenance .mentions").count() == 0
    assert not page.errors, page.errors


def test_dashboard_filter_change_clears_a_provenance_no_longer_listed(server, page):
    events = httpx.get(server.url + "/api/events", params={"dyad": "TUR-USA"}).json()["events"]
    tur_usa = {e["event_id"] for e in events}
    page.goto(server.url + "/#events?dyad=TUR-USA")
    page.wait_for_selector("#events-table tbody tr")
    _rows(page).first.click()
    page.wait_for_selector("#prov-sentence")
    # another dyad: the open event is not listed any more, so the panel lets it go
    other = next(e for e in httpx.get(server.url + "/api/events").json()["events"]
                 if e["event_id"] not in tur_usa and e["source_code"] and e["target_code"])
    _filter_dyad(page, other["source_code"], other["target_code"])
    expect(page.locator("#prov-sentence")).to_have_count(0)
    expect(page.locator("#provenance")).to_contain_text("Select an event")
    assert page.locator("#events-table tbody tr.selected").count() == 0
    assert not page.errors, page.errors


def test_dashboard_filter_change_keeps_a_provenance_still_listed(server, page):
    page.goto(server.url + "/#events?dyad=TUR-USA")
    page.wait_for_selector("#events-table tbody tr")
    first = _rows(page).first
    event_id = first.get_attribute("data-id")
    first.click()
    page.wait_for_selector("#prov-sentence")
    page.click("#events-table th button[data-sort=goldstein]")
    expect(page).to_have_url(re.compile(r"sort=-goldstein"))
    expect(page.locator("#events-status")).to_contain_text("event(s) match")
    expect(page.locator("#prov-sentence")).to_have_count(1)
    expect(page.locator(f'#events-table tbody tr.selected[data-id="{event_id}"]')).to_have_count(1)


def test_dashboard_empty_result_says_no_events_match(server, page):
    page.goto(server.url + "/#events?dyad=TUR-USA")
    page.wait_for_selector("#events-table tbody tr")
    _rows(page).first.click()
    page.wait_for_selector("#prov-sentence")
    page.fill("input[name=q]", "no sentence says zzqxv")
    page.click("#apply")
    expect(page.locator("#events-status")).to_have_text("No events match these filters.")
    expect(page.locator("#events-table tbody tr.empty")).to_contain_text("No events match these filters.")
    expect(page.locator("#prov-sentence")).to_have_count(0)
    expect(page.locator("#provenance")).to_contain_text("No events match these filters.")
    assert page.locator("#more").is_hidden()
    assert not page.errors, page.errors


def test_dashboard_shows_api_error_message(server, page):
    page.goto(server.url + "/")
    page.wait_for_selector("#events-table tbody tr")
    page.fill("input[name=since]", "2025-04-01")
    page.fill("input[name=until]", "2025-01-01")
    page.click("#apply")
    page.wait_for_selector("#events-status.error")
    assert "after" in page.locator("#events-status").inner_text()


def test_code_page_explains_events(server, page, artifacts):
    page.goto(server.url + "/#code")
    page.fill("textarea[name=text]", "Russian forces struck Kharkiv with missiles on Sunday night, officials said.")
    page.fill("input[name=date]", "2025-02-10")
    page.click("#code-run")
    page.wait_for_selector(".event-card")
    card = page.locator(".event-card").first
    assert "RUSMIL → UKR" in card.locator("h3").inner_text()
    assert card.locator("mark.trigger").inner_text() == "struck"
    assert card.locator("table.why th").count() >= 3
    page.screenshot(path=str(artifacts / "code-fixture.png"), full_page=True)
    assert not page.errors, page.errors


def test_code_page_codes_the_seed_article(real_server, page, artifacts):
    seed = seed_article()
    if seed is None:
        pytest.skip("../shared/acceptance/seed/article.txt not present")
    page.goto(real_server.url + "/#code")
    page.fill("input[name=title]", seed.title or "")
    page.fill("textarea[name=text]", seed.text)
    page.fill("input[name=date]", seed.date.isoformat())
    page.click("#code-run")
    expect(page.locator("#code-status")).to_contain_text(re.compile(r"event\(s\) in"), timeout=120_000)
    n = page.locator(".event-card").count()
    heads = " ".join(page.locator(".event-card h3").all_inner_texts())
    page.screenshot(path=str(artifacts / "code-seed.png"), full_page=True)
    assert n >= 1 and re.search(r"TUR\w* → USA|USA\w* → TUR", heads), heads
    assert not page.errors, page.errors
