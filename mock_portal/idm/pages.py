"""IDM's own pages outside the sign-in flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal import web
from mock_portal.errors import Link
from mock_portal.idm.authorize import SIGN_IN_PATH, current_session

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response


async def home(request: Request) -> Response:
    ctx = web.portal(request)
    with ctx.store.lock:
        signed_in = current_session(request, web.world(request))
        name = signed_in[1].display_name if signed_in else None
    if name is None:
        return web.redirect(SIGN_IN_PATH)
    return web.render(
        request,
        "idm/message.html",
        {
            "heading": f"Welcome, {name}",
            "paragraphs": ["You are signed in to CMS IDM. Your applications:"],
            "link": Link("SPOT (First Coast Service Options)", ctx.spot_client.initiate_login_uri),
        },
    )


async def root(request: Request) -> Response:
    return web.redirect("/app/UserHome", 302)


async def terms(request: Request) -> Response:
    return web.render(request, "idm/terms.html")
