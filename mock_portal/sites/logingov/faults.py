"""Technical faults in Login.gov's token endpoint, set with ``PUT
/__admin/logingov/faults/token``; the kinds (slow, reset, malformed) and why they are the mock's
choice: mock_portal/sites/faults.py.

IDM redeems the code Login.gov sends back with a server-to-server call to this endpoint
(Login.gov's developer guide, "Token": ``POST /api/openid_connect/token`` with
``private_key_jwt``); a sign-in whose redemption fails ends on IDM's page saying Login.gov is
unavailable (``SYSTEM_UNAVAILABLE``; mock_portal/sites/idm/federation.py), whatever the cause.
IDM waits 5 s (``federation.BACK_CHANNEL_TIMEOUT``, the mock's choice), so a ``slow`` fault needs
``seconds`` above that to be felt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mock_portal.sites.faults import EndpointFault
    from mock_portal.world.store import World


def logingov_faults(world: World) -> dict[str, EndpointFault]:
    """Where a namespace keeps the faults of Login.gov's endpoints: what ``with_faults`` reads
    and the control API sets."""
    return world.logingov.faults
