"""The analyst's workbench in headless Chromium: facets, URL state and permalinks, sortable columns,
downloads, the SQL page, the actor page, period comparison, dark mode, keyboard focus, dates at precision."""
from __future__ import annotations

import csv
import io
import json
import re

import httpx
import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _api(server, path, **params):
    return httpx.get(server.url + path, params=params, timeout=60).json()


def _rows(page):
    return page.locator("#events-table tbody tr")


def _facet(page, field, value):
    return page.locator(f'#facets section[data-field="{field}"] button[data-value="{value}"]')


def test_facet_click_filters_updates_counts_url_and_chips(server, page, artifacts):
    page.goto(server.url + "/")
    expect(_facet(page, "plover_type", "CONSULT")).to_be_visible()
    all_types = _api(server, "/api/facets", field="plover_type")["counts"]
    consult = next(c["count"] for c in all_types if c["value"] == "CONSULT")
    expect(_facet(page, "plover_type", "CONSULT").locator(".count")).to_have_text(str(consult))
    _facet(page, "plover_type", "CONSULT").click()
    expect(page).to_have_url(re.compile(r"type=CONSULT"))
    expect(_rows(page)).to_have_count(consult)
    expect(_facet(page, "plover_type", "CONSULT")).to_have_attribute("aria-pressed", "true")
    # the other facets now count only CONSULT events
    years = _api(server, "/api/facets", field="year", type="CONSULT")["counts"]
    for y in years:
        expect(_facet(page, "year", y["value"]).locator(".count")).to_have_text(str(y["count"]))
    expect(page.locator("#chips .chip")).to_have_text(["type CONSULT ×"])
    page.screenshot(path=str(artifacts / "workbench-facets.png"), full_page=True)
    # a year facet is a date range; its chip removes both ends
    _facet(page, "year", years[0]["value"]).click()
    expect(page).to_have_url(re.compile(rf"since={years[0]['value']}-01-01&until={years[0]['value']}-12-31"))
    expect(_rows(page)).to_have_count(years[0]["count"])
    page.locator("#chips .chip", has_text=f"year {years[0]['value']}").click()
    expect(page).not_to_have_url(re.compile(r"since="))
    # clicking the chosen value again removes it; back and forward replay the steps
    _facet(page, "plover_type", "CONSULT").click()
    expect(page).not_to_have_url(re.compile(r"type="))
    expect(_rows(page)).to_have_count(_api(server, "/api/events")["total"])
    page.go_back()
    expect(page).to_have_url(re.compile(r"type=CONSULT"))
    expect(_rows(page)).to_have_count(consult)
    page.go_forward()
    expect(page.locator("#chips .chip")).to_have_count(0)
    assert not page.errors, page.errors


def test_permalink_opens_the_event_and_selection_is_in_the_url(server, page):
    event = _api(server, "/api/events", dyad="CHN-USA")["events"][0]
    page.goto(f"{server.url}/#events?event={event['event_id']}")
    expect(page.locator("#prov-sentence")).to_have_text(event["sentence_text"])
    expect(page.locator(f'#events-table tr.selected[data-id="{event["event_id"]}"]')).to_have_count(1)
    assert page.locator("#permalink").get_attribute("href") == f"#events?event={event['event_id']}"
    # choosing another row pushes it into the URL; back returns to the first
    other = _api(server, "/api/events", dyad="TUR-USA")["events"][0]
    page.locator(f'#events-table tbody tr[data-id="{other["event_id"]}"]').click()
    expect(page).to_have_url(re.compile(f"event={other['event_id']}"))
    expect(page.locator("#prov-sentence")).to_have_text(other["sentence_text"])
    page.go_back()
    expect(page.locator("#prov-sentence")).to_have_text(event["sentence_text"])
    # a reload shows the same view
    page.reload()
    expect(page.locator("#prov-sentence")).to_have_text(event["sentence_text"])
    assert not page.errors, page.errors


def test_provenance_shows_the_stored_reasons(server, page):
    event = _api(server, "/api/events", dyad="TUR-USA")["events"][0]
    page.goto(f"{server.url}/#events?event={event['event_id']}")
    why = page.locator("#prov-why")
    expect(why).to_contain_text("Why this event type")
    expect(why).to_contain_text(f"CAMEO {event['cameo_code']}")
    expect(why).to_contain_text(f"fixture actor {event['source_code']}")
    # the reconstruction and the re-coding button are only for mentions stored without reasons
    expect(page.locator("#provenance dl.reasons")).to_have_count(0)
    expect(page.locator("#explain")).to_have_count(0)
    assert "null" not in page.locator("#provenance").inner_text()
    assert not page.errors, page.errors


def test_provenance_shows_the_stored_reason_for_an_inferred_actor(inferred_server, page, artifacts):
    events = _api(inferred_server, "/api/events")["events"]
    met = next(e for e in events if e["trigger"] == "met")
    assert met["source_code"] == "TURGOV" and met["source_text"] == "He"
    page.goto(f"{inferred_server.url}/#events?event={met['event_id']}")
    why = page.locator("#prov-why")
    expect(why).to_contain_text("as subject")
    expect(why).to_contain_text("'He' refers to 'Turkish Foreign Minister Hakan Fidan' earlier in the article")
    expect(why).to_contain_text("'on Tuesday'")
    expect(page.locator("#explain")).to_have_count(0)
    page.screenshot(path=str(artifacts / "provenance-stored-reasons.png"), full_page=True)
    assert not page.errors, page.errors


def test_provenance_without_stored_reasons_says_why_and_explains_by_recoding(server, page):
    """A mention stored before the store kept reasons (schema version 1): its detail has explanation {}."""
    def without_reasons(route):
        response = route.fetch()
        detail = response.json()
        for m in [detail["provenance"], *detail["mentions"]]:
            m["explanation"] = {}
        route.fulfill(response=response, json=detail)

    page.route(re.compile(r".*/api/events/[0-9a-f]+$"), without_reasons)
    event = next(e for e in _api(server, "/api/events")["events"] if e["date_precision"] == "publication")
    page.goto(f"{server.url}/#events?event={event['event_id']}")
    reasons = page.locator("#provenance dl.reasons")
    expect(reasons).to_contain_text("no date in the sentence: the article's publication date")
    if event["source_text"]:
        expect(reasons).to_contain_text(f"\"{event['source_text']}\" in the sentence → {event['source_code']}")
    expect(page.locator("#prov-why")).to_have_count(0)
    page.click("#explain")
    why = page.locator("#prov-explain dl.explanation")
    expect(why).to_contain_text("Why this event type")
    expect(why).to_contain_text(f"CAMEO {event['cameo_code']}")
    assert "null" not in page.locator("#provenance").inner_text()
    assert not page.errors, page.errors


def test_dates_show_at_their_precision(server, page):
    events = _api(server, "/api/events", limit=500)["events"]
    page.goto(server.url + "/")
    expect(_rows(page)).to_have_count(len(events))
    def cell_text(e):
        return page.locator(f'#events-table tbody tr[data-id="{e["event_id"]}"] td').first.inner_text().rstrip("*")

    for e in events:
        want = {"year": e["date"][:4], "month": e["date"][:7]}.get(e["date_precision"], e["date"])
        assert cell_text(e) == want, (e["date"], e["date_precision"], cell_text(e))
    assert any(e["date_precision"] == "year" for e in events)
    # the header's date range too: the fixture's first event is dated to a year, its last to a month
    at = {e["event_id"]: cell_text(e) for e in events}
    first = _api(server, "/api/events", sort="date", limit=1)["events"][0]
    last = _api(server, "/api/events", sort="-date", limit=1)["events"][0]
    assert (first["date_precision"], last["date_precision"]) == ("year", "month")
    expect(page.locator("#store-stats")).to_contain_text(f"{at[first['event_id']]} – {at[last['event_id']]}")
    expect(page.locator("#store-stats")).to_contain_text(f"{first['date'][:4]} – {last['date'][:7]}")
    # the one formatter every view uses: ISO weeks (whose year may not be the calendar year), no date
    got = page.evaluate("""() => import("/static/js/dom.js").then(m => [
        m.fmtDate("2019-10-07", "week"), m.fmtDate("2024-12-30", "week"), m.fmtDate("2020-12-28", "week"),
        m.fmtDate("2019-10-09", "day"), m.fmtDate("2019-10-09", "publication"), m.fmtDate(null, null)])""")
    assert got == ["2019-W41", "2025-W01", "2020-W53", "2019-10-09", "2019-10-09", "undated"]


def test_sortable_columns(server, page):
    page.goto(server.url + "/")
    expect(_rows(page)).to_have_count(_api(server, "/api/events")["total"])
    header = page.locator("#events-table th", has=page.locator("button[data-sort=goldstein]"))
    page.click("button[data-sort=goldstein]")
    expect(page).to_have_url(re.compile(r"sort=-goldstein"))
    expect(header).to_have_attribute("aria-sort", "descending")
    expected = [e["event_id"] for e in _api(server, "/api/events", sort="-goldstein")["events"]]
    expect(_rows(page).first).to_have_attribute("data-id", expected[0])
    assert [r.get_attribute("data-id") for r in _rows(page).all()] == expected
    page.click("button[data-sort=goldstein]")
    expect(header).to_have_attribute("aria-sort", "ascending")
    ascending = _api(server, "/api/events", sort="goldstein")["events"]
    expect(_rows(page).first).to_have_attribute("data-id", ascending[0]["event_id"])
    values = [float(t) for t in page.locator("#events-table tbody tr td:nth-child(5)").all_inner_texts()]
    assert values == sorted(values) and values[0] < values[-1]
    page.click("button[data-sort=source]")  # codes sort too (the API's source/target/cameo/place keys)
    expect(page).to_have_url(re.compile(r"sort=-?source"))
    match = re.search(r"sort=(-?source)", page.url)
    assert match
    sort = match.group(1)
    by_source = [e["event_id"] for e in _api(server, "/api/events", sort=sort)["events"]]
    expect(_rows(page).first).to_have_attribute("data-id", by_source[0])
    assert [r.get_attribute("data-id") for r in _rows(page).all()] == by_source


def test_downloads_are_valid_csv_json_and_parquet_of_the_view(server, page):
    page.goto(server.url + "/#events?dyad=TUR-USA&sort=-goldstein")
    expect(page.locator("#events-status")).to_contain_text("event(s) match")
    expected = [e["event_id"] for e in _api(server, "/api/events", dyad="TUR-USA", sort="-goldstein")["events"]]
    links = {f: page.locator(f"#downloads a[data-format={f}]").get_attribute("href") for f in ("csv", "jsonl", "parquet")}
    assert all("dyad=TUR-USA" in h and "sort=-goldstein" in h for h in links.values()), links
    got = page.request.get(server.url + links["csv"])
    assert got.ok and got.headers["content-type"].startswith("text/csv")
    assert [r["event_id"] for r in csv.DictReader(io.StringIO(got.text()))] == expected
    got = page.request.get(server.url + links["jsonl"])
    assert [json.loads(line)["event_id"] for line in got.text().splitlines()] == expected
    got = page.request.get(server.url + links["parquet"])
    assert pq.read_table(io.BytesIO(got.body())).column("event_id").to_pylist() == expected


def test_sql_page_runs_shares_and_explains_refusals(server, page, artifacts):
    page.goto(server.url + "/#sql")
    page.get_by_role("link", name="Events per year").click()
    expect(page).to_have_url(re.compile(r"#sql\?sql=SELECT"))
    per_year = _api(server, "/api/sql", sql="SELECT year(date), count(*) FROM events GROUP BY 1")["rows"]
    expect(page.locator("#sql-table tbody tr")).to_have_count(len(per_year))
    page.fill("#sql-text", "SELECT source_code, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1 LIMIT 3")
    page.press("#sql-text", "Control+Enter")
    expect(page.locator("#sql-table thead th")).to_have_text(["source_code", "n"])
    expect(page.locator("#sql-table tbody tr")).to_have_count(3)
    shared = page.url
    assert "sql=SELECT+source_code" in shared or "sql=SELECT%20source_code" in shared
    page.screenshot(path=str(artifacts / "workbench-sql.png"), full_page=True)
    fresh = page.context.new_page()
    fresh.goto(shared)
    expect(fresh.locator("#sql-table tbody tr")).to_have_count(3)
    expect(fresh.locator("#sql-text")).to_have_value(re.compile(r"^SELECT source_code"))
    reason = httpx.get(server.url + "/api/sql", params={"sql": "DROP TABLE events"}).json()["detail"]
    page.fill("#sql-text", "DROP TABLE events")
    page.click("#sql-run")
    expect(page.locator("#sql-status.error")).to_contain_text(reason)
    expect(page.locator("#sql-table tbody tr")).to_have_count(0)
    assert _api(server, "/api/stats")["events"] == 13  # refused, nothing dropped


def test_actor_page_draws_series_partners_and_matrix(server, page, artifacts):
    page.goto(server.url + "/#actor/TUR")
    expect(page.locator("#actor-series svg rect").first).to_be_visible()
    series = _api(server, "/api/series", actor="TUR", by="week")
    drawn = page.locator("#actor-series .legend").inner_text()
    assert f"{sum(p['events'] for p in series['periods'])} event(s) by week" in drawn, drawn
    expect(page.locator("#partners-table tbody tr").first.locator("td").first).to_contain_text("USA")
    to_usa = next(c["count"] for c in _api(server, "/api/facets", field="target_country", source="TUR")["counts"]
                  if c["value"] == "USA")
    expect(page.locator("#partners-table tbody tr").first.locator("td").nth(1)).to_have_text(str(to_usa))
    cell = page.locator("#matrix-table td[title='TUR → USA: %d event(s)']" % to_usa)
    expect(cell).to_have_count(1)
    page.screenshot(path=str(artifacts / "workbench-actor.png"), full_page=True)
    # a name resolves to its code through /api/actors, in the URL or typed
    page.goto(server.url + "/#actor/turkey")
    # replaced by its code (page.url may lag behind replaceState; the CSP forbids wait_for_function's eval);
    # the first name lookup loads the actor dictionary
    expect(page.locator("#actor-form input[name=actor]")).to_have_value("TUR", timeout=30_000)
    assert page.evaluate("location.hash") == "#actor/TUR"
    page.goto(server.url + "/#actor/CHN")
    expect(page.locator("#partners-table tbody tr").first.locator("td").first).to_contain_text("USA")
    page.fill("#actor-form input[name=actor]", "Turkey")
    page.press("#actor-form input[name=actor]", "Enter")
    expect(page).to_have_url(re.compile(r"#actor/TUR$"))
    expect(page.locator("#partners-table tbody tr").first.locator("td").nth(1)).to_have_text(str(to_usa))
    # a partner links to the dyad in the events view
    page.locator("#partners-table a", has_text="events").first.click()
    expect(page).to_have_url(re.compile(r"#events\?.*dyad=TUR-USA"))
    expect(_rows(page)).to_have_count(_api(server, "/api/events", dyad="TUR-USA")["total"])
    assert not page.errors, page.errors
    page.goto(server.url + "/#actor/Narnia")
    expect(page.locator("#actor-status.error")).to_contain_text('no actor matches "Narnia"')


def test_compare_two_periods(server, page):
    a, b = {"since": "2025-01-01", "until": "2025-02-28"}, {"since": "2025-03-01", "until": "2025-05-31"}
    page.goto(f"{server.url}/#compare?field=plover_type&a_since={a['since']}&a_until={a['until']}"
              f"&b_since={b['since']}&b_until={b['until']}")
    expect(page.locator("#compare-table tbody tr").first).to_be_visible()
    ca = {c["value"]: c["count"] for c in _api(server, "/api/facets", field="plover_type", **a)["counts"]}
    cb = {c["value"]: c["count"] for c in _api(server, "/api/facets", field="plover_type", **b)["counts"]}
    expect(page.locator("#compare-table tbody tr")).to_have_count(len(set(ca) | set(cb)))
    for value in set(ca) | set(cb):
        cells = page.locator(f'#compare-table tbody tr[data-value="{value}"] td')
        n_a, n_b = ca.get(value, 0), cb.get(value, 0)
        expect(cells.nth(1)).to_have_text(str(n_a))
        expect(cells.nth(3)).to_have_text(str(n_b))
        expect(cells.nth(5)).to_have_text(f"{'+' if n_b > n_a else ''}{n_b - n_a}")
    # a value opens its events in period B
    value = max(cb, key=lambda v: cb[v])
    page.locator(f'#compare-table tbody tr[data-value="{value}"] a').click()
    expect(page).to_have_url(re.compile(rf"#events\?since={b['since']}&until={b['until']}&type={value}"))
    expect(_rows(page)).to_have_count(cb[value])
    assert not page.errors, page.errors


def test_dark_mode_toggle_is_remembered_and_follows_the_system(server, browser, page):
    page.goto(server.url + "/")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.click("#theme-toggle")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(page.locator("#theme-toggle")).to_have_attribute("aria-pressed", "true")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    ctx = browser.new_context(color_scheme="dark")
    try:
        system = ctx.new_page()
        system.goto(server.url + "/")
        assert system.evaluate("getComputedStyle(document.body).backgroundColor") == dark
        expect(system.locator("#theme-toggle")).to_have_attribute("aria-pressed", "true")
    finally:
        ctx.close()


def test_keyboard_focus_is_visible(server, page):
    page.goto(server.url + "/")
    expect(_facet(page, "plover_type", "CONSULT")).to_be_visible()
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return {tag: e.tagName, cls: e.className, name: e.name, type: e.type, style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
        if info["tag"] in ("BODY", "HTML"):
            continue
        assert info["style"] != "none" and info["width"] >= 2, info
        seen.add(info["tag"])
    assert {"A", "INPUT", "BUTTON"} <= seen, seen
    # a table row takes focus and Enter opens it
    row = _rows(page).first
    row.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#prov-sentence")).to_be_visible()
    # so does a map dot (dots are drawn in table order)
    located = next(e for e in _api(server, "/api/events")["events"] if e["lat"] is not None)
    assert located["event_id"] != row.get_attribute("data-id")
    page.locator("#map circle.dot").first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"event={located['event_id']}"))
    expect(page.locator("#prov-sentence")).to_have_text(located["sentence_text"])


def test_automatic_bins_and_a_goldstein_line_broken_at_empty_periods(server, page):
    page.goto(server.url + "/#code")  # any page that loads the modules
    # a probe answers `periods` zero-filled periods per bin, as /api/series and the dyad timeline do
    picked = page.evaluate("""() => import("/static/js/chart.js").then(async m => {
        const span = n => by => Promise.resolve({ by, periods: Array(n[by]).fill({}) });
        return [
          (await m.autoBins(span({ year: 27, month: 324, week: 1400 }))).by,   // 1978-2004
          (await m.autoBins(span({ year: 2, month: 14, week: 60 }))).by,       // 14 months
          (await m.autoBins(span({ year: 1, month: 3, week: 11 }))).by,        // 11 weeks
        ]; })""")
    assert picked == ["year", "month", "week"]
    drawn = page.evaluate("""() => import("/static/js/chart.js").then(m => {
        const g = [1, 2, null, 3, null, null, 4, 5, 6, null, 7];
        const chart = m.periodChart(g.map((v, i) => ({ period: String(i), coop: v === null ? 0 : 1, conf: 0,
          gold: v, tip: "" })), "test");
        return { d: chart.querySelector("path.gold-line").getAttribute("d"),
                 dots: chart.querySelectorAll("circle.gold-dot").length,
                 bars: chart.querySelectorAll("rect.coop").length }; })""")
    # runs [1, 2], [3], [4, 5, 6], [7]: two stretches of line; lone periods are dots only
    assert drawn["d"].count("M") == 2 and drawn["d"].count("L") == 1 + 2
    assert drawn["dots"] == 7 and drawn["bars"] == 7


def test_actor_filters_take_names_as_typed(server, page):
    page.goto(server.url + "/")
    expect(_rows(page)).to_have_count(_api(server, "/api/events")["total"])
    page.fill("input[name=source]", "Türkiye")
    page.click("#apply")
    expect(page).to_have_url(re.compile(r"source=T%C3%BCrkiye"))
    by_name = _api(server, "/api/events", source="Türkiye")["total"]
    assert by_name == _api(server, "/api/events", source="TUR")["total"] > 0
    expect(_rows(page)).to_have_count(by_name)
    page.fill("input[name=source]", "Narnia")
    page.click("#apply")
    expect(page.locator("#events-status.error")).to_contain_text("unknown actor 'Narnia'")
