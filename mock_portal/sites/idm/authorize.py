"""The OIDC authorization endpoint and what IDM does once it knows who the user is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mock_portal.availability.status import outage
from mock_portal.availability.systems import SystemName
from mock_portal.errors.catalogue import NOT_ASSIGNED_TEXT
from mock_portal.sites import web
from mock_portal.sites.idm.cookies import SESSION_COOKIE
from mock_portal.sites.idm.state import (
    AuthorizationCode,
    AuthorizeRequest,
    IdmSession,
    LoginTransaction,
)
from mock_portal.sites.security import new_token

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.sites.idm.clients import Client
    from mock_portal.world.services import Services
    from mock_portal.world.store import World

SIGN_IN_PATH = "/login/login.htm"
# The form posts elsewhere, as Okta's widget posts to /api/v1/authn.
SIGN_IN_POST_PATH = "/login/authn"
# Each /authorize begins its own sign-in transaction at its own URL, as Okta Classic's hosted
# sign-in page is addressed: /login/login.htm?fromURI=/oauth2/v1/authorize/redirect?okta_key=...
# (okta/okta-signin-widget#1045; the recorded traffic of okta/samples-java-spring's
# tools/mock-okta tapes, which also serve the page `no-store`). The mock puts the key straight in
# the page's query rather than inside fromURI; what matters is the same: a per-login URL, so
# several log ins can be open in one browser (two tabs both sign in) and no page is reused.
TRANSACTION_KEY = "okta_key"


def sign_in_url(transaction: LoginTransaction) -> str:
    return web.with_query(SIGN_IN_PATH, [(TRANSACTION_KEY, transaction.token)])


# Okta: "State parameters can contain alphanumeric, comma, period, underscore, and hyphen
# characters"; others get invalid_request (Okta support, "The Authentication Request Has an
# Invalid 'state' Parameter").
_STATE = re.compile(r"[A-Za-z0-9,._-]+")


def current_session(request: Request, world: World) -> tuple[IdmSession, IdmUser] | None:
    sid = request.cookies.get(SESSION_COOKIE)
    session = world.idm.sessions.touch(sid) if sid else None
    if session is None:
        return None
    user = world.users.get(session.user_key)
    return (session, user) if user is not None else None


def bad_request_page(request: Request, reason: str) -> Response:
    # Okta shows its own 400 page for an unknown client or redirect URI, and never redirects:
    # redirecting to an unregistered URI would make IDM an open redirector.
    return web.render(
        request,
        "idm/message.html",
        {"heading": "400 Bad Request", "paragraphs": [reason], "link": None},
        status=400,
    )


async def authorize(request: Request) -> Response:
    ctx = web.services(request)
    params = request.query_params
    client = ctx.spot_client
    if params.get("client_id") != client.client_id:
        return bad_request_page(request, "The 'client_id' parameter is missing or unknown.")
    redirect_uri = params.get("redirect_uri", "")
    if redirect_uri not in client.redirect_uris:
        return bad_request_page(
            request, "The 'redirect_uri' parameter must be a registered redirect URI."
        )
    state = params.get("state", "")

    def refuse(error: str, description: str) -> Response:
        answer = [("error", error), ("error_description", description)]
        return web.redirect(web.with_query(redirect_uri, [("state", state), *answer]), 302)

    if params.get("response_type") != "code":
        return refuse("unsupported_response_type", "The response type is not supported.")
    scope = params.get("scope", "")
    if "openid" not in scope.split():
        return refuse("invalid_scope", "The 'scope' must include 'openid'.")
    if not state:
        return refuse("invalid_request", "The 'state' parameter is required.")
    if not _STATE.fullmatch(state):
        return refuse(
            "invalid_request", "The authentication request has an invalid 'state' parameter."
        )
    challenge = params.get("code_challenge", "")
    if params.get("code_challenge_method") != "S256" or not 43 <= len(challenge) <= 128:
        return refuse("invalid_request", "PKCE is required: send an S256 'code_challenge'.")
    auth_request = AuthorizeRequest(
        client_id=client.client_id,
        redirect_uri=redirect_uri,
        state=state,
        nonce=params.get("nonce") or None,
        code_challenge=challenge,
        scope=scope,
    )
    with web.unit_of_work(request) as world:
        if outage(world, SystemName.IDM) is not None:
            # Down for maintenance: OAuth 2.0's own error for it (RFC 6749 section 4.1.2.1), so
            # SPOT, the first page the user sees again, can say IDM is unavailable.
            return refuse("temporarily_unavailable", "IDM is down for maintenance.")
        signed_in = current_session(request, world)
        if signed_in is not None:
            # A live IDM session answers at once, without prompting, as Okta does.
            return answer_client(ctx, world, auth_request, signed_in[1])
        transaction = begin_transaction(world, auth_request)
    return web.redirect(sign_in_url(transaction), 302)


# What a sign-in changes in IDM's store, apart from the pages and redirects around it: the
# handlers here and in signin.py call these, and so does the memory benchmark's store-level
# login (fixtures/login_churn.py), so the two cannot drift apart. Each takes the World a unit of
# work gives (web.unit_of_work; the benchmark holds the store's lock itself).


def begin_transaction(world: World, auth_request: AuthorizeRequest | None) -> LoginTransaction:
    """A sign-in attempt waiting for the user's credentials (its token is the stateToken, and
    the key in its pages' URLs); it lives 15 idle minutes (state.TRANSACTION_IDLE_TTL)."""
    transaction = LoginTransaction(new_token(24), auth_request, world.clock.now())
    world.idm.transactions.put(transaction.token, transaction)
    return transaction


def open_session(
    world: World, transaction: LoginTransaction, user: IdmUser, old_sid: str | None
) -> IdmSession:
    """Spend the transaction and start a fresh IDM session (a new id: no session fixation)."""
    world.idm.transactions.pop(transaction.token)
    if old_sid:
        world.idm.sessions.pop(old_sid)
    session = IdmSession(new_token(32), user.user_id.lower(), world.clock.now(), new_token(24))
    world.idm.sessions.put(session.id, session)
    world.journal.record(world.clock.now(), "idm.sign_in", user_id=user.user_id)
    return session


def issue_code(
    client: Client, world: World, auth_request: AuthorizeRequest, user: IdmUser
) -> AuthorizationCode | None:
    """A code for a user assigned to the client; None for anyone else, whose refusal is kept
    for SPOT's guidance (spot/access_guidance.py)."""
    if not client.is_assigned(user):
        world.journal.record(world.clock.now(), "idm.access_denied", user_id=user.user_id)
        world.idm.refusals.put(auth_request.state, user.user_id.lower())
        return None
    code = AuthorizationCode(new_token(24), auth_request, user.user_id.lower(), world.clock.now())
    world.idm.codes.put(code.code, code)
    return code


def end_session(world: World, session: IdmSession, user: IdmUser) -> None:
    world.idm.sessions.pop(session.id)
    world.journal.record(world.clock.now(), "idm.sign_out", user_id=user.user_id)


def answer_client(
    ctx: Services,
    world: World,
    auth_request: AuthorizeRequest,
    user: IdmUser,
    status: int = 302,
) -> Response:
    """Send the browser back to the client: a code if the user is assigned, else Okta's error."""
    code = issue_code(ctx.spot_client, world, auth_request, user)
    if code is None:
        return web.redirect(
            web.with_query(
                auth_request.redirect_uri,
                [
                    ("state", auth_request.state),
                    ("error", "access_denied"),
                    ("error_description", NOT_ASSIGNED_TEXT),
                ],
            ),
            status,
        )
    return web.redirect(
        web.with_query(
            auth_request.redirect_uri, [("code", code.code), ("state", auth_request.state)]
        ),
        status,
    )


def finish_sign_in(
    request: Request, ctx: Services, world: World, transaction: LoginTransaction, user: IdmUser
) -> Response:
    """The user proved who they are: spend the transaction, start a fresh session, answer."""
    session = open_session(world, transaction, user, request.cookies.get(SESSION_COOKIE))
    response: Response
    if transaction.request is None:
        response = web.redirect("/app/UserHome", 303)
    else:
        # 303: the browser must follow a form post with a GET.
        response = answer_client(ctx, world, transaction.request, user, status=303)
    web.set_cookie(response, SESSION_COOKIE, session.id)
    return response
