"""IDM federating to Login.gov, as Okta federates to an external OpenID Connect identity provider.

- "Continue" under Login.gov (or ``idp=``) opens ``/sso/idps/{id}`` (Okta's IdP login URL),
  which sends the browser to Login.gov's ``/openid_connect/authorize`` with IDM's own ``state``
  and ``nonce`` (at least 22 characters, as Login.gov requires), ``prompt=select_account``,
  PKCE S256 and ``acr_values=urn:acr.login.gov:verified``. Which ``acr_values`` CMS IDM really
  asks is not public: identity-verified is the mock's choice (IDM identity-proofs its users
  before it grants roles), so an account without verification meets LOGINGOV_NOT_VERIFIED.
- Login.gov answers at ``/oauth2/v1/authorize/callback`` (Okta's redirect URI for an external
  IdP, "Add an external Identity Provider"). IDM redeems the code at Login.gov's token endpoint
  over HTTP with ``private_key_jwt`` (a client assertion signed with IDM's key, as Okta does)
  and checks the ID token's signature (Login.gov's key; the one-process mock reads it directly
  rather than fetching the certificates), issuer, audience and nonce.
- Account linking (Okta, "Add an external Identity Provider": account link policy "automatic",
  match against the e-mail; "If no match is found: Create new user (JIT)",
  https://help.okta.com/oie/en-us/content/topics/security/idp-add-okta.htm): the one IDM user
  whose e-mail equals Login.gov's verified e-mail is signed in; with none, a new IDM user is made
  just in time, with no SPOT role (so SPOT answers "User is not assigned to the client
  application."); with two or more, LOGINGOV_EMAIL_AMBIGUOUS (Okta links only a single match;
  what IDM shows then is the mock's choice).
- Login.gov users get no IDM MFA prompt: their MFA is managed at Login.gov (CMS IDM FAQ,
  https://test2.identity.cms.gov/store/faq: "If you use Login.gov MFA is managed within your
  Login.gov account, not IDM").
- ``error=access_denied`` from Login.gov (the user cancelled, or the account is not verified)
  is shown on IDM's page with its catalogue code and a way back to the chooser; no public source
  shows IDM's page for either (the mock's choice).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

import httpx
from joserfc import jwt
from joserfc.errors import JoseError

from mock_portal.accounts.provisioning import NewUser
from mock_portal.errors.catalogue import ErrorCode, Link, logingov_refused, system_unavailable
from mock_portal.sites import web
from mock_portal.sites.idm.authorize import finish_sign_in, sign_in_url
from mock_portal.sites.idm.chooser import LOGINGOV_IDP
from mock_portal.sites.idm.signin import _ended
from mock_portal.sites.idm.state import Federation
from mock_portal.sites.logingov.oidc import (
    ASSERTION_TYPE,
    AUTHORIZE_PATH,
    NOT_VERIFIED,
    TOKEN_PATH,
)
from mock_portal.sites.logingov.provider import IDM_CALLBACK_PATH, IDM_CLIENT_ID
from mock_portal.sites.logingov.state import VERIFIED
from mock_portal.sites.security import new_token, pkce_challenge
from mock_portal.world.store import NAMESPACE_HEADER

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.errors.catalogue import PortalError
    from mock_portal.sites.idm.state import LoginTransaction
    from mock_portal.sites.logingov.provider import LoginGovProvider
    from mock_portal.world.services import Services
    from mock_portal.world.store import World

BACK_CHANNEL_TIMEOUT = httpx.Timeout(5.0)
ASSERTION_SECONDS = 300  # "a short period of time in the future (such as 5 minutes from now)"


class FederationFailed(Exception):
    def __init__(self, error: PortalError) -> None:
        super().__init__(error.message)
        self.error = error


def _login_gov(ctx: Services) -> LoginGovProvider:
    if ctx.logingov is None:
        raise LookupError("this portal has no Login.gov")
    return ctx.logingov


def _refused(
    request: Request, error: PortalError, transaction: LoginTransaction | None, status: int
) -> Response:
    link = Link("Back to sign in", sign_in_url(transaction)) if transaction is not None else None
    return web.render(
        request,
        "idm/message.html",
        {"heading": "Sign In", "paragraphs": [], "link": link, "errors": [error]},
        status=status,
    )


async def to_identity_provider(request: Request) -> Response:
    """``/sso/idps/{id}?stateToken=``: hand this sign-in to Login.gov."""
    ctx = web.services(request)
    if request.path_params.get("idp_id") != LOGINGOV_IDP:
        return web.render(
            request,
            "idm/message.html",
            {"heading": "Not found", "paragraphs": ["No such identity provider."], "link": None},
            status=404,
        )
    with web.unit_of_work(request) as world:
        key = request.query_params.get("stateToken", "")
        transaction = world.idm.transactions.touch(key) if key else None
        if transaction is None:
            return _ended(request)
        federation = Federation(transaction.token, new_token(24), new_token(24), new_token(48))
        world.idm.federations.put(federation.state, federation)
        world.journal.record(world.clock.now(), "idm.to_logingov")
    params = [
        ("client_id", IDM_CLIENT_ID),
        ("redirect_uri", ctx.urls.idm + IDM_CALLBACK_PATH),
        ("response_type", "code"),
        ("scope", "openid email"),
        ("acr_values", VERIFIED),
        ("prompt", "select_account"),
        ("state", federation.state),
        ("nonce", federation.nonce),
        ("code_challenge", pkce_challenge(federation.code_verifier)),
        ("code_challenge_method", "S256"),
    ]
    return web.redirect(web.with_query(_login_gov(ctx).issuer + AUTHORIZE_PATH, params), 302)


def _client_assertion(ctx: Services, world_now: int) -> str:
    login_gov = _login_gov(ctx)
    return ctx.signing_key.sign(
        {
            "iss": IDM_CLIENT_ID,
            "sub": IDM_CLIENT_ID,
            "aud": login_gov.issuer + TOKEN_PATH,
            "jti": secrets.token_urlsafe(24),
            "exp": world_now + ASSERTION_SECONDS,
        }
    )


async def _redeem(
    ctx: Services, namespace: str, code: str, federation: Federation, now: int
) -> dict[str, Any]:
    """The verified claims of Login.gov's ID token for ``code``."""
    login_gov = _login_gov(ctx)
    unavailable = FederationFailed(
        system_unavailable(
            "Sign in with Login.gov", "Login.gov", "a technical issue", spot_url=ctx.urls.spot
        )
    )
    try:
        async with httpx.AsyncClient(
            transport=ctx.logingov_transport, timeout=BACK_CHANNEL_TIMEOUT
        ) as http:
            answer = await http.post(
                login_gov.issuer + TOKEN_PATH,
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "code_verifier": federation.code_verifier,
                    "client_assertion_type": ASSERTION_TYPE,
                    "client_assertion": _client_assertion(ctx, now),
                },
                headers={NAMESPACE_HEADER: namespace},
            )
    except httpx.HTTPError as exc:
        raise unavailable from exc
    if answer.status_code != 200:
        raise unavailable
    try:
        id_token = answer.json()["id_token"]
        claims: dict[str, Any] = jwt.decode(
            id_token, login_gov.key.key_set(), algorithms=["RS256"]
        ).claims
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        raise unavailable from exc
    if (
        claims.get("iss") != login_gov.issuer
        or claims.get("aud") != IDM_CLIENT_ID
        or claims.get("nonce") != federation.nonce
        or not isinstance(claims.get("email"), str)
    ):
        raise unavailable
    return claims


def _linked_user(ctx: Services, world: World, claims: dict[str, Any]) -> IdmUser:
    """Okta's automatic account linking by e-mail, or a just-in-time user."""
    email = str(claims["email"]).lower()
    matches = [user for user in world.users.values() if user.email.lower() == email]
    if len(matches) > 1:
        raise FederationFailed(logingov_refused(ErrorCode.LOGINGOV_EMAIL_AMBIGUOUS))
    if matches:
        user = matches[0]
        world.journal.record(world.clock.now(), "idm.logingov_linked", user_id=user.user_id)
    else:
        user, _ = ctx.provisioner.create_user(world, NewUser(email=email, mfa=False))
        world.journal.record(world.clock.now(), "idm.logingov_jit", user_id=user.user_id)
    user.extra["logingov_sub"] = str(claims.get("sub", ""))
    return user


async def callback(request: Request) -> Response:
    """``/oauth2/v1/authorize/callback``: Login.gov's answer for one federated sign-in."""
    ctx = web.services(request)
    params = request.query_params
    with web.unit_of_work(request) as world:
        federation = world.idm.federations.pop(params.get("state", ""))
        transaction = world.idm.transactions.touch(federation.transaction) if federation else None
        if federation is None or transaction is None:
            return _ended(request)
        now = int(world.clock.now().timestamp())
        error = params.get("error")
        if error:
            world.journal.record(world.clock.now(), "idm.logingov_refused", error=error)
            unverified = params.get("error_description") == NOT_VERIFIED
            code = ErrorCode.LOGINGOV_NOT_VERIFIED if unverified else ErrorCode.LOGINGOV_CANCELLED
            return _refused(
                request, logingov_refused(code), transaction, 403 if unverified else 401
            )
    try:
        claims = await _redeem(ctx, web.namespace(request), params.get("code", ""), federation, now)
    except FederationFailed as failed:
        return _refused(request, failed.error, transaction, 503)
    with web.unit_of_work(request) as world:
        live = world.idm.transactions.touch(federation.transaction)
        if live is None:
            return _ended(request)
        try:
            user = _linked_user(ctx, world, claims)
        except FederationFailed as failed:
            return _refused(request, failed.error, live, 409)
        live.user_key = user.user_id.lower()
        # No IDM MFA: Login.gov did it (IDM's FAQ).
        return finish_sign_in(request, ctx, world, live, user)
