"""Fixtures the HTTP-level tests share."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mock_portal.testing.http_flow import HttpUser

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle


@pytest.fixture
def http_user(portal: PortalHandle, namespace: str, admin: AdminClient) -> Iterator[HttpUser]:
    """An approved end user, logged in to SPOT over plain HTTP (no browser)."""
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        assert browser.log_in(user["user_id"], user["password"]).url.path == "/home"
        yield browser
