"""Technical faults in IDM's own back-channel endpoints (``/token``, ``/keys``, ``/userinfo``),
as the HETS and FISS faults are for SPOT's back ends (mock_portal/backends/gateway.py), set with
``PUT /__admin/idm/faults/{endpoint}``:

- ``slow``: IDM answers, but only after ``seconds`` (default 30: past the time limit of SPOT
  and of most OIDC client libraries), so the caller gives up first;
- ``reset``: IDM drops the connection without answering (the transport is aborted; the caller
  sees "Server disconnected without sending a response" or a reset);
- ``malformed``: IDM answers 200 with a JSON body cut short, which no client can parse.

No public source describes how Okta's endpoints fail: these are the failures any HTTP service
shows (a timeout, a dropped connection, a truncated body), the mock's choice of what to offer.
SPOT answers each as IDM being unavailable (``SYSTEM_UNAVAILABLE``, "a technical issue"); SPOT
never calls ``/userinfo`` (ASP.NET Core's OpenIdConnectOptions.GetClaimsFromUserInfoEndpoint is
false by default: the ID token's claims suffice), so a ``/userinfo`` fault is for a team's own
app.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.responses import Response

from mock_portal.availability.systems import FaultKind
from mock_portal.sites import web

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from starlette.requests import Request

ENDPOINTS = ("token", "keys", "userinfo")
SLOW_SECONDS = 30.0
# The scope extension the portal's HTTP protocol offers to drop a connection
# (mock_portal/cli/header_timeout.py).
ABORT_EXTENSION = "mock_portal.abort"
# A token answer that breaks off mid-value.
TRUNCATED = b'{"token_type":"Bearer","expires_in":3600,"access_token":"eyJraWQiOiJ'


@dataclass(frozen=True)
class IdmFault:
    kind: FaultKind
    seconds: float = SLOW_SECONDS

    def as_json(self, endpoint: str) -> dict[str, object]:
        return {"endpoint": endpoint, "kind": self.kind.value, "seconds": self.seconds}


def with_faults(
    endpoint: str, handler: Callable[[Request], Awaitable[Response]]
) -> Callable[[Request], Awaitable[Response]]:
    """``handler``, misbehaving as the namespace's fault for ``endpoint`` says."""

    async def faulty(request: Request) -> Response:
        with web.unit_of_work(request) as world:
            fault = world.idm.faults.get(endpoint)
        if fault is None:
            return await handler(request)
        if fault.kind is FaultKind.SLOW:
            await asyncio.sleep(fault.seconds)
            return await handler(request)
        if fault.kind is FaultKind.RESET:
            abort = request.scope.get("extensions", {}).get(ABORT_EXTENSION)
            if abort is None:  # served without the portal's protocol (an in-process transport)
                raise ConnectionResetError(f"IDM dropped the connection to /{endpoint}")
            abort()
            return Response(status_code=204)  # never sent: the connection is gone
        return Response(TRUNCATED, media_type="application/json")

    return faulty
