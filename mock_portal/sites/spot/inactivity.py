"""SPOT's inactivity rule: a warning after 20 minutes without activity with a way to stay signed
in, and the log-off at 30 (First Coast's published SPOT rule, DESIGN.md "Errors"; the wording is
the mock's).

The page's timer follows the mock's clock, not the browser's: the page script
(static/spot-session.js) asks ``/session/remaining`` every second how long the session has left
by the mock's clock, shows the warning when 10 minutes or less are left, and goes to
``/timed-out`` at 0. So a test moves the mock's clock instead of waiting, and need not wait the
second for the page's next ask either: each answer says when to ask next (``check_after``, the
namespace's ``session_check_interval``; ``PUT /__admin/settings`` sets it, 0.05 s at least).
Asking does not count as activity; "Stay signed in" (``/session/keep-alive``) does, as any SPOT
page does.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from starlette.responses import JSONResponse

from mock_portal.errors.catalogue import spot_session_timed_out
from mock_portal.sites import web
from mock_portal.sites.spot import session as spot_session
from mock_portal.sites.spot.state import SESSION_IDLE_TTL

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

REMAINING_PATH = "/session/remaining"
KEEP_ALIVE_PATH = "/session/keep-alive"
TIMED_OUT_PATH = "/timed-out"
WARN_AFTER = timedelta(minutes=20)
WARN_WHEN_LEFT = int((SESSION_IDLE_TTL - WARN_AFTER).total_seconds())


def _answer(request: Request) -> JSONResponse:
    """How long the request's session has left by the mock's clock (0: none), and when the page
    should ask again."""
    sid = request.cookies.get(spot_session.SESSION_COOKIE, "")
    with web.unit_of_work(request) as world:
        expires = world.spot.sessions.expires_at(sid) if sid else None
        left = 0 if expires is None else int((expires - world.clock.now()).total_seconds())
        check_after = world.session_check_interval
    return JSONResponse(
        {
            "seconds_left": max(0, left),
            "warn_when_left": WARN_WHEN_LEFT,
            "check_after": check_after,
        },
        headers={"Cache-Control": "no-store"},
    )


async def remaining(request: Request) -> Response:
    return _answer(request)


async def keep_alive(request: Request) -> Response:
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        signed_in = spot_session.current(request, world)
        if signed_in is None:
            return _answer(request)  # 0 left: no session
        if not spot_session.csrf_ok(signed_in, web.form_text(form, "csrf_token")):
            return JSONResponse({"error": "stale_form"}, status_code=400)
    return _answer(request)


async def timed_out(request: Request) -> Response:
    """Where the page goes when its session ran out: SPOT_SESSION_TIMED_OUT."""
    response = web.render(
        request,
        "spot/landing.html",
        {"errors": [spot_session_timed_out()], "login_url": "/login"},
        status=401,
    )
    response.delete_cookie(spot_session.SESSION_COOKIE, path="/")
    return response
