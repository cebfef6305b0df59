"""IDM locks an account after three failed sign-ins, and unlocks it an hour later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page

from e2e.pages import IdmSignIn, SpotHome, SpotLanding
from e2e.pages.browser import NEEDS_CDP, clear_browsing_data

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, PortalHandle

# Wednesday 5 March 2025, 14:00 Eastern (19:00 UTC): the lock lifts at 3:00 PM ET.
START = datetime(2025, 3, 5, 19, 0, tzinfo=UTC)


def _fail(sign_in: IdmSignIn, user_id: str, times: int) -> None:
    for _ in range(times):
        sign_in.sign_in(user_id, "Not-the-password-1!")
        sign_in.errors.expect_error("SIGN_IN_FAILED")


@pytest.mark.covers("ACCOUNT_LOCKED", "SIGN_IN_FAILED", page="idm/login/authn")
def test_three_failures_lock_the_account_even_against_the_right_password_for_an_hour(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """Walks one account through its lock, by the mock's clock: two failed sign-ins, then a
    third locks it, saying when it unlocks (Eastern time), mailing the user; the right password
    is refused while locked; 59 minutes later, from a new log in, still refused; at 60 minutes
    the right password signs in."""
    admin.freeze_clock(START)
    user = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()
    sign_in = IdmSignIn(page)
    _fail(sign_in, user.user_id, 2)

    sign_in.sign_in(user.user_id, "Not-the-password-1!")

    sign_in.errors.expect_error(
        "ACCOUNT_LOCKED", text="It unlocks automatically at 3:00 PM EST on 03/05/2025"
    )
    sign_in.sign_in(user.user_id, user.password)
    sign_in.errors.expect_error("ACCOUNT_LOCKED", text="locked after 3 unsuccessful")
    assert admin.user(user.user_id)["locked_until"] == "2025-03-05T20:00:00+00:00"
    assert admin.mail(to=user.email)[-1]["subject"] == "Your CMS IDM account is locked"

    # The lock lifts after an hour by the mock clock. Each try starts a new log in: a sign-in
    # page left open over 15 minutes has ended (SIGN_IN_EXPIRED, as Okta's), whatever the lock
    # says.
    admin.freeze_clock(START + timedelta(minutes=59))
    page.goto("/home")
    sign_in.sign_in(user.user_id, user.password)
    sign_in.errors.expect_error("ACCOUNT_LOCKED")
    admin.freeze_clock(START + timedelta(minutes=60))
    page.goto("/home")
    IdmSignIn(page).sign_in(user.user_id, user.password)

    SpotHome(page).expect_signed_in_as(user.display_name)


@pytest.mark.covers("SIGN_IN_FAILED", page="idm/login/authn")
@pytest.mark.chromium_only(NEEDS_CDP)
def test_a_success_resets_the_count_of_failures(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    user = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()
    sign_in = IdmSignIn(page)
    _fail(sign_in, user.user_id, 2)
    sign_in.sign_in(user.user_id, user.password)
    SpotHome(page).expect_signed_in_as(user.display_name)
    clear_browsing_data(page)  # a fresh start for IDM (its sign-in page is cacheable)

    page.goto(portal.idm_url + "/app/UserHome")
    _fail(IdmSignIn(page), user.user_id, 2)  # two more: not locked, the count started again

    assert admin.user(user.user_id)["locked_until"] is None
