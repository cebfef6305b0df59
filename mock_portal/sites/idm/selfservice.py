"""IDM's self-service pages: the user's home, Manage My Roles, and the SPOT role request.

This is where a SPOT access request starts in real life (First Coast: "Select Manage My Roles
from the IDM Self-service page ... Locate the SPOT application ... choose your role"): a user
SPOT has not approved yet cannot log on to SPOT, so SPOT cannot host the request form.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING

from mock_portal.accounts import access, identifiers
from mock_portal.accounts.models import LineOfBusiness, Organization, Role, SpotAccess
from mock_portal.errors.catalogue import FormErrors, bad_format, required, stale_session
from mock_portal.sites import web
from mock_portal.sites.idm.authorize import SIGN_IN_PATH, current_session
from mock_portal.sites.idm.pages import signed_out_page
from mock_portal.sites.security import same

if TYPE_CHECKING:
    from starlette.datastructures import FormData
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.sites.idm.state import IdmSession
    from mock_portal.world.store import World

ROLE_REQUEST_PATH = "/app/roles/request"
_PTAN = re.compile(r"[A-Za-z0-9]{1,10}")
_TIN = re.compile(r"[0-9]{2}-?[0-9]{7}")  # ASCII: \d takes any script's digits


@dataclass(frozen=True)
class RoleRequestForm:
    """What the role request form holds, as typed (kept on the page after an error)."""

    role: str = ""
    organization_id: str = ""
    business_name: str = ""
    business_address: str = ""
    npi: str = ""
    ptan: str = ""
    tin: str = ""
    line_of_business: str = ""
    reason: str = ""

    @classmethod
    def from_form(cls, form: FormData) -> RoleRequestForm:
        return cls(**{name: web.form_text(form, name).strip() for name in cls.__dataclass_fields__})


IdmHandler = Callable[["Request", "IdmSession", "IdmUser"], Awaitable["Response"]]


def requires_idm_session(handler: IdmHandler) -> Callable[[Request], Awaitable[Response]]:
    """IDM's self-service pages need an IDM session; without one, the sign-in page."""

    @wraps(handler)
    async def guarded(request: Request) -> Response:
        with web.unit_of_work(request) as world:
            signed_in = current_session(request, world)
        if signed_in is None:
            return web.redirect(SIGN_IN_PATH)
        return await handler(request, *signed_in)

    return guarded


@requires_idm_session
async def home(request: Request, session: IdmSession, user: IdmUser) -> Response:
    ctx = web.services(request)
    with web.unit_of_work(request) as world:
        organization = _organization(world, user)
    return web.render(
        request,
        "idm/home.html",
        {
            "user": user,
            "csrf_token": session.csrf,
            "organization": organization,
            "spot_url": ctx.spot_client.initiate_login_uri,
        },
    )


def _organization(world: World, user: IdmUser) -> Organization | None:
    return world.organizations.get(user.access.organization_id) if user.access else None


@requires_idm_session
async def role_request_page(request: Request, session: IdmSession, user: IdmUser) -> Response:
    with web.unit_of_work(request) as world:
        return _role_request_page(request, world, session, user, RoleRequestForm())


def _role_request_page(
    request: Request,
    world: World,
    session: IdmSession,
    user: IdmUser,
    form: RoleRequestForm,
    errors: FormErrors | None = None,
    status: int = 200,
) -> Response:
    return web.render(
        request,
        "idm/role_request.html",
        {
            "user": user,
            "csrf_token": session.csrf,
            "form": form,
            "errors": errors.items if errors else [],
            "role_options": [(role.value, f"SPOT {role.label}") for role in Role],
            "organization_options": [
                (org.id, f"{org.business_name} (NPI {org.npi})")
                for org in access.active_organizations(world)
            ],
            "lob_options": [(lob.value, lob.value) for lob in LineOfBusiness],
            "can_request": user.spot_access in (SpotAccess.NONE, SpotAccess.DENIED),
            "current_organization": _organization(world, user),
        },
        status=status,
    )


def _validate(world: World, form: RoleRequestForm) -> tuple[Role | None, FormErrors]:
    errors = FormErrors()
    role = next((r for r in Role if r.value == form.role), None)
    if role is None:
        errors.add(required("role", "Role"))
    elif role is Role.APPROVER:
        for name, label in (
            ("business_name", "Business Name"),
            ("business_address", "Business Address"),
            ("npi", "NPI"),
            ("ptan", "PTAN"),
            ("tin", "TIN"),
            ("line_of_business", "Line of Business"),
        ):
            if not getattr(form, name):
                errors.add(required(name, label))
        if form.npi and not identifiers.is_valid_npi(form.npi):
            errors.add(bad_format("npi"))
        if form.ptan and not _PTAN.fullmatch(form.ptan):
            errors.add(bad_format("ptan"))
        if form.tin and not _TIN.fullmatch(form.tin):
            errors.add(bad_format("tin"))
        if form.line_of_business and form.line_of_business not in set(LineOfBusiness):
            errors.add(required("line_of_business", "Line of Business"))
    elif form.organization_id not in {org.id for org in access.active_organizations(world)}:
        errors.add(required("organization_id", "Organization"))
    if not form.reason:
        errors.add(required("reason", "Reason for request"))
    return role, errors


@requires_idm_session
async def submit_role_request(request: Request, session: IdmSession, user: IdmUser) -> Response:
    ctx = web.services(request)
    submitted = await web.read_form(request)
    form = RoleRequestForm.from_form(submitted)
    with web.unit_of_work(request) as world:
        if not same(web.form_text(submitted, "csrf_token"), session.csrf):
            errors = FormErrors([stale_session("This form came from an earlier IDM session.")])
            return _role_request_page(request, world, session, user, form, errors, 400)
        role, errors = _validate(world, form)
        if errors or role is None:
            return _role_request_page(request, world, session, user, form, errors, 422)
        if role is Role.APPROVER:
            organization = Organization(
                id=f"org-{ctx.provisioner.rng.randrange(16**8):08x}",
                business_name=form.business_name,
                address=form.business_address,
                npi=form.npi,
                ptan=form.ptan.upper(),
                tin=form.tin.replace("-", ""),
                line_of_business=LineOfBusiness(form.line_of_business),
            )
            world.organizations[organization.id] = organization
        else:
            organization = world.organizations[form.organization_id]
        try:
            request_made = access.submit_request(
                world,
                user,
                role,
                organization,
                identifiers.confirmation_number(ctx.provisioner.rng),
            )
        except access.AccessError:
            return _role_request_page(request, world, session, user, form)
        world.journal.record(
            world.clock.now(), "idm.role_request", user_id=user.user_id, role=role.value
        )
        return web.render(
            request,
            "idm/role_submitted.html",
            {"user": user, "access": request_made, "organization": organization},
        )


@requires_idm_session
async def sign_out(request: Request, session: IdmSession, user: IdmUser) -> Response:
    form = await web.read_form(request)
    if not same(web.form_text(form, "csrf_token"), session.csrf):
        stale = stale_session("The Sign Out button came from a page saved before this session.")
        return web.render(
            request,
            "idm/message.html",
            {"heading": "Sign out", "paragraphs": [], "link": None, "errors": [stale]},
            status=400,
        )
    with web.unit_of_work(request) as world:
        world.idm.sessions.pop(session.id)
        world.journal.record(world.clock.now(), "idm.sign_out", user_id=user.user_id)
    return signed_out_page(request)
