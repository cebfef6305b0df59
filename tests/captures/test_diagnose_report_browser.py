"""``har diagnose --html``: the report opens in a real Chromium, whole, with the failing step
marked, and needs nothing from the network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from mock_portal.captures.diagnose import diagnose_har
from mock_portal.captures.report_html import write_report

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "captures"


def test_the_report_renders_in_chromium_with_the_failing_step_marked(
    browser: Browser, tmp_path: Path
) -> None:
    har = json.loads((FIXTURES / "ngx001-header-too-large.har").read_text())
    report = tmp_path / "report.html"
    write_report(diagnose_har(har), report, title="login.har")
    asked: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 900})

    def refuse(route: Route) -> None:
        asked.append(route.request.url)
        route.abort()

    page.route("http*://**", refuse)
    page.goto(report.as_uri())

    expect(page.get_by_role("heading", name="Diagnosis of login.har")).to_be_visible()
    expect(page.get_by_role("img", name="Sequence of the log in")).to_be_visible()
    failing = page.locator('[data-failing="true"]')
    expect(failing).to_have_count(1)
    expect(failing).to_be_visible()
    expect(page.get_by_role("heading", name="STALE_SESSION")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Clear your internet browser's cache")
    assert asked == []  # no script, no CDN, no font: the page is whole offline
    page.close()
