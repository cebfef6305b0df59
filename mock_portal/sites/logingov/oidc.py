"""Login.gov's OpenID Connect endpoints as developers.login.gov documents them.

- ``/openid_connect/authorize`` (developers.login.gov/oidc/authorization/): ``response_type``
  ``code``; ``prompt`` ``select_account``; ``acr_values`` naming ``urn:acr.login.gov:auth-only``
  or ``urn:acr.login.gov:verified``; ``scope`` with ``openid``; ``state`` and ``nonce`` of at
  least 22 characters; PKCE with ``code_challenge_method=S256``, or no challenge and
  ``private_key_jwt`` at the token endpoint. An unknown client or redirect URI gets a page (nothing
  may be sent to an unverified redirect URI, RFC 6749 section 4.1.2.1); other bad requests go
  back to the client as ``error=invalid_request`` with ``state``. A user who cancels goes back
  with ``error=access_denied``. The wording of each ``error_description`` is not published: the
  mock's.
- ``/api/openid_connect/token`` (developers.login.gov/oidc/token/): ``grant_type``
  ``authorization_code``, the ``code`` (valid 15 minutes, used once), and either ``code_verifier``
  (PKCE) or ``client_assertion_type`` ``urn:ietf:params:oauth:client-assertion-type:jwt-bearer``
  with a ``client_assertion`` RS256 JWT whose ``iss`` and ``sub`` are the client id, ``aud`` the
  token endpoint, ``jti`` unique and ``exp`` in the future. The answer: ``access_token``,
  ``token_type`` ``Bearer``, ``expires_in``, ``id_token`` (RS256; ``iss``, ``sub``, ``aud``,
  ``acr``, ``nonce``, ``email``, ``email_verified``, ``iat``, ``exp``, ``jti``, ``nbf``).
- ``/api/openid_connect/certs``: the key that verifies ID tokens.
- ``/openid_connect/logout`` (developers.login.gov/oidc/logout/): ``client_id`` and a registered
  ``post_logout_redirect_uri``, optional ``state`` of at least 22 characters; Login.gov shows a
  confirmation page and redirects (with ``state``) only once the user confirms; an invalid request
  gets an error page.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from joserfc import jwt
from joserfc.errors import JoseError
from starlette.responses import JSONResponse

from mock_portal.sites import web
from mock_portal.sites.logingov.state import (
    AUTH_ONLY,
    VERIFIED,
    LoginGovCode,
    LoginGovRequest,
    LoginGovTransaction,
)
from mock_portal.sites.security import new_token, pkce_challenge, same

if TYPE_CHECKING:
    from collections.abc import Mapping

    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.sites.logingov.provider import LoginGovProvider
    from mock_portal.world.store import World

AUTHORIZE_PATH = "/openid_connect/authorize"
TOKEN_PATH = "/api/openid_connect/token"  # noqa: S105 (a path)
CERTS_PATH = "/api/openid_connect/certs"
LOGOUT_PATH = "/openid_connect/logout"
LOGOUT_CONFIRM_PATH = "/openid_connect/logout/confirm"
SIGN_IN_PATH = "/"
REQUEST_ID = "request_id"
MIN_RANDOM = 22  # state and nonce: "at least 22 characters" (developers.login.gov)
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ACCESS_TOKEN_SECONDS = 3600  # the token page's example answer
CANCELLED = "The user cancelled the sign in at Login.gov."
NOT_VERIFIED = "The user has not verified their identity with Login.gov."
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def provider(request: Request) -> LoginGovProvider:
    found = web.services(request).logingov
    if found is None:  # built without Login.gov: never the case for a served portal
        raise LookupError("this portal has no Login.gov")
    return found


def _error_page(request: Request, heading: str, detail: str, status: int = 400) -> Response:
    return web.render(
        request,
        "logingov/message.html",
        {"heading": heading, "paragraphs": [detail]},
        status=status,
        headers={"Cache-Control": "no-store"},
    )


def _check(params: Mapping[str, str], login_gov: LoginGovProvider) -> LoginGovRequest | str:
    """The request, or what is wrong with it (sent back as ``invalid_request``)."""
    if params.get("response_type") != "code":
        return "Response type must be code."
    if params.get("prompt") != "select_account":
        return "Prompt must be select_account."
    if "openid" not in params.get("scope", "").split():
        return "Scope must include openid."
    acrs = params.get("acr_values", "").split()
    acr = VERIFIED if VERIFIED in acrs else AUTH_ONLY if AUTH_ONLY in acrs else None
    if acr is None:
        return f"Acr values must include {AUTH_ONLY} or {VERIFIED}."
    state, nonce = params.get("state", ""), params.get("nonce", "")
    if len(state) < MIN_RANDOM:
        return f"State is too short (minimum is {MIN_RANDOM} characters)."
    if len(nonce) < MIN_RANDOM:
        return f"Nonce is too short (minimum is {MIN_RANDOM} characters)."
    challenge = params.get("code_challenge") or None
    if challenge is not None and params.get("code_challenge_method") != "S256":
        return "Code challenge method must be S256."
    return LoginGovRequest(
        client_id=params["client_id"],
        redirect_uri=params["redirect_uri"],
        state=state,
        nonce=nonce,
        acr=acr,
        scope=params.get("scope", ""),
        code_challenge=challenge,
    )


def back_to_client(auth_request: LoginGovRequest, answer: list[tuple[str, str]]) -> Response:
    return web.redirect(web.with_query(auth_request.redirect_uri, answer), 303)


def refuse(auth_request: LoginGovRequest, error: str, description: str) -> Response:
    return back_to_client(
        auth_request,
        [("error", error), ("error_description", description), ("state", auth_request.state)],
    )


async def authorize(request: Request) -> Response:
    login_gov = provider(request)
    params = request.query_params
    client = login_gov.client(params.get("client_id", ""))
    if client is None:
        return _error_page(request, "Bad request", "The client_id is not registered.")
    redirect_uri = params.get("redirect_uri", "")
    if redirect_uri not in client.redirect_uris:
        return _error_page(request, "Bad request", "The redirect_uri is not registered.")
    checked = _check(params, login_gov)
    if isinstance(checked, str):
        state = params.get("state", "")
        answer = [("error", "invalid_request"), ("error_description", checked)]
        return web.redirect(web.with_query(redirect_uri, [*answer, ("state", state)]), 302)
    with web.unit_of_work(request) as world:
        transaction = LoginGovTransaction(new_token(24), checked)
        world.logingov.transactions.put(transaction.token, transaction)
        world.journal.record(world.clock.now(), "logingov.authorize")
    return web.redirect(web.with_query(SIGN_IN_PATH, [(REQUEST_ID, transaction.token)]), 302)


def issue_code(world: World, transaction: LoginGovTransaction, email: str) -> LoginGovCode:
    """The user proved who they are: spend the sign-in and make a code for the client."""
    world.logingov.transactions.pop(transaction.token)
    code = LoginGovCode(new_token(24), transaction.request, email, world.clock.now())
    world.logingov.codes.put(code.code, code)
    world.journal.record(world.clock.now(), "logingov.sign_in")
    return code


def _token_error(description: str, error: str = "invalid_request") -> JSONResponse:
    return JSONResponse(
        {"error": error, "error_description": description}, status_code=400, headers=NO_STORE
    )


def _assertion_problem(
    world: World, assertion: str, login_gov: LoginGovProvider, code: LoginGovCode
) -> str | None:
    """What is wrong with a ``private_key_jwt`` client assertion, or None."""
    client = login_gov.client(code.request.client_id)
    if client is None:
        return "The client is not registered."
    try:
        claims = jwt.decode(assertion, client.public_key, algorithms=["RS256"]).claims
    except (JoseError, ValueError):
        return "The client assertion is not signed with the client's registered key."
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    now = world.clock.now().timestamp()
    jti = claims.get("jti")
    if claims.get("iss") != client.client_id or claims.get("sub") != client.client_id:
        return "The client assertion's iss and sub must be the client_id."
    if login_gov.issuer + TOKEN_PATH not in audiences:
        return "The client assertion's aud must be the token endpoint."
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp <= now:
        return "The client assertion has expired."
    if not isinstance(jti, str) or not jti or jti in world.logingov.used_assertions:
        return "The client assertion's jti is missing or was already used."
    world.logingov.used_assertions.put(jti, True)
    return None


async def token(request: Request) -> Response:
    login_gov = provider(request)
    form = await web.read_form(request)
    if web.form_text(form, "grant_type") != "authorization_code":
        return _token_error("Grant type must be authorization_code.")
    with web.unit_of_work(request) as world:
        code = world.logingov.codes.pop(web.form_text(form, "code"))
        if code is None:
            return _token_error("The code is invalid, expired or already used.", "invalid_grant")
        assertion = web.form_text(form, "client_assertion")
        verifier = web.form_text(form, "code_verifier")
        if assertion:
            if web.form_text(form, "client_assertion_type") != ASSERTION_TYPE:
                return _token_error(f"client_assertion_type must be {ASSERTION_TYPE}.")
            problem = _assertion_problem(world, assertion, login_gov, code)
            if problem is not None:
                return _token_error(problem, "invalid_client")
        elif code.request.code_challenge is None:
            return _token_error("Send a client_assertion (private_key_jwt) or use PKCE.")
        elif not verifier or not same(pkce_challenge(verifier), code.request.code_challenge):
            return _token_error("The code_verifier does not match the code_challenge.")
        account = world.logingov.account(code.email)
        if account is None:
            return _token_error("The account no longer exists.", "invalid_grant")
        now = int(world.clock.now().timestamp())
        claims: dict[str, Any] = {
            "iss": login_gov.issuer,
            "sub": account.uuid,
            "aud": code.request.client_id,
            "acr": code.request.acr,
            "nonce": code.request.nonce,
            "email": account.email,
            "email_verified": True,  # Login.gov confirms every e-mail address it holds
            "iat": now,
            "nbf": now,
            "exp": now + ACCESS_TOKEN_SECONDS,
            "jti": secrets.token_urlsafe(16),
        }
    return JSONResponse(
        {
            "access_token": new_token(24),
            "token_type": "Bearer",
            "expires_in": ACCESS_TOKEN_SECONDS,
            "id_token": login_gov.key.sign(claims),
        },
        headers=NO_STORE,
    )


async def certs(request: Request) -> Response:
    return JSONResponse(provider(request).key.jwks())


async def discovery(request: Request) -> Response:
    issuer = provider(request).issuer
    return JSONResponse(
        {
            "issuer": issuer,
            "authorization_endpoint": issuer + AUTHORIZE_PATH,
            "token_endpoint": issuer + TOKEN_PATH,
            "jwks_uri": issuer + CERTS_PATH,
            "end_session_endpoint": issuer + LOGOUT_PATH,
            "response_types_supported": ["code"],
            "acr_values_supported": [AUTH_ONLY, VERIFIED],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "prompt_values_supported": ["select_account"],
        }
    )


def _logout_request(request: Request, params: Mapping[str, str]) -> tuple[str, str] | Response:
    client = provider(request).client(params.get("client_id", ""))
    if client is None:
        return _error_page(request, "Bad request", "The client_id is not registered.")
    target = params.get("post_logout_redirect_uri", "")
    if target not in client.post_logout_redirect_uris:
        return _error_page(
            request, "Bad request", "The post_logout_redirect_uri is not registered."
        )
    state = params.get("state", "")
    if state and len(state) < MIN_RANDOM:
        return _error_page(
            request, "Bad request", f"State is too short (minimum is {MIN_RANDOM} characters)."
        )
    return target, state


async def logout(request: Request) -> Response:
    """The confirmation page: nothing happens until the user clicks the button."""
    checked = _logout_request(request, request.query_params)
    if not isinstance(checked, tuple):
        return checked
    return web.render(
        request,
        "logingov/logout.html",
        {
            "client_id": request.query_params.get("client_id", ""),
            "target": checked[0],
            "state": checked[1],
        },
        headers={"Cache-Control": "no-store"},
    )


async def confirm_logout(request: Request) -> Response:
    form = await web.read_form(request)
    params = {k: web.form_text(form, k) for k in ("client_id", "post_logout_redirect_uri", "state")}
    checked = _logout_request(request, params)
    if not isinstance(checked, tuple):
        return checked
    target, state = checked
    with web.unit_of_work(request) as world:
        world.journal.record(world.clock.now(), "logingov.sign_out")
    return web.redirect(web.with_query(target, [("state", state)]) if state else target, 303)
