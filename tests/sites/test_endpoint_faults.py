"""mock_portal/sites/faults.py at the ASGI level: a ``slow`` endpoint whose caller has gone by
the time it answers ends quietly (nginx's 499), rather than as an unhandled ClientDisconnect
with a traceback in serve's log, which a tester would read as the mock crashing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_portal.availability.systems import FaultKind
from mock_portal.sites.faults import CLIENT_CLOSED_REQUEST, EndpointFault
from mock_portal.testing.event_loops import run_apart
from mock_portal.world.store import NAMESPACE_HEADER

if TYPE_CHECKING:
    from fixtures.inprocess import InProcessServer


def _token_request_from_a_caller_that_left(app: Any, namespace: str) -> list[dict[str, Any]]:
    """POST IDM's /token as a client that disconnects before any body is read; the messages
    the app sent back."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/oauth2/default/v1/token",
        "raw_path": b"/oauth2/default/v1/token",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (NAMESPACE_HEADER.lower().encode(), namespace.encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    # In a thread of its own: a Playwright session in this process keeps a loop running here.
    run_apart(app(scope, receive, send))
    return sent


def test_a_slow_token_endpoint_whose_caller_left_ends_quietly(
    inprocess: InProcessServer, namespace: str
) -> None:
    world = inprocess.world(namespace)
    world.idm.faults["token"] = EndpointFault(FaultKind.SLOW, seconds=0.05)

    sent = _token_request_from_a_caller_that_left(inprocess.apps["idm"], namespace)

    assert sent[0]["type"] == "http.response.start"
    assert sent[0]["status"] == CLIENT_CLOSED_REQUEST
