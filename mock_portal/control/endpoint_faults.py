"""Setting and ending a fault in a site's endpoint, the same way for IDM's (``/idm/faults``,
mock_portal/control/clients.py) and Login.gov's (``/logingov/faults``,
mock_portal/control/logingov.py); the faults themselves: mock_portal/sites/faults.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_portal.sites import web
from mock_portal.sites.faults import EndpointFault

from .models import IdmFaultBody

if TYPE_CHECKING:
    from collections.abc import Callable

    from starlette.requests import Request

    from mock_portal.world.store import World

    from .call import Given

    FaultsOf = Callable[[World], dict[str, EndpointFault]]  # where a site keeps its faults


def put(request: Request, given: Given, endpoint: str, faults_of: FaultsOf) -> dict[str, Any]:
    """The body's fault in ``endpoint`` of the namespace, until cleared or the namespace reset."""
    body = given.of(IdmFaultBody)
    fault = EndpointFault(body.kind, body.seconds)
    with web.unit_of_work(request) as world:
        faults_of(world)[endpoint] = fault
    return fault.as_json(endpoint)


def delete(request: Request, endpoint: str, faults_of: FaultsOf) -> dict[str, Any]:
    with web.unit_of_work(request) as world:
        faults_of(world).pop(endpoint, None)
    return {"endpoint": endpoint, "kind": None, "seconds": None}
