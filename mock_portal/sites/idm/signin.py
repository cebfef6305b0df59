"""IDM's sign-in pages: User ID and password; the steps after it are in next_step.py and mfa.py.

Each page belongs to one sign-in transaction, named by the key in its URL (``?okta_key=``) and
in its forms (``stateToken``), as Okta's hosted pages are (see authorize.py): nothing about the
transaction is in a cookie, so log ins in two tabs of one browser do not disturb each other.
Every request to a transaction restarts its 15 idle minutes; an ended one (idle too long,
already finished, never existed) gets Identity Engine's answer, ``SIGN_IN_EXPIRED``, which does
not blame the browser's cache. IDM's pages are never cacheable (the front end's ``no-store``),
as recorded Okta traffic serves its sign-in page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.accounts import lockout
from mock_portal.availability.status import unavailable_error
from mock_portal.availability.systems import SystemName
from mock_portal.errors.catalogue import (
    FormErrors,
    PortalError,
    account_locked,
    account_suspended,
    required,
    sign_in_expired,
    sign_in_failed,
    terms_not_accepted,
)
from mock_portal.sites import web
from mock_portal.sites.idm import chooser, next_step
from mock_portal.sites.idm.authorize import (
    TRANSACTION_KEY,
    begin_transaction,
    sign_in_url,
)
from mock_portal.sites.idm.authorize_params import login_hint
from mock_portal.sites.security import verify_password
from mock_portal.world.clock import eastern_text

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.sites.idm.state import LoginTransaction
    from mock_portal.world.store import World

VERIFY_PATH = next_step.VERIFY_PATH
SIGN_IN = "Sign in"
ENDED = (
    "This sign-in page belongs to a log in that has ended: it was left open more than 15 "
    "minutes, or it was already used to sign in, so it cannot be used again."
)


def _live_transaction(world: World, key: str) -> LoginTransaction | None:
    """The transaction ``key`` names, if it is still live; using it restarts its idle time."""
    return world.idm.transactions.touch(key) if key else None


def _ended(request: Request, detail: str = ENDED) -> Response:
    """Identity Engine's answer for an ended transaction, with its way back to sign in.

    401, as Okta's API answers an invalid stateToken (E0000011). The link starts a new log in
    at SPOT, the client the mock serves (Okta's "Back to sign in").
    """
    ctx = web.services(request)
    return web.render(
        request,
        "idm/signin.html",
        {
            "errors": [sign_in_expired(detail)],
            "state_token": None,
            "username": "",
            "restart_url": ctx.spot_client.initiate_login_uri,
        },
        status=401,
    )


def _sign_in_page(
    request: Request,
    world: World,
    transaction: LoginTransaction,
    errors: list[PortalError] | None = None,
    username: str = "",
    status: int = 200,
) -> Response:
    return web.render(
        request,
        "idm/signin.html",
        {
            "errors": errors or [],
            "state_token": transaction.token,
            "username": username,
            "self_help": chooser.self_help_links(world),
        },
        status=status,
    )


async def sign_in_page(request: Request) -> Response:
    key = request.query_params.get(TRANSACTION_KEY, "")
    with web.unit_of_work(request) as world:
        if not key:
            # Someone opened IDM directly: a transaction to sign in to IDM itself, at its URL.
            return web.redirect(sign_in_url(begin_transaction(world, None)), 302)
        transaction = _live_transaction(world, key)
        if transaction is None:
            return _ended(request)
        if chooser.shows_chooser(world, request):
            return chooser.chooser_page(request, transaction)
        world.journal.record(world.clock.now(), "idm.sign_in_page")
        return _sign_in_page(request, world, transaction, username=login_hint(transaction))


def send_code(world: World, transaction: LoginTransaction, user: IdmUser) -> None:
    """Send a new one-time code for this sign-in by its factor (e-mail by default)."""
    next_step.send(world, transaction, user)


async def sign_in(request: Request) -> Response:
    ctx = web.services(request)
    form = await web.read_form(request)
    token = web.form_text(form, "stateToken")
    username = web.form_text(form, "username").strip()
    password = web.form_text(form, "password")
    with web.unit_of_work(request) as world:
        transaction = _live_transaction(world, token)
        if transaction is None:
            return _ended(request)
        down = unavailable_error(world, SystemName.IDM, SIGN_IN, web.services(request).urls.spot)
        if down is not None:  # it went down while the sign-in page was open
            return _sign_in_page(request, world, transaction, [down], username, status=503)
        errors = FormErrors()
        if not username:
            errors.add(required("username", "User ID"))
        if not password:
            errors.add(required("password", "Password"))
        if web.form_text(form, "terms") != "agree":
            errors.add(terms_not_accepted())
        if errors:
            return _sign_in_page(request, world, transaction, errors.items, username, status=422)
        user = world.find_user(username)
        unlocks = lockout.locked_until(world, user) if user is not None else None
        if user is not None and (user.suspended or unlocks is not None):
            # A locked account stays locked, even for the right password; more attempts while
            # locked suspend it (lockout.py).
            if user.suspended or lockout.record_attempt_while_locked(world, user):
                suspended = [account_suspended()]
                return _sign_in_page(request, world, transaction, suspended, username, 403)
            locked = [account_locked(eastern_text(unlocks or world.clock.now()))]
            return _sign_in_page(request, world, transaction, locked, username, status=423)
        if user is None or not verify_password(password, user.password_hash):
            world.journal.record(world.clock.now(), "idm.sign_in_failed")
            unlocks = lockout.record_failure(world, user) if user is not None else None
            if unlocks is not None:
                locked = [account_locked(eastern_text(unlocks))]
                return _sign_in_page(request, world, transaction, locked, username, status=423)
            return _sign_in_page(
                request, world, transaction, [sign_in_failed()], username, status=401
            )
        lockout.record_success(user)
        # A new password if it expired, then MFA, each in the same transaction at its own URL.
        return next_step.after_password(request, ctx, world, transaction, user)
