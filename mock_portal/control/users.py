"""Users and their SPOT access: ``/users``, ``/users/{user_id}``, ``…/access``, ``…/unlock``,
``/organizations``.

``password_hash`` imports a password as IDM stores it, as Okta's Users API creates a user
"with imported hashed password" (developer.okta.com/docs/reference/api/users;
PasswordCredentialHash, SHA-256 with a salt): how an exported state replays its users with the
passwords they had."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING, Any

from mock_portal.accounts import access, lockout
from mock_portal.accounts.models import MfaFactor
from mock_portal.accounts.provisioning import NewOrganization, NewUser
from mock_portal.sites import web

from .models import AccessBody, NewUserBody, OrganizationBody, UserPath
from .validation import Refusal

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from starlette.requests import Request

    from mock_portal.accounts.models import IdmUser, Organization
    from mock_portal.world.store import World

    from .call import Given


def organization_json(organization: Organization) -> dict[str, Any]:
    return {
        "id": organization.id,
        "business_name": organization.business_name,
        "address": organization.address,
        "npi": organization.npi,
        "ptan": organization.ptan,
        "tin": organization.tin,
        "line_of_business": organization.line_of_business.value,
    }


def _moment(moment: datetime | None) -> str | None:
    """In UTC, so the same instant reads the same whichever offset it was given with."""
    return moment.astimezone(UTC).isoformat() if moment is not None else None


def user_json(world: World, user: IdmUser, password: str | None = None) -> dict[str, Any]:
    """A user as ``models.User`` describes it (``password`` only when just created)."""
    request = user.access
    organization = world.organizations.get(request.organization_id) if request else None
    body: dict[str, Any] = {
        "user_id": user.user_id,
        "id": user.id,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_of_birth": user.date_of_birth.isoformat(),
        "address": user.address,
        "mfa": user.mfa,
        "spot_access": user.spot_access.value,
        "role": request.role.value if request else None,
        "confirmation_number": request.confirmation_number if request else None,
        "organization": None if organization is None else organization_json(organization),
        "locked_until": user.locked_until.isoformat() if user.locked_until else None,
        "mfa_factor": user.mfa_factor.value,
        "mfa_factors": [factor.value for factor in user.mfa_factors],
        "phone": user.phone,
        "totp_secret": user.totp_secret,
        "last_idm_login": _moment(user.last_idm_login),
        "last_spot_login": _moment(user.last_spot_login),
        "role_certified_at": _moment(user.role_certified_at),
        "password_changed_at": _moment(user.password_changed_at),
        "suspended": user.suspended,
        "security_question": user.security_question,
        "security_answer": user.security_answer,
    }
    if password is not None:
        body["password"] = password
    return body


async def create_user(request: Request, given: Given) -> dict[str, Any]:
    """201 with the user and its password; 404 for an unknown organization, 409 for a taken
    user ID (``ProvisioningError``)."""
    body = given.of(NewUserBody)
    # The body's fields are NewUser's, but for the factors, which it takes as one tuple.
    fields = body.model_dump(exclude={"mfa_factor", "mfa_factors"})
    spec = NewUser(**fields, mfa_factors=_factors(body))
    provisioner = web.services(request).provisioner
    with web.unit_of_work(request) as world:
        user, password = provisioner.create_user(world, spec)
        return user_json(world, user, password)


def _factors(body: NewUserBody) -> tuple[MfaFactor, ...]:
    """``mfa_factor`` first, then the other ``mfa_factors`` without repeats."""
    chosen = [body.mfa_factor, *(body.mfa_factors or ())]
    if body.mfa_factors and "mfa_factor" not in body.model_fields_set:
        chosen = list(body.mfa_factors)
    return tuple(dict.fromkeys(chosen))


def _with_user(
    request: Request, given: Given, act: Callable[[World, IdmUser], object]
) -> dict[str, Any]:
    """Do ``act`` to the path's user under the store's lock; the user as it is then. 404 when
    the namespace has no such user."""
    user_id = given.of(UserPath).user_id
    with web.unit_of_work(request) as world:
        user = world.find_user(user_id)
        if user is None:
            raise Refusal(404, "not_found", f"no IDM user {user_id!r} in this namespace")
        act(world, user)
        return user_json(world, user)


async def get_user(request: Request, given: Given) -> dict[str, Any]:
    return _with_user(request, given, lambda _world, _user: None)


async def put_access(request: Request, given: Given) -> dict[str, Any]:
    """Set a user's SPOT request to any state, as the SPOT Help Desk can (e-mails decisions)."""
    body = given.of(AccessBody)
    provisioner = web.services(request).provisioner
    return _with_user(
        request,
        given,
        lambda world, user: provisioner.set_access(
            world, user, body.status, body.role, body.organization_id
        ),
    )


async def unlock_user(request: Request, given: Given) -> dict[str, Any]:
    """Lift an IDM lockout or suspension now, as the help desk can (only it lifts a suspension:
    the mock's choice, docs/account-lifecycle.md)."""
    return _with_user(request, given, lambda _world, user: lockout.reinstate(user))


async def create_organization(request: Request, given: Given) -> dict[str, Any]:
    """201 with the organization; 409 for a taken id (``ProvisioningError``)."""
    body = given.of(OrganizationBody)
    provisioner = web.services(request).provisioner
    with web.unit_of_work(request) as world:
        organization = provisioner.create_organization(
            world, NewOrganization(**body.model_dump(exclude_none=True))
        )
        return organization_json(organization)


async def organizations(request: Request, given: Given) -> dict[str, Any]:
    with web.unit_of_work(request) as world:
        return {
            "organizations": [
                {
                    **organization_json(organization),
                    "approvers": [a.user_id for a in access.approvers_of(world, organization.id)],
                }
                for organization in world.organizations.values()
            ]
        }
