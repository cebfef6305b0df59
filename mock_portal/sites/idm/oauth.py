"""IDM's OAuth 2.0 / OIDC endpoints in Okta's shape: discovery (both documents), keys, token
(authorization code and refresh token grants), introspect, revoke, userinfo, logout. The tokens
themselves and their rules: tokens.py; the keys: keys.py."""

from __future__ import annotations

import base64
import binascii
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from starlette.responses import JSONResponse, Response

from mock_portal.availability.status import outage
from mock_portal.availability.systems import SystemName
from mock_portal.sites import web
from mock_portal.sites.idm import authorize_params, tokens
from mock_portal.sites.idm.authorize import SIGN_IN_PATH, current_session, end_session
from mock_portal.sites.idm.clients import find_client
from mock_portal.sites.idm.cookies import SESSION_COOKIE
from mock_portal.sites.security import new_token, pkce_challenge, same

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from starlette.requests import Request

    from mock_portal.accounts.models import IdmUser
    from mock_portal.sites.idm.clients import Client
    from mock_portal.sites.idm.keys import KeyRing
    from mock_portal.sites.idm.state import RefreshGrant
    from mock_portal.world.services import Services
    from mock_portal.world.store import World

ID_TOKEN_TTL = timedelta(hours=1)
# RFC 7636 section 4.1: 43 to 128 unreserved characters. Anything else cannot be a verifier (and
# a non-ASCII one made pkce_challenge's ASCII encoding fail: a 500).
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")
REDIRECT_URI_MISMATCH = (
    "The 'redirect_uri' does not match the redirection URI used in the authorization request."
)
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _oauth_error(status: int, error: str, description: str) -> JSONResponse:
    # RFC 6749 section 5.2 names the fields; Okta adds nothing we need.
    return JSONResponse(
        {"error": error, "error_description": description}, status_code=status, headers=NO_STORE
    )


AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]


def _metadata(ctx: Services) -> dict[str, Any]:
    """What both discovery documents say (OIDC ref L1059-1108 for the OAuth 2.0 one, L1241-1293
    for the OpenID one): the OpenID one adds userinfo and the ID token's algorithms and claims."""
    base = ctx.issuer + "/v1"
    return {
        "issuer": ctx.issuer,
        "authorization_endpoint": base + "/authorize",
        "token_endpoint": base + "/token",
        "jwks_uri": base + "/keys",
        "end_session_endpoint": base + "/logout",
        "introspection_endpoint": base + "/introspect",
        "introspection_endpoint_auth_methods_supported": AUTH_METHODS,
        "revocation_endpoint": base + "/revoke",
        "revocation_endpoint_auth_methods_supported": AUTH_METHODS,
        "response_types_supported": ["code"],
        "response_modes_supported": sorted(authorize_params.RESPONSE_MODES),
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "subject_types_supported": ["public"],
        "scopes_supported": sorted(authorize_params.SCOPES),
        "token_endpoint_auth_methods_supported": AUTH_METHODS,
        "code_challenge_methods_supported": ["S256"],
    }


async def discovery(request: Request) -> Response:
    ctx = web.services(request)
    return JSONResponse(
        {
            **_metadata(ctx),
            "userinfo_endpoint": ctx.issuer + "/v1/userinfo",
            "id_token_signing_alg_values_supported": ["RS256"],
            "claims_supported": [
                "ver",
                "jti",
                "iss",
                "sub",
                "aud",
                "exp",
                "iat",
                "auth_time",
                "amr",
                "nonce",
                "name",
                "given_name",
                "family_name",
                "preferred_username",
                "email",
            ],
        }
    )


async def oauth_metadata(request: Request) -> Response:
    """``/.well-known/oauth-authorization-server`` (RFC 8414), which Okta serves for custom
    authorization servers only (OIDC ref L1059-1067)."""
    return JSONResponse(_metadata(web.services(request)))


async def keys(request: Request) -> Response:
    """The namespace's listed keys (tokens.key_ring): active, next, and the last expired."""
    ctx = web.services(request)
    with web.unit_of_work(request) as world:
        ring = tokens.key_ring(ctx, world)
    return JSONResponse(ring.jwks())


# Okta's words for client authentication at /token (docs/okta-behaviour.md, "/v1/token").
# Two methods at once: boylesoftware/tomcat-oidcauth#6 (401 and this body); RFC 6749 section 5.2,
# OIDC ref L607.
MULTIPLE_CREDENTIALS = (
    "Cannot supply multiple client credentials. Use one of the following: credentials in the "
    "Authorization header, credentials in the post body, or a client_assertion in the post body."
)
NO_CREDENTIALS = "No client credentials found."  # OIDC ref L648-656
# An unknown client, or a secret-less call: okta/okta-auth-js#455, #401; okta/samples-js-react#242.
CLIENT_AUTH_FAILED = (
    "Client authentication failed. Either the client or the client credentials are invalid."
)
# Okta's build-api-integration guide (okta-developer-docs 468de9c5, L185).
WRONG_SECRET = "The client secret supplied for a confidential client is invalid."  # noqa: S105


def authenticate_client(
    request: Request, form: Any, find: Callable[[str], Client | None]
) -> Client | JSONResponse:
    """The client the request authenticates as, or Okta's refusal. Exactly one method per
    request: Basic credentials, a secret in the body, a ``client_assertion``, or (a public
    client, method ``none``) its ``client_id`` alone; two at once are ``invalid_request`` (RFC
    6749 section 5.2; OIDC ref L607, L734, L817: "both header and form parameters are used for
    authentication"). ``find`` looks a client id up in the request's namespace."""
    header = request.headers.get("authorization", "")
    basic = header[:6].lower() == "basic "
    in_body = [name for name in ("client_secret", "client_assertion") if name in form]
    if (basic and in_body) or len(in_body) > 1:
        return _oauth_error(401, "invalid_request", MULTIPLE_CREDENTIALS)
    if basic:
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            # OIDC ref L607 lists a malformed header under invalid_request; the status and the
            # words are the mock's (RFC 6749 section 5.2's default, 400).
            return _oauth_error(
                400, "invalid_request", "The Authorization header is not valid Basic credentials."
            )
        client_id, _, secret = decoded.partition(":")
    else:
        # A public client may name itself in the query at /introspect (OIDC ref L676-677).
        client_id = web.form_text(form, "client_id") or request.query_params.get("client_id", "")
        secret = web.form_text(form, "client_secret")
    if not client_id:
        return _oauth_error(401, "invalid_client", NO_CREDENTIALS)
    client = find(client_id)
    if client is None:
        return _oauth_error(401, "invalid_client", CLIENT_AUTH_FAILED)
    if client.public:
        # Method `none`: the client id alone. A public client that sends a secret is not
        # answered in any public capture: refused as an unknown one would be (mock's choice).
        if basic or secret:
            return _oauth_error(401, "invalid_client", CLIENT_AUTH_FAILED)
        return client
    if not secret:
        # A confidential client calling without its secret.
        return _oauth_error(401, "invalid_client", CLIENT_AUTH_FAILED)
    if not same(secret, client.client_secret):
        return _oauth_error(401, "invalid_client", WRONG_SECRET)
    return client


def id_token_for(
    ctx: Services,
    user: IdmUser,
    client_id: str,
    nonce: str | None,
    auth_time: int,
    now: int,
    keys: KeyRing | None = None,
) -> str:
    """An ID token (OIDC ref L1681-1792): ``sub`` is the Okta user id; ``keys``: the
    namespace's (tokens.key_ring), the process's when not given."""
    claims: dict[str, Any] = {
        "ver": 1,
        "jti": "ID." + new_token(32),
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
    return (keys or ctx.signing_key).sign(claims)


def issue_tokens(
    ctx: Services,
    world: World,
    user: IdmUser,
    client: Client,
    scope: str,
    auth_time: datetime,
    nonce: str | None = None,
    refresh: RefreshGrant | None = None,
) -> tokens.Issued:
    """The tokens a grant buys: an access token; an ID token with ``openid``; a refresh token
    with ``offline_access`` (a new family for a code, the same or a rotated one on refresh)."""
    now = world.clock.idm_timestamp()
    # auth_time on IDM's clock, as every time IDM writes.
    auth = int(auth_time.timestamp()) + world.clock.idm_skew_seconds
    family = refresh.family if refresh is not None else new_token(16)
    access = tokens.mint_access_token(ctx, world, user, client.client_id, scope, family, auth)
    scopes = scope.split()
    id_token = None
    if "openid" in scopes:
        keys = tokens.key_ring(ctx, world)
        id_token = id_token_for(ctx, user, client.client_id, nonce, auth, now, keys)
    refresh_token = None
    if tokens.OFFLINE_ACCESS in scopes:
        if refresh is None or client.public:
            minted = tokens.mint_refresh_token(
                world,
                user,
                client.client_id,
                scope if refresh is None else refresh.scope,
                family,
                auth_time,
                None if refresh is None else refresh.issued_at,
            )
            if refresh is not None and refresh.rotated_at is None:
                # Its grace runs from its first rotation, whatever is redeemed within it.
                refresh.rotated_at = world.clock.idm_now()
            refresh_token = minted.token
        else:
            refresh_token = refresh.token  # a persistent refresh token stays the same
    return tokens.Issued(access, scope, id_token, refresh_token)


async def token(request: Request) -> Response:
    ctx = web.services(request)
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        client = authenticate_client(request, form, lambda cid: find_client(ctx, world, cid))
    if isinstance(client, JSONResponse):
        return client
    grant_type = web.form_text(form, "grant_type")
    if grant_type not in ("authorization_code", "refresh_token"):
        return _oauth_error(400, "unsupported_grant_type", "The grant type is not supported.")
    with web.unit_of_work(request) as world:
        if outage(world, SystemName.IDM) is not None:
            return _oauth_error(503, "temporarily_unavailable", "IDM is down for maintenance.")
        if grant_type == "refresh_token":
            issued = _refresh(ctx, world, client, form)
        else:
            issued = _redeem_code(ctx, world, client, form)
    if isinstance(issued, JSONResponse):
        return issued
    return JSONResponse(issued.as_json(), headers=NO_STORE)


def _redeem_code(
    ctx: Services, world: World, client: Client, form: Any
) -> tokens.Issued | JSONResponse:
    # pop: a code is redeemed once; a replayed code finds nothing (RFC 6749 section 4.1.2).
    code = world.idm.codes.pop(web.form_text(form, "code"))
    if code is None or code.request.client_id != client.client_id:
        return _oauth_error(
            400, "invalid_grant", "The authorization code is invalid or has expired."
        )
    if web.form_text(form, "redirect_uri") != code.request.redirect_uri:
        # okta/okta-aspnet#173, #130
        return _oauth_error(400, "invalid_grant", REDIRECT_URI_MISMATCH)
    verifier = web.form_text(form, "code_verifier")
    if not _VERIFIER.fullmatch(verifier) or not same(
        pkce_challenge(verifier), code.request.code_challenge
    ):
        return _oauth_error(400, "invalid_grant", "PKCE verification failed.")
    user = world.users.get(code.user_key)
    if user is None:
        return _oauth_error(400, "invalid_grant", "The user no longer exists.")
    return issue_tokens(
        ctx, world, user, client, code.request.scope, code.auth_time, code.request.nonce
    )


def _refresh(
    ctx: Services, world: World, client: Client, form: Any
) -> tokens.Issued | JSONResponse:
    """The ``refresh_token`` grant (OIDC ref L577-583): the scopes asked for must be among the
    token's (fewer is fine); the answer carries an ID token when ``openid`` is among them."""
    grant = tokens.usable_refresh_token(world, web.form_text(form, "refresh_token"), client)
    user = world.users.get(grant.user_key) if grant is not None else None
    if grant is None or user is None:
        return _oauth_error(400, "invalid_grant", tokens.INVALID_REFRESH)
    asked = web.form_text(form, "scope").split() or grant.scope.split()
    if not set(asked) <= set(grant.scope.split()):
        # OIDC ref L577 ("a subset of the scopes used to generate the refresh token"); the
        # words are the mock's (Okta's for this case are not captured).
        return _oauth_error(
            400, "invalid_scope", "The requested scopes must be among the refresh token's scopes."
        )
    return issue_tokens(ctx, world, user, client, " ".join(asked), grant.auth_time, refresh=grant)


async def _about_a_token(
    request: Request, act: Callable[[Services, World, Client, str], Response]
) -> Response:
    """/introspect and /revoke: Okta's client authentication, a required ``token`` (RFC 7662
    section 2.1, RFC 7009 section 2.1; the missing-token words are the mock's), then ``act``."""
    ctx = web.services(request)
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        client = authenticate_client(request, form, lambda cid: find_client(ctx, world, cid))
        if isinstance(client, JSONResponse):
            return client
        if "token" not in form:
            return _oauth_error(400, "invalid_request", "The 'token' parameter is required.")
        return act(ctx, world, client, web.form_text(form, "token"))


async def introspect(request: Request) -> Response:
    """RFC 7662 token introspection with Okta's client authentication (OIDC ref L659-790)."""
    return await _about_a_token(
        request,
        lambda ctx, world, client, token: JSONResponse(
            tokens.introspection(ctx, world, client, token), headers=NO_STORE
        ),
    )


def _revoke(ctx: Services, world: World, client: Client, token: str) -> Response:
    tokens.revoke(ctx, world, client, token)
    return Response(status_code=200, headers=NO_STORE)


async def revoke(request: Request) -> Response:
    """RFC 7009 revocation with Okta's client authentication (OIDC ref L792-837): 200 with an
    empty body, even for an invalid, expired or already revoked token."""
    return await _about_a_token(request, _revoke)


def _bearer_challenge(ctx: Services, status: int, error: str | None, description: str) -> Response:
    """Okta's answer to a bad bearer token: an empty body and the error in ``WWW-Authenticate``
    (RFC 6750 section 3; recorded in panva/openid-client#102: ``authorization_uri``, ``realm``,
    ``scope``, ``error``, ``error_description``). The realm of a custom authorization server is
    not captured: the mock uses its issuer."""
    params = [
        f'authorization_uri="{ctx.issuer}/v1/authorize"',
        f'realm="{ctx.issuer}"',
        'scope="openid"',
    ]
    if error is not None:
        params += [f'error="{error}"', f'error_description="{description}"']
    return Response(
        status_code=status, headers={**NO_STORE, "WWW-Authenticate": "Bearer " + ", ".join(params)}
    )


async def userinfo(request: Request) -> Response:
    ctx = web.services(request)
    if "access_token" in request.query_params:
        # goauthentik/authentik#1910: Okta refuses a token in the query string.
        return _bearer_challenge(
            ctx,
            400,
            "invalid_request",
            "The access token cannot be presented in a query string.",
        )
    header = request.headers.get("authorization", "")
    if header[:7].lower() != "bearer ":
        # No credentials at all: RFC 6750 section 3.1 says a bare challenge, without an error
        # code (Okta's answer here is not captured).
        return _bearer_challenge(ctx, 401, None, "")
    with web.unit_of_work(request) as world:
        active = tokens.active_access_token(ctx, world, header[7:].strip())
        user = world.users.get(active[1].user_key) if active else None
        if user is None:
            return _bearer_challenge(ctx, 401, "invalid_token", "The access token is invalid.")
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


async def logout(request: Request) -> Response:
    """RP-initiated logout as Okta answers it (OIDC ref L839-895): a request it cannot trust gets
    its 400 page and ends nothing, so a plain link on any site cannot sign a user out."""
    ctx = web.services(request)
    params = request.query_params
    with web.unit_of_work(request) as world:
        # Its signature and issuer; expiry does not matter for a logout hint (OIDC ref L895: an
        # expired hint whose subject matches still logs out).
        claims = tokens.verified_hint(ctx, world, params.get("id_token_hint", ""))
        client = find_client(ctx, world, str(claims.get("aud"))) if claims else None
    if claims is None or client is None:
        # Missing (okta/samples-aspnetcore#30, mogenius/renovate-operator#691: 400, "invalid
        # token") or not a token IDM issued to a client it knows (OIDC ref L893: "an error
        # page"). The exact words are not captured: the mock's, in Okta's page.
        return authorize_params.page(
            request,
            authorize_params.PageRefusal(
                "invalid_token", "The 'id_token_hint' parameter is missing or invalid."
            ),
        )
    target = params.get("post_logout_redirect_uri")
    if target is not None and target not in client.post_logout_redirect_uris:
        # OIDC ref L860 ("must match the value preregistered"); the words are from third-party
        # troubleshooting notes, not a pinned capture.
        return authorize_params.page(
            request,
            authorize_params.PageRefusal(
                "invalid_request",
                "The 'post_logout_redirect_uri' parameter must be a Logout redirect URI in the "
                "client app settings",
            ),
        )
    with web.unit_of_work(request) as world:
        signed_in = current_session(request, world)
        # Okta ends the session only "if the subject matches the current Okta session" (OIDC ref
        # L847); another user's hint leaves it alone (inferred: no capture of that case).
        if signed_in is not None and signed_in[1].id == claims.get("sub"):
            end_session(world, *signed_in)
            ended = True
        else:
            ended = False
    if target is None:
        # No post_logout_redirect_uri: Okta's sign-in page (OIDC ref L845-847).
        response = web.redirect(SIGN_IN_PATH, 302)
    else:
        state = params.get("state")
        response = web.redirect(
            web.with_query(target, [("state", state)]) if state else target, 302
        )
    if ended:
        response.delete_cookie(SESSION_COOKIE, path="/")
    return response
