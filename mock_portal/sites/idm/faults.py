"""Technical faults in IDM's own back-channel endpoints (``/token``, ``/keys``, ``/userinfo``),
set with ``PUT /__admin/idm/faults/{endpoint}``; the kinds (slow, reset, malformed) and why they
are the mock's choice: mock_portal/sites/faults.py.

SPOT answers each as IDM being unavailable (``SYSTEM_UNAVAILABLE``, "a technical issue"); SPOT
never calls ``/userinfo`` (ASP.NET Core's OpenIdConnectOptions.GetClaimsFromUserInfoEndpoint is
false by default: the ID token's claims suffice), so a ``/userinfo`` fault is for a team's own
app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mock_portal.sites.faults import EndpointFault
    from mock_portal.world.store import World


def idm_faults(world: World) -> dict[str, EndpointFault]:
    """Where a namespace keeps the faults of IDM's endpoints: what ``with_faults`` reads and the
    control API sets."""
    return world.idm.faults
