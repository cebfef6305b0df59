"""SPOT's landing and home pages."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.pages.errors import ErrorSummary


class SpotLanding:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.log_in_link = page.get_by_role("link", name="Log in")
        self.errors = ErrorSummary(page)

    def open(self) -> SpotLanding:
        self.page.goto("/")
        return self

    def log_in(self) -> None:
        self.log_in_link.click()

    def expect_logged_off(self) -> None:
        expect(self.page.get_by_role("status")).to_have_text("You have logged off SPOT.")
        expect(self.log_in_link).to_be_visible()


class SpotHome:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", level=1)
        self.log_off_button = page.get_by_role("button", name="Log off")
        self.eligibility_link = page.get_by_role("link", name="Eligibility")
        self.claim_status_link = page.get_by_role("link", name="Claim Status")

    def expect_signed_in_as(self, display_name: str, organization: str | None = None) -> None:
        expect(self.heading).to_have_text(f"Welcome, {display_name}")
        if organization is not None:
            expect(self.page.locator("dd.organization")).to_have_text(organization)
        expect(self.log_off_button).to_be_visible()

    def log_off(self) -> None:
        self.log_off_button.click()
