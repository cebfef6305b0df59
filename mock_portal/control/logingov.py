"""Login.gov accounts: ``/logingov/accounts``, ``/logingov/accounts/{email}``
(DESIGN.md, "IDM's sign-in page as it is today, and Login.gov"), and faults in its token
endpoint: ``PUT``/``DELETE /logingov/faults/{endpoint}`` (mock_portal/sites/logingov/faults.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_portal.sites import web
from mock_portal.sites.logingov.faults import logingov_faults

from . import endpoint_faults
from .models import LoginGovAccountPath, LoginGovEndpointPath, NewLoginGovAccountBody
from .validation import Refusal

if TYPE_CHECKING:
    from starlette.requests import Request

    from mock_portal.sites.logingov.provider import LoginGovProvider
    from mock_portal.sites.logingov.state import LoginGovAccount
    from mock_portal.world.store import World

    from .call import Given


def _provider(request: Request) -> LoginGovProvider:
    found = web.services(request).logingov
    if found is None:
        raise Refusal(404, "not_found", "this portal runs without Login.gov")
    return found


def account_json(
    world: World, account: LoginGovAccount, password: str | None = None
) -> dict[str, Any]:
    linked = next(
        (u.user_id for u in world.users.values() if u.extra.get("logingov_sub") == account.uuid),
        None,
    )
    body: dict[str, Any] = {
        "email": account.email,
        "uuid": account.uuid,
        "verified": account.verified,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "created_at": account.created_at.isoformat(),
        "idm_user_id": linked,
    }
    if password is not None:
        body["password"] = password
    return body


async def create_account(request: Request, given: Given) -> dict[str, Any]:
    """201 with the account and its password; 409 when the e-mail has an account."""
    body = given.of(NewLoginGovAccountBody)
    login_gov = _provider(request)
    with web.unit_of_work(request) as world:
        if body.email is not None and world.logingov.account(body.email) is not None:
            raise Refusal(409, "account_exists", f"Login.gov already has {body.email!r}")
        account, password = login_gov.create_account(
            world, body.email, body.password, body.verified
        )
        return account_json(world, account, password)


async def get_account(request: Request, given: Given) -> dict[str, Any]:
    email = given.of(LoginGovAccountPath).email
    with web.unit_of_work(request) as world:
        account = world.logingov.account(email)
        if account is None:
            raise Refusal(404, "not_found", f"no Login.gov account {email!r} in this namespace")
        return account_json(world, account)


async def put_fault(request: Request, given: Given) -> dict[str, Any]:
    """Login.gov's ``endpoint`` answers slowly, drops the connection, or sends JSON cut short,
    until the fault is cleared (or the namespace reset)."""
    _provider(request)
    return endpoint_faults.put(
        request, given, given.of(LoginGovEndpointPath).endpoint, logingov_faults
    )


async def delete_fault(request: Request, given: Given) -> dict[str, Any]:
    _provider(request)
    return endpoint_faults.delete(request, given.of(LoginGovEndpointPath).endpoint, logingov_faults)
