"""IDM's password forms: the change IDM demands when the password has expired
(``PASSWORD_EXPIRED``), and the rules every new password must meet (``PASSWORD_NOT_ACCEPTED``).

The rules and their sources are in accounts/passwords.py. The form's labels are the contract's:
"New Password", "Confirm New Password", button "Change Password". Every refusal is a field
error on the page; a new password unlocks the account and reactivates SPOT access (First Coast:
a password reset unlocks; resetting the IDM password reactivates SPOT access), and IDM e-mails
a confirmation (First Coast's SPOT password page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.accounts import lifecycle, lockout, passwords
from mock_portal.errors.catalogue import (
    FormErrors,
    PortalError,
    password_expired,
    password_not_accepted,
    required,
    stale_session,
)
from mock_portal.sites import web
from mock_portal.sites.idm import next_step
from mock_portal.sites.idm.authorize import TRANSACTION_KEY
from mock_portal.sites.idm.selfservice import requires_idm_session
from mock_portal.sites.idm.signin import _ended, _live_transaction
from mock_portal.sites.security import same, verify_password
from mock_portal.world.outbox import Mail

if TYPE_CHECKING:
    from starlette.datastructures import FormData
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.sites.idm.state import IdmSession, LoginTransaction
    from mock_portal.world.store import World

PROFILE_PASSWORD_PATH = "/app/profile/password"  # noqa: S105 (a path)
NEW = "new_password"
CONFIRM = "confirm_password"


def new_password_errors(
    world: World, user: IdmUser, form: FormData, *, enforce_age: bool = True
) -> FormErrors:
    """What is wrong with the form's new password for ``user``; empty when IDM takes it."""
    new, confirm = web.form_text(form, NEW), web.form_text(form, CONFIRM)
    errors = FormErrors()
    if not new:
        errors.add(required(NEW, "New Password"))
    if not confirm:
        errors.add(required(CONFIRM, "Confirm New Password"))
    if errors:
        return errors
    refusals = passwords.check(user, new, world.clock.now(), enforce_age=enforce_age)
    if refusals:
        first, *others = refusals
        error = password_not_accepted(NEW, first.message)
        errors.add(PortalError(error.code, error.message, NEW, tuple(r.message for r in others)))
    if new != confirm:
        errors.add(password_not_accepted(CONFIRM, "The two passwords do not match."))
    return errors


def apply_new_password(world: World, user: IdmUser, password: str, how: str) -> None:
    """Make ``password`` the user's: unlock, reactivate SPOT access, confirm by e-mail."""
    now = world.clock.now()
    passwords.set_password(user, password, now)
    lockout.unlock(user)
    lifecycle.reactivate(user, now)
    world.journal.record(now, "idm.password_changed", user_id=user.user_id, how=how)
    world.outbox.send(
        Mail(
            to=user.email,
            subject="Your CMS IDM password was changed",
            body=(
                f"Hello {user.first_name},\n\nThe password of your IDM account was changed. If "
                "you did not change it, contact your help desk at once."
            ),
            sent_at=now,
        )
    )


def password_page(
    request: Request,
    template_context: dict[str, object],
    errors: list[PortalError] | None = None,
    status: int = 200,
) -> Response:
    """The password form (idm/password_form.html) with IDM's rules listed."""
    return web.render(
        request,
        "idm/password_form.html",
        {
            "errors": errors or [],
            "rules": passwords.rule_summary(),
            "intro": None,
            "state_token": None,
            "reset_token": None,
            "csrf_token": None,
            "current_password": False,
            "question": None,
            **template_context,
        },
        status=status,
    )


def _expired_context(transaction: LoginTransaction) -> dict[str, object]:
    return {
        "heading": "Your password has expired",
        "action": next_step.PASSWORD_CHANGE_PATH,
        "state_token": transaction.token,
        "intro": password_expired().message,
    }


def _due(world: World, key: str) -> tuple[LoginTransaction, IdmUser] | None:
    transaction = _live_transaction(world, key)
    if transaction is None or not transaction.password_change_due:
        return None
    user = world.users.get(transaction.user_key or "")
    return (transaction, user) if user is not None else None


async def expired_page(request: Request) -> Response:
    with web.unit_of_work(request) as world:
        found = _due(world, request.query_params.get(TRANSACTION_KEY, ""))
        if found is None:
            return _ended(request)
        # The expiry itself is the page's alert, so a test finds PASSWORD_EXPIRED on it.
        return password_page(request, _expired_context(found[0]), [password_expired()])


async def change_expired(request: Request) -> Response:
    ctx = web.services(request)
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        found = _due(world, web.form_text(form, "stateToken"))
        if found is None:
            return _ended(request)
        transaction, user = found
        errors = new_password_errors(world, user, form)
        if errors:
            context = _expired_context(transaction)
            return password_page(request, context, [password_expired(), *errors.items], 422)
        apply_new_password(world, user, web.form_text(form, NEW), "expired")
        return next_step.after_password_change(request, ctx, world, transaction, user)


# "Change Password" in IDM's profile (First Coast's SPOT password page: My Profile, Change
# Password; current password, new password, confirm; an e-mail confirms the change).


def _profile_context(session: IdmSession) -> dict[str, object]:
    return {
        "heading": "Change Password",
        "action": PROFILE_PASSWORD_PATH,
        "csrf_token": session.csrf,
        "current_password": True,
    }


@requires_idm_session
async def profile_page(request: Request, session: IdmSession, user: IdmUser) -> Response:
    return password_page(request, _profile_context(session))


@requires_idm_session
async def change_in_profile(request: Request, session: IdmSession, user: IdmUser) -> Response:
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        if not same(web.form_text(form, "csrf_token"), session.csrf):
            stale = [stale_session("This form came from an earlier IDM session.")]
            return password_page(request, _profile_context(session), stale, 400)
        errors = FormErrors()
        if not verify_password(web.form_text(form, "current_password"), user.password_hash):
            errors.add(
                password_not_accepted("current_password", "The current password is not right.")
            )
        errors.items.extend(new_password_errors(world, user, form).items)
        if errors:
            return password_page(request, _profile_context(session), errors.items, 422)
        apply_new_password(world, user, web.form_text(form, NEW), "profile")
    return web.render(
        request,
        "idm/message.html",
        {
            "heading": "Change Password Acknowledgment",
            "paragraphs": ["Your password has been changed. Use it the next time you sign in."],
            "link": {"text": "Back to My Portal", "href": "/app/UserHome"},
            "errors": [],
        },
    )
