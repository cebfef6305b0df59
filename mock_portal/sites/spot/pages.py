"""SPOT's pages outside log in and log off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.availability.features import LOG_IN
from mock_portal.availability.status import feature_unavailable
from mock_portal.sites import web
from mock_portal.sites.caching import CACHEABLE_PAGE
from mock_portal.sites.security import pkce_challenge
from mock_portal.sites.spot import session as spot_session
from mock_portal.sites.spot.auth import start_login
from mock_portal.sites.spot.session import SignedIn, page_context, requires_sign_in

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response


async def landing(request: Request) -> Response:
    """SPOT's home page. With cache traps on it is cacheable for an hour and its "Log in" link
    carries a fresh OIDC state, so a browser that shows it from cache later replays a state
    SPOT has already used: the stale-state error the guide's cache advice is about."""
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        signed_in = spot_session.current(request, world)
        if signed_in is not None:
            return web.redirect("/home", 303)
        world.journal.record(world.clock.now(), "spot.landing_page")
        down = feature_unavailable(world, LOG_IN)
        if down is not None:
            # The first page the user reaches says so, rather than a Log in that cannot work.
            return web.render(
                request, "spot/landing.html", {"errors": [down], "login_url": None}, status=503
            )
        if not world.cache_traps:
            return web.render(request, "spot/landing.html", {"login_url": "/login"})
        pending = start_login(world, "/home")
    login_url = ctx.oidc.authorize_url(
        pending.state, pending.nonce, pkce_challenge(pending.code_verifier)
    )
    response = web.render(
        request,
        "spot/landing.html",
        {"login_url": login_url},
        headers={"Cache-Control": CACHEABLE_PAGE},
    )
    web.set_cookie(response, pending.binding_cookie, pending.binding_value)
    return response


@requires_sign_in
async def home(request: Request, signed_in: SignedIn) -> Response:
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        access = signed_in.user.access
        organization = world.organizations.get(access.organization_id) if access else None
    return web.render(
        request,
        "spot/home.html",
        {**page_context(signed_in), "organization": organization, "access": access},
    )


async def mailbox(request: Request) -> Response:
    """The namespace's outbox, newest first, for people clicking through MFA by hand."""
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        messages = list(reversed(world.outbox.messages()))
    return web.render(request, "mailbox.html", {"messages": messages})
