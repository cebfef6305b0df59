"""IDM's MFA step: choosing a factor, the code page, checking the code, sending a new one.

The rules (lifetimes, resends, reuse, the per-authenticator lock) and their sources are in
accounts/factors.py. The page keeps the contract's labels for every factor: the field
"Verification code" and the button "Verify".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.accounts import factors
from mock_portal.accounts.models import MfaFactor
from mock_portal.errors.catalogue import (
    PortalError,
    mfa_code_invalid,
    mfa_code_used,
    mfa_factor_locked,
    required,
)
from mock_portal.sites import web
from mock_portal.sites.idm import next_step
from mock_portal.sites.idm.authorize import TRANSACTION_KEY
from mock_portal.sites.idm.signin import _ended, _live_transaction
from mock_portal.sites.idm.state import MFA_CODE_TTL
from mock_portal.sites.security import same
from mock_portal.world.clock import eastern_text
from mock_portal.world.pii import mask_email

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.sites.idm.state import LoginTransaction
    from mock_portal.world.store import World

# Okta's E0000109 for a resend inside 30 seconds (its words for SMS; the mock says it for every
# factor that sends a code).
RESEND_TOO_SOON = "A code was recently sent. Please wait {seconds} seconds before trying again."


def _mfa_transaction(world: World, key: str) -> tuple[LoginTransaction, IdmUser] | None:
    """A live transaction past its password step (and any password change), with its user."""
    transaction = _live_transaction(world, key)
    if transaction is None or transaction.user_key is None or transaction.password_change_due:
        return None
    user = world.users.get(transaction.user_key)
    return (transaction, user) if user is not None else None


def _mask_phone(phone: str | None) -> str:
    digits = [c for c in phone or "" if c.isdigit()]
    return "a phone ending in " + "".join(digits[-2:]) if digits else "your phone"


def _where(factor: MfaFactor, user: IdmUser) -> str:
    return {
        MfaFactor.EMAIL: f"We sent a 6-digit verification code to {mask_email(user.email)}. "
        "It expires in 5 minutes.",
        MfaFactor.SMS: f"We sent a text message with a 6-digit verification code to "
        f"{_mask_phone(user.phone)}. It expires in 5 minutes.",
        MfaFactor.VOICE: f"We are calling {_mask_phone(user.phone)} to read you a 6-digit "
        "verification code. It expires in 5 minutes.",
        MfaFactor.TOTP: "Enter the 6-digit code your authenticator app (Google Authenticator or "
        "Okta Verify) shows now.",
    }[factor]


def _verify_page(
    request: Request,
    world: World,
    transaction: LoginTransaction,
    user: IdmUser,
    errors: list[PortalError] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    factor = transaction.mfa_factor or MfaFactor.EMAIL
    return web.render(
        request,
        "idm/verify.html",
        {
            "errors": errors or [],
            "notice": notice,
            "state_token": transaction.token,
            "where": _where(factor, user),
            "sends_code": factor.sends_code,
            "factor_label": factor.label,
            "choose_url": next_step.step_url(next_step.CHOOSE_FACTOR_PATH, transaction)
            if len(user.mfa_factors) > 1
            else None,
        },
        status=status,
    )


def _locked(
    request: Request, world: World, transaction: LoginTransaction, user: IdmUser
) -> Response | None:
    """Identity Engine's answer while failed codes lock this factor: 429 (factors.py)."""
    factor = transaction.mfa_factor or MfaFactor.EMAIL
    until = factors.locked_until(user, factor, world.clock.now())
    if until is None:
        return None
    error = mfa_factor_locked(eastern_text(until))
    return _verify_page(request, world, transaction, user, [error], status=429)


async def verify_page(request: Request) -> Response:
    with web.unit_of_work(request) as world:
        found = _mfa_transaction(world, request.query_params.get(TRANSACTION_KEY, ""))
        if found is None:
            return _ended(request)
        transaction, user = found
        if transaction.mfa_factor is None:  # several factors, none chosen yet
            return web.redirect(next_step.step_url(next_step.CHOOSE_FACTOR_PATH, transaction))
        return _locked(request, world, transaction, user) or _verify_page(
            request, world, transaction, user
        )


def _code_is_right(world: World, transaction: LoginTransaction, user: IdmUser, code: str) -> str:
    """``factors.TotpCheck``'s answer for ``code`` in this transaction, whatever the factor."""
    now = world.clock.now()
    if transaction.mfa_factor is MfaFactor.TOTP:
        return factors.check_totp(user, code, now)
    sent_at, expected = transaction.mfa_sent_at, transaction.mfa_code
    live = sent_at is not None and now - sent_at < MFA_CODE_TTL
    right = live and expected is not None and same(code, expected)
    return factors.TotpCheck.OK if right else factors.TotpCheck.WRONG


async def verify(request: Request) -> Response:
    ctx = web.services(request)
    form = await web.read_form(request)
    code = web.form_text(form, "code").strip()
    with web.unit_of_work(request) as world:
        found = _mfa_transaction(world, web.form_text(form, "stateToken"))
        if found is None:
            return _ended(request)
        transaction, user = found
        factor = transaction.mfa_factor or MfaFactor.EMAIL
        locked = _locked(request, world, transaction, user)
        if locked is not None:
            return locked
        if not code:
            missing = [required("code", "Verification code")]
            return _verify_page(request, world, transaction, user, missing, status=422)
        answer = _code_is_right(world, transaction, user, code)
        if answer == factors.TotpCheck.REUSED:
            world.journal.record(world.clock.now(), "idm.mfa_code_reused", factor=factor.value)
            return _verify_page(request, world, transaction, user, [mfa_code_used()], status=401)
        if answer != factors.TotpCheck.OK:
            world.journal.record(world.clock.now(), "idm.mfa_failed", factor=factor.value)
            if factors.record_failure(world, user, factor) is not None:
                return _locked(request, world, transaction, user) or _ended(request)
            return _verify_page(request, world, transaction, user, [mfa_code_invalid()], status=401)
        factors.record_success(user, factor)
        return next_step.finish(request, ctx, world, transaction, user)


async def resend_code(request: Request) -> Response:
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        found = _mfa_transaction(world, web.form_text(form, "stateToken"))
        if found is None:
            return _ended(request)
        transaction, user = found
        factor = transaction.mfa_factor or MfaFactor.EMAIL
        if not factor.sends_code:
            return _verify_page(request, world, transaction, user)
        locked = _locked(request, world, transaction, user)
        if locked is not None:
            return locked
        wait = factors.resend_wait(transaction.mfa_sent_at, world.clock.now())
        if wait:
            # A notice, not an error: the code already sent still works (Okta's widget keeps
            # "Send again" disabled for the wait; its API answers 429 E0000109).
            notice = RESEND_TOO_SOON.format(seconds=wait)
            return _verify_page(request, world, transaction, user, notice=notice)
        next_step.send(world, transaction, user)
        return _verify_page(request, world, transaction, user, notice="We sent you a new code.")


async def choose_page(request: Request) -> Response:
    with web.unit_of_work(request) as world:
        found = _mfa_transaction(world, request.query_params.get(TRANSACTION_KEY, ""))
        if found is None:
            return _ended(request)
        return web.render(
            request,
            "idm/choose_factor.html",
            {
                "errors": [],
                "state_token": found[0].token,
                "choices": [(factor.value, factor.label) for factor in found[1].mfa_factors],
            },
        )


async def choose(request: Request) -> Response:
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        found = _mfa_transaction(world, web.form_text(form, "stateToken"))
        if found is None:
            return _ended(request)
        transaction, user = found
        chosen = next((f for f in user.mfa_factors if f.value == form.get("factor")), None)
        if chosen is None:
            return web.redirect(next_step.step_url(next_step.CHOOSE_FACTOR_PATH, transaction), 303)
        next_step.begin_factor(world, transaction, user, chosen)
    return web.redirect(next_step.step_url(next_step.VERIFY_PATH, transaction), 303)
