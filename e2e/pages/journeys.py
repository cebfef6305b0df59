"""Whole journeys several scenarios share, built from the page objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from e2e.pages.idm import IdmChooser, IdmSignIn, IdmVerify
from e2e.pages.logingov import LoginGovCode, LoginGovSignIn
from e2e.pages.spot import SpotLanding
from mock_portal.testing.http_flow import HttpUser

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.personas import Persona
    from mock_portal.testing.plugin import PortalHandle


def sign_in_at_idm(page: Page, admin: AdminClient, persona: Persona) -> None:
    """On IDM's sign-in page: User ID, password, terms, and the e-mailed code if MFA is on."""
    sign_in = IdmSignIn(page)
    sign_in.expect_shown()
    sign_in.sign_in(persona.user_id, persona.password)
    if persona.mfa:
        verify = IdmVerify(page)
        verify.verify(verify.mailed_code(admin, persona.email))


def log_in_to_spot(page: Page, admin: AdminClient, persona: Persona) -> None:
    """From SPOT's landing page through IDM and back, as the user clicks it."""
    SpotLanding(page).open().log_in()
    sign_in_at_idm(page, admin, persona)


def log_in_with_logingov(page: Page, admin: AdminClient, email: str, password: str) -> None:
    """From SPOT's landing page: IDM's chooser, Continue under Login.gov, Login.gov's e-mail,
    password and one-time code, then back through IDM (no IDM code) to SPOT."""
    SpotLanding(page).open().log_in()
    sign_in_with_logingov(page, admin, email, password)


def sign_in_with_logingov(page: Page, admin: AdminClient, email: str, password: str) -> None:
    """From IDM's chooser: Continue under Login.gov, Login.gov's e-mail, password and one-time
    code, then back to IDM (which answers SPOT, or shows why it will not)."""
    IdmChooser(page).continue_with_logingov()
    sign_in = LoginGovSignIn(page)
    sign_in.expect_shown()
    sign_in.sign_in(email, password)
    code = LoginGovCode(page)
    code.enter(code.mailed_code(admin, email))


def refused_sign_in_over_http(
    context: BrowserContext,
    portal: PortalHandle,
    admin: AdminClient,
    persona: Persona,
) -> None:
    """A user SPOT refuses (not assigned to it) signs in at IDM over plain HTTP, with the mailed
    code if MFA is on, and ``context`` gets IDM's session cookie: the browser then goes to SPOT's
    ``/login`` and is refused at once, as after a sign-in in the browser (IDM's session is live).

    For scenarios about SPOT's refusal and what follows it, not about the sign-in (the plugin's
    ``sign_in_over_http`` is for users SPOT lets in). Raises ``AssertionError`` when SPOT did not
    refuse the user or IDM set no session.
    """
    with HttpUser(portal.spot_url, admin.namespace) as http:
        refused = http.log_in(
            persona.user_id,
            persona.password,
            code_for=lambda: admin.latest_mfa_code(persona.email),
        )
        assert refused.status_code == 403, f"SPOT did not refuse {persona.user_id}: {refused.url}"
        session = http.browser_cookies(portal.idm_url, ("idm_sid",))
    assert session, "IDM set no session cookie"
    context.add_cookies(session)  # type: ignore[arg-type]
