"""Fixtures IDM's tests share."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mock_portal.testing.http_flow import HttpUser

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle


@pytest.fixture
def browser(portal: PortalHandle, namespace: str, admin: AdminClient) -> Iterator[HttpUser]:
    """A cookie-keeping HTTP client in the test's namespace (``admin`` creates it)."""
    with HttpUser(portal.spot_url, namespace) as user:
        yield user
