"""What SPOT's inquiry pages (Eligibility, Claim Status) share: labelled fields, Submit, the
error summary, and a results region that appears only with an answer."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.pages.errors import ErrorSummary


class InquiryPage:
    def __init__(self, page: Page, title: str, labels: dict[str, str], results: str) -> None:
        """``labels``: each field's label by the data-field name its errors carry."""
        self.page = page
        self.title = title
        self.heading = page.get_by_role("heading", name=title, level=1)
        self.fields = {name: page.get_by_label(label, exact=True) for name, label in labels.items()}
        self.submit = page.get_by_role("button", name="Submit")
        self.errors = ErrorSummary(page)
        self.results = page.get_by_role("region", name=results)

    def expect_shown(self) -> None:
        expect(self.heading).to_be_visible()
        expect(self.page).to_have_title(re.compile(self.title))

    def inquire(self, **values: str) -> None:
        """Fill the named fields (the others keep what they hold) and press Submit."""
        for name, value in values.items():
            self.fields[name].fill(value)
        self.submit.click()

    def expect_values(self, **values: str) -> None:
        for name, value in values.items():
            expect(self.fields[name]).to_have_value(value)

    def expect_no_result(self) -> None:
        expect(self.results).to_have_count(0)
