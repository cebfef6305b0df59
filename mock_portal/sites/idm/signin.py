"""IDM's sign-in pages: User ID and password, then the e-mailed verification code."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from mock_portal.accounts import lockout
from mock_portal.availability.status import unavailable_error
from mock_portal.availability.systems import SystemName
from mock_portal.errors.catalogue import (
    FormErrors,
    PortalError,
    account_locked,
    mfa_code_invalid,
    required,
    sign_in_failed,
    stale_session,
    terms_not_accepted,
)
from mock_portal.sites import web
from mock_portal.sites.caching import page_cache_control
from mock_portal.sites.idm.authorize import begin_transaction, finish_sign_in
from mock_portal.sites.idm.authorize_params import login_hint
from mock_portal.sites.idm.cookies import TRANSACTION_COOKIE
from mock_portal.sites.idm.state import MFA_CODE_TTL, LoginTransaction
from mock_portal.sites.security import same, verify_password
from mock_portal.world.clock import eastern_text
from mock_portal.world.outbox import Mail
from mock_portal.world.pii import mask_email

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.world.store import World

VERIFY_PATH = "/signin/verify"
SIGN_IN = "Sign in"
STALE_PAGE = (
    "This sign-in page was saved by your browser during an earlier log in, and its one-time "
    "sign-in token has already been used or has expired."
)


def _transaction_from_cookie(request: Request, world: World) -> LoginTransaction | None:
    token = request.cookies.get(TRANSACTION_COOKIE)
    return world.idm.transactions.get(token) if token else None


def _submitted_transaction(request: Request, world: World, token: str) -> LoginTransaction | None:
    """The transaction a form belongs to, if it is the browser's current one and still live."""
    cookie = request.cookies.get(TRANSACTION_COOKIE, "")
    if not token or not cookie or not same(token, cookie):
        return None
    return world.idm.transactions.get(token)


def _stale(request: Request, detail: str) -> Response:
    ctx = web.services(request)
    return web.render(
        request,
        "idm/signin.html",
        {
            "errors": [stale_session(detail)],
            "state_token": None,
            "username": "",
            "restart_url": ctx.spot_client.initiate_login_uri,
        },
        status=400,
    )


def _sign_in_page(
    request: Request,
    world: World,
    transaction: LoginTransaction,
    errors: list[PortalError] | None = None,
    username: str = "",
    status: int = 200,
) -> Response:
    # The real sign-in page's shell is cacheable: a browser that keeps it re-posts the one-time
    # stateToken of an earlier log in (see mock_portal/sites/caching.py).
    return web.render(
        request,
        "idm/signin.html",
        {"errors": errors or [], "state_token": transaction.token, "username": username},
        status=status,
        headers={"Cache-Control": page_cache_control(world)},
    )


async def sign_in_page(request: Request) -> Response:
    with web.unit_of_work(request) as world:
        transaction = _transaction_from_cookie(request, world)
        started_here = transaction is None
        if transaction is None:
            # Someone opened IDM directly: sign them in to IDM itself.
            transaction = begin_transaction(world, None)
        world.journal.record(world.clock.now(), "idm.sign_in_page")
        response = _sign_in_page(request, world, transaction, username=login_hint(transaction))
    if started_here:
        web.set_cookie(response, TRANSACTION_COOKIE, transaction.token)
    return response


def send_code(world: World, transaction: LoginTransaction, user: IdmUser) -> None:
    """E-mail a new one-time code for this sign-in."""
    code = f"{secrets.randbelow(1_000_000):06d}"
    transaction.mfa_code = code
    transaction.mfa_sent_at = world.clock.now()
    world.outbox.send(
        Mail(
            to=user.email,
            subject="Your CMS IDM verification code",
            body=(
                f"Hello {user.first_name},\n\nYour one-time verification code is {code}.\n"
                "It expires in 5 minutes. If you did not try to sign in, contact your help desk."
            ),
            sent_at=world.clock.now(),
        )
    )


async def sign_in(request: Request) -> Response:
    ctx = web.services(request)
    form = await web.read_form(request)
    token = web.form_text(form, "stateToken")
    username = web.form_text(form, "username").strip()
    password = web.form_text(form, "password")
    with web.unit_of_work(request) as world:
        transaction = _submitted_transaction(request, world, token)
        if transaction is None:
            return _stale(request, STALE_PAGE)
        down = unavailable_error(world, SystemName.IDM, SIGN_IN)
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
        if user is not None and unlocks is not None:
            # A locked account stays locked, even for the right password.
            locked = [account_locked(eastern_text(unlocks))]
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
        transaction.user_key = user.user_id.lower()
        if not user.mfa:
            return finish_sign_in(request, ctx, world, transaction, user)
        send_code(world, transaction, user)
    return web.redirect(VERIFY_PATH, 303)


def _mfa_transaction(request: Request, world: World, token: str | None) -> LoginTransaction | None:
    if token is None:
        transaction = _transaction_from_cookie(request, world)
    else:
        transaction = _submitted_transaction(request, world, token)
    if transaction is None or transaction.user_key is None:
        return None
    return transaction


def _verify_page(
    request: Request,
    world: World,
    transaction: LoginTransaction,
    errors: list[PortalError] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    user = world.users.get(transaction.user_key or "")
    return web.render(
        request,
        "idm/verify.html",
        {
            "errors": errors or [],
            "notice": notice,
            "state_token": transaction.token,
            "masked_email": mask_email(user.email) if user else "",
        },
        status=status,
    )


async def verify_page(request: Request) -> Response:
    with web.unit_of_work(request) as world:
        transaction = _mfa_transaction(request, world, None)
        if transaction is None:
            return _stale(request, "This verification page belongs to a log in that has ended.")
        return _verify_page(request, world, transaction)


async def verify(request: Request) -> Response:
    ctx = web.services(request)
    form = await web.read_form(request)
    code = web.form_text(form, "code").strip()
    with web.unit_of_work(request) as world:
        transaction = _mfa_transaction(request, world, web.form_text(form, "stateToken"))
        if transaction is None:
            return _stale(request, "This verification page belongs to a log in that has ended.")
        if not code:
            return _verify_page(
                request, world, transaction, [required("code", "Verification code")], status=422
            )
        sent_at = transaction.mfa_sent_at
        expected = transaction.mfa_code
        live = sent_at is not None and world.clock.now() - sent_at < MFA_CODE_TTL
        if not (live and expected is not None and same(code, expected)):
            world.journal.record(world.clock.now(), "idm.mfa_failed")
            return _verify_page(request, world, transaction, [mfa_code_invalid()], status=401)
        user = world.users.get(transaction.user_key or "")
        if user is None:
            return _stale(request, "This account no longer exists.")
        return finish_sign_in(request, ctx, world, transaction, user)


async def resend_code(request: Request) -> Response:
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        transaction = _mfa_transaction(request, world, web.form_text(form, "stateToken"))
        user = world.users.get(transaction.user_key or "") if transaction else None
        if transaction is None or user is None:
            return _stale(request, "This verification page belongs to a log in that has ended.")
        send_code(world, transaction, user)
        return _verify_page(request, world, transaction, notice="We sent you a new code.")
