"""The control API (**Contract**, DESIGN.md): JSON under ``/__admin/`` on the SPOT port.

Every call but ``health`` needs ``Authorization: Bearer <token>``. Each call acts on the
namespace the ``X-Portal-Namespace`` header names (``default`` without it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from starlette.responses import JSONResponse
from starlette.routing import Route

from mock_portal import jsonbody
from mock_portal.accounts import access, lockout
from mock_portal.accounts.models import Role, SpotAccess
from mock_portal.accounts.provisioning import NewUser, ProvisioningError
from mock_portal.availability import status as availability
from mock_portal.availability.systems import Maintenance, SystemName, SystemStatus
from mock_portal.errors.catalogue import CATALOGUE
from mock_portal.population import mbi
from mock_portal.sites import web
from mock_portal.sites.security import same
from mock_portal.world.store import DEFAULT_NAMESPACE

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser, Organization
    from mock_portal.world.store import World

Handler = Callable[["Request"], Awaitable["Response"]]
USER_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._@-]{2,63}"
NAME_PATTERN = r"[^\x00-\x1f<>]{1,64}"
# Each beneficiary is generated on request; a page of 100 takes a few tens of milliseconds.
BENEFICIARY_PAGE_LIMIT = 100


def authorized(handler: Handler) -> Handler:
    """401 unless the request carries the admin token; 400 for a body that cannot be used."""

    @wraps(handler)
    async def guarded(request: Request) -> Response:
        header = request.headers.get("authorization", "")
        token = header[7:] if header[:7].lower() == "bearer " else ""
        if not token or not same(token, web.services(request).admin_token):
            return JSONResponse(
                {"error": "unauthorized", "reason": "send Authorization: Bearer <admin token>"},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="mock-portal-admin"'},
            )
        try:
            return await handler(request)
        except jsonbody.BadBody as exc:
            return web.json_error(400, "bad_request", str(exc))
        except ProvisioningError as exc:
            return web.json_error(exc.status, exc.error, exc.reason)

    return guarded


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


def user_json(world: World, user: IdmUser, password: str | None = None) -> dict[str, Any]:
    access = user.access
    organization = world.organizations.get(access.organization_id) if access else None
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
        "role": access.role.value if access else None,
        "confirmation_number": access.confirmation_number if access else None,
        "organization": None if organization is None else organization_json(organization),
        "locked_until": user.locked_until.isoformat() if user.locked_until else None,
    }
    if password is not None:
        body["password"] = password
    return body


async def health(request: Request) -> Response:
    ctx = web.services(request)
    idm_up = await ctx.oidc.ping()
    body = {
        "status": "ok" if idm_up else "starting",
        "spot_url": ctx.urls.spot,
        "idm_url": ctx.urls.idm,
    }
    return JSONResponse(body, status_code=200 if idm_up else 503)


@authorized
async def reset(request: Request) -> Response:
    ctx = web.services(request)
    namespace = web.namespace(request)
    ctx.reset_world(namespace)
    return JSONResponse({"status": "reset", "namespace": namespace})


@authorized
async def drop_namespace(request: Request) -> Response:
    """Forget a namespace entirely (test teardown); ``default`` is reset instead."""
    ctx = web.services(request)
    namespace = web.namespace(request)
    if namespace == DEFAULT_NAMESPACE:
        ctx.reset_world(namespace)
    else:
        ctx.store.drop(namespace)
    return JSONResponse({"status": "dropped", "namespace": namespace})


USER_FIELDS = (
    "user_id",
    "password",
    "email",
    "first_name",
    "last_name",
    "date_of_birth",
    "spot_access",
    "role",
    "mfa",
    "organization_id",
)


@authorized
async def create_user(request: Request) -> Response:
    body = await jsonbody.read_object(request, USER_FIELDS)
    spec = NewUser(
        user_id=jsonbody.opt_str(body, "user_id", max_len=64, pattern=USER_ID_PATTERN),
        password=jsonbody.opt_str(body, "password", max_len=128),
        email=jsonbody.opt_str(body, "email", max_len=254, pattern=r"[^@\s]+@[^@\s]+\.[^@\s]+"),
        first_name=jsonbody.opt_str(body, "first_name", max_len=64, pattern=NAME_PATTERN),
        last_name=jsonbody.opt_str(body, "last_name", max_len=64, pattern=NAME_PATTERN),
        date_of_birth=jsonbody.opt_date(body, "date_of_birth"),
        spot_access=jsonbody.opt_enum(body, "spot_access", SpotAccess, SpotAccess.NONE),
        role=jsonbody.opt_enum(body, "role", Role, Role.END_USER),
        mfa=jsonbody.opt_bool(body, "mfa", True),
        organization_id=jsonbody.opt_str(body, "organization_id", max_len=64),
    )
    if spec.organization_id is not None and spec.spot_access is SpotAccess.NONE:
        raise jsonbody.BadBody("organization_id belongs to a SPOT access request: set spot_access")
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        user, password = ctx.provisioner.create_user(world, spec)
        return JSONResponse(user_json(world, user, password), status_code=201)


def _with_user(request: Request, act: Callable[[World, IdmUser], object]) -> Response:
    """Do ``act`` to the path's IDM user under the store's lock and answer with the user as it
    is then; 404 when the namespace has no such user."""
    ctx = web.services(request)
    world = web.world(request)
    user_id = request.path_params["user_id"]
    with ctx.store.lock:
        user = world.find_user(user_id)
        if user is None:
            return web.json_error(404, "not_found", f"no IDM user {user_id!r} in this namespace")
        act(world, user)
        return JSONResponse(user_json(world, user))


@authorized
async def get_user(request: Request) -> Response:
    return _with_user(request, lambda _world, _user: None)


@authorized
async def put_access(request: Request) -> Response:
    """Set a user's SPOT request to any state, as the SPOT Help Desk can (e-mails decisions)."""
    body = await jsonbody.read_object(request, ("status", "role", "organization_id"))
    if body.get("status") is None:
        raise jsonbody.BadBody("status is required: none, pending, approved or denied")
    status = jsonbody.opt_enum(body, "status", SpotAccess, SpotAccess.NONE)
    role = jsonbody.opt_enum(body, "role", Role, Role.END_USER) if body.get("role") else None
    organization_id = jsonbody.opt_str(body, "organization_id", max_len=64)
    provisioner = web.services(request).provisioner
    return _with_user(
        request,
        lambda world, user: provisioner.set_access(world, user, status, role, organization_id),
    )


@authorized
async def unlock_user(request: Request) -> Response:
    """Lift an IDM lockout now, as the help desk can."""
    return _with_user(request, lambda _world, user: lockout.unlock(user))


@authorized
async def organizations(request: Request) -> Response:
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        return JSONResponse(
            {
                "organizations": [
                    {
                        **organization_json(organization),
                        "approvers": [
                            a.user_id for a in access.approvers_of(world, organization.id)
                        ],
                    }
                    for organization in world.organizations.values()
                ]
            }
        )


@authorized
async def list_systems(request: Request) -> Response:
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        now = world.clock.now()
        systems = [
            {
                **availability.status(world, name).as_json(),
                "windows": [w.as_json(now) for w in availability.windows(world, name)],
            }
            for name in SystemName
        ]
        return JSONResponse({"systems": systems})


@authorized
async def put_system(request: Request) -> Response:
    name = request.path_params["name"]
    try:
        system = SystemName(name.upper())
    except ValueError:
        choices = ", ".join(s.value for s in SystemName)
        return web.json_error(404, "not_found", f"no system {name!r}; systems: {choices}")
    body = await jsonbody.read_object(request, ("available", "maintenance", "message"))
    if "available" not in body:
        raise jsonbody.BadBody("available is required (true or false)")
    available = jsonbody.opt_bool(body, "available", True)
    maintenance_given = body.get("maintenance") is not None
    maintenance = jsonbody.opt_enum(body, "maintenance", Maintenance, Maintenance.UNSCHEDULED)
    message = jsonbody.opt_str(body, "message", max_len=500) or ""
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        status = (
            SystemStatus(system)
            if available
            else SystemStatus(
                system,
                available=False,
                maintenance=maintenance if maintenance_given else Maintenance.UNSCHEDULED,
                message=message,
                since=world.clock.now(),
            )
        )
        world.systems[system] = status
        if available:  # back: a technical fault is over too (a window keeps its schedule)
            world.faults.pop(system, None)
        return JSONResponse(availability.status(world, system).as_json())


def _clock_json(world: World) -> dict[str, Any]:
    return {"now": world.clock.now().isoformat(), "frozen": world.clock.frozen_at is not None}


@authorized
async def get_clock(request: Request) -> Response:
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        return JSONResponse(_clock_json(world))


@authorized
async def put_clock(request: Request) -> Response:
    body = await jsonbody.read_object(request, ("now",))
    moment = jsonbody.req_datetime(body, "now")
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        try:
            world.clock.freeze(moment)
        except ValueError as exc:  # outside the years a clock may show
            raise jsonbody.BadBody(f"now: {exc}") from None
        return JSONResponse(_clock_json(world))


@authorized
async def delete_clock(request: Request) -> Response:
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        world.clock.unfreeze()
        return JSONResponse(_clock_json(world))


@authorized
async def mail(request: Request) -> Response:
    ctx = web.services(request)
    world = web.world(request)
    to = request.query_params.get("to")
    with ctx.store.lock:
        return JSONResponse({"messages": [m.as_json() for m in world.outbox.messages(to)]})


@authorized
async def journal(request: Request) -> Response:
    ctx = web.services(request)
    world = web.world(request)
    kind = request.query_params.get("kind")
    with ctx.store.lock:
        return JSONResponse({"entries": world.journal.entries(kind)})


@authorized
async def beneficiaries(request: Request) -> Response:
    """A page of the seeded population (the same in every namespace): people to look up."""
    params = request.query_params
    offset = jsonbody.query_int(params, "offset", 0)
    limit = jsonbody.query_int(params, "limit", 10, low=1, high=BENEFICIARY_PAGE_LIMIT)
    people = web.services(request).population
    page = range(offset, min(offset + limit, people.size))
    return JSONResponse(
        {
            "seed": people.seed,
            "size": people.size,
            "offset": offset,
            "limit": limit,
            "beneficiaries": [{"index": i, **people.beneficiary(i).as_json()} for i in page],
        }
    )


@authorized
async def claims(request: Request) -> Response:
    """What FISS holds for one beneficiary (``?mbi=``), for scenarios checking Claim Status."""
    identifier = mbi.normalize(request.query_params.get("mbi", ""))
    if not mbi.is_valid(identifier):
        raise jsonbody.BadBody("mbi must be a valid Medicare Beneficiary Identifier")
    held = web.services(request).fiss.claims_of(identifier)
    if held is None:
        return web.json_error(404, "not_found", "no beneficiary in the population has this MBI")
    return JSONResponse({"mbi": identifier, "claims": [claim.as_json() for claim in held]})


@authorized
async def error_catalogue(request: Request) -> Response:
    return JSONResponse(
        {
            "errors": [
                {
                    "code": entry.code.value,
                    "title": entry.title,
                    "systems": list(entry.systems),
                    "message": entry.message,
                    "source": entry.source,
                    "quote": entry.quote,
                }
                for entry in CATALOGUE.values()
            ]
        }
    )


@authorized
async def oidc_client(request: Request) -> Response:
    """SPOT's registration at IDM, for QA writing their own protocol-level tests."""
    ctx = web.services(request)
    client = ctx.spot_client
    return JSONResponse(
        {
            "issuer": ctx.issuer,
            "client_id": client.client_id,
            "client_secret": client.client_secret,
            "redirect_uris": list(client.redirect_uris),
            "post_logout_redirect_uris": list(client.post_logout_redirect_uris),
        }
    )


def _settings_json(world: World) -> dict[str, Any]:
    return {
        "cache_traps": world.cache_traps,
        "release": world.release,
        "weekly_maintenance": world.weekly_maintenance,
    }


@authorized
async def get_settings(request: Request) -> Response:
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        return JSONResponse(_settings_json(world))


@authorized
async def put_settings(request: Request) -> Response:
    """``{"cache_traps": false}`` lets browsers log in again without clearing their cache;
    ``{"weekly_maintenance": true}`` makes the namespace follow SPOT's Wednesday window."""
    body = await jsonbody.read_object(request, ("cache_traps", "weekly_maintenance"))
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        world.cache_traps = jsonbody.opt_bool(body, "cache_traps", world.cache_traps)
        world.weekly_maintenance = jsonbody.opt_bool(
            body, "weekly_maintenance", world.weekly_maintenance
        )
        return JSONResponse(_settings_json(world))


@authorized
async def new_release(request: Request) -> Response:
    """Ship a SPOT release: browsers running the previous page script from cache go stale."""
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        world.release += 1
        world.journal.record(world.clock.now(), "spot.release", release=world.release)
        return JSONResponse(_settings_json(world))


@authorized
async def openapi_document(request: Request) -> Response:
    """This API as an OpenAPI 3.1 document."""
    from mock_portal.openapi import document  # it describes this module, so it imports it

    return JSONResponse(document(web.services(request).urls.spot))


def routes() -> list[Route]:
    return [
        Route("/health", health),
        Route("/reset", reset, methods=["POST"]),
        Route("/namespace", drop_namespace, methods=["DELETE"]),
        Route("/users", create_user, methods=["POST"]),
        Route("/users/{user_id}", get_user),
        Route("/users/{user_id}/access", put_access, methods=["PUT"]),
        Route("/users/{user_id}/unlock", unlock_user, methods=["POST"]),
        Route("/organizations", organizations),
        Route("/systems", list_systems),
        Route("/systems/{name}", put_system, methods=["PUT"]),
        Route("/clock", get_clock),
        Route("/clock", put_clock, methods=["PUT"]),
        Route("/clock", delete_clock, methods=["DELETE"]),
        Route("/mail", mail),
        Route("/journal", journal),
        Route("/beneficiaries", beneficiaries),
        Route("/claims", claims),
        Route("/errors", error_catalogue),
        Route("/settings", get_settings),
        Route("/settings", put_settings, methods=["PUT"]),
        Route("/release", new_release, methods=["POST"]),
        Route("/oidc-client", oidc_client),
        Route("/openapi.json", openapi_document),
    ]
