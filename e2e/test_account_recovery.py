"""IDM's self-service recovery: Forgot Password (e-mailed link, the security question) unlocks a
locked account; Forgot User ID e-mails the User ID."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import IdmSignIn, SpotHome, SpotLanding
from e2e.pages.idm import IdmRecovery

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, PortalHandle

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
NEW_PASSWORD = "Quiet-Meadow-2026x"


def _reset_link(admin: AdminClient, email: str) -> str:
    body = admin.mail(to=email)[-1]["body"]
    found = re.search(r"http\S+reset-password\?token=\S+", body)
    assert found, body
    return found.group(0)


@pytest.mark.covers("ACCOUNT_LOCKED", page="idm/login/authn")
@pytest.mark.covers(
    "SECURITY_ANSWER_INVALID",
    "RESET_LINK_EXPIRED",
    page="idm/signin/reset-password",
    fields=("answer",),
)
def test_forgot_password_with_the_security_question_unlocks_a_locked_account(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    admin.freeze_clock(NOW - timedelta(days=2))
    user = make_user(spot_access="approved", mfa=False, security_answer="Biscuit")
    admin.freeze_clock(NOW)
    SpotLanding(page).open().log_in()
    sign_in = IdmSignIn(page)
    for _ in range(3):
        sign_in.sign_in(user.user_id, "Not-the-password-1!")
    sign_in.errors.expect_error("ACCOUNT_LOCKED")

    recovery = IdmRecovery(page)
    recovery.forgot_password(user.user_id)
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    link = _reset_link(admin, user.email)
    page.goto(link)
    recovery.reset("Rover", NEW_PASSWORD)
    recovery.errors.expect_error("SECURITY_ANSWER_INVALID", field="answer")
    recovery.reset("biscuit", NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Your password has been reset")).to_be_visible()
    page.goto(link)  # a reset link works once
    recovery.errors.expect_error("RESET_LINK_EXPIRED")

    assert admin.user(user.user_id)["locked_until"] is None
    SpotLanding(page).open().log_in()
    IdmSignIn(page).sign_in(user.user_id, NEW_PASSWORD)
    SpotHome(page).expect_signed_in_as(user.display_name)


def test_forgot_user_id_e_mails_it_and_says_the_same_for_an_unknown_address(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    user = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()
    IdmRecovery(page).forgot_user_id(user.email)
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert user.user_id in admin.mail(to=user.email)[-1]["body"]

    page.goto(portal.idm_url + "/")
    IdmRecovery(page).forgot_user_id("nobody@example.com")
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert admin.mail(to="nobody@example.com") == []
