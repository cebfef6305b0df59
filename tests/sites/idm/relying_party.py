"""A team's app as an OIDC client of IDM, driven over plain HTTP: register it, sign a user in
(reading IDM's answer from its redirect, so the app's own server is never needed), redeem."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import httpx

from mock_portal.sites.security import pkce_challenge
from mock_portal.testing.http_flow import HttpUser
from mock_portal.testing.shared_tls import tls_context
from mock_portal.world.store import NAMESPACE_HEADER

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle

APP_CALLBACK = "http://127.0.0.1:9/app/callback"
VERIFIER = "v" * 50


def authorize_params(client_id: str, **overrides: str) -> dict[str, str]:
    return {
        "client_id": client_id,
        "redirect_uri": APP_CALLBACK,
        "response_type": "code",
        "scope": "openid profile email",
        "state": "app-state-1234",
        "nonce": "app-nonce-1234",
        "code_challenge": pkce_challenge(VERIFIER),
        "code_challenge_method": "S256",
        **overrides,
    }


def sign_in_at_app(
    portal: PortalHandle, browser: HttpUser, client_id: str, user: dict[str, Any], **params: str
) -> dict[str, list[str]]:
    """The query IDM sends the app's redirect URI after the user signs in, or at once when the
    browser has a live IDM session (the app's server is never called: the answer is read from
    IDM's redirect)."""
    start = browser.client.get(
        portal.idm_url + "/oauth2/default/v1/authorize",
        params=authorize_params(client_id, **params),
    )
    assert start.status_code == 302, start.text
    location = start.headers["location"]
    if not location.startswith(APP_CALLBACK):  # no live IDM session: sign in
        answer = browser.submit_password(browser.follow(start), user["user_id"], user["password"])
        assert answer.status_code == 303
        location = answer.headers["location"]
    assert location.startswith(APP_CALLBACK + "?"), location
    return parse_qs(urlsplit(location).query)


def redeem(portal: PortalHandle, client: dict[str, Any], code: str, **extra: str) -> httpx.Response:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": APP_CALLBACK,
        "code_verifier": VERIFIER,
        **extra,
    }
    return call_as(portal, client, "/token", form)


def register(admin: AdminClient, **fields: Any) -> dict[str, Any]:
    """The registered client, with the namespace it lives in (as ``_namespace``)."""
    client = admin.create_client(redirect_uris=[APP_CALLBACK], **fields)
    client["_namespace"] = admin.namespace
    return client


def token_endpoint(portal: PortalHandle, path: str = "/token") -> str:
    return portal.idm_url + "/oauth2/default/v1" + path


def call_as(
    portal: PortalHandle, client: dict[str, Any], path: str, form: dict[str, str]
) -> httpx.Response:
    """POST ``form`` to an IDM endpoint with the client's one authentication method."""
    form = dict(form)
    auth = None
    if client["client_type"] == "public":
        form["client_id"] = client["client_id"]
    else:
        auth = (client["client_id"], client["client_secret"])
    return httpx.post(
        token_endpoint(portal, path),
        data=form,
        auth=auth,
        headers={NAMESPACE_HEADER: client["_namespace"]},
        verify=tls_context(),
    )
