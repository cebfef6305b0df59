"""The system status page: every system SPOT depends on, readable without signing in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from fixtures.admin_client import AdminClient


def test_status_page_lists_idm_hets_and_fiss_as_available(page: Page) -> None:
    page.goto("/system-status")
    for system in ("IDM", "HETS", "FISS"):
        row = page.locator(f'tr[data-system="{system}"]')
        expect(row.locator(".system-state")).to_have_text("Available")


def test_status_page_shows_an_outage_and_its_message(page: Page, admin: AdminClient) -> None:
    admin.set_system("FISS", available=False, maintenance="scheduled", message="Quarterly release")
    page.goto("/system-status")
    row = page.locator('tr[data-system="FISS"]')
    expect(row.locator(".system-state")).to_have_text("Unavailable")
    expect(row).to_contain_text("Scheduled maintenance: Quarterly release")
    expect(page.locator('tr[data-system="HETS"] .system-state')).to_have_text("Available")
