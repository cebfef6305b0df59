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

from mock_portal.sites.faults import with_faults

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.sites.faults import EndpointFault
    from mock_portal.world.store import World

ENDPOINTS = ("token", "keys", "userinfo")


def _idm_faults(world: World) -> Mapping[str, EndpointFault]:
    return world.idm.faults


def with_idm_faults(
    endpoint: str, handler: Callable[[Request], Awaitable[Response]]
) -> Callable[[Request], Awaitable[Response]]:
    """``handler``, misbehaving as the namespace's fault for IDM's ``endpoint`` says."""
    return with_faults(endpoint, handler, _idm_faults)
