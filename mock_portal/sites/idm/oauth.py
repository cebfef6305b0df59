"""IDM's OAuth 2.0 / OIDC endpoints in Okta's shape: discovery, keys, token, userinfo, logout."""

from __future__ import annotations

import base64
import binascii
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from joserfc import jwt
from joserfc.errors import JoseError
from starlette.responses import JSONResponse

from mock_portal.availability.status import outage
from mock_portal.availability.systems import SystemName
from mock_portal.sites import web
from mock_portal.sites.idm.authorize import current_session, end_session
from mock_portal.sites.idm.cookies import SESSION_COOKIE
from mock_portal.sites.idm.pages import signed_out_page
from mock_portal.sites.idm.state import ACCESS_TOKEN_TTL, AccessGrant, AuthorizationCode
from mock_portal.sites.security import new_token, pkce_challenge, same

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.world.services import Services
    from mock_portal.world.store import World

ID_TOKEN_TTL = timedelta(hours=1)
# RFC 7636 section 4.1: 43 to 128 unreserved characters. Anything else cannot be a verifier (and
# a non-ASCII one made pkce_challenge's ASCII encoding fail: a 500).
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _oauth_error(status: int, error: str, description: str) -> JSONResponse:
    # RFC 6749 section 5.2 names the fields; Okta adds nothing we need.
    return JSONResponse(
        {"error": error, "error_description": description}, status_code=status, headers=NO_STORE
    )


async def discovery(request: Request) -> Response:
    ctx = web.services(request)
    base = ctx.issuer + "/v1"
    return JSONResponse(
        {
            "issuer": ctx.issuer,
            "authorization_endpoint": base + "/authorize",
            "token_endpoint": base + "/token",
            "userinfo_endpoint": base + "/userinfo",
            "jwks_uri": base + "/keys",
            "end_session_endpoint": base + "/logout",
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": [
                "iss",
                "sub",
                "aud",
                "exp",
                "iat",
                "auth_time",
                "nonce",
                "name",
                "given_name",
                "family_name",
                "preferred_username",
                "email",
            ],
        }
    )


async def keys(request: Request) -> Response:
    return JSONResponse(web.services(request).signing_key.jwks())


def _client_credentials(request: Request, form: Any) -> tuple[str, str]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:], validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        client_id, _, secret = decoded.partition(":")
        return client_id, secret
    return web.form_text(form, "client_id"), web.form_text(form, "client_secret")


def id_token_for(
    ctx: Services, user: IdmUser, client_id: str, nonce: str | None, auth_time: int, now: int
) -> str:
    claims: dict[str, Any] = {
        "iss": ctx.issuer,
        "sub": user.id,
        "aud": client_id,
        "iat": now,
        "exp": now + int(ID_TOKEN_TTL.total_seconds()),
        "auth_time": auth_time,
        "amr": ["pwd", "mfa", "otp"] if user.mfa else ["pwd"],
        "name": user.display_name,
        "given_name": user.first_name,
        "family_name": user.last_name,
        "preferred_username": user.user_id,
        "email": user.email,
    }
    if nonce is not None:
        claims["nonce"] = nonce
    return ctx.signing_key.sign(claims)


def grant_access(world: World, code: AuthorizationCode) -> AccessGrant:
    """The access token a redeemed code buys."""
    grant = AccessGrant(new_token(32), code.user_key, code.request.scope, code.request.client_id)
    world.idm.access_tokens.put(grant.token, grant)
    return grant


async def token(request: Request) -> Response:
    ctx = web.services(request)
    form = await web.read_form(request)
    client_id, secret = _client_credentials(request, form)
    client = ctx.spot_client
    if client_id != client.client_id or not same(secret, client.client_secret):
        return _oauth_error(401, "invalid_client", "Client authentication failed.")
    if web.form_text(form, "grant_type") != "authorization_code":
        return _oauth_error(400, "unsupported_grant_type", "The grant type is not supported.")
    with web.unit_of_work(request) as world:
        if outage(world, SystemName.IDM) is not None:
            return _oauth_error(503, "temporarily_unavailable", "IDM is down for maintenance.")
        # pop: a code is redeemed once; a replayed code finds nothing (RFC 6749 section 4.1.2).
        code = world.idm.codes.pop(web.form_text(form, "code"))
        if code is None or code.request.client_id != client_id:
            return _oauth_error(
                400, "invalid_grant", "The authorization code is invalid or has expired."
            )
        if web.form_text(form, "redirect_uri") != code.request.redirect_uri:
            return _oauth_error(400, "invalid_grant", "The 'redirect_uri' does not match.")
        verifier = web.form_text(form, "code_verifier")
        if not _VERIFIER.fullmatch(verifier) or not same(
            pkce_challenge(verifier), code.request.code_challenge
        ):
            return _oauth_error(400, "invalid_grant", "PKCE verification failed.")
        user = world.users.get(code.user_key)
        if user is None:
            return _oauth_error(400, "invalid_grant", "The user no longer exists.")
        now = world.clock.timestamp()
        id_token = id_token_for(
            ctx, user, client_id, code.request.nonce, int(code.auth_time.timestamp()), now
        )
        grant = grant_access(world, code)
    return JSONResponse(
        {
            "token_type": "Bearer",
            "expires_in": int(ACCESS_TOKEN_TTL.total_seconds()),
            "access_token": grant.token,
            "scope": grant.scope,
            "id_token": id_token,
        },
        headers=NO_STORE,
    )


async def userinfo(request: Request) -> Response:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return _oauth_error(401, "invalid_token", "A bearer access token is required.")
    with web.unit_of_work(request) as world:
        grant = world.idm.access_tokens.get(header[7:].strip())
        user = world.users.get(grant.user_key) if grant else None
        if user is None:
            return _oauth_error(401, "invalid_token", "The access token is invalid or expired.")
        return JSONResponse(
            {
                "sub": user.id,
                "name": user.display_name,
                "given_name": user.first_name,
                "family_name": user.last_name,
                "preferred_username": user.user_id,
                "email": user.email,
            },
            headers=NO_STORE,
        )


def _hinted_client(ctx: Services, id_token_hint: str) -> str | None:
    """The ``aud`` of an ID token IDM issued; expiry does not matter for a logout hint."""
    try:
        decoded = jwt.decode(id_token_hint, ctx.signing_key.key)
    except (JoseError, ValueError):
        return None
    aud = decoded.claims.get("aud")
    return aud if isinstance(aud, str) else None


async def logout(request: Request) -> Response:
    ctx = web.services(request)
    params = request.query_params
    with web.unit_of_work(request) as world:
        signed_in = current_session(request, world)
        if signed_in is not None:
            end_session(world, *signed_in)
    target = params.get("post_logout_redirect_uri")
    client = ctx.spot_client
    if (
        target in client.post_logout_redirect_uris
        and _hinted_client(ctx, params.get("id_token_hint", "")) == client.client_id
    ):
        state = params.get("state")
        response = web.redirect(
            web.with_query(target, [("state", state)]) if state else target, 302
        )
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
    return signed_out_page(request)
