"""IDM's form errors in the browser, each scenario walking several of them: empty fields on the
sign-in steps, the password forms and the role request (the recovery forms' are steps of
e2e/test_account_recovery.py's Forgot User ID walk); a sign-in step left open past Identity
Engine's 15 idle minutes (SIGN_IN_EXPIRED); a form from an earlier IDM session (STALE_SESSION).
The rules and their sources are the renderers' (mock_portal/sites/idm/mfa.py,
password_change.py, recovery.py, selfservice.py) and docs/errors.md; the exhaustive inputs run
over HTTP in tests/sites/idm. The scenarios sign in over HTTP where the sign-in is not the
subject (docs/coverage.md)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import IdmSignIn, SpotLanding
from e2e.pages.access import RoleRequest
from e2e.pages.idm import IdmChooseFactor, IdmPasswordChange, IdmVerify
from e2e.pages.journeys import refused_sign_in_over_http
from mock_portal.errors.surfaces import IDM_ROLE_REQUEST, REQUIRED_BY_PAGE

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.personas import Persona
    from mock_portal.testing.plugin import MakeUser, PortalHandle

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
IDLE = timedelta(minutes=16)  # past a sign-in transaction's 15 idle minutes (signin.py)
NEW_PASSWORD = "Amber-Lantern-2026x"
# The role request's fields named when empty, beyond the role and the reason: the organization
# for an end user, the rest for an approver.
ROLE_DETAILS = tuple(f for f in REQUIRED_BY_PAGE[IDM_ROLE_REQUEST] if f not in {"role", "reason"})


@pytest.fixture
def idm_user(page: Page, make_user: MakeUser, portal: PortalHandle, admin: AdminClient) -> Persona:
    """A user SPOT does not know yet, with the browser signed in to IDM (over HTTP): IDM's own
    pages (profile, role request) are the subject, not the sign-in."""
    user = make_user(spot_access="none", mfa=False)
    refused_sign_in_over_http(page.context, portal, admin, user)
    return user


@pytest.mark.covers(
    "REQUIRED_FIELD",
    page="idm/signin/password/expired",
    fields=("new_password", "confirm_password"),
)
@pytest.mark.covers("SIGN_IN_EXPIRED", page="idm/signin/password/expired")
@pytest.mark.covers("SIGN_IN_EXPIRED", page="idm/signin/verify/select")
@pytest.mark.covers("REQUIRED_FIELD", page="idm/signin/verify", fields=("code",))
@pytest.mark.covers("SIGN_IN_EXPIRED", page="idm/signin/verify/resend")
def test_each_sign_in_step_names_its_empty_fields_and_ends_when_left_open(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """An expired password, then a choice of factors, then the code: each step left open more
    than 15 minutes ends the sign-in where it is, and the user starts again at SPOT. (Until a
    sign-in completes, the old last log in keeps the password expired, so the code step is a
    second user's.)"""
    moment = NOW
    admin.freeze_clock(moment)
    expired = make_user(
        spot_access="approved",
        mfa_factors=["email", "voice"],
        last_idm_login=(NOW - timedelta(days=61)).isoformat(),
    )
    other = make_user(spot_access="approved")  # the e-mailed code, the only factor

    def sign_in(user: Persona) -> None:
        SpotLanding(page).open().log_in()
        IdmSignIn(page).sign_in(user.user_id, user.password)

    def leave_open() -> None:
        nonlocal moment
        moment += IDLE
        admin.freeze_clock(moment)

    sign_in(expired)
    change = IdmPasswordChange(page)
    change.change("", confirm="")
    change.errors.expect_codes("PASSWORD_EXPIRED", "REQUIRED_FIELD", "REQUIRED_FIELD")
    change.errors.expect_error("REQUIRED_FIELD", field="new_password")
    change.errors.expect_error("REQUIRED_FIELD", field="confirm_password")
    leave_open()
    change.change(NEW_PASSWORD)
    change.errors.expect_error("SIGN_IN_EXPIRED", text="more than 15 minutes")
    expect(page).to_have_url(re.compile(r"/signin/password/expired$"))
    assert admin.mail(to=expired.email) == []  # the password was not changed

    sign_in(expired)
    change.change(NEW_PASSWORD)
    leave_open()
    IdmChooseFactor(page).choose("Email")
    verify = IdmVerify(page)
    verify.errors.expect_error("SIGN_IN_EXPIRED")
    expect(page).to_have_url(re.compile(r"/signin/verify/select$"))

    sign_in(other)
    verify.expect_shown()
    verify.verify("")
    verify.errors.expect_error("REQUIRED_FIELD", field="code")
    leave_open()
    verify.send_new_code.click()
    verify.errors.expect_error("SIGN_IN_EXPIRED")
    expect(page).to_have_url(re.compile(r"/signin/verify/resend$"))


@pytest.mark.covers(
    "REQUIRED_FIELD",
    page="idm/app/profile/password",
    fields=("new_password", "confirm_password"),
)
@pytest.mark.covers(
    "PASSWORD_NOT_ACCEPTED",
    page="idm/app/profile/password",
    fields=("current_password", "new_password", "confirm_password"),
)
@pytest.mark.covers("STALE_SESSION", page="idm/app/profile/password")
def test_the_profile_password_form_checks_each_field_and_refuses_a_form_of_an_old_session(
    page: Page, admin: AdminClient, idm_user: Persona, portal: PortalHandle
) -> None:
    user = idm_user
    page.goto(portal.idm_url + "/app/profile/password")
    change = IdmPasswordChange(page)
    current = page.get_by_label("Current Password", exact=True)

    change.change("", confirm="")
    change.errors.expect_error("PASSWORD_NOT_ACCEPTED", field="current_password")
    change.errors.expect_error("REQUIRED_FIELD", field="new_password")
    change.errors.expect_error("REQUIRED_FIELD", field="confirm_password")
    current.fill(user.password)
    change.change("short1A", confirm="short1B")
    change.errors.expect_codes("PASSWORD_NOT_ACCEPTED", "PASSWORD_NOT_ACCEPTED")
    change.errors.expect_error("PASSWORD_NOT_ACCEPTED", field="new_password", text="15 to 60")
    change.errors.expect_error("PASSWORD_NOT_ACCEPTED", field="confirm_password")

    refused_sign_in_over_http(page.context, portal, admin, user)  # signed in again elsewhere
    current.fill(user.password)
    change.change(NEW_PASSWORD)
    change.errors.expect_error("STALE_SESSION", text="earlier IDM session")
    assert admin.mail(to=user.email) == []  # the password was not changed


ORGANIZATION = {
    "Business Name": "Gulf Coast Family Practice",
    "Business Address": "100 Bay St, Tampa, FL 33602",
    "NPI": "1234567890",  # fails the NPI check digit
    "PTAN": "A1B2C3",
    "TIN": "59-1234567",
    "Line of Business": "Part B",
}
APPROVER_REASON = "I manage our practice's SPOT access"


@pytest.mark.covers(
    "REQUIRED_FIELD",
    page="idm/app/roles/request",
    fields=("role", "reason", *ROLE_DETAILS),
)
@pytest.mark.covers("DATA_FORMAT", page="idm/app/roles/request", fields=("npi",))
@pytest.mark.covers("STALE_SESSION", page="idm/app/roles/request")
@pytest.mark.covers("STALE_SESSION", page="idm/app/signout")
def test_the_role_request_names_each_missing_field_and_old_forms_are_refused(
    page: Page, admin: AdminClient, idm_user: Persona, portal: PortalHandle
) -> None:
    """Walks IDM's role request through, for a user SPOT refused (signed in at IDM over HTTP):
    submitted empty it names the role and the reason; an end user's names the organization; an
    approver's names each detail of the organization it creates; one whose NPI fails the check
    digit is refused on the NPI and keeps what was typed; corrected but submitted after a new
    IDM session began elsewhere, it is refused as stale and nothing is requested; the form
    opened again is received, the user now an approver of the new organization; last, a Sign
    Out form from before a new session is refused as stale."""
    user = idm_user
    form = RoleRequest(page, portal.idm_url).open()

    form.submit_button.click()

    form.errors.expect_codes("REQUIRED_FIELD", "REQUIRED_FIELD")
    form.errors.expect_error("REQUIRED_FIELD", field="role", text="Role is required.")
    form.errors.expect_error("REQUIRED_FIELD", field="reason")

    form.role.select_option(label="SPOT End User")
    form.reason.fill("I check eligibility for our practice")
    form.submit_button.click()
    form.errors.expect_codes("REQUIRED_FIELD")
    form.errors.expect_error("REQUIRED_FIELD", field="organization_id")

    form.role.select_option(label="SPOT Approver")
    form.submit_button.click()
    approver_fields = [f for f in ROLE_DETAILS if f != "organization_id"]
    form.errors.expect_codes(*["REQUIRED_FIELD"] * len(approver_fields))
    for field in approver_fields:
        form.errors.expect_error("REQUIRED_FIELD", field=field)

    form.request_approver(ORGANIZATION, APPROVER_REASON)

    form.errors.expect_codes("DATA_FORMAT")
    form.errors.expect_error("DATA_FORMAT", field="npi", text="check digit")
    expect(page.get_by_label("Business Name")).to_have_value("Gulf Coast Family Practice")

    refused_sign_in_over_http(page.context, portal, admin, user)  # signed in again elsewhere
    form.request_approver({**ORGANIZATION, "NPI": "1234567893"}, APPROVER_REASON)
    form.errors.expect_error("STALE_SESSION", text="earlier IDM session")
    assert admin.user(user.user_id)["confirmation_number"] is None

    form.open()
    form.request_approver({**ORGANIZATION, "NPI": "1234567893"}, APPROVER_REASON)
    number = form.confirmation_number()
    created = admin.user(user.user_id)
    assert created["role"] == "approver"
    assert created["confirmation_number"] == number
    assert created["organization"]["npi"] == "1234567893"
    assert created["organization"]["tin"] == "591234567"

    page.goto(portal.idm_url + "/app/UserHome")
    refused_sign_in_over_http(page.context, portal, admin, user)
    page.get_by_role("button", name="Sign Out").click()
    form.errors.expect_error("STALE_SESSION", text="saved before this session")
    expect(page).to_have_url(re.compile(r"/app/signout$"))
