"""Remake docs/report-screenshot.png: the HTML report of claims/2020.yaml in headless Chromium.

Run from the repository root with the test extra installed and Debian's Chromium:
    .venv/bin/python docs/make_screenshot.py
It opens the report at 1280 x 860, clicks the mark of "the fewest convictions … since 2012" so
its evidence and chart show, and writes the picture the README and docs/reports.md use.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import factcheck
from factcheck.render.html import render

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def main() -> int:
    from playwright.sync_api import sync_playwright

    os.chdir(ROOT)  # the page then names the claims file as claims/2020.yaml, not a local path
    report = factcheck.verify(Path("claims/2020.yaml"))
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        page_file = Path(tmp) / "report.html"
        page_file.write_text(render(report), encoding="utf-8")
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(page_file.as_uri())
        mark = page.locator("mark", has_text="since 2012").first
        mark.scroll_into_view_if_needed()
        mark.click()
        page.evaluate("window.scrollBy(0, -120)")
        page.wait_for_timeout(300)
        page.screenshot(path=str(ROOT / "docs" / "report-screenshot.png"))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
