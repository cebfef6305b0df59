"""SPOT's pages outside log in and log off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.availability.features import LOG_IN
from mock_portal.availability.status import feature_unavailable
from mock_portal.sites import web
from mock_portal.sites.caching import CACHEABLE_PAGE
from mock_portal.sites.security import pkce_challenge, presented_secret, same
from mock_portal.sites.spot import session as spot_session
from mock_portal.sites.spot.auth import set_correlation_cookies, start_login
from mock_portal.sites.spot.session import SignedIn, page_context, requires_sign_in

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response


async def landing(request: Request) -> Response:
    """SPOT's home page. With cache traps on it is cacheable for an hour and its "Log in" link
    carries a fresh OIDC state, so a browser that shows it from cache later replays a state
    SPOT has already used: the stale-state error the guide's cache advice is about."""
    ctx = web.services(request)
    with web.unit_of_work(request) as world:
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
    set_correlation_cookies(response, pending)
    return response


@requires_sign_in
async def home(request: Request, signed_in: SignedIn) -> Response:
    with web.unit_of_work(request) as world:
        access = signed_in.user.access
        organization = world.organizations.get(access.organization_id) if access else None
    return web.render(
        request,
        "spot/home.html",
        {**page_context(signed_in), "organization": organization, "access": access},
    )


# HTTP Basic rather than a one-time ?token= link that sets a cookie: the token never sits in a
# URL (browser history, a shared screen, a proxy's log), the server keeps no session for it, a
# browser asks for it with its own prompt, and curl sends it with `-u :TOKEN`. The Bearer header
# the control API takes works too. Read-only (GET), so credentials a browser sends by itself to
# this origin cannot change anything: the control API takes Bearer only.
OUTBOX_REALM = 'Basic realm="mock portal outbox (password: the admin token)", charset="UTF-8"'
OUTBOX_LOCKED = (
    "The outbox shows every MFA code, and this portal is reachable beyond this machine, so it "
    "needs the admin token that serve printed: your browser asks for it (any user name, the "
    "token as the password), or send Authorization: Bearer <token>."
)


def _may_read_outbox(request: Request) -> bool:
    ctx = web.services(request)
    if not ctx.settings.outbox_needs_token:
        return True  # loopback: only this machine reaches it
    presented = presented_secret(request.headers.get("authorization", ""))
    return bool(presented) and same(presented, ctx.admin_token)


async def mailbox(request: Request) -> Response:
    """The namespace's outbox, newest first, for people clicking through MFA by hand."""
    if not _may_read_outbox(request):
        challenge = {"WWW-Authenticate": OUTBOX_REALM}
        if "application/json" in request.headers.get("accept", ""):
            refusal = web.json_error(401, "unauthorized", OUTBOX_LOCKED)
            refusal.headers.update(challenge)
            return refusal
        return web.render(
            request,
            "http_error.html",
            {"status": 401, "reason": OUTBOX_LOCKED},
            status=401,
            headers=challenge,
        )
    with web.unit_of_work(request) as world:
        messages = list(reversed(world.outbox.messages()))
    return web.render(request, "mailbox.html", {"messages": messages})
