"""Faults in Login.gov's token endpoint (``PUT /__admin/logingov/faults/token``,
mock_portal/sites/logingov/faults.py): IDM cannot redeem Login.gov's code, so the sign-in ends
on IDM's page saying Login.gov is unavailable, and works again once the fault is cleared."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from fixtures.html_contract import HtmlPage
from mock_portal.control.client import AdminError
from mock_portal.testing.http_flow import HttpUser

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle


def _mailed_code(admin: AdminClient, email: str) -> str:
    return str(admin.mail(to=email)[-1]["body"].split("code is ")[1][:6])


@pytest.mark.parametrize("kind", ["reset", "malformed"])
def test_a_token_endpoint_fault_ends_the_sign_in_saying_login_gov_is_unavailable(
    portal: PortalHandle, namespace: str, admin: AdminClient, kind: str
) -> None:
    user = admin.create_user(spot_access="approved", mfa=False)
    account = admin.create_logingov_account(email=user["email"])
    assert admin.set_logingov_fault("token", kind) == {
        "endpoint": "token",
        "kind": kind,
        "seconds": 30.0,
    }

    with HttpUser(portal.spot_url, namespace) as browser:
        refused = browser.log_in_with_logingov(
            account["email"],
            account["password"],
            code_for=lambda: _mailed_code(admin, user["email"]),
        )
    assert refused.status_code == 503
    assert refused.url.path.endswith("/authorize/callback")
    HtmlPage(refused.text).expect_error("SYSTEM_UNAVAILABLE", text="Login.gov")
    # Its status-page link is SPOT's (IDM has none), and it opens.
    status_page = re.search(r'<a href="([^"]+)">View the system status page</a>', refused.text)
    assert status_page is not None
    assert status_page.group(1) == portal.spot_url + "/system-status"
    with HttpUser(portal.spot_url, namespace) as browser:
        assert browser.get(status_page.group(1)).status_code == 200
    assert admin.logingov_account(account["email"])["idm_user_id"] is None  # nothing linked

    admin.clear_logingov_fault("token")
    with HttpUser(portal.spot_url, namespace) as browser:
        home = browser.log_in_with_logingov(
            account["email"],
            account["password"],
            code_for=lambda: _mailed_code(admin, user["email"]),
        )
    assert home.url.path == "/home"


def test_only_the_token_endpoint_takes_a_fault(admin: AdminClient) -> None:
    with pytest.raises(AdminError) as refused:
        admin.set_logingov_fault("certs", "reset")
    assert refused.value.status == 404

    slow = admin.set_logingov_fault("token", "slow", seconds=6)

    assert slow == {"endpoint": "token", "kind": "slow", "seconds": 6.0}
