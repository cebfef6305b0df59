"""IDM's 60-day inactivity rule at its boundary, over plain HTTP: 60 days without an IDM log in
is not yet expired (CMS's IDM FAQ: more than 60 days). The browser scenario for the expired side,
and the new password it asks for, is e2e/test_account_lifecycle.py."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from mock_portal.testing.http_flow import HttpUser

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, PortalHandle

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


def test_60_days_without_a_log_in_is_not_yet_expired(
    portal: PortalHandle, namespace: str, admin: AdminClient, make_user: MakeUser
) -> None:
    admin.freeze_clock(NOW)
    user = make_user(
        spot_access="approved", mfa=False, last_idm_login=(NOW - timedelta(days=60)).isoformat()
    )
    with HttpUser(portal.spot_url, namespace) as browser:
        home = browser.log_in(user.user_id, user.password)

    assert home.url.path == "/home"
    assert user.display_name in home.text
    assert 'data-error-code="PASSWORD_EXPIRED"' not in home.text


def test_a_password_changed_then_left_before_the_code_is_not_asked_for_again(
    portal: PortalHandle, namespace: str, admin: AdminClient, make_user: MakeUser
) -> None:
    """The forced change is the remedy: leaving at the one-time code after it does not expire the
    new password (the once-a-day rule would then refuse a second change)."""
    admin.freeze_clock(NOW)
    user = make_user(
        spot_access="approved", mfa=True, last_idm_login=(NOW - timedelta(days=61)).isoformat()
    )
    new_password = "Another-Long-Passw0rd-2026"
    with HttpUser(portal.spot_url, namespace) as browser:
        change = browser.follow(
            browser.submit_password(browser.get("/login"), user.user_id, user.password)
        )
        assert 'data-error-code="PASSWORD_EXPIRED"' in change.text
        token = re.search(r'name="stateToken" value="([^"]+)"', change.text)
        assert token is not None
        asked = browser.post_form(
            browser.form_action(change),
            {
                "stateToken": token.group(1),
                "new_password": new_password,
                "confirm_password": new_password,
            },
        )
        assert "Verification code" in asked.text  # and here the user leaves

    with HttpUser(portal.spot_url, namespace) as again:
        page = again.follow(again.submit_password(again.get("/login"), user.user_id, new_password))
    assert 'data-error-code="PASSWORD_EXPIRED"' not in page.text
    assert "Verification code" in page.text
