"""SPOT forms left open across a new log in: each is posted with the old session's CSRF token,
and each page says the form belongs to an earlier log in (``STALE_SESSION``) without asking
anything of the back ends or deciding anything (mock_portal/sites/spot/inquiry.py's
``screen``, approvals.py's ``decide``; the message is the guide's cache advice, docs/errors.md's
``STALE_SESSION`` row)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import EligibilityPage
from e2e.pages.access import AccessRequests
from e2e.pages.claim_status import ClaimStatusPage

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, SignIn


@pytest.mark.covers("STALE_SESSION", page="spot/eligibility")
@pytest.mark.covers("STALE_SESSION", page="spot/claim-status")
@pytest.mark.covers("STALE_SESSION", page="spot/access-requests")
def test_forms_opened_before_a_new_log_in_are_refused_as_stale(
    page: Page, admin: AdminClient, make_user: MakeUser, sign_in_over_http: SignIn
) -> None:
    approver = make_user(spot_access="approved", role="approver", mfa=False)
    assert approver.organization is not None
    requester = make_user(
        spot_access="pending", role="end_user", organization_id=approver.organization["id"]
    )
    sign_in_over_http(approver)
    eligibility = EligibilityPage(page)
    page.goto("/eligibility")
    eligibility.expect_shown()
    claim_status = ClaimStatusPage(page.context.new_page())
    claim_status.page.goto("/claim-status")
    claim_status.expect_shown()
    requests = AccessRequests(page.context.new_page()).open()
    expect(requests.row(requester.user_id)).to_be_visible()

    sign_in_over_http(approver)  # a new log in: the open forms carry the old session's token

    eligibility.submit.click()
    eligibility.errors.expect_codes("STALE_SESSION")
    eligibility.errors.expect_error("STALE_SESSION", text="log in again")
    eligibility.expect_no_result()
    claim_status.submit.click()
    claim_status.errors.expect_codes("STALE_SESSION")
    claim_status.expect_no_result()
    requests.approve(requester.display_name)
    requests.errors.expect_codes("STALE_SESSION")
    assert admin.user(requester.user_id)["spot_access"] == "pending"
