"""Signing in to SPOT through IDM: the happy path and IDM's own refusals."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import ErrorSummary, IdmSignIn, IdmVerify, SpotHome, SpotLanding
from e2e.pages.journeys import sign_in_at_idm

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, PortalHandle


@pytest.mark.covers(
    "REQUIRED_FIELD", page="idm/login/authn", fields=("username", "password", "terms")
)
@pytest.mark.covers("SIGN_IN_FAILED", page="idm/login/authn")
def test_the_sign_in_page_names_each_mistake_and_opens_no_session_until_all_is_right(
    page: Page, make_user: MakeUser, portal: PortalHandle
) -> None:
    """Walks IDM's User ID page through each refusal, in one browser: submitted empty, it names
    every missing field at once; an unknown user and a wrong password get the same "Unable to
    sign in" (the User ID kept, the password not), and no session is opened (SPOT's /home asks
    for the sign-in again); the right password without the terms accepted names the terms
    alone; with them, the user reaches SPOT home. (Two refusals of the user: under the three
    that lock the account, e2e/test_account_lockout.py.)"""
    user = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()
    sign_in = IdmSignIn(page)
    sign_in.expect_shown()  # past IDM's chooser, on the User ID page

    sign_in.submit.click()

    errors = ErrorSummary(page)
    errors.expect_codes("REQUIRED_FIELD", "REQUIRED_FIELD", "REQUIRED_FIELD")
    errors.expect_error("REQUIRED_FIELD", field="username", text="User ID is required.")
    errors.expect_error("REQUIRED_FIELD", field="password", text="Password is required.")
    errors.expect_error("REQUIRED_FIELD", field="terms", text="Terms & Conditions")

    # An unknown user gets the same refusal as a wrong password.
    sign_in.sign_in("nobody.here", "Whatever-Pass-1!")
    sign_in.errors.expect_error("SIGN_IN_FAILED", text="Unable to sign in")

    # A wrong password is refused and opens no session.
    sign_in.sign_in(user.user_id, user.password + "x")

    sign_in.errors.expect_error("SIGN_IN_FAILED", text="Unable to sign in")
    expect(sign_in.user_id).to_have_value(user.user_id)
    expect(sign_in.password).to_have_value("")
    page.goto(portal.spot_url + "/home")
    IdmSignIn(page).expect_shown()

    # The terms must be accepted even with the right password.
    sign_in.sign_in(user.user_id, user.password, accept_terms=False)

    sign_in.errors.expect_codes("REQUIRED_FIELD")
    sign_in.errors.expect_error("REQUIRED_FIELD", field="terms")
    sign_in.sign_in(user.user_id, user.password)
    SpotHome(page).expect_signed_in_as(user.display_name)


@pytest.mark.covers("MFA_CODE_INVALID", page="idm/signin/verify", fields=("code",))
def test_approved_user_signs_in_with_mfa_past_a_wrong_and_a_replaced_code_and_logs_off(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    """Walks one MFA sign-in through, by the mock's frozen clock: SPOT's Log in leads to IDM; the
    password leads to the code page; a wrong code is refused as not valid; a new code asked for
    30 seconds later is mailed, and the code it replaced no longer works; the new one signs the
    user in to SPOT home (name, organization, /home); Log off ends SPOT's and IDM's sessions,
    so /home asks for the sign-in again."""
    start = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
    admin.freeze_clock(start)
    user = make_user(spot_access="approved", mfa=True)

    SpotLanding(page).open().log_in()
    expect(page).to_have_url(re.compile("^" + re.escape(portal.idm_url)))
    IdmSignIn(page).sign_in(user.user_id, user.password)
    verify = IdmVerify(page)
    first = verify.mailed_code(admin, user.email)
    wrong = f"{(int(first) + 1) % 1_000_000:06d}"

    verify.verify(wrong)

    verify.errors.expect_error("MFA_CODE_INVALID", field="code", text="not valid")

    # Okta sends another code at most once every 30 seconds (accounts/factors.py).
    admin.freeze_clock(start + timedelta(seconds=30))
    verify.send_new_code.click()
    expect(page.get_by_role("status")).to_have_text("We sent you a new code.")
    second = admin.latest_mfa_code(user.email)
    assert len(admin.mail(to=user.email)) == 2
    if first != second:  # a one-in-a-million repeat would make the old code the right one
        verify.verify(first)
        verify.errors.expect_error("MFA_CODE_INVALID", field="code")
    verify.verify(second)

    home = SpotHome(page)
    assert user.organization is not None
    home.expect_signed_in_as(user.display_name, user.organization["business_name"])
    expect(page).to_have_url(portal.spot_url + "/home")

    home.log_off()
    SpotLanding(page).expect_logged_off()
    page.goto("/home")
    IdmSignIn(page).expect_shown()  # logged off SPOT and IDM: signing in starts again


def test_spot_pages_need_sign_in_and_return_after_it_and_a_live_idm_session_asks_nothing(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    """Walks one user through: a SPOT page opened signed out sends them to IDM and, once signed
    in (with the mailed code), back to that page; when SPOT's session ends and IDM's lives on,
    SPOT's /home signs them in again with no password and no second code."""
    path = "/eligibility"  # each SPOT page: tests/sites/spot/test_sign_in_return_http.py
    user = make_user(spot_access="approved", mfa=True)
    admin.settings(session_check_interval=0.05)  # the open page's session timer, in ms

    page.goto(path)

    sign_in_at_idm(page, admin, user)
    expect(page).to_have_url(portal.spot_url + path)
    expect(SpotHome(page).log_off_button).to_be_visible()

    # A live IDM session is not asked for the password again.
    page.context.clear_cookies(name="spot_sid")  # SPOT's session ends; IDM's lives on
    # The page left open finds no session and leaves for SPOT's timed-out page, as in any
    # browser; waiting for it keeps it from racing the next navigation (net::ERR_ABORTED).
    ErrorSummary(page).expect_error("SPOT_SESSION_TIMED_OUT")

    page.goto("/home")

    SpotHome(page).expect_signed_in_as(user.display_name)
    assert len(admin.mail(to=user.email)) == 1  # no second MFA code either


def test_signing_out_of_idm_ends_its_session(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    user = make_user(spot_access="none", mfa=False)
    page.goto(portal.idm_url + "/app/UserHome")
    sign_in_at_idm(page, admin, user)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {user.display_name}")

    page.get_by_role("button", name="Sign Out").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    page.goto(portal.idm_url + "/app/UserHome")
    IdmSignIn(page).expect_shown()
