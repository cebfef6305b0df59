"""Pages of the SPOT access lifecycle: IDM's role request, SPOT's access requests, and the
"User is not assigned to the client application." answer."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from e2e.pages.errors import ErrorSummary

NOT_ASSIGNED = "User is not assigned to the client application."
# What the refusal says of a request's status, and the Help Desk it sends approvers to (the
# browser scenarios and their HTTP table, tests/sites/spot/test_access_guidance_http.py).
STATUS_WORDS = {"pending": "is pending", "denied": "was denied"}
HELP_DESK = (
    "855-416-4199",
    "press 1 for general assistance; 2 for enrollment",
    "FCSOSpotHelp@fcso.com",
)


class NotAssigned:
    """SPOT's answer when IDM refuses a user who is not assigned to SPOT."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors = ErrorSummary(page)
        self.message = self.errors.message("ACCESS_NOT_ASSIGNED")
        self.request_link = self.message.get_by_role("link", name="Request the SPOT role in IDM")

    def expect_shown(self) -> None:
        self.errors.expect_error("ACCESS_NOT_ASSIGNED", text=NOT_ASSIGNED)

    def expect_advice(self, *phrases: str) -> None:
        for phrase in phrases:
            expect(self.message).to_contain_text(phrase)

    def expect_no_advice(self, phrase: str) -> None:
        expect(self.message).not_to_contain_text(phrase)


class IdmHome:
    def __init__(self, page: Page, idm_url: str) -> None:
        self.page = page
        self.idm_url = idm_url
        self.spot_row = page.locator('tr[data-application="SPOT"]')

    def open(self) -> IdmHome:
        self.page.goto(self.idm_url + "/app/UserHome")
        return self

    def expect_spot_status(self, text: str) -> None:
        expect(self.spot_row.locator(".role-status")).to_contain_text(text)


class RoleRequest:
    """IDM's Manage My Roles form for the SPOT application."""

    def __init__(self, page: Page, idm_url: str) -> None:
        self.page = page
        self.idm_url = idm_url
        self.role = page.get_by_label("Select a Role")
        self.organization = page.get_by_label("Organization", exact=True)
        self.reason = page.get_by_label("Reason for request")
        self.submit_button = page.get_by_role("button", name="Submit Role Request")
        self.errors = ErrorSummary(page)

    def open(self) -> RoleRequest:
        self.page.goto(self.idm_url + "/app/roles/request")
        return self

    def request_end_user(self, organization_name: str, reason: str) -> None:
        self.role.select_option(label="SPOT End User")
        option = self.organization.locator("option", has_text=organization_name)
        self.organization.select_option(value=option.get_attribute("value") or "")
        self.reason.fill(reason)
        self.submit_button.click()

    def request_approver(self, profile: dict[str, str], reason: str) -> None:
        self.role.select_option(label="SPOT Approver")
        for label in ("Business Name", "Business Address", "NPI", "PTAN", "TIN"):
            self.page.get_by_label(label, exact=True).fill(profile[label])
        self.page.get_by_label("Line of Business").select_option(label=profile["Line of Business"])
        self.reason.fill(reason)
        self.submit_button.click()

    def confirmation_number(self) -> str:
        number = self.page.locator(".confirmation-number")
        expect(number).to_have_text(re.compile(r"^AR\d{10}$"))
        return number.inner_text()


class AccessRequests:
    """SPOT's page where an organization's approvers decide end users' requests."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors = ErrorSummary(page)

    def open(self) -> AccessRequests:
        self.page.goto("/access-requests")
        return self

    def row(self, user_id: str) -> Locator:
        return self.page.locator(f'tr[data-user-id="{user_id}"]')

    def approve(self, display_name: str) -> None:
        self.page.get_by_role("button", name=f"Approve {display_name}").click()

    def deny(self, display_name: str) -> None:
        self.page.get_by_role("button", name=f"Deny {display_name}").click()

    def expect_notice(self, text: str) -> None:
        expect(self.page.get_by_role("status")).to_contain_text(text)
