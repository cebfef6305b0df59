"""IDM's sign-in and verification pages, and IDM's first page (the chooser) before them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from e2e.pages.errors import ErrorSummary

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient


class IdmChooser:
    """IDM's first page (the default): "EUA/IDM User ID" or "Login.gov", each with Continue."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.idm_region = page.get_by_role("region", name="EUA/IDM User ID")
        self.logingov_region = page.get_by_role("region", name="Login.gov")
        self.idm_continue = self.idm_region.get_by_role("button", name="Continue")
        self.logingov_continue = self.logingov_region.get_by_role("button", name="Continue")

    def expect_shown(self) -> None:
        expect(self.idm_continue).to_be_visible()
        expect(self.logingov_continue).to_be_visible()

    def continue_with_user_id(self) -> None:
        self.idm_continue.click()

    def continue_with_logingov(self) -> None:
        self.logingov_continue.click()


class IdmSignIn:
    """The User ID / Password page. With the chooser on (the default) it clicks "Continue"
    under EUA/IDM User ID first, so scenarios read the same with either setting."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.user_id = page.get_by_label("User ID", exact=True)
        self.password = page.get_by_label("Password")
        self.terms = page.get_by_label("I agree to the Terms & Conditions")
        self.submit = page.get_by_role("button", name="Sign In")
        self.errors = ErrorSummary(page)
        self.chooser = IdmChooser(page)

    def past_chooser(self) -> None:
        """Wait for IDM's first page; if it is the chooser, Continue with the User ID."""
        expect(self.user_id.or_(self.chooser.idm_continue)).to_be_visible()
        if self.chooser.idm_continue.is_visible():
            self.chooser.continue_with_user_id()

    def expect_shown(self) -> None:
        self.past_chooser()
        expect(self.page).to_have_title(re.compile("Sign In"))
        expect(self.user_id).to_be_visible()

    def sign_in(self, user_id: str, password: str, *, accept_terms: bool = True) -> None:
        self.past_chooser()
        self.user_id.fill(user_id)
        self.password.fill(password)
        if accept_terms:
            self.terms.check()
        self.submit.click()


class IdmVerify:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.code = page.get_by_label("Verification code")
        self.submit = page.get_by_role("button", name="Verify")
        self.send_new_code = page.get_by_role("button", name="Send a new code")
        self.errors = ErrorSummary(page)

    def expect_shown(self) -> None:
        expect(self.code).to_be_visible()

    def mailed_code(self, admin: AdminClient, email: str) -> str:
        """The code IDM e-mailed, read once this page is showing (IDM sends it first)."""
        self.expect_shown()
        return admin.latest_mfa_code(email)

    def verify(self, code: str) -> None:
        self.code.fill(code)
        self.submit.click()


class IdmChooseFactor:
    """Okta's "select an authenticator" step, for a user with several MFA factors."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def choose(self, label: str) -> None:
        self.page.get_by_role("button", name=label, exact=True).click()


class IdmPasswordChange:
    """The new-password form IDM shows when the password has expired."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.new_password = page.get_by_label("New Password", exact=True)
        self.confirm = page.get_by_label("Confirm New Password", exact=True)
        self.submit = page.get_by_role("button", name="Change Password")
        self.errors = ErrorSummary(page)

    def change(self, new_password: str, confirm: str | None = None) -> None:
        self.new_password.fill(new_password)
        self.confirm.fill(new_password if confirm is None else confirm)
        self.submit.click()


class IdmRecovery:
    """IDM's self-service "Forgot Password" and "Forgot User ID" pages and the reset link's."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors = ErrorSummary(page)

    def _self_help(self, what: str) -> None:
        """The link below the fields: "Forgot IDM password" / "Forgot IDM User ID" after the
        chooser, "Forgot Password" / "Forgot User ID" on the classic page (DESIGN.md)."""
        IdmSignIn(self.page).past_chooser()
        name = re.compile(rf"^Forgot (IDM )?{what}$", re.IGNORECASE)
        self.page.get_by_role("link", name=name).click()

    def forgot_password(self, user_id: str) -> None:
        self._self_help("password")
        self.page.get_by_label("User ID").fill(user_id)
        self.page.get_by_role("button", name="Reset via Email").click()

    def forgot_user_id(self, email: str) -> None:
        self._self_help("User ID")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_role("button", name="Send User ID").click()

    def reset(self, answer: str, new_password: str) -> None:
        self.page.get_by_label("Answer").fill(answer)
        IdmPasswordChange(self.page).change(new_password)
