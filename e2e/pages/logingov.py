"""Login.gov's pages: e-mail and password, the one-time code, and Cancel."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from e2e.pages.errors import ErrorSummary

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient

_CODE = re.compile(r"code is (\d{6})")


class LoginGovSignIn:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.email = page.get_by_label("Email address")
        self.password = page.get_by_label("Password")
        self.submit = page.get_by_role("button", name="Submit")
        self.cancel = page.get_by_role("link", name="Cancel")
        self.errors = ErrorSummary(page)

    def expect_shown(self) -> None:
        expect(self.page).to_have_title(re.compile("Login.gov"))
        expect(self.email).to_be_visible()

    def sign_in(self, email: str, password: str) -> None:
        self.email.fill(email)
        self.password.fill(password)
        self.submit.click()


class LoginGovCode:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.code = page.get_by_label("One-time code")
        self.submit = page.get_by_role("button", name="Submit")
        self.cancel = page.get_by_role("link", name="Cancel")

    def mailed_code(self, admin: AdminClient, email: str) -> str:
        """The code Login.gov sent (outbox channel ``logingov``), once this page shows."""
        expect(self.code).to_be_visible()
        mail = [m for m in admin.mail(to=email) if m["channel"] == "logingov"]
        found = _CODE.search(mail[-1]["body"])
        assert found is not None, "no one-time code in Login.gov's message"
        return found.group(1)

    def enter(self, code: str) -> None:
        self.code.fill(code)
        self.submit.click()
