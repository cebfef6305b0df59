"""IDM's sign-in as it is today: the chooser (EUA/IDM User ID or Login.gov), the classic one-step
page, and Login.gov: a linked user, a new one, and the answers no public source shows
(docs/idm-sign-in.md, docs/logingov.md). A sign-in cancelled at Login.gov is the first step of
e2e/test_logingov_errors.py's walk through Login.gov's page."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import ErrorSummary, IdmChooser, IdmSignIn, SpotHome, SpotLanding
from e2e.pages.access import NotAssigned
from e2e.pages.journeys import log_in_with_logingov, sign_in_with_logingov

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser


@pytest.mark.covers("SIGN_IN_FAILED", page="idm/login/authn")
def test_the_chooser_leads_to_the_user_id_page_with_the_self_help_links(
    page: Page, make_user: MakeUser
) -> None:
    user = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()
    chooser = IdmChooser(page)
    chooser.expect_shown()
    expect(page.get_by_role("button", name="Register")).to_have_count(0)

    chooser.continue_with_user_id()
    sign_in = IdmSignIn(page)
    expect(page.get_by_role("link", name="Forgot IDM User ID")).to_be_visible()
    expect(page.get_by_role("link", name="Forgot IDM password")).to_be_visible()
    sign_in.sign_in(user.user_id, "not-the-password")
    ErrorSummary(page).expect_error("SIGN_IN_FAILED")
    sign_in.sign_in(user.user_id, user.password)

    expect(page).to_have_url("/home")


@pytest.mark.covers("SIGN_IN_FAILED", page="idm/login/authn")
def test_the_classic_page_asks_for_everything_at_once(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    admin.settings(idm_sign_in="classic")
    user = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()

    expect(IdmChooser(page).idm_region).to_have_count(0)
    sign_in = IdmSignIn(page)
    expect(sign_in.user_id).to_be_visible()
    expect(page.get_by_role("link", name="Forgot Password", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Forgot User ID", exact=True)).to_be_visible()
    sign_in.sign_in(user.user_id, "not-the-password")
    ErrorSummary(page).expect_error("SIGN_IN_FAILED")
    sign_in.sign_in(user.user_id, user.password)

    expect(page).to_have_url("/home")


def test_a_login_gov_user_linked_by_e_mail_reaches_spot_without_an_idm_code(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    user = make_user(spot_access="approved", mfa=True)
    account = admin.create_logingov_account(email=user.email)

    log_in_with_logingov(page, admin, account["email"], account["password"])

    assert user.organization is not None
    SpotHome(page).expect_signed_in_as(user.display_name, user.organization["business_name"])
    assert not [m for m in admin.mail(to=user.email) if m["channel"] == "email"]


@pytest.mark.covers("ACCESS_NOT_ASSIGNED", page="spot/authorization-code/callback")
def test_a_new_login_gov_user_gets_an_idm_account_that_spot_does_not_know(
    page: Page, admin: AdminClient
) -> None:
    account = admin.create_logingov_account(email=f"new.{secrets.token_hex(3)}@example.com")

    log_in_with_logingov(page, admin, account["email"], account["password"])

    NotAssigned(page).expect_shown()
    made = admin.logingov_account(account["email"])["idm_user_id"]
    assert admin.user(made)["spot_access"] == "none"


@pytest.mark.covers("LOGINGOV_EMAIL_AMBIGUOUS", page="idm/oauth2/v1/authorize/callback")
@pytest.mark.covers("LOGINGOV_NOT_VERIFIED", page="idm/oauth2/v1/authorize/callback")
def test_login_gov_accounts_idm_cannot_link_or_trust_are_refused(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """Walks two Login.gov sign-ins IDM refuses, in one browser (Login.gov keeps no session,
    so each asks for its account): an e-mail shared by two IDM users is not linked; then, from
    the error's Back to sign in (IDM's chooser), an account without identity verification is
    refused."""
    shared = f"shared.{secrets.token_hex(3)}@example.com"
    make_user(spot_access="approved", email=shared)
    make_user(spot_access="approved", email=shared)
    account = admin.create_logingov_account(email=shared)

    log_in_with_logingov(page, admin, account["email"], account["password"])

    ErrorSummary(page).expect_error("LOGINGOV_EMAIL_AMBIGUOUS", text="more than one IDM account")
    assert admin.logingov_account(shared)["idm_user_id"] is None

    # A Login.gov account without identity verification is refused.
    unverified = admin.create_logingov_account(verified=False)
    page.get_by_role("link", name="Back to sign in").click()

    sign_in_with_logingov(page, admin, unverified["email"], unverified["password"])

    ErrorSummary(page).expect_error("LOGINGOV_NOT_VERIFIED", text="verified your identity")
