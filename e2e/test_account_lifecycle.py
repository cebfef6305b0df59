"""The IDM account lifecycle beyond the guide: an expired password, IDM's password rules, a
suspended account, SPOT access gone inactive, and an end user whose role was not certified."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import ErrorSummary, IdmSignIn, SpotHome, SpotLanding
from e2e.pages.browser import clear_browsing_data
from e2e.pages.idm import IdmPasswordChange

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, PortalHandle

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
NEW_PASSWORD = "Fresh-Harbor-2026x"


@pytest.mark.covers(
    "PASSWORD_EXPIRED",
    "PASSWORD_NOT_ACCEPTED",
    page="idm/signin/password/expired",
    fields=("new_password", "confirm_password"),
)
def test_no_idm_log_in_for_61_days_asks_for_a_new_password_that_meets_the_rules(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    admin.freeze_clock(NOW)
    user = make_user(
        spot_access="approved", mfa=False, last_idm_login=(NOW - timedelta(days=61)).isoformat()
    )
    SpotLanding(page).open().log_in()
    IdmSignIn(page).sign_in(user.user_id, user.password)

    change = IdmPasswordChange(page)
    change.errors.expect_error("PASSWORD_EXPIRED", text="more than 60 days")
    change.change("short1A")
    change.errors.expect_error("PASSWORD_NOT_ACCEPTED", field="new_password", text="15 to 60")
    change.change(user.password)
    change.errors.expect_error("PASSWORD_NOT_ACCEPTED", field="new_password", text="last 6")
    change.change(f"{user.first_name}-Harbor-2026x")
    change.errors.expect_error("PASSWORD_NOT_ACCEPTED", field="new_password", text="first or last")
    change.change(NEW_PASSWORD, confirm=NEW_PASSWORD + "y")
    change.errors.expect_error("PASSWORD_NOT_ACCEPTED", field="confirm_password")
    change.change(NEW_PASSWORD)

    SpotHome(page).expect_signed_in_as(user.display_name)
    assert admin.user(user.user_id)["last_idm_login"] == NOW.isoformat()
    assert admin.mail(to=user.email)[-1]["subject"] == "Your CMS IDM password was changed"


@pytest.mark.covers("ACCOUNT_SUSPENDED", "ACCOUNT_LOCKED", page="idm/login/authn")
def test_attempts_while_locked_suspend_the_account_until_the_help_desk_lifts_it(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    admin.freeze_clock(NOW)
    user = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()
    sign_in = IdmSignIn(page)
    for _ in range(3):
        sign_in.sign_in(user.user_id, "Not-the-password-1!")
    sign_in.errors.expect_error("ACCOUNT_LOCKED")
    for _ in range(2):
        sign_in.sign_in(user.user_id, user.password)
        sign_in.errors.expect_error("ACCOUNT_LOCKED")

    sign_in.sign_in(user.user_id, user.password)

    sign_in.errors.expect_error("ACCOUNT_SUSPENDED", text="Contact the help desk")
    admin.freeze_clock(NOW + timedelta(hours=2))  # the lock's hour is over; the suspension stays
    page.goto("/home")
    IdmSignIn(page).sign_in(user.user_id, user.password)
    sign_in.errors.expect_error("ACCOUNT_SUSPENDED")
    assert admin.unlock(user.user_id)["suspended"] is False
    IdmSignIn(page).sign_in(user.user_id, user.password)
    SpotHome(page).expect_signed_in_as(user.display_name)


@pytest.mark.covers("SPOT_ACCESS_INACTIVE", page="spot/authorization-code/callback")
def test_spot_access_inactive_after_31_days_until_the_idm_password_is_changed(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    admin.freeze_clock(NOW)
    user = make_user(
        spot_access="approved", mfa=False, last_spot_login=(NOW - timedelta(days=31)).isoformat()
    )
    SpotLanding(page).open().log_in()
    IdmSignIn(page).sign_in(user.user_id, user.password)
    errors = ErrorSummary(page)
    errors.expect_error("SPOT_ACCESS_INACTIVE", text="more than 30 days")

    errors.message("SPOT_ACCESS_INACTIVE").get_by_role("link").click()  # IDM: Change Password
    page.get_by_label("Current Password", exact=True).fill(user.password)
    IdmPasswordChange(page).change(NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Change Password Acknowledgment")).to_be_visible()

    clear_browsing_data(page)  # as the guide asks between logins
    SpotLanding(page).open().log_in()
    IdmSignIn(page).sign_in(user.user_id, NEW_PASSWORD)
    SpotHome(page).expect_signed_in_as(user.display_name)


@pytest.mark.covers("ACCESS_NOT_ASSIGNED", page="spot/authorization-code/callback")
def test_an_end_user_uncertified_for_a_year_loses_the_role_with_the_reason(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    admin.freeze_clock(NOW)
    user = make_user(
        spot_access="approved",
        mfa=False,
        role_certified_at=(NOW - timedelta(days=366)).isoformat(),
    )
    SpotLanding(page).open().log_in()
    IdmSignIn(page).sign_in(user.user_id, user.password)

    errors = ErrorSummary(page)
    errors.expect_error(
        "ACCESS_NOT_ASSIGNED", text="User is not assigned to the client application."
    )
    errors.expect_error("ACCESS_NOT_ASSIGNED", text="annual certification")
    assert admin.user(user.user_id)["spot_access"] == "none"
    assert any(e["kind"] == "idm.role_removed" for e in admin.journal())
