"""IDM's self-service recovery: "Forgot Password" (an e-mailed link, the security question, a new
password) and "Forgot User ID" (the User ID e-mailed).

Source: First Coast's SPOT password page (medicare.fcso.com/SPOT_instructions/261718.asp, as of
8/15/2025): the "Forgot User ID" and "Forgot Password" links on IDM's sign-in page; type the
User ID and choose how to receive the reset ("SMS and voice call can only be used if they've
been added to your account as MFA devices"); answer the security question; enter and confirm a
new password; a confirmation on screen and by e-mail; a reset also unlocks a locked account.
The mock sends the reset by e-mail only (SMS and voice resets are not modelled). The link lives
an hour and is used once (the mock's reading of Okta's recovery token). Neither page says
whether an account exists: the same answer comes for any User ID or e-mail address, as Okta's
self-service recovery does, so the pages cannot be used to find accounts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.errors.catalogue import (
    FormErrors,
    PortalError,
    required,
    reset_link_expired,
    security_answer_invalid,
)
from mock_portal.sites import web
from mock_portal.sites.idm.password_change import (
    NEW,
    apply_new_password,
    new_password_errors,
    password_page,
)
from mock_portal.sites.security import new_token, same
from mock_portal.world.outbox import Mail

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.accounts.models import IdmUser
    from mock_portal.world.store import World

FORGOT_PASSWORD_PATH = "/signin/forgot-password"  # noqa: S105 (a path)
FORGOT_USER_ID_PATH = "/signin/forgot-user-id"
RESET_PATH = "/signin/reset-password"
SENT = (
    "If an IDM account matches, we sent an e-mail to the address on the account. It may take a "
    "few minutes to arrive."
)


def _message(
    request: Request,
    heading: str,
    paragraphs: list[str],
    status: int = 200,
    errors: list[PortalError] | None = None,
) -> Response:
    return web.render(
        request,
        "idm/message.html",
        {
            "heading": heading,
            "paragraphs": paragraphs,
            "link": {"text": "Back to sign in", "href": "/"},
            "errors": errors or [],
        },
        status=status,
    )


def _form(
    request: Request,
    kind: str,
    errors: FormErrors | None = None,
    status: int = 200,
    typed: str = "",
) -> Response:
    return web.render(
        request,
        "idm/forgot.html",
        {"kind": kind, "errors": errors.items if errors else [], "typed": typed},
        status=status,
    )


async def forgot_password_page(request: Request) -> Response:
    return _form(request, "password")


async def forgot_password(request: Request) -> Response:
    form = await web.read_form(request)
    user_id = web.form_text(form, "username").strip()
    if not user_id:
        missing = FormErrors([required("username", "User ID")])
        return _form(request, "password", missing, 422, user_id)
    idm = web.services(request).urls.idm
    with web.unit_of_work(request) as world:
        user = world.find_user(user_id)
        if user is not None:
            token = new_token(24)
            world.idm.reset_links.put(token, user.user_id.lower())
            world.outbox.send(
                Mail(
                    to=user.email,
                    subject="Reset your CMS IDM password",
                    body=(
                        f"Hello {user.first_name},\n\nA password reset was requested for your "
                        f"IDM account. To reset it, open this link within an hour:\n"
                        f"{idm}{RESET_PATH}?token={token}\n\nIf you did not ask for it, ignore "
                        "this e-mail."
                    ),
                    sent_at=world.clock.now(),
                )
            )
            world.journal.record(world.clock.now(), "idm.reset_link_sent", user_id=user.user_id)
    return _message(request, "Check your e-mail", [SENT])


async def forgot_user_id_page(request: Request) -> Response:
    return _form(request, "user_id")


async def forgot_user_id(request: Request) -> Response:
    form = await web.read_form(request)
    email = web.form_text(form, "email").strip().lower()
    if not email:
        missing = FormErrors([required("email", "Email address")])
        return _form(request, "user_id", missing, 422, email)
    with web.unit_of_work(request) as world:
        matches = [u for u in world.users.values() if u.email.lower() == email]
        if matches:
            ids = ", ".join(u.user_id for u in matches)
            world.outbox.send(
                Mail(
                    to=matches[0].email,
                    subject="Your CMS IDM User ID",
                    body=f"Hello,\n\nThe IDM User ID on this e-mail address: {ids}",
                    sent_at=world.clock.now(),
                )
            )
    return _message(request, "Check your e-mail", [SENT])


def _reset_user(world: World, token: str) -> IdmUser | None:
    key = world.idm.reset_links.get(token) if token else None
    return world.users.get(key) if key else None


def _reset_context(user: IdmUser, token: str) -> dict[str, object]:
    return {
        "heading": "Reset Password",
        "action": RESET_PATH,
        "reset_token": token,
        "question": user.security_question,
    }


def _link_ended(request: Request) -> Response:
    return _message(request, "This link has expired", [], 404, [reset_link_expired()])


async def reset_page(request: Request) -> Response:
    token = request.query_params.get("token", "")
    with web.unit_of_work(request) as world:
        user = _reset_user(world, token)
        if user is None:
            return _link_ended(request)
        return password_page(request, _reset_context(user, token))


async def reset(request: Request) -> Response:
    form = await web.read_form(request)
    token = web.form_text(form, "token")
    with web.unit_of_work(request) as world:
        user = _reset_user(world, token)
        if user is None:
            return _link_ended(request)
        errors = FormErrors()
        answer = web.form_text(form, "answer").strip().lower()
        if not answer:
            errors.add(required("answer", "Answer"))
        elif not same(answer, user.security_answer.strip().lower()):
            world.journal.record(world.clock.now(), "idm.security_answer_wrong")
            errors.add(security_answer_invalid())
        # A reset by the user is a change: the once-a-day rule applies (First Coast).
        errors.items.extend(new_password_errors(world, user, form).items)
        if errors:
            return password_page(request, _reset_context(user, token), errors.items, 422)
        world.idm.reset_links.pop(token)
        apply_new_password(world, user, web.form_text(form, NEW), "reset")
    return _message(
        request,
        "Your password has been reset",
        ["Your password has been changed. Sign in with your new password."],
    )
