"""Systems taken down through the control API, and SPOT's System Status, landing and home pages
over plain HTTP: the checks e2e/pages/system_status.py and e2e/pages/spot.py make in a browser,
made on the served HTML (fixtures/html_contract.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fixtures.html_contract import HtmlPage

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx

    from fixtures.html_contract import Node
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.http_flow import HttpUser

STATUS_PATH = "/system-status"
STATUS_LINK = "View the system status page"

# Wednesday 10 a.m. in Florida: no weekly window near, and windows are laid out around it.
MOMENT = datetime.fromisoformat("2026-03-04T10:00:00-05:00")
FEATURE_OF = {"IDM": "Log in", "SPOT": "Log in", "HETS": "Eligibility", "FISS": "Claim Status"}


@dataclass(frozen=True)
class Outage:
    """A way to take a system down through the control API, and how the page words it."""

    words: str
    begin: Callable[[AdminClient, str], Callable[[], None]]


def _unscheduled(admin: AdminClient, system: str) -> Callable[[], None]:
    admin.set_system(system, available=False, message="Unplanned outage")

    def restore() -> None:
        admin.set_system(system, available=True)

    return restore


def _window(admin: AdminClient, system: str) -> Callable[[], None]:
    window = admin.add_window(
        system, MOMENT - timedelta(minutes=30), MOMENT + timedelta(hours=2), "Quarterly release"
    )
    return lambda: admin.delete_window(system, window["id"])


OUTAGES = {
    "unscheduled": Outage("unscheduled maintenance.", _unscheduled),
    "scheduled": Outage("scheduled maintenance until 12:00 PM EST on 03/04/2026.", _window),
}


def status_row(page: HtmlPage, system: str) -> Node:
    return page.root.one("tr", {"data-system": system})


def expect_available(page: HtmlPage, *systems: str) -> None:
    for system in systems:
        assert status_row(page, system).one(cls="system-state").text() == "Available", system


def expect_unavailable(page: HtmlPage, system: str, outage: str, **cells: str) -> None:
    """``system``'s row says Unavailable for ``outage`` (scheduled, unscheduled, technical),
    and each of ``cells`` (details, since, until) holds its text."""
    row = status_row(page, system)
    assert row.one(cls="system-state").text() == "Unavailable", system
    assert row.get("data-outage") == outage, row.attrs
    for cell, text in cells.items():
        assert text in row.one(cls=f"system-{cell}").text(), (cell, row.text())


def schedule(page: HtmlPage) -> Node:
    return page.region("Scheduled maintenance")


def windows(page: HtmlPage, system: str | None = None) -> list[Node]:
    """The schedule's windows (for ``system``)."""
    wanted = {"data-window": None} if system is None else {"data-window-system": system}
    return schedule(page).find_all("tr", wanted)


def follow_status_link(user: HttpUser, page: HtmlPage, answer: httpx.Response) -> HtmlPage:
    """Open the SYSTEM_UNAVAILABLE message's link to the status page, as a click does."""
    href = page.link_in(page.message("SYSTEM_UNAVAILABLE"), STATUS_LINK)
    status = user.get(str(answer.url.join(href)))
    assert status.url.path == STATUS_PATH
    shown = HtmlPage(status.text)
    assert shown.root.one("h1").text() == "System Status"
    return shown


def log_in_links(page: HtmlPage) -> list[Node]:
    """Links named like "Log in" (Playwright's role name match: any case, a substring)."""
    return [a for a in page.root.find_all("a") if "log in" in a.text().lower()]


def log_off_buttons(page: HtmlPage) -> list[Node]:
    return [b for b in page.root.find_all("button") if "log off" in b.text().lower()]


def expect_signed_in_as(home: httpx.Response, display_name: str) -> None:
    """SPOT home greets ``display_name`` and offers Log off."""
    assert home.url.path == "/home", home.url
    page = HtmlPage(home.text)
    assert page.root.one("h1").text() == f"Welcome, {display_name}"
    assert log_off_buttons(page)
