"""Login.gov's own form errors in one visit: a cancel (back to IDM with its error), an empty
submit, a wrong password, an empty one-time code, a wrong code, then the right code back to SPOT
(docs/logingov.md; the mock's Login.gov pages are mock_portal/sites/logingov/pages.py, the
messages catalogue.py's). And IDM's
side of the hand-off (mock_portal/sites/idm/federation.py): a sign-in idle past Identity Engine's
transaction lifetime, an answer IDM cannot redeem at Login.gov's token endpoint, and the same
answer replayed (docs/idm-sign-in.md)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import ErrorSummary, IdmChooser, SpotHome, SpotLanding
from e2e.pages.logingov import LoginGovCode, LoginGovSignIn

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser


@pytest.mark.covers("LOGINGOV_CANCELLED", page="idm/oauth2/v1/authorize/callback")
@pytest.mark.covers("REQUIRED_FIELD", page="logingov/", fields=("email", "password"))
@pytest.mark.covers("SIGN_IN_FAILED", page="logingov/")
@pytest.mark.covers("REQUIRED_FIELD", page="logingov/login/two_factor/otp", fields=("code",))
@pytest.mark.covers("MFA_CODE_INVALID", page="logingov/login/two_factor/otp", fields=("code",))
def test_login_gov_names_each_mistake_and_then_lets_the_user_through(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """Walks a Login.gov sign-in through each mistake: Cancel at Login.gov comes back to IDM
    with a clear error whose link returns to IDM's chooser; then, Continue under Login.gov
    again, an empty submit names both fields, a wrong password is refused, an empty and a wrong
    one-time code are refused, and the right code brings the user to SPOT home."""
    user = make_user(spot_access="approved", mfa=True)
    account = admin.create_logingov_account(email=user.email)
    SpotLanding(page).open().log_in()
    IdmChooser(page).continue_with_logingov()
    sign_in = LoginGovSignIn(page)
    sign_in.expect_shown()

    # Cancel at Login.gov comes back to IDM with a clear error.
    sign_in.cancel.click()

    ErrorSummary(page).expect_error("LOGINGOV_CANCELLED", text="cancelled signing in")
    page.get_by_role("link", name="Back to sign in").click()
    IdmChooser(page).expect_shown()

    IdmChooser(page).continue_with_logingov()
    sign_in.expect_shown()

    sign_in.submit.click()
    sign_in.errors.expect_codes("REQUIRED_FIELD", "REQUIRED_FIELD")
    sign_in.errors.expect_error("REQUIRED_FIELD", field="email")
    sign_in.errors.expect_error("REQUIRED_FIELD", field="password")

    sign_in.sign_in(account["email"], "not-the-password")
    sign_in.errors.expect_error("SIGN_IN_FAILED", text="email or password")

    sign_in.sign_in(account["email"], account["password"])
    code = LoginGovCode(page)
    right = code.mailed_code(admin, account["email"])
    errors = ErrorSummary(page)
    code.enter("")
    errors.expect_error("REQUIRED_FIELD", field="code")
    code.enter("000000" if right != "000000" else "111111")
    errors.expect_error("MFA_CODE_INVALID", field="code")

    code.enter(right)
    assert user.organization is not None
    SpotHome(page).expect_signed_in_as(user.display_name, user.organization["business_name"])


@pytest.mark.covers("SIGN_IN_EXPIRED", page="idm/sso/idps/{idp_id}")
@pytest.mark.covers("SYSTEM_UNAVAILABLE", page="idm/oauth2/v1/authorize/callback")
@pytest.mark.covers("SIGN_IN_EXPIRED", page="idm/oauth2/v1/authorize/callback")
def test_idm_ends_a_stale_hand_off_and_says_when_login_gov_cannot_be_redeemed(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    user = make_user(spot_access="approved", mfa=False)
    account = admin.create_logingov_account(email=user.email)
    now = datetime.fromisoformat(admin.clock()["now"])
    admin.freeze_clock(now)
    SpotLanding(page).open().log_in()
    chooser = IdmChooser(page)
    chooser.expect_shown()
    errors = ErrorSummary(page)

    # The chooser left open past the transaction's 15 idle minutes (TRANSACTION_IDLE_TTL).
    admin.freeze_clock(now + timedelta(minutes=16))
    chooser.continue_with_logingov()
    errors.expect_error("SIGN_IN_EXPIRED")
    page.get_by_role("link", name="Back to sign in").click()

    # Login.gov's token endpoint answers garbage when IDM redeems the code (a control-API fault,
    # mock_portal/sites/logingov/faults.py): federation._redeem answers every failure of that
    # back-channel call (down, refused, unreadable, a bad ID token) with one page.
    admin.set_logingov_fault("token", "malformed")
    chooser.continue_with_logingov()
    sign_in = LoginGovSignIn(page)
    sign_in.sign_in(account["email"], account["password"])
    code = LoginGovCode(page)
    code.enter(code.mailed_code(admin, account["email"]))
    errors.expect_error("SYSTEM_UNAVAILABLE", text="Login.gov")
    expect(page).to_have_url(re.compile(r"/oauth2/v1/authorize/callback\?"))
    answer = page.url

    # The same answer again once Login.gov is back (a reload, a bookmark): its sign-in was used
    # up by the failed attempt, so it is a stale sign-in, not Login.gov's fault.
    admin.clear_logingov_fault("token")
    page.goto(answer)
    errors.expect_error("SIGN_IN_EXPIRED")
