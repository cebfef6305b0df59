"""SPOT's log in and log off: the OIDC authorization-code flow with PKCE against IDM."""

from __future__ import annotations

import base64
import secrets
from typing import TYPE_CHECKING

from mock_portal.accounts import lifecycle
from mock_portal.availability.features import LOG_IN as LOG_IN_FEATURE
from mock_portal.availability.status import feature_unavailable
from mock_portal.availability.systems import TECHNICAL_ISSUE, SystemName
from mock_portal.errors.catalogue import (
    ErrorCode,
    Link,
    PortalError,
    clock_skew,
    sign_in_request_refused,
    spot_access_inactive,
    stale_session,
    system_unavailable,
)
from mock_portal.sites import web
from mock_portal.sites.security import new_token, pkce_challenge, same
from mock_portal.sites.spot import session as spot_session
from mock_portal.sites.spot.access_guidance import not_assigned_error
from mock_portal.sites.spot.oidc_client import (
    CALLBACK_PATH,
    CLOCK_SKEW,
    LOGGED_OFF_PATH,
    OidcError,
)
from mock_portal.sites.spot.release import stale_release
from mock_portal.sites.spot.state import PendingLogin, SpotSession

# IDM's "My Portal > Manage My Roles" request page: a public IDM address SPOT links to, as the
# real SPOT links to idm.cms.gov's.
IDM_ROLE_REQUEST_PATH = "/app/roles/request"
# IDM's profile Change Password page, where SPOT sends a user whose access went inactive.
IDM_PASSWORD_PATH = "/app/profile/password"  # noqa: S105 (a path)

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.world.store import World

LOG_IN = LOG_IN_FEATURE.name

# SPOT's correlation cookies. First Coast does not publish SPOT's OIDC middleware; the mock models
# ASP.NET Core's OpenIdConnect handler (the mock's choice of a common one whose cookies are known
# to pile up). Each log in it starts sets two cookies, both scoped to the callback path, so the
# browser sends them only when IDM sends it back to SPOT:
# - ".AspNetCore.Correlation.<id>" = "N", expiring after RemoteAuthenticationTimeout, 15 minutes
#   (aspnetcore src/Security/Authentication/Core/src/RemoteAuthenticationOptions.cs,
#   CorrelationCookieBuilder: Path = CallbackPath, Expires = now + RemoteAuthenticationTimeout);
# - ".AspNetCore.OpenIdConnect.Nonce.<protected nonce>" = "N", expiring after the protocol
#   validator's NonceLifetime, 60 minutes (OpenIdConnectOptions' OpenIdConnectNonceCookieBuilder).
# The callback deletes the pair it used; a log in that never comes back leaves its pair until it
# expires. Enough abandoned attempts (a bookmark opened while signed out, a Back button, a tab
# left at IDM) push the callback's Cookie header past nginx's 8 KiB: "400 Request Header Or Cookie
# Too Large" (dotnet/aspnetcore#17247, #24870 "Correlation failed", #43041;
# DuendeArchive/IdentityServer4#3837). Clearing cookies fixes it.
# Differences: ASP.NET sends them SameSite=None; Secure (for form_post answers); the mock's SPOT
# takes the answer in the query over plain http, so they are SameSite=Lax, not Secure.
CORRELATION_PREFIX = ".AspNetCore.Correlation."
NONCE_PREFIX = ".AspNetCore.OpenIdConnect.Nonce."
CORRELATION_MAX_AGE = 15 * 60
NONCE_MAX_AGE = 60 * 60
# The protected nonce's size is the mock's: a data-protection payload whose length depends on the
# key ring; 320 random bytes (427 characters) is within what the issues' captures show.
PROTECTED_NONCE_BYTES = 320


def _correlation_cookies(world: World) -> tuple[tuple[str, str, int], ...]:
    """(name, value, max-age) of the cookies one log in attempt sets. With cache traps off SPOT
    keeps the nonce on the server and sets only the small correlation cookie, so abandoned log
    ins cannot fill the header (a portal without the problem)."""
    correlation = (CORRELATION_PREFIX + new_token(32), "N", CORRELATION_MAX_AGE)
    if not world.cache_traps:
        return (correlation,)
    protected = base64.urlsafe_b64encode(secrets.token_bytes(PROTECTED_NONCE_BYTES))
    nonce = (NONCE_PREFIX + protected.decode().rstrip("="), "N", NONCE_MAX_AGE)
    return (correlation, nonce)


def set_correlation_cookies(response: Response, pending: PendingLogin) -> None:
    for name, value, max_age in pending.correlation_cookies:
        response.set_cookie(
            name, value, max_age=max_age, path=CALLBACK_PATH, httponly=True, samesite="lax"
        )


def delete_correlation_cookies(response: Response, pending: PendingLogin) -> None:
    for name, _, _ in pending.correlation_cookies:
        response.delete_cookie(name, path=CALLBACK_PATH, httponly=True, samesite="lax")


def safe_next(value: str | None) -> str:
    """Only local paths: ``next`` must never turn SPOT into an open redirector."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return "/home"


def start_login(world: World, next_path: str) -> PendingLogin:
    """Mint the OIDC state, nonce and PKCE verifier for one login."""
    state = new_token(24)
    pending = PendingLogin(
        state=state,
        nonce=new_token(24),
        code_verifier=new_token(48),
        correlation_cookies=_correlation_cookies(world),
        next_path=next_path,
        created_at=world.clock.now(),
    )
    world.spot.logins.put(state, pending)
    return pending


def take_login(world: World, state: str) -> PendingLogin | None:
    """The login IDM's answer belongs to, spent so the answer cannot be replayed (its state is
    remembered to tell a replay from a stranger)."""
    pending = world.spot.logins.pop(state) if state else None
    if pending is not None:
        world.spot.used_states.put(state, world.clock.now())
    return pending


def open_session(world: World, user: IdmUser, id_token: str, old_sid: str | None) -> SpotSession:
    """A fresh SPOT session for a verified login (a new id: no session fixation)."""
    if old_sid:
        world.spot.sessions.pop(old_sid)
    now = world.clock.now()
    session = SpotSession(new_token(32), user.user_id.lower(), id_token, new_token(24), now)
    world.spot.sessions.put(session.id, session)
    user.last_spot_login = now
    world.journal.record(now, "spot.log_in", user_id=user.user_id)
    return session


def close_session(world: World, session: SpotSession, user: IdmUser) -> None:
    world.spot.sessions.pop(session.id)
    world.journal.record(world.clock.now(), "spot.log_off", user_id=user.user_id)


def error_page(request: Request, error: PortalError, status: int) -> Response:
    # No Log in link beside an outage: it could only lead back to the same error.
    login_url = None if error.code is ErrorCode.SYSTEM_UNAVAILABLE else "/login"
    return web.render(
        request, "spot/landing.html", {"errors": [error], "login_url": login_url}, status=status
    )


async def login(request: Request) -> Response:
    ctx = web.services(request)
    with web.unit_of_work(request) as world:
        down = feature_unavailable(world, LOG_IN_FEATURE)
        if down is not None:
            return error_page(request, down, 503)
        pending = start_login(world, safe_next(request.query_params.get("next")))
    url = ctx.oidc.authorize_url(
        pending.state, pending.nonce, pkce_challenge(pending.code_verifier)
    )
    response = web.redirect(url, 302)
    set_correlation_cookies(response, pending)
    return response


def _stale(request: Request, detail: str) -> Response:
    return error_page(request, stale_session(detail), 400)


async def callback(request: Request) -> Response:
    ctx = web.services(request)
    params = request.query_params
    state = params.get("state", "")
    # Two units of work around redeeming the code at IDM (an HTTP call): the lock is never held
    # across the await.
    with web.unit_of_work(request) as world:
        pending = take_login(world, state)
        if pending is None:
            replayed = bool(state) and world.spot.used_states.get(state) is not None
            return _stale(
                request,
                "SPOT received a log in answer it had already used: your browser re-used a "
                "saved SPOT page or link from an earlier log in."
                if replayed
                else "SPOT did not recognise this log in: it was started from a saved page, "
                "or it took too long.",
            )
        correlation, value, _ = pending.correlation_cookies[0]
        if not same(request.cookies.get(correlation, ""), value):
            # ASP.NET Core's "Correlation failed.": the cookies were cleared or expired mid-log in.
            return _stale(
                request,
                "This log in was started with cookies this browser no longer has "
                "(correlation failed).",
            )
        if params.get("error") == "access_denied":
            refused = world.idm.refusals.pop(state)
            user = world.users.get(refused) if refused else None
            request_url = ctx.urls.idm + IDM_ROLE_REQUEST_PATH
            return error_page(request, not_assigned_error(world, user, request_url), 403)
        # SPOT or IDM went down while the user was at IDM (IDM answers temporarily_unavailable,
        # RFC 6749 section 4.1.2.1, when it is the one down): say so rather than finish.
        down = feature_unavailable(world, LOG_IN_FEATURE)
        if down is None and params.get("error") == "temporarily_unavailable":
            down = system_unavailable(LOG_IN, SystemName.IDM.value, TECHNICAL_ISSUE)
        if down is not None:
            return error_page(request, down, 503)
        now = world.clock.timestamp()
        idm_timeout = world.idm_timeout  # the portal's, or the namespace's own
    if params.get("error"):
        # Any other OAuth error (invalid_request, invalid_scope, login_required, ...) is about
        # the request, not the browser's cache: say so (docs/okta-behaviour.md).
        not_done = sign_in_request_refused(
            params.get("error", ""), params.get("error_description", "")
        )
        return error_page(request, not_done, 400)
    code = params.get("code", "")
    if not code:
        return _stale(request, "IDM's answer carried no authorization code.")
    try:
        verified = await ctx.oidc.redeem(
            code,
            pending.code_verifier,
            pending.nonce,
            web.namespace(request),
            now,
            idm_timeout,
        )
    except OidcError as exc:
        if exc.kind == CLOCK_SKEW:
            with web.unit_of_work(request) as world:
                world.journal.record(world.clock.now(), "spot.clock_skew", cause=exc.detail)
            return error_page(request, clock_skew(exc.detail), 400)
        if exc.kind in ("unavailable", "temporarily_unavailable"):
            return error_page(request, system_unavailable(LOG_IN, "IDM", "a technical issue"), 503)
        return _stale(request, "IDM refused the log in: " + exc.detail)
    with web.unit_of_work(request) as world:
        return _open_session(request, world, pending, verified.id_token, verified.claims)


def _inactive(request: Request) -> PortalError:
    """SPOT_ACCESS_INACTIVE, with the way back: IDM's Change Password (a reset reactivates)."""
    idm = web.services(request).urls.idm
    return spot_access_inactive(
        (
            "Sign in to IDM, choose Change Password (or use Forgot Password on IDM's sign-in "
            "page), and set a new password; then log in to SPOT again.",
        ),
        Link("Change your password in IDM", idm + IDM_PASSWORD_PATH),
    )


def _open_session(
    request: Request, world: World, pending: PendingLogin, id_token: str, claims: dict[str, object]
) -> Response:
    username = claims.get("preferred_username")
    user = world.find_user(username) if isinstance(username, str) else None
    if user is None or user.id != claims.get("sub"):
        return _stale(request, "The account in this log in no longer exists.")
    if lifecycle.spot_access_inactive(user, world.clock.now()):
        world.journal.record(world.clock.now(), "spot.access_inactive", user_id=user.user_id)
        refused = error_page(request, _inactive(request), 403)
        delete_correlation_cookies(refused, pending)
        return refused
    old = request.cookies.get(spot_session.SESSION_COOKIE)
    session = open_session(world, user, id_token, old)
    response = web.redirect(pending.next_path, 303)
    web.set_cookie(response, spot_session.SESSION_COOKIE, session.id)
    delete_correlation_cookies(response, pending)  # as ASP.NET Core does once they are used
    return response


async def logoff(request: Request) -> Response:
    ctx = web.services(request)
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        signed_in = spot_session.current(request, world)
        if signed_in is None:
            return web.redirect(LOGGED_OFF_PATH, 303)
        if not spot_session.csrf_ok(signed_in, web.form_text(form, "csrf_token")):
            return _stale(request, "The Log off button came from a page saved before this log in.")
        old_script = stale_release(world, form)
        if old_script is not None:
            return web.render(
                request,
                "spot/problem.html",
                {**spot_session.page_context(signed_in), "errors": [old_script]},
                status=400,
            )
        close_session(world, signed_in.session, signed_in.user)
    # Okta's RP-initiated logout ends the IDM session too, then comes back to SPOT.
    response = web.redirect(
        ctx.oidc.logout_url(signed_in.session.id_token, ctx.urls.spot + LOGGED_OFF_PATH), 303
    )
    response.delete_cookie(spot_session.SESSION_COOKIE, path="/")
    return response


async def logged_off(request: Request) -> Response:
    return web.render(request, "spot/landing.html", {"notice": "You have logged off SPOT."})
