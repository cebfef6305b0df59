"""A tiny relying party that signs users in through the mock IDM with Authlib's Starlette
client: discovery, authorization code + PKCE (S256), the ID token checked against ``/keys``.
Pointing a real app at the mock is the same few settings (docs/relying-parties.md).

Usage::

    MOCK_IDM_CLIENT_ID=0oa... MOCK_IDM_CLIENT_SECRET=... \\
        uvicorn examples.authlib_app:app --port 5000

Settings (environment): ``MOCK_IDM_ISSUER`` (default the mock's ``default`` server on
127.0.0.1:8001), ``MOCK_IDM_CLIENT_ID``, ``MOCK_IDM_CLIENT_SECRET``, and
``MOCK_PORTAL_NAMESPACE`` for a namespace other than ``default`` (sent on the back channel;
a browser sends it itself, as the harness's does).
"""

from __future__ import annotations

import html
import os
import secrets

from authlib.integrations.starlette_client import OAuth, OAuthError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

DEFAULT_ISSUER = "http://127.0.0.1:8001/oauth2/default"


def page(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(f"<!doctype html><title>Example app</title><main>{body}</main>", status)


def build(issuer: str, client_id: str, client_secret: str, namespace: str = "default") -> Starlette:
    oauth = OAuth()
    idm = oauth.register(
        "idm",
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=issuer + "/.well-known/openid-configuration",
        client_kwargs={
            "scope": "openid profile email",
            "code_challenge_method": "S256",
            "headers": {"X-Portal-Namespace": namespace},
        },
    )

    async def home(request: Request) -> Response:
        user = request.session.get("user")
        if user is None:
            return page('<h1>Example app</h1><a href="/login">Sign in with IDM</a>')
        return page(f"<h1>Signed in as {html.escape(user['preferred_username'])}</h1>")

    async def login(request: Request) -> Response:
        redirect: Response = await idm.authorize_redirect(request, str(request.url_for("callback")))
        return redirect

    async def callback(request: Request) -> Response:
        try:
            token = await idm.authorize_access_token(request)
        except OAuthError as refused:  # access_denied: "User is not assigned to the client ..."
            return page(f'<p role="alert">{html.escape(refused.description or "")}</p>', 403)
        request.session["user"] = dict(token["userinfo"])  # the verified ID token's claims
        return RedirectResponse("/", 303)

    return Starlette(
        routes=[Route("/", home), Route("/login", login), Route("/callback", callback)],
        middleware=[Middleware(SessionMiddleware, secret_key=secrets.token_urlsafe(32))],
    )


app = build(
    os.environ.get("MOCK_IDM_ISSUER", DEFAULT_ISSUER),
    os.environ.get("MOCK_IDM_CLIENT_ID", ""),
    os.environ.get("MOCK_IDM_CLIENT_SECRET", ""),
    os.environ.get("MOCK_PORTAL_NAMESPACE", "default"),
)
