"""The requests the benchmark replays: built from the mock's clock, so they work at any hour."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import httpx

from benchmarks.throughput import eligibility_request
from mock_portal.testing.shared_tls import tls_context
from mock_portal.world.clock import EASTERN

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle


def test_the_eligibility_lookup_matches_at_half_past_eleven_at_night_eastern(
    portal: PortalHandle, admin: AdminClient, namespace: str
) -> None:
    # 23:30 Eastern is 03:30 or 04:30 UTC the next day: a date of service taken from any clock
    # but the mock's own, in Eastern, is "in the future" to SPOT for these hours.
    admin.freeze_clock(datetime(2026, 3, 10, 23, 30, tzinfo=EASTERN))
    request = eligibility_request(portal.spot_url, portal.admin_token, namespace)

    assert "date_of_service=03%2F10%2F2026" in request.body
    answer = httpx.post(
        request.url,
        content=request.body.encode(),
        headers=dict(request.headers),
        verify=tls_context(),
    )
    assert answer.status_code == 200
    assert "data-error-code" not in answer.text
    assert "Eligibility results" in answer.text
    assert "<dt>Date of Service</dt><dd>03/10/2026</dd>" in answer.text
