"""The guide's first error path: an IDM account alone does not grant SPOT.

"If you have your IDM account and attempt to log on to SPOT before your SPOT application access
request has been approved (i.e., no request submitted, request in pending status, or request in
denied status), an error message will be returned: User is not assigned to the client
application."

A second log in in one browser goes to a SPOT bookmark (/home) rather than the cached home
page, whose Log in link would replay a used state (see test_cache_sessions.py).

The advice for every role and request status is checked over HTTP
(tests/sites/spot/test_access_guidance_http.py); the browser shows each kind of advice once.
No scenario here is about the sign-in itself (e2e/test_sign_in.py is): an approver deciding or
an end user opening a page is signed in over HTTP, and a user SPOT refuses signs in at IDM over
HTTP (``refused_sign_in_over_http``), the browser then going to SPOT's /login with IDM's
session, which is refused at once, as after a sign-in in the browser. IDM's role request form's
errors are in e2e/test_idm_form_errors.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import IdmSignIn, SpotHome, SpotLanding
from e2e.pages.access import (
    HELP_DESK,
    STATUS_WORDS,
    AccessRequests,
    IdmHome,
    NotAssigned,
    RoleRequest,
)
from e2e.pages.journeys import refused_sign_in_over_http

if TYPE_CHECKING:
    from pytest_playwright.pytest_playwright import CreateContextCallback

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.personas import Persona
    from mock_portal.testing.plugin import MakeUser, PortalHandle, SignIn


def _refused_at_spot(page: Page, portal: PortalHandle, admin: AdminClient, user: Persona) -> None:
    """``user`` signed in at IDM over HTTP, then refused by SPOT in the browser."""
    refused_sign_in_over_http(page.context, portal, admin, user)
    page.goto("/login")


def _organization_with_approver(make_user: MakeUser) -> tuple[Persona, str]:
    approver = make_user(spot_access="approved", role="approver", mfa=False)
    assert approver.organization is not None
    return approver, approver.organization["id"]


@pytest.mark.covers("ACCESS_NOT_ASSIGNED", page="spot/authorization-code/callback")
def test_an_idm_account_without_a_request_is_not_assigned_until_it_requests_the_role(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    """Walks an IDM account with no SPOT request through: SPOT refuses it, saying no request was
    submitted and linking IDM's role request; the request submitted there gets a confirmation
    number (mailed, shown on IDM's home); back at SPOT the refusal says it is pending."""
    approver, _ = _organization_with_approver(make_user)
    assert approver.organization is not None
    user = make_user(spot_access="none", mfa=False)
    _refused_at_spot(page, portal, admin, user)
    refused = NotAssigned(page)
    refused.expect_shown()
    expect(page).to_have_url(re.compile("^" + re.escape(portal.spot_url)))
    refused.expect_advice("You have not submitted a SPOT access request.")
    expect(refused.request_link).to_have_attribute("href", portal.idm_url + "/app/roles/request")

    refused.request_link.click()
    form = RoleRequest(page, portal.idm_url)
    form.request_end_user(approver.organization["business_name"], "Eligibility checks")
    number = form.confirmation_number()

    received = admin.mail(to=user.email)[-1]
    assert received["subject"] == f"SPOT access request {number} received"
    assert admin.user(user.user_id)["spot_access"] == "pending"
    IdmHome(page, portal.idm_url).open().expect_spot_status(f"Pending (request {number})")
    page.goto("/home")  # back to SPOT: IDM's session is live, so IDM answers at once
    NotAssigned(page).expect_advice(f"Your SPOT access request {number} is pending")


@pytest.mark.covers("ACCESS_NOT_ASSIGNED", page="spot/authorization-code/callback")
@pytest.mark.covers("NOT_AUTHORIZED", page="spot/access-requests")
def test_an_approver_approves_one_end_users_request_and_denies_another(
    page: Page,
    new_context: CreateContextCallback,
    admin: AdminClient,
    make_user: MakeUser,
    sign_in_over_http: SignIn,
    portal: PortalHandle,
) -> None:
    """Walks an organization's approver (signed in over HTTP) deciding two end users' pending
    requests, each end user in their own browser: the first, refused before, is approved
    (mailed) and SPOT's /home then lets them in with no password, an end user with no Access
    Requests link whom that page refuses as not authorized; the second is denied (mailed) and
    SPOT's refusal says so, tells them to ask their organization's named approvers (not the
    Help Desk, which is for approvers) and links the role request again."""
    approver, organization_id = _organization_with_approver(make_user)
    backup = make_user(
        spot_access="approved", role="backup_approver", organization_id=organization_id
    )
    requester = make_user(spot_access="pending", role="end_user", organization_id=organization_id)
    other = make_user(spot_access="pending", role="end_user", organization_id=organization_id)
    requester_page = new_context().new_page()  # the requester's own browser
    _refused_at_spot(requester_page, portal, admin, requester)
    NotAssigned(requester_page).expect_shown()

    sign_in_over_http(approver)
    requests = AccessRequests(page).open()
    expect(requests.row(requester.user_id)).to_contain_text(str(requester.confirmation_number))
    requests.approve(requester.display_name)

    requests.expect_notice(f"Request {requester.confirmation_number} from")
    expect(requests.row(requester.user_id)).to_have_count(0)
    approval = admin.mail(to=requester.email)[-1]
    assert approval["subject"] == f"SPOT access request {requester.confirmation_number} approved"
    requester_page.goto("/home")  # IDM's session is live: no password needed
    SpotHome(requester_page).expect_signed_in_as(requester.display_name)

    # An end user cannot open access requests.
    expect(requester_page.get_by_role("link", name="Access Requests")).to_have_count(0)

    AccessRequests(requester_page).open()

    AccessRequests(requester_page).errors.expect_error(
        "NOT_AUTHORIZED", text="Access denied. You are not authorized to access this page."
    )

    # A denied request is mailed and still refused; the end user is told to ask the approvers.
    requests.deny(other.display_name)
    requests.expect_notice("denied")

    denial = admin.mail(to=other.email)[-1]
    assert denial["subject"] == f"SPOT access request {other.confirmation_number} denied"
    other_page = new_context().new_page()
    _refused_at_spot(other_page, portal, admin, other)
    refused = NotAssigned(other_page)
    refused.expect_shown()
    refused.expect_advice(
        f"Your SPOT access request {other.confirmation_number} {STATUS_WORDS['denied']}",
        "Ask your organization's approvers",
        approver.display_name,
        backup.display_name,
    )
    refused.expect_no_advice("855-416-4199")  # the Help Desk is for approvers
    expect(refused.request_link).to_be_visible()
    expect(refused.request_link).to_have_count(1)


@pytest.mark.covers("ACCESS_NOT_ASSIGNED", page="spot/authorization-code/callback")
def test_a_pending_approver_is_sent_to_the_help_desk_and_let_in_once_it_approves(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    """Walks a pending approver (with MFA) through: SPOT refuses them and sends them to the Help
    Desk with their IDM User ID and confirmation number; the refused sign-in left IDM's session
    live, so the Log in link on the refusal is refused at once with no password or code asked;
    the help desk approves them through the control API (mailed), and SPOT's /home lets them in
    with no password, showing Access Requests."""
    # Backup approvers and denied requests get the same advice: over HTTP.
    user = make_user(spot_access="pending", role="approver", mfa=True)
    _refused_at_spot(page, portal, admin, user)

    refused = NotAssigned(page)
    refused.expect_shown()
    assert user.confirmation_number is not None
    refused.expect_advice(
        *HELP_DESK,
        f"IDM User ID ({user.user_id})",
        f"request confirmation number ({user.confirmation_number})",
    )
    refused.expect_no_advice("Ask your organization's approvers")
    expect(IdmSignIn(page).user_id).to_have_count(0)

    SpotLanding(page).log_in()  # the Log in link on the page that shows the error

    NotAssigned(page).expect_shown()  # IDM's session is live: refused again at once
    expect(IdmSignIn(page).user_id).to_have_count(0)
    assert len(admin.mail(to=user.email)) == 1  # one MFA code, from the first sign-in

    admin.set_access(user.user_id, "approved")

    assert admin.mail(to=user.email)[-1]["subject"].endswith("approved")
    page.goto("/home")  # IDM's session is still live: no password needed
    SpotHome(page).expect_signed_in_as(user.display_name)
    expect(page.get_by_role("link", name="Access Requests")).to_be_visible()
