"""Login.gov's pages: "Email address" and "Password" with "Submit", then the "One-time code"
with "Submit", and a "Cancel" link on each (DESIGN.md, Browser UI labels).

Each page belongs to one sign-in (``?request_id=``, as Login.gov's own pages are addressed), so
nothing is in a cookie. The one-time code goes to the outbox with ``channel`` ``logingov``; real
Login.gov offers several second factors (authentication apps, SMS or voice, security keys: CMS's
IDM FAQ); the mock sends a code by e-mail for every account. Cancel sends the browser back to
the client with ``error=access_denied`` (developers.login.gov/oidc/authorization/). An account
without identity verification asked for ``urn:acr.login.gov:verified`` goes back with
``access_denied`` too, with its own description: real Login.gov would start identity
verification, which the mock does not model (the mock's choice).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from mock_portal.errors.catalogue import (
    FormErrors,
    PortalError,
    logingov_code_invalid,
    logingov_sign_in_failed,
    required,
)
from mock_portal.sites import web
from mock_portal.sites.logingov import oidc
from mock_portal.sites.logingov.state import OTP_TTL, VERIFIED, LoginGovTransaction
from mock_portal.sites.security import same, verify_password
from mock_portal.world.outbox import Mail

if TYPE_CHECKING:
    from collections.abc import Callable

    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.world.store import World

OTP_PATH = "/login/two_factor/otp"
CANCEL_PATH = "/sign_in/cancel"
CHANNEL = "logingov"


def _transaction(world: World, key: str) -> LoginGovTransaction | None:
    return world.logingov.transactions.touch(key) if key else None


def _ended(request: Request) -> Response:
    return web.render(
        request,
        "logingov/message.html",
        {
            "heading": "Your sign in has ended",
            "paragraphs": [
                "This Login.gov page belongs to a sign in that ended or never existed. Go back "
                "to the site you came from and sign in again."
            ],
        },
        status=400,
    )


def _page(
    request: Request,
    template: str,
    transaction: LoginGovTransaction,
    errors: list[PortalError] | None = None,
    email: str = "",
    status: int = 200,
    notice: str | None = None,
) -> Response:
    return web.render(
        request,
        template,
        {
            "errors": errors or [],
            "request_id": transaction.token,
            "email": email,
            "notice": notice,
            "cancel_url": web.with_query(CANCEL_PATH, [(oidc.REQUEST_ID, transaction.token)]),
        },
        status=status,
    )


def _show(
    request: Request,
    template: str,
    find: Callable[[World, str], LoginGovTransaction | None],
) -> Response:
    """A page of the sign-in its ``request_id`` names, if ``find`` finds it live."""
    with web.unit_of_work(request) as world:
        transaction = find(world, request.query_params.get(oidc.REQUEST_ID, ""))
        if transaction is None:
            return _ended(request)
        return _page(request, template, transaction)


async def sign_in_page(request: Request) -> Response:
    return _show(request, "logingov/sign_in.html", _transaction)


def _send_code(world: World, transaction: LoginGovTransaction, email: str) -> None:
    code = f"{secrets.randbelow(1_000_000):06d}"
    transaction.otp, transaction.otp_sent_at = code, world.clock.now()
    world.outbox.send(
        Mail(
            to=email,
            subject="Your Login.gov one-time code",
            body=f"Your Login.gov one-time code is {code}. It expires in 10 minutes.",
            sent_at=world.clock.now(),
            channel=CHANNEL,
        )
    )


async def sign_in(request: Request) -> Response:
    form = await web.read_form(request)
    email = web.form_text(form, "email").strip()
    password = web.form_text(form, "password")
    with web.unit_of_work(request) as world:
        transaction = _transaction(world, web.form_text(form, oidc.REQUEST_ID))
        if transaction is None:
            return _ended(request)
        errors = FormErrors()
        if not email:
            errors.add(required("email", "Email address"))
        if not password:
            errors.add(required("password", "Password"))
        if errors:
            return _page(request, "logingov/sign_in.html", transaction, errors.items, email, 422)
        account = world.logingov.account(email)
        if account is None or not verify_password(password, account.password_hash):
            world.journal.record(world.clock.now(), "logingov.sign_in_failed")
            failed = [logingov_sign_in_failed()]
            return _page(request, "logingov/sign_in.html", transaction, failed, email, 401)
        transaction.email = account.email
        _send_code(world, transaction, account.email)
    return web.redirect(web.with_query(OTP_PATH, [(oidc.REQUEST_ID, transaction.token)]), 303)


def _otp_transaction(world: World, key: str) -> LoginGovTransaction | None:
    transaction = _transaction(world, key)
    return transaction if transaction is not None and transaction.email else None


async def otp_page(request: Request) -> Response:
    return _show(request, "logingov/otp.html", _otp_transaction)


async def verify_otp(request: Request) -> Response:
    form = await web.read_form(request)
    code = web.form_text(form, "code").strip()
    with web.unit_of_work(request) as world:
        transaction = _otp_transaction(world, web.form_text(form, oidc.REQUEST_ID))
        if transaction is None or transaction.email is None:
            return _ended(request)
        if not code:
            missing = [required("code", "One-time code")]
            return _page(request, "logingov/otp.html", transaction, missing, status=422)
        sent = transaction.otp_sent_at
        live = sent is not None and world.clock.now() - sent < OTP_TTL
        if not (live and transaction.otp is not None and same(code, transaction.otp)):
            world.journal.record(world.clock.now(), "logingov.otp_failed")
            wrong = [logingov_code_invalid()]
            return _page(request, "logingov/otp.html", transaction, wrong, status=401)
        account = world.logingov.account(transaction.email)
        if account is None:
            return _ended(request)
        auth_request = transaction.request
        if auth_request.acr == VERIFIED and not account.verified:
            world.logingov.transactions.pop(transaction.token)
            return oidc.refuse(auth_request, "access_denied", oidc.NOT_VERIFIED)
        issued = oidc.issue_code(world, transaction, account.email)
    return oidc.back_to_client(auth_request, [("code", issued.code), ("state", auth_request.state)])


async def cancel(request: Request) -> Response:
    """Cancel: back to the client with ``error=access_denied`` (developers.login.gov)."""
    with web.unit_of_work(request) as world:
        transaction = world.logingov.transactions.pop(request.query_params.get(oidc.REQUEST_ID, ""))
        if transaction is None:
            return _ended(request)
        world.journal.record(world.clock.now(), "logingov.cancel")
    return oidc.refuse(transaction.request, "access_denied", oidc.CANCELLED)
