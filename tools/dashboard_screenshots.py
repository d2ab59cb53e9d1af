"""Take the dashboard screenshots of README.md and docs/api.md (docs/img/*.png) with Playwright.

    .venv/bin/python tools/dashboard_screenshots.py [--db demo.duckdb] [--out docs/img]

The store defaults to a fresh ``python -m detente.testing.fixtures STORE --seed`` one: the fixture
articles plus the seed article coded by the NLP coder. Needs Debian chromium and the playwright package,
like the browser tests (whose server and browser settings this reuses); 1400 px wide, light theme.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import ARGS, CHROMIUM, Server  # type: ignore[import-not-found]  # noqa: E402

#: (file, URL hash, CSS selector to wait for): each a view as README and docs/api.md describe it.
SHOTS: list[tuple[str, str, str]] = [
    ("dashboard.png", "#events?dyad=TUR-USA&since=2025-01-01&sort=-mentions", "#facets .facet-value"),
    ("actor.png", "#actor/TUR", "#matrix-table"),
    ("sql.png", "#sql?sql=SELECT+source_country%2C+target_country%2C+count%28*%29+AS+events%0AFROM+events%0A"
                "WHERE+source_country+%3C%3E+%27%27+AND+target_country+%3C%3E+%27%27%0A"
                "GROUP+BY+1%2C+2+ORDER+BY+events+DESC+LIMIT+20", "#sql-table tbody tr"),
]


def take(db: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from detente.api import create_app

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with Server(create_app(db)) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page: Any = browser.new_page(viewport={"width": 1400, "height": 900}, color_scheme="light")
        for name, hash_, ready in SHOTS:
            page.goto(server.url + "/" + hash_)
            page.wait_for_selector(ready)
            if name == "dashboard.png":  # open the most reported event, as a reader would
                page.locator("#events-table tbody tr").first.click()
                page.wait_for_selector("#prov-sentence")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / name), full_page=True)
            written.append(out / name)
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to show (default: the fixture + seed demo store)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from detente.testing.fixtures import write_fixture_store

            db = write_fixture_store(Path(tmp) / "demo.duckdb", seed=True)
        for path in take(db, args.out):
            print(path)


if __name__ == "__main__":
    main()
