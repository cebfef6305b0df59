"""A team's own relying parties at IDM: ``POST /clients``, ``GET /clients/{client_id}``
(DESIGN.md, "Other relying parties"; the clients themselves: mock_portal/sites/idm/clients.py),
IDM's signing keys: ``POST /keys/rotate`` (mock_portal/sites/idm/keys.py), and faults in IDM's
own endpoints: ``PUT``/``DELETE /idm/faults/{endpoint}`` (mock_portal/sites/idm/faults.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_portal.sites import web
from mock_portal.sites.idm.clients import (
    EVERYONE,
    MAX_CLIENTS,
    Client,
    find_client,
    registered_client,
)
from mock_portal.sites.idm.faults import idm_faults
from mock_portal.sites.idm.tokens import key_ring

from . import endpoint_faults
from .models import ClientPath, IdmEndpointPath, NewClientBody
from .validation import Refusal

if TYPE_CHECKING:
    from starlette.requests import Request

    from .call import Given


def client_json(request: Request, client: Client) -> dict[str, Any]:
    issuer = web.services(request).issuer
    return {
        "client_id": client.client_id,
        "client_secret": client.client_secret or None,
        "client_type": client.client_type,
        "token_endpoint_auth_method": client.auth_method,
        "redirect_uris": list(client.redirect_uris),
        "post_logout_redirect_uris": list(client.post_logout_redirect_uris),
        "assigned_users": (
            EVERYONE if client.assigned_users is None else sorted(client.assigned_users)
        ),
        "issuer": issuer,
        "discovery": issuer + "/.well-known/openid-configuration",
    }


async def create_client(request: Request, given: Given) -> dict[str, Any]:
    """201 with the client (its secret too, for a confidential one); 409 for a ``client_id``
    already known in the namespace (SPOT's included) or past ``MAX_CLIENTS``."""
    body = given.of(NewClientBody)
    client = registered_client(
        body.client_type,
        tuple(body.redirect_uris),
        tuple(body.post_logout_redirect_uris),
        None if body.assigned_users == EVERYONE else frozenset(body.assigned_users),
        client_id=body.client_id,
        client_secret=body.client_secret,
    )
    with web.unit_of_work(request) as world:
        if find_client(web.services(request), world, client.client_id) is not None:
            raise Refusal(409, "client_exists", f"client {client.client_id!r} already exists")
        if len(world.idm.clients) >= MAX_CLIENTS:
            raise Refusal(
                409, "too_many_clients", f"a namespace holds at most {MAX_CLIENTS} clients"
            )
        world.idm.clients[client.client_id] = client
    return client_json(request, client)


async def get_client(request: Request, given: Given) -> dict[str, Any]:
    client_id = given.of(ClientPath).client_id
    with web.unit_of_work(request) as world:
        client = world.idm.clients.get(client_id)
    if client is None:
        raise Refusal(404, "not_found", f"no client {client_id!r} in this namespace")
    return client_json(request, client)


async def rotate_keys(request: Request, given: Given) -> dict[str, Any]:
    """Okta's key rotation, in this namespace only: the next key (published already) signs from
    now on, the active one stays listed as expired, and a new next key is published."""
    ctx = web.services(request)
    with web.unit_of_work(request) as world:
        current = key_ring(ctx, world)
    rotated = current.rotated()  # makes an RSA key (tens of ms): outside the store's lock
    with web.unit_of_work(request) as world:
        world.idm.keys = rotated
    return {"keys": rotated.statuses()}


async def put_idm_fault(request: Request, given: Given) -> dict[str, Any]:
    """``/token``, ``/keys`` or ``/userinfo`` answers slowly, drops the connection, or sends
    JSON cut short, until the fault is cleared (or the namespace reset)."""
    return endpoint_faults.put(request, given, given.of(IdmEndpointPath).endpoint, idm_faults)


async def delete_idm_fault(request: Request, given: Given) -> dict[str, Any]:
    return endpoint_faults.delete(request, given.of(IdmEndpointPath).endpoint, idm_faults)
