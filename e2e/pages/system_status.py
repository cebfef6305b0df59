"""SPOT's System Status page: each system's state, and the maintenance schedule."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

PATH = "/system-status"


class SystemStatusPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name="System Status", level=1)
        self.schedule = page.get_by_role("region", name="Scheduled maintenance")
        self.windows = self.schedule.locator("tr[data-window]")

    def open(self) -> SystemStatusPage:
        self.page.goto(PATH)
        return self

    def expect_shown(self) -> None:
        expect(self.heading).to_be_visible()
        expect(self.page).to_have_url(re.compile(f"{PATH}$"))

    def row(self, system: str) -> Locator:
        return self.page.locator(f'table.systems tr[data-system="{system}"]')

    def expect_available(self, *systems: str) -> None:
        for system in systems:
            expect(self.row(system).locator(".system-state")).to_have_text("Available")

    def expect_unavailable(
        self,
        system: str,
        outage: str,
        *,
        details: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> None:
        """``outage``: ``scheduled``, ``unscheduled`` or ``technical``; times as the page writes
        them ("8:00 PM EST on 01/07/2026")."""
        row = self.row(system)
        expect(row.locator(".system-state")).to_have_text("Unavailable")
        expect(row).to_have_attribute("data-outage", outage)
        for cell, text in (("details", details), ("since", since), ("until", until)):
            if text is not None:
                expect(row.locator(f".system-{cell}")).to_contain_text(text)

    def window(self, system: str) -> Locator:
        return self.schedule.locator(f'tr[data-window-system="{system}"]')
