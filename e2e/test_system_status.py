"""The system status page: every system SPOT depends on (and SPOT itself), up or down, why, and
the maintenance schedule in Eastern time; readable without signing in and while IDM is down.

The page shows no catalogue error, so the coverage rule (docs/coverage.md) keeps no table here:
one browser scenario shows the page as a user sees it, everything up and then an outage
(tests/harness/test_remote_browser.py runs it on a remote browser too); the windows in each
season, SPOT's weekly window, faults, and the page while IDM is down run over HTTP against the
same page in tests/sites/spot/test_system_status_http.py. SYSTEM_UNAVAILABLE's link leads here in
e2e/test_system_availability.py's scenarios.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from e2e.pages.system_status import SystemStatusPage

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient

SYSTEMS = ("IDM", "HETS", "FISS", "SPOT")


def test_status_page_lists_every_system_as_available_then_shows_an_outage_and_its_message(
    page: Page, admin: AdminClient
) -> None:
    """Walks the status page through: IDM, HETS, FISS and SPOT available with no maintenance
    scheduled; then, FISS taken down for scheduled maintenance, the page opened again shows it
    unavailable with its message, and HETS still available."""
    status = SystemStatusPage(page).open()
    status.expect_available(*SYSTEMS)
    expect(status.schedule).to_contain_text("No maintenance is currently scheduled.")

    admin.set_system("FISS", available=False, maintenance="scheduled", message="Quarterly release")
    page.goto("/system-status")
    row = page.locator('tr[data-system="FISS"]')
    expect(row.locator(".system-state")).to_have_text("Unavailable")
    expect(row).to_contain_text("Scheduled maintenance: Quarterly release")
    expect(page.locator('tr[data-system="HETS"] .system-state')).to_have_text("Available")
