"""Technical faults in a site's back-channel endpoints, set per namespace through the control
API, as the HETS and FISS faults are for SPOT's back ends (mock_portal/backends/gateway.py):
IDM's ``/token``, ``/keys`` and ``/userinfo`` (mock_portal/sites/idm/faults.py), and Login.gov's
token endpoint (mock_portal/sites/logingov/faults.py).

- ``slow``: the endpoint answers, but only after ``seconds`` (default 30: past the time limit of
  its callers and of most OIDC client libraries), so the caller gives up first; a caller gone
  by then is no error of the endpoint's (the access log shows nginx's 499, no traceback);
- ``reset``: the site drops the connection without answering (the transport is aborted; the
  caller sees "Server disconnected without sending a response" or a reset);
- ``malformed``: the endpoint answers 200 with a JSON body cut short, which no client can parse.

No public source describes how Okta's or Login.gov's endpoints fail: these are the failures any
HTTP service shows (a timeout, a dropped connection, a truncated body), the mock's choice of
what to offer.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.requests import ClientDisconnect
from starlette.responses import Response

from mock_portal.availability.systems import FaultKind
from mock_portal.sites import web

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

    from starlette.requests import Request

    from mock_portal.world.store import World

SLOW_SECONDS = 30.0
# The scope extension the portal's HTTP protocol offers to drop a connection
# (mock_portal/cli/header_timeout.py).
ABORT_EXTENSION = "mock_portal.abort"
# nginx's code in its access log for a client that closed the connection before the answer
# (ngx_http_request.h, NGX_HTTP_CLIENT_CLOSED_REQUEST); never sent, since no one is listening.
CLIENT_CLOSED_REQUEST = 499
# A token answer that breaks off mid-value.
TRUNCATED = b'{"token_type":"Bearer","expires_in":3600,"access_token":"eyJraWQiOiJ'


@dataclass(frozen=True)
class EndpointFault:
    kind: FaultKind
    seconds: float = SLOW_SECONDS

    def as_json(self, endpoint: str) -> dict[str, object]:
        return {"endpoint": endpoint, "kind": self.kind.value, "seconds": self.seconds}


def with_faults(
    endpoint: str,
    handler: Callable[[Request], Awaitable[Response]],
    faults_of: Callable[[World], Mapping[str, EndpointFault]],
) -> Callable[[Request], Awaitable[Response]]:
    """``handler``, misbehaving as the namespace's fault for ``endpoint`` says; ``faults_of``
    finds the site's faults in the namespace's world."""

    async def faulty(request: Request) -> Response:
        with web.unit_of_work(request) as world:
            fault = faults_of(world).get(endpoint)
        if fault is None:
            return await handler(request)
        if fault.kind is FaultKind.SLOW:
            await asyncio.sleep(fault.seconds)
            try:
                return await handler(request)
            except ClientDisconnect:  # the caller gave up waiting: what a slow fault is for
                return Response(status_code=CLIENT_CLOSED_REQUEST)
        if fault.kind is FaultKind.RESET:
            abort = request.scope.get("extensions", {}).get(ABORT_EXTENSION)
            if abort is None:  # served without the portal's protocol (an in-process transport)
                raise ConnectionResetError(f"the site dropped the connection to /{endpoint}")
            abort()
            return Response(status_code=204)  # never sent: the connection is gone
        return Response(TRUNCATED, media_type="application/json")

    return faulty
