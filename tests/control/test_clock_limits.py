"""The mock's clock refuses moments whose expiries datetime cannot hold (a 500 everywhere)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import httpx
import pytest

from mock_portal.testing.admin_client import NAMESPACE_HEADER, AdminClient, AdminError
from mock_portal.testing.shared_tls import tls_context
from mock_portal.world.clock import Clock

if TYPE_CHECKING:
    from mock_portal.testing.plugin import PortalHandle


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),  # before UTC's first instant
        datetime(9999, 12, 31, 23, 59, tzinfo=UTC),  # a session's expiry would overflow
        datetime(1899, 12, 31, 23, 59, tzinfo=UTC),
        datetime(3000, 1, 1, tzinfo=UTC),
    ],
)
def test_a_frozen_clock_stays_where_expiries_fit(moment: datetime, admin: AdminClient) -> None:
    with pytest.raises(ValueError, match="years 1900-2999"):
        Clock().freeze(moment)
    with pytest.raises(AdminError) as refused:
        admin.freeze_clock(moment)
    assert refused.value.status == 400
    assert "1900-2999" in refused.value.body["reason"]


def test_the_last_moment_allowed_still_serves_pages(
    admin: AdminClient, portal: PortalHandle
) -> None:
    admin.freeze_clock(datetime(2999, 12, 31, 23, 59, tzinfo=UTC))
    landing = httpx.get(
        portal.spot_url + "/", headers={NAMESPACE_HEADER: admin.namespace}, verify=tls_context()
    )
    assert landing.status_code == 200  # it starts a log in that expires in the year 3000
    assert admin.clock()["now"] == "2999-12-31T23:59:00+00:00"
