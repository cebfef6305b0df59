"""The system status page: every system SPOT depends on (and SPOT itself), up or down, why, and
the maintenance schedule in Eastern time; readable without signing in and while IDM is down."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.journeys import log_in_to_spot
from e2e.pages.spot import SpotHome
from e2e.pages.system_status import SystemStatusPage

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser

SYSTEMS = ("IDM", "HETS", "FISS", "SPOT")


def test_status_page_lists_idm_hets_fiss_and_spot_as_available(page: Page) -> None:
    status = SystemStatusPage(page).open()
    status.expect_available(*SYSTEMS)
    expect(status.schedule).to_contain_text("No maintenance is currently scheduled.")


def test_status_page_shows_an_outage_and_its_message(page: Page, admin: AdminClient) -> None:
    admin.set_system("FISS", available=False, maintenance="scheduled", message="Quarterly release")
    page.goto("/system-status")
    row = page.locator('tr[data-system="FISS"]')
    expect(row.locator(".system-state")).to_have_text("Unavailable")
    expect(row).to_contain_text("Scheduled maintenance: Quarterly release")
    expect(page.locator('tr[data-system="HETS"] .system-state')).to_have_text("Available")


@pytest.mark.parametrize(
    ("start", "shown_start", "shown_end"),
    [
        ("2026-01-10T06:00:00-05:00", "6:00 AM EST on 01/10/2026", "9:00 AM EST on 01/10/2026"),
        ("2026-07-11T06:00:00-04:00", "6:00 AM EDT on 07/11/2026", "9:00 AM EDT on 07/11/2026"),
    ],
    ids=["winter", "summer"],
)
def test_a_scheduled_window_is_listed_in_eastern_time_and_shown_while_it_lasts(
    page: Page, admin: AdminClient, start: str, shown_start: str, shown_end: str
) -> None:
    begins = datetime.fromisoformat(start)
    admin.freeze_clock(begins - timedelta(days=1))
    admin.add_window("HETS", begins, begins + timedelta(hours=3), "HETS quarterly release")

    status = SystemStatusPage(page).open()
    status.expect_available("HETS")
    window = status.window("HETS")
    expect(window.locator(".window-start")).to_have_text(shown_start)
    expect(window.locator(".window-end")).to_have_text(shown_end)
    expect(window).to_contain_text("HETS quarterly release")

    admin.freeze_clock(begins + timedelta(hours=1))
    page.reload()
    status.expect_unavailable(
        "HETS",
        "scheduled",
        details="Scheduled maintenance: HETS quarterly release",
        since=shown_start,
        until=shown_end,
    )
    expect(status.row("HETS").locator(".system-features")).to_have_text("Eligibility")
    expect(status.window("HETS")).to_contain_text("(now)")

    admin.freeze_clock(begins + timedelta(hours=3))
    page.reload()
    status.expect_available("HETS")
    expect(status.windows).to_have_count(0)


def test_the_weekly_spot_window_is_on_the_schedule_and_shown_on_wednesday_evening(
    page: Page, admin: AdminClient
) -> None:
    admin.settings(weekly_maintenance=True)
    admin.freeze_clock(datetime.fromisoformat("2026-01-05T09:00:00-05:00"))  # a Monday

    status = SystemStatusPage(page).open()
    expect(status.schedule).to_contain_text("routine weekly maintenance (Wednesday 8-10 p.m. ET)")
    expect(status.window("SPOT").locator(".window-start")).to_have_text("8:00 PM EST on 01/07/2026")
    status.expect_available(*SYSTEMS)

    admin.freeze_clock(datetime.fromisoformat("2026-01-07T20:30:00-05:00"))
    page.reload()
    status.expect_unavailable(
        "SPOT", "scheduled", details="Routine weekly SPOT maintenance", until="10:00 PM EST"
    )
    expect(status.row("SPOT").locator(".system-features")).to_have_text(
        "Log in, Eligibility, Claim Status"
    )


def test_a_fault_is_shown_as_a_technical_issue(page: Page, admin: AdminClient) -> None:
    admin.set_fault("HETS", "reset", "Network trouble at the data center")

    status = SystemStatusPage(page).open()

    status.expect_unavailable(
        "HETS",
        "technical",
        details="Technical issue (HETS drops the connection): Network trouble at the data center",
        until="Not announced",
    )
    status.expect_available("IDM", "FISS", "SPOT")


def test_the_page_answers_while_idm_is_down_signed_in_or_not(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    user = make_user(spot_access="approved", mfa=False)
    log_in_to_spot(page, admin, user)
    admin.set_system("IDM", available=False, message="Identity provider upgrade")

    status = SystemStatusPage(page).open()
    status.expect_unavailable("IDM", "unscheduled", details="Identity provider upgrade")
    expect(SpotHome(page).log_off_button).to_be_visible()  # still signed in to SPOT

    page.context.clear_cookies()
    status.open()
    status.expect_unavailable("IDM", "unscheduled")
    expect(SpotHome(page).log_off_button).to_have_count(0)
