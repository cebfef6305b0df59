"""SPOT warns after 20 minutes without activity and logs off at 30, by the mock's clock: the
page's timer asks SPOT, so the test moves the clock instead of waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import ErrorSummary, SpotHome

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, SignIn

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@pytest.mark.covers("SPOT_SESSION_TIMED_OUT", page="spot/timed-out")
def test_the_20_minute_warning_keeps_the_session_and_30_minutes_log_off(
    page: Page, admin: AdminClient, make_user: MakeUser, sign_in_over_http: SignIn
) -> None:
    admin.freeze_clock(NOW)
    # The page's timer asks every 50 ms instead of every second: the clock jumps, not the wait.
    admin.settings(session_check_interval=0.05)
    user = make_user(spot_access="approved", mfa=False)
    sign_in_over_http(user)  # the sign-in is not the subject: the idle time after it is
    page.goto("/home")
    SpotHome(page).expect_signed_in_as(user.display_name)
    warning = page.get_by_role("alertdialog", name="Your SPOT session is about to end")
    expect(warning).to_be_hidden()

    admin.freeze_clock(NOW + timedelta(minutes=20, seconds=1))
    expect(warning).to_be_visible()
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()

    admin.freeze_clock(NOW + timedelta(minutes=50, seconds=2))  # 30 minutes after staying

    ErrorSummary(page).expect_error("SPOT_SESSION_TIMED_OUT", text="inactive for 30 minutes")
    assert page.request.get("/session/remaining").json()["seconds_left"] == 0  # session ended
