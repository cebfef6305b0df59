"""IDM's own pages outside the sign-in flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.sites import web
from mock_portal.sites.idm.cookies import SESSION_COOKIE

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response


def signed_out_page(request: Request) -> Response:
    """IDM's "signed out" page, ending the IDM session cookie."""
    response = web.render(
        request,
        "idm/message.html",
        {
            "heading": "You have signed out",
            "paragraphs": ["You have signed out of CMS IDM."],
            "link": None,
        },
    )
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


async def signed_out(request: Request) -> Response:
    """Where Login.gov's logout returns (its registered post_logout_redirect_uri)."""
    return signed_out_page(request)


async def root(request: Request) -> Response:
    return web.redirect("/app/UserHome", 302)


async def terms(request: Request) -> Response:
    return web.render(request, "idm/terms.html")
