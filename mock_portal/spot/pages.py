"""SPOT's pages outside log in and log off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal import web
from mock_portal.spot import session as spot_session
from mock_portal.spot.session import SignedIn, page_context, requires_sign_in

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response


async def landing(request: Request) -> Response:
    ctx = web.portal(request)
    with ctx.store.lock:
        signed_in = spot_session.current(request, web.world(request))
    if signed_in is not None:
        return web.redirect("/home", 303)
    return web.render(request, "spot/landing.html")


@requires_sign_in
async def home(request: Request, signed_in: SignedIn) -> Response:
    ctx = web.portal(request)
    world = web.world(request)
    with ctx.store.lock:
        access = signed_in.user.access
        organization = world.organizations.get(access.organization_id) if access else None
    return web.render(
        request,
        "spot/home.html",
        {**page_context(signed_in), "organization": organization, "access": access},
    )


async def system_status(request: Request) -> Response:
    ctx = web.portal(request)
    world = web.world(request)
    with ctx.store.lock:
        signed_in = spot_session.current(request, world)
        systems = [status.as_json() for status in world.systems.values()]
    extra = page_context(signed_in) if signed_in else {}
    return web.render(request, "spot/system_status.html", {**extra, "systems": systems})


async def mailbox(request: Request) -> Response:
    """The namespace's outbox, newest first, for people clicking through MFA by hand."""
    ctx = web.portal(request)
    world = web.world(request)
    with ctx.store.lock:
        messages = list(reversed(world.outbox.messages()))
    return web.render(request, "mailbox.html", {"messages": messages})
