"""The OIDC authorization endpoint and what IDM does once it knows who the user is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.availability.status import outage
from mock_portal.availability.systems import SystemName
from mock_portal.errors.catalogue import NOT_ASSIGNED_TEXT
from mock_portal.sites import web
from mock_portal.sites.idm import authorize_params
from mock_portal.sites.idm.clients import find_client
from mock_portal.sites.idm.cookies import SESSION_COOKIE
from mock_portal.sites.idm.state import (
    AuthorizationCode,
    AuthorizeRequest,
    IdmSession,
    LoginTransaction,
)
from mock_portal.sites.security import new_token

if TYPE_CHECKING:
    from datetime import datetime

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


def skip_to(transaction: LoginTransaction) -> str | None:
    from mock_portal.sites.idm import chooser  # chooser.py builds on this module's paths

    return chooser.skip_to(transaction)


def current_session(request: Request, world: World) -> tuple[IdmSession, IdmUser] | None:
    sid = request.cookies.get(SESSION_COOKIE)
    session = world.idm.sessions.touch(sid) if sid else None
    if session is None:
        return None
    user = world.users.get(session.user_key)
    return (session, user) if user is not None else None


async def authorize(request: Request) -> Response:
    ctx = web.services(request)
    with web.unit_of_work(request) as world:
        # An unknown client_id is checked against SPOT's registration, which refuses it.
        client = find_client(ctx, world, request.query_params.get("client_id", ""))
    checked = authorize_params.check(request.query_params, client or ctx.spot_client, ctx.urls.idm)
    if isinstance(checked, authorize_params.PageRefusal):
        return authorize_params.page(request, checked)
    if isinstance(checked, authorize_params.RedirectRefusal):
        return authorize_params.refuse_by_redirect(checked)
    auth_request = checked
    with web.unit_of_work(request) as world:
        if outage(world, SystemName.IDM) is not None:
            # Down for maintenance: OAuth 2.0's own error for it (RFC 6749 section 4.1.2.1), so
            # SPOT, the first page the user sees again, can say IDM is unavailable.
            return authorize_params.refuse_request(
                auth_request, "temporarily_unavailable", "IDM is down for maintenance."
            )
        signed_in = current_session(request, world)
        use = authorize_params.session_use(
            auth_request, signed_in[0] if signed_in else None, world.clock.now()
        )
        if use is authorize_params.SessionUse.LOGIN_REQUIRED:
            return authorize_params.refuse_request(
                auth_request, "login_required", authorize_params.LOGIN_REQUIRED
            )
        if use is authorize_params.SessionUse.ANSWER and signed_in is not None:
            # A live IDM session answers at once, without prompting, as Okta does.
            session, user = signed_in
            return answer_client(ctx, world, auth_request, user, auth_time=session.authenticated_at)
        transaction = begin_transaction(world, auth_request)
    # `idp=` skips IDM's first page (chooser.py says where it goes).
    return web.redirect(skip_to(transaction) or sign_in_url(transaction), 302)


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
    client: Client,
    world: World,
    auth_request: AuthorizeRequest,
    user: IdmUser,
    auth_time: datetime | None = None,
) -> AuthorizationCode | None:
    """A code for a user assigned to the client; None for anyone else, whose refusal is kept
    for SPOT's guidance (spot/access_guidance.py)."""
    if not client.is_assigned(user):
        world.journal.record(world.clock.now(), "idm.access_denied", user_id=user.user_id)
        world.idm.refusals.put(auth_request.state, user.user_id.lower())
        return None
    # auth_time: when the user last proved who they are (OIDC ref L1740-1753), not when the code
    # was made: a live session's code carries the session's sign-in time.
    authenticated = auth_time if auth_time is not None else world.clock.now()
    code = AuthorizationCode(new_token(24), auth_request, user.user_id.lower(), authenticated)
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
    auth_time: datetime | None = None,
) -> Response:
    """Send the browser back to the client: a code if the user is assigned, else Okta's error,
    in the request's ``response_mode``."""
    client = find_client(ctx, world, auth_request.client_id)
    # A client gone since the request began (its namespace was reset) admits nobody.
    code = None if client is None else issue_code(client, world, auth_request, user, auth_time)
    if code is None:
        answer = [
            ("state", auth_request.state),
            ("error", "access_denied"),
            ("error_description", NOT_ASSIGNED_TEXT),
        ]
    else:
        answer = [("code", code.code), ("state", auth_request.state)]
    return authorize_params.deliver(
        auth_request.redirect_uri, auth_request.response_mode, answer, status
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
