"""How long the dashboard takes to show its views over a big store, in headless Chromium.

    .venv/bin/python benchmarks/dashboard_render.py /tmp/load.duckdb [--runs 5]

(build the store with benchmarks/load/build_store.py). Each run opens a fresh page and times, from
navigation start: the events view until its table, facets and status are drawn; a facet click until the
table and facets show the filtered view; the actor page of the busiest source country until its series,
partners and dyad matrix are drawn; the SQL page's top-dyads example until its rows are shown. Prints the
median and the slowest run of each. Needs Debian chromium and playwright, like the browser tests.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import ARGS, CHROMIUM, Server  # type: ignore[import-not-found]  # noqa: E402


def timed(action: Callable[[], None]) -> float:
    t0 = time.perf_counter()
    action()
    return time.perf_counter() - t0


def run_once(page: Any, url: str, busiest: str) -> dict[str, float]:
    out: dict[str, float] = {}

    def events_view() -> None:
        page.goto(url + "/#events")
        page.wait_for_selector("#events-table tbody tr")
        page.wait_for_selector("#facets section[data-field=source] li")
        page.locator("#events-status", has_text="match").wait_for()

    def facet_click() -> None:
        page.locator('#facets section[data-field="source_country"] button').first.click()
        page.wait_for_selector('#facets section[data-field="source_country"] button[aria-pressed="true"]')
        page.locator("#events-status", has_text="match").wait_for()

    def actor_page() -> None:
        page.goto(f"{url}/#actor/{busiest}")
        for sel in ("#actor-series svg", "#partners-table", "#matrix-table"):
            page.wait_for_selector(sel)

    def sql_page() -> None:
        page.goto(url + "/#sql")
        page.get_by_role("link", name="Top dyads").click()
        page.wait_for_selector("#sql-table tbody tr")

    for name, step in (("events view", events_view), ("facet click", facet_click), ("actor page", actor_page),
                       ("SQL top dyads", sql_page)):
        out[name] = timed(step)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    import httpx
    from playwright.sync_api import sync_playwright

    from detente.api import create_app

    with Server(create_app(args.db)) as server, sync_playwright() as p:
        stats = httpx.get(server.url + "/api/stats").json()
        top = httpx.get(server.url + "/api/facets", params={"field": "source_country", "limit": 1}).json()
        busiest = top["counts"][0]["value"]
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        results: list[dict[str, float]] = []
        for _ in range(args.runs):
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            results.append(run_once(ctx.new_page(), server.url, busiest))
            ctx.close()
        browser.close()
    print(f"{stats['events']:,} events, {args.runs} runs, actor {busiest}")
    print(f"{'view':<16} {'median s':>9} {'max s':>7}")
    for name in results[0]:
        times = [r[name] for r in results]
        print(f"{name:<16} {statistics.median(times):>9.2f} {max(times):>7.2f}")


if __name__ == "__main__":
    main()
