"""The review page in a real browser: spans highlighted per label, injected markup inert.

Needs Debian's Chromium at /usr/bin/chromium (`.ci/run` installs it). Locally the test
skips when it is missing; in CI (`CI=true`) a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.review import build_site
from tests.test_review import IMG, SCRIPT, make_gold, make_record

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} not found: install Debian's chromium (`apt-get install chromium`)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def test_page_opened_from_disk_highlights_each_label_and_runs_no_injected_script(
        tmp_path: Path) -> None:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    record = make_record()
    assert SCRIPT in record.text and IMG in record.text
    site = build_site([record], tmp_path / "site", gold=[make_gold(record)])
    page_path = site.pages[record.doc_id]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            counts = page.evaluate("""() => {
                const out = {};
                for (const m of document.querySelectorAll('mark[data-source="pred"]'))
                    out[m.dataset.label] = (out[m.dataset.label] || 0) + 1;
                return out; }""")
            missed = page.locator('mark[data-source="gold"][data-status="missed"]').count()
            pwned = page.evaluate("() => typeof window.__pwned")
            images = page.locator("img").count()
            text = page.inner_text("#text")
            page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
            # control: the same markup unescaped does run, so the probe can see a script
            control = tmp_path / "control.html"
            control.write_text(f"<!DOCTYPE html><body>{SCRIPT}{IMG}</body>", encoding="utf-8")
            page.goto(control.as_uri())
            page.wait_for_function("() => window.__pwned === 1", timeout=5000)
        finally:
            browser.close()
    assert counts == {"ORG": 2, "GPE": 1, "COUNT": 1, "DATE": 1}
    assert missed == 1
    assert pwned == "undefined"
    assert images == 0
    assert SCRIPT in text and "onerror=" in text  # shown as plain text
    assert (tmp_path / "article.png").stat().st_size > 0
