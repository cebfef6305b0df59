"""The system status page over plain HTTP: every system SPOT depends on (and SPOT itself), up or
down, why, and the maintenance schedule in Eastern time; readable without signing in and while
IDM is down. The same page e2e/test_system_status.py opens in a browser (which lists the systems
and shows an outage there), checked in its HTML as e2e/pages/system_status.py checks it there
(tests/sites/spot/status_html.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from fixtures.html_contract import HtmlPage
from mock_portal.testing.http_flow import HttpUser
from tests.sites.spot.status_html import (
    STATUS_PATH,
    expect_available,
    expect_signed_in_as,
    expect_unavailable,
    log_off_buttons,
    schedule,
    status_row,
    windows,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, PortalHandle

SYSTEMS = ("IDM", "HETS", "FISS", "SPOT")


@pytest.fixture
def visitor(portal: PortalHandle, namespace: str, admin: AdminClient) -> Iterator[HttpUser]:
    with HttpUser(portal.spot_url, namespace) as user:
        yield user


def _status(user: HttpUser) -> HtmlPage:
    answer = user.get(STATUS_PATH)
    assert answer.status_code == 200
    return HtmlPage(answer.text)


@pytest.mark.parametrize(
    ("start", "shown_start", "shown_end"),
    [
        ("2026-01-10T06:00:00-05:00", "6:00 AM EST on 01/10/2026", "9:00 AM EST on 01/10/2026"),
        ("2026-07-11T06:00:00-04:00", "6:00 AM EDT on 07/11/2026", "9:00 AM EDT on 07/11/2026"),
    ],
    ids=["winter", "summer"],
)
def test_a_scheduled_window_is_listed_in_eastern_time_and_shown_while_it_lasts(
    visitor: HttpUser, admin: AdminClient, start: str, shown_start: str, shown_end: str
) -> None:
    begins = datetime.fromisoformat(start)
    admin.freeze_clock(begins - timedelta(days=1))
    admin.add_window("HETS", begins, begins + timedelta(hours=3), "HETS quarterly release")

    page = _status(visitor)
    expect_available(page, "HETS")
    (window,) = windows(page, "HETS")
    assert window.one(cls="window-start").text() == shown_start
    assert window.one(cls="window-end").text() == shown_end
    assert "HETS quarterly release" in window.text()

    admin.freeze_clock(begins + timedelta(hours=1))
    page = _status(visitor)
    expect_unavailable(
        page,
        "HETS",
        "scheduled",
        details="Scheduled maintenance: HETS quarterly release",
        since=shown_start,
        until=shown_end,
    )
    assert status_row(page, "HETS").one(cls="system-features").text() == "Eligibility"
    (window,) = windows(page, "HETS")
    assert "(now)" in window.text()

    admin.freeze_clock(begins + timedelta(hours=3))
    page = _status(visitor)
    expect_available(page, "HETS")
    assert windows(page) == []


def test_the_weekly_spot_window_is_on_the_schedule_and_shown_on_wednesday_evening(
    visitor: HttpUser, admin: AdminClient
) -> None:
    admin.settings(weekly_maintenance=True)
    admin.freeze_clock(datetime.fromisoformat("2026-01-05T09:00:00-05:00"))  # a Monday

    page = _status(visitor)
    assert "routine weekly maintenance (Wednesday 8-10 p.m. ET)" in schedule(page).text()
    (window,) = windows(page, "SPOT")
    assert window.one(cls="window-start").text() == "8:00 PM EST on 01/07/2026"
    expect_available(page, *SYSTEMS)

    admin.freeze_clock(datetime.fromisoformat("2026-01-07T20:30:00-05:00"))
    page = _status(visitor)
    expect_unavailable(
        page, "SPOT", "scheduled", details="Routine weekly SPOT maintenance", until="10:00 PM EST"
    )
    features = status_row(page, "SPOT").one(cls="system-features").text()
    assert features == "Log in, Eligibility, Claim Status"


def test_a_fault_is_shown_as_a_technical_issue(visitor: HttpUser, admin: AdminClient) -> None:
    admin.set_fault("HETS", "reset", "Network trouble at the data center")

    page = _status(visitor)

    expect_unavailable(
        page,
        "HETS",
        "technical",
        details="Technical issue (HETS drops the connection): Network trouble at the data center",
        until="Not announced",
    )
    expect_available(page, "IDM", "FISS", "SPOT")


def test_the_page_answers_while_idm_is_down_signed_in_or_not(
    visitor: HttpUser, admin: AdminClient, make_user: MakeUser
) -> None:
    user = make_user(spot_access="approved", mfa=False)
    expect_signed_in_as(visitor.log_in(user.user_id, user.password), user.display_name)
    admin.set_system("IDM", available=False, message="Identity provider upgrade")

    page = _status(visitor)
    expect_unavailable(page, "IDM", "unscheduled", details="Identity provider upgrade")
    assert log_off_buttons(page)  # still signed in to SPOT

    visitor.client.cookies.clear()
    page = _status(visitor)
    expect_unavailable(page, "IDM", "unscheduled")
    assert log_off_buttons(page) == []
