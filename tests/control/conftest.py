"""Fixtures the control-API tests share."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from mock_portal.testing.shared_tls import tls_context
from mock_portal.world.store import NAMESPACE_HEADER

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mock_portal.testing.plugin import PortalHandle


@pytest.fixture
def api(portal: PortalHandle, namespace: str) -> Iterator[httpx.Client]:
    """A raw HTTP client on ``/__admin`` with the token, in the test's namespace: for requests
    ``AdminClient`` would never send."""
    with httpx.Client(
        base_url=portal.spot_url + "/__admin",
        headers={"Authorization": f"Bearer {portal.admin_token}", NAMESPACE_HEADER: namespace},
        verify=tls_context(),
    ) as client:
        yield client
