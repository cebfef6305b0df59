"""Every MFA factor CMS IDM offers: e-mail, SMS, voice and TOTP (Google Authenticator, Okta
Verify), with Okta's rules for drift, reuse, resends and failed codes (accounts/factors.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pyotp
import pytest
from playwright.sync_api import Page, expect

from e2e.pages import IdmSignIn, IdmVerify, SpotHome, SpotLanding
from e2e.pages.idm import IdmChooseFactor
from mock_portal.testing.http_flow import HttpUser

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.personas import Persona
    from mock_portal.testing.plugin import MakeUser, PortalHandle

START = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


def _to_code_page(page: Page, user: Persona) -> IdmVerify:
    SpotLanding(page).open().log_in()
    IdmSignIn(page).sign_in(user.user_id, user.password)
    verify = IdmVerify(page)
    verify.expect_shown()
    return verify


def _authenticator_code(admin: AdminClient, user_id: str, at: datetime) -> str:
    secret = admin.user(user_id)["totp_secret"]
    return str(pyotp.TOTP(secret).at(at))


@pytest.mark.covers(
    "MFA_FACTOR_LOCKED", "MFA_CODE_INVALID", page="idm/signin/verify", fields=("code",)
)
def test_an_authenticator_code_is_used_once_drifts_two_minutes_and_five_wrong_lock_it(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle, namespace: str
) -> None:
    """Walks one Google Authenticator user's code page through Okta's TOTP rules, by the mock's
    frozen clock: a code already used to sign in elsewhere is refused as usable once; a code
    three minutes off is refused; with three more wrong codes that makes four, and a fifth
    locks the authenticator for five minutes (a right code 4 minutes later still refused);
    once unlocked, a code two minutes ahead is accepted and signs the user in. (A reused code
    is not a wrong one: it counts no failure, accounts/factors.py.)"""
    admin.freeze_clock(START)
    user = make_user(spot_access="approved", mfa_factor="totp")
    code = _authenticator_code(admin, user.user_id, START)
    # The code's first use, over HTTP (another device; the refusal is the subject).
    with HttpUser(portal.spot_url, namespace) as elsewhere:
        home = elsewhere.log_in(user.user_id, user.password, code_for=lambda: code)
    assert home.url.path == "/home"
    assert user.display_name in home.text

    verify = _to_code_page(page, user)
    verify.verify(code)

    verify.errors.expect_error("MFA_CODE_INVALID", field="code", text="can only be used once")

    # Authenticator codes three minutes off are refused (two are accepted: the last step).
    verify.verify(_authenticator_code(admin, user.user_id, START - timedelta(minutes=3)))
    verify.errors.expect_error("MFA_CODE_INVALID", field="code")

    # Five wrong codes lock the authenticator for five minutes.
    for _ in range(3):
        verify.verify("000000")
        verify.errors.expect_error("MFA_CODE_INVALID", field="code")

    verify.verify("000000")
    verify.errors.expect_error("MFA_FACTOR_LOCKED", text="too many authentication attempts")
    later = START + timedelta(minutes=4)
    admin.freeze_clock(later)
    verify.verify(_authenticator_code(admin, user.user_id, later))
    verify.errors.expect_error("MFA_FACTOR_LOCKED")

    unlocked = START + timedelta(minutes=5)
    admin.freeze_clock(unlocked)
    verify.verify(_authenticator_code(admin, user.user_id, unlocked + timedelta(minutes=2)))

    SpotHome(page).expect_signed_in_as(user.display_name)


@pytest.mark.covers("MFA_CODE_INVALID", page="idm/signin/verify", fields=("code",))
def test_sms_codes_go_to_the_phone_and_a_resend_waits_30_seconds(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    admin.freeze_clock(START)
    user = make_user(spot_access="approved", mfa_factor="sms", phone="+1 904-555-0142")
    verify = _to_code_page(page, user)
    texts = admin.mail(to="+1 904-555-0142")
    assert [(m["channel"], m["to"]) for m in texts] == [("sms", "+1 904-555-0142")]

    verify.send_new_code.click()
    expect(page.get_by_role("status")).to_contain_text("wait 30 seconds")
    assert len(admin.mail(to="+1 904-555-0142")) == 1
    admin.freeze_clock(START + timedelta(seconds=30))
    verify.send_new_code.click()
    expect(page.get_by_role("status")).to_contain_text("We sent you a new code")

    first = texts[0]["body"]
    verify.verify(next(w.rstrip(".") for w in first.split() if w.rstrip(".").isdigit()))
    verify.errors.expect_error("MFA_CODE_INVALID", field="code")  # the first code was replaced
    verify.verify(admin.latest_mfa_code("+1 904-555-0142"))
    SpotHome(page).expect_signed_in_as(user.display_name)


@pytest.mark.covers("MFA_CODE_INVALID", page="idm/signin/verify", fields=("code",))
def test_a_user_with_several_factors_chooses_the_voice_call(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    user = make_user(spot_access="approved", mfa_factors=["email", "voice"])
    phone = admin.user(user.user_id)["phone"]
    SpotLanding(page).open().log_in()
    IdmSignIn(page).sign_in(user.user_id, user.password)
    IdmChooseFactor(page).choose("Voice call")

    verify = IdmVerify(page)
    verify.verify("999999" if admin.latest_mfa_code(phone) != "999999" else "000000")
    verify.errors.expect_error("MFA_CODE_INVALID", field="code")
    assert admin.mail(to=phone)[-1]["channel"] == "voice"
    assert admin.mail(to=user.email) == []  # nothing e-mailed: the user chose the call
    verify.verify(admin.latest_mfa_code(phone))
    SpotHome(page).expect_signed_in_as(user.display_name)
