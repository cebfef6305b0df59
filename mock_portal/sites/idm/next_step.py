"""What IDM asks once the password is right: a new password when it has expired, then the MFA
factor (chosen by the user when there are several, as Okta's "select an authenticator" step),
then the answer to the client.

Each step stays in the sign-in transaction, at its own URL (``?okta_key=``), as the password
step is (signin.py). Sources: CMS IDM's FAQ (expiry after 60 days without a log in, forced
change at the next one: accounts/passwords.py); Okta's MFA rules (accounts/factors.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.accounts import factors, lifecycle, passwords
from mock_portal.accounts.models import MfaFactor
from mock_portal.sites import web
from mock_portal.sites.idm.authorize import TRANSACTION_KEY, finish_sign_in

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.sites.idm.state import LoginTransaction
    from mock_portal.world.services import Services
    from mock_portal.world.store import World

VERIFY_PATH = "/signin/verify"
CHOOSE_FACTOR_PATH = "/signin/verify/select"
PASSWORD_CHANGE_PATH = "/signin/password/expired"  # noqa: S105 (a path)


def step_url(path: str, transaction: LoginTransaction) -> str:
    return web.with_query(path, [(TRANSACTION_KEY, transaction.token)])


def after_password(
    request: Request, ctx: Services, world: World, transaction: LoginTransaction, user: IdmUser
) -> Response:
    """The password was right: the next step of this sign-in."""
    transaction.user_key = user.user_id.lower()
    now = world.clock.now()
    lifecycle.remove_uncertified_role(world, user)
    if passwords.expired(user, now):
        transaction.password_change_due = True
        world.journal.record(now, "idm.password_expired", user_id=user.user_id)
        return web.redirect(step_url(PASSWORD_CHANGE_PATH, transaction), 303)
    return after_password_change(request, ctx, world, transaction, user)


def after_password_change(
    request: Request, ctx: Services, world: World, transaction: LoginTransaction, user: IdmUser
) -> Response:
    """No password change due (or it is done): MFA, or straight on."""
    transaction.password_change_due = False
    if not user.mfa:
        return finish(request, ctx, world, transaction, user)
    if len(user.mfa_factors) > 1:
        return web.redirect(step_url(CHOOSE_FACTOR_PATH, transaction), 303)
    begin_factor(world, transaction, user, user.mfa_factor)
    return web.redirect(step_url(VERIFY_PATH, transaction), 303)


def begin_factor(
    world: World, transaction: LoginTransaction, user: IdmUser, factor: MfaFactor
) -> None:
    """Verify with ``factor``: a code goes out now unless it is an authenticator app's."""
    transaction.mfa_factor = factor
    transaction.mfa_code = None
    transaction.mfa_sent_at = None
    if factor.sends_code and factors.locked_until(user, factor, world.clock.now()) is None:
        send(world, transaction, user)


def send(world: World, transaction: LoginTransaction, user: IdmUser) -> None:
    """A new code by the transaction's factor (e-mail unless one was chosen)."""
    sent = factors.send_code(world, user, transaction.mfa_factor or MfaFactor.EMAIL)
    transaction.mfa_code = sent.code
    transaction.mfa_sent_at = sent.at


def finish(
    request: Request, ctx: Services, world: World, transaction: LoginTransaction, user: IdmUser
) -> Response:
    """Every step passed: record the IDM log in (its 60 days start again) and answer."""
    user.last_idm_login = world.clock.now()
    return finish_sign_in(request, ctx, world, transaction, user)
