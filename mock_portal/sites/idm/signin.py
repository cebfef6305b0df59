"""IDM's sign-in pages: User ID and password, then the e-mailed verification code.

Each page belongs to one sign-in transaction, named by the key in its URL (``?okta_key=``) and
in its forms (``stateToken``), as Okta's hosted pages are (see authorize.py): nothing about the
transaction is in a cookie, so log ins in two tabs of one browser do not disturb each other.
Every request to a transaction restarts its 15 idle minutes; an ended one (idle too long,
already finished, never existed) gets Identity Engine's answer, ``SIGN_IN_EXPIRED``, which does
not blame the browser's cache. IDM's pages are never cacheable (the front end's ``no-store``),
as recorded Okta traffic serves its sign-in page.
"""

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
    sign_in_expired,
    sign_in_failed,
    terms_not_accepted,
)
from mock_portal.sites import web
from mock_portal.sites.idm import chooser
from mock_portal.sites.idm.authorize import (
    TRANSACTION_KEY,
    begin_transaction,
    finish_sign_in,
    sign_in_url,
)
from mock_portal.sites.idm.authorize_params import login_hint
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
        transaction = _live_transaction(world, token)
        if transaction is None:
            return _ended(request)
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
    # The MFA step stays in the same transaction, at its own URL.
    return web.redirect(web.with_query(VERIFY_PATH, [(TRANSACTION_KEY, transaction.token)]), 303)


def _mfa_transaction(world: World, key: str) -> LoginTransaction | None:
    """A live transaction past its password step."""
    transaction = _live_transaction(world, key)
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
    key = request.query_params.get(TRANSACTION_KEY, "")
    with web.unit_of_work(request) as world:
        transaction = _mfa_transaction(world, key)
        if transaction is None:
            return _ended(request)
        return _verify_page(request, world, transaction)


async def verify(request: Request) -> Response:
    ctx = web.services(request)
    form = await web.read_form(request)
    code = web.form_text(form, "code").strip()
    with web.unit_of_work(request) as world:
        transaction = _mfa_transaction(world, web.form_text(form, "stateToken"))
        if transaction is None:
            return _ended(request)
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
            return _ended(request, "The account of this log in no longer exists.")
        return finish_sign_in(request, ctx, world, transaction, user)


async def resend_code(request: Request) -> Response:
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        transaction = _mfa_transaction(world, web.form_text(form, "stateToken"))
        user = world.users.get(transaction.user_key or "") if transaction else None
        if transaction is None or user is None:
            return _ended(request)
        send_code(world, transaction, user)
        return _verify_page(request, world, transaction, notice="We sent you a new code.")
