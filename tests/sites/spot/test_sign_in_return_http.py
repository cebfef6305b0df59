"""A SPOT page opened while signed out sends the visitor through IDM's sign-in and back to that
page, over plain HTTP, for each page (e2e/test_sign_in.py shows it once in the browser)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mock_portal.testing.http_flow import HttpUser

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle


@pytest.mark.parametrize("path", ["/home", "/eligibility", "/claim-status"])
def test_spot_pages_need_sign_in_and_return_after_it(
    portal: PortalHandle, namespace: str, admin: AdminClient, path: str
) -> None:
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        asked = browser.get(path)
        assert str(asked.url).startswith(portal.idm_url), asked.url  # IDM asks who it is

        back = browser.log_in(user["user_id"], user["password"], start=path)

    assert str(back.url) == portal.spot_url + path
    assert back.status_code == 200
    assert "Log off" in back.text
