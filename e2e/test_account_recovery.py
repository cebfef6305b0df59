"""IDM's self-service recovery: Forgot Password (e-mailed link, the security question) unlocks a
locked account; Forgot User ID e-mails the User ID; each recovery form names its empty field."""

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


@pytest.mark.covers("REQUIRED_FIELD", page="idm/signin/forgot-user-id", fields=("email",))
@pytest.mark.covers("REQUIRED_FIELD", page="idm/signin/forgot-password", fields=("username",))
@pytest.mark.covers("REQUIRED_FIELD", page="idm/signin/reset-password", fields=("answer",))
def test_forgot_user_id_e_mails_it_and_each_recovery_form_names_its_empty_field(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    """Walks IDM's self-service forms through: Forgot User ID, from the sign-in page's link,
    e-mails the User ID, and says the same for an unknown address (mailing nothing); each
    recovery form submitted empty names its field: Forgot User ID's e-mail, Forgot Password's
    User ID (then, filled, the reset link is mailed), and the reset page's security answer
    (not judged a wrong answer)."""
    user = make_user(spot_access="approved", mfa=False, security_answer="Biscuit")
    SpotLanding(page).open().log_in()
    recovery = IdmRecovery(page)
    recovery.forgot_user_id(user.email)
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert user.user_id in admin.mail(to=user.email)[-1]["body"]

    page.goto(portal.idm_url + "/")
    recovery.forgot_user_id("nobody@example.com")
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert admin.mail(to="nobody@example.com") == []

    # Each recovery form names its empty field.
    page.goto(portal.idm_url + "/signin/forgot-user-id")
    page.get_by_role("button", name="Send User ID").click()
    recovery.errors.expect_error("REQUIRED_FIELD", field="email")

    page.goto(portal.idm_url + "/signin/forgot-password")
    page.get_by_role("button", name="Reset via Email").click()
    recovery.errors.expect_error("REQUIRED_FIELD", field="username")
    page.get_by_label("User ID").fill(user.user_id)
    page.get_by_role("button", name="Reset via Email").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()

    page.goto(_reset_link(admin, user.email))
    recovery.reset("", NEW_PASSWORD)
    recovery.errors.expect_error("REQUIRED_FIELD", field="answer", text="Answer is required.")
    expect(recovery.errors.message("SECURITY_ANSWER_INVALID")).to_have_count(0)
