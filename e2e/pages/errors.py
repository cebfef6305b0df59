"""The error summary every page shares (DESIGN.md, Contract)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect


class ErrorSummary:
    def __init__(self, page: Page, within: Locator | None = None) -> None:
        """``within``: the part of the page whose summary this is (the control panel has one per
        section); the whole page by default."""
        self.page = page
        self.alert = (page if within is None else within).get_by_role("alert")

    def message(self, code: str, field: str | None = None) -> Locator:
        selector = f'[data-error-code="{code}"]'
        if field is not None:
            selector += f'[data-field="{field}"]'
        return self.alert.locator(selector)

    def expect_error(self, code: str, *, field: str | None = None, text: str | None = None) -> None:
        """The summary shows ``code`` (for ``field``), and if given, ``text`` within it; a field
        error also marks its input invalid and describes it by the message."""
        message = self.message(code, field)
        expect(message).to_be_visible()
        if text is not None:
            expect(message).to_contain_text(text)
        if field is not None:
            self.expect_field_invalid(field)

    def expect_field_invalid(self, field: str) -> None:
        """The field's input says it is invalid and is described by its message."""
        control = self.page.locator(f"#{field}")
        message = self.alert.locator(f'[data-field="{field}"]').first
        expect(message).to_be_visible()
        message_id = message.get_attribute("id")
        assert message_id, f"the error message for {field} has no id to be described by"
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_attribute(
            "aria-describedby", re.compile(rf"(^|\s){re.escape(message_id)}(\s|$)")
        )

    def expect_codes(self, *codes: str) -> None:
        """Exactly these codes, in this order."""
        expect(self.alert.locator("[data-error-code]")).to_have_count(len(codes))
        for index, code in enumerate(codes):
            expect(self.alert.locator("[data-error-code]").nth(index)).to_have_attribute(
                "data-error-code", code
            )

    def expect_none(self) -> None:
        expect(self.alert).to_have_count(0)
