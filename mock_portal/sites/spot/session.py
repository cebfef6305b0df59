"""Who is signed in to SPOT, and the guard on pages that need it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING
from urllib.parse import quote

from mock_portal.sites import web
from mock_portal.sites.security import same

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.sites.spot.state import SpotSession
    from mock_portal.world.store import World

SESSION_COOKIE = "spot_sid"


@dataclass(frozen=True)
class SignedIn:
    session: SpotSession
    user: IdmUser


def current(request: Request, world: World) -> SignedIn | None:
    """The signed-in user, restarting the 30-minute idle timer."""
    sid = request.cookies.get(SESSION_COOKIE)
    session = world.spot.sessions.touch(sid) if sid else None
    if session is None:
        return None
    user = world.users.get(session.user_key)
    return SignedIn(session, user) if user is not None else None


def csrf_ok(signed_in: SignedIn, submitted: str) -> bool:
    return bool(submitted) and same(submitted, signed_in.session.csrf)


SignedInHandler = Callable[["Request", SignedIn], Awaitable["Response"]]


def requires_sign_in(handler: SignedInHandler) -> Callable[[Request], Awaitable[Response]]:
    """Send visitors without a SPOT session through IDM sign-in, then back to this page."""

    @wraps(handler)
    async def guarded(request: Request) -> Response:
        with web.unit_of_work(request) as world:
            signed_in = current(request, world)
        if signed_in is None:
            return web.redirect("/login?next=" + quote(request.url.path), 303)
        return await handler(request, signed_in)

    return guarded


def page_context(signed_in: SignedIn) -> dict[str, object]:
    """What the SPOT layout needs to draw the navigation bar and the Log off form."""
    return {"user": signed_in.user, "csrf_token": signed_in.session.csrf}
