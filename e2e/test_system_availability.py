"""The guide: an error displays "if any features are temporarily unavailable due to technical
issues or the unavailability of required CMS systems (e.g., IDM, HETS, FISS) due to
scheduled/unscheduled maintenance. View the system status page"."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import SpotHome, SpotLanding
from e2e.pages.errors import ErrorSummary
from e2e.pages.journeys import log_in_to_spot

if TYPE_CHECKING:
    from fixtures.admin_client import AdminClient
    from fixtures.pytest_plugin import MakeUser


@pytest.mark.covers("SYSTEM_UNAVAILABLE")
@pytest.mark.parametrize("maintenance", ["scheduled", "unscheduled"])
def test_log_in_while_idm_is_down_says_so_on_the_first_page(
    page: Page, admin: AdminClient, make_user: MakeUser, maintenance: str
) -> None:
    user = make_user(spot_access="approved", mfa=False)
    admin.set_system("IDM", available=False, maintenance=maintenance, message="Patching")

    page.goto("/login")

    errors = ErrorSummary(page)
    errors.expect_error(
        "SYSTEM_UNAVAILABLE",
        text=f"Log in is temporarily unavailable: IDM is down for {maintenance} maintenance.",
    )
    status_link = errors.message("SYSTEM_UNAVAILABLE").get_by_role(
        "link", name="View the system status page"
    )
    status_link.click()
    expect(page.locator('tr[data-system="IDM"] .system-state')).to_have_text("Unavailable")

    admin.set_system("IDM", available=True)
    log_in_to_spot(page, admin, user)
    SpotHome(page).expect_signed_in_as(user.display_name)


@pytest.mark.covers("SYSTEM_UNAVAILABLE")
def test_spot_home_page_offers_no_log_in_while_idm_is_down(page: Page, admin: AdminClient) -> None:
    admin.set_system("IDM", available=False)

    landing = SpotLanding(page).open()

    landing.errors.expect_error(
        "SYSTEM_UNAVAILABLE", text="IDM is down for unscheduled maintenance"
    )
    expect(landing.log_in_link).to_have_count(0)
