"""The control panel: a tester signs in with the admin token and sets the portal up by hand.

The panel runs in a browser that sends no namespace header: Chromium lets a context's extra
headers override the page's own, which would hide whether the panel sends the namespace typed in
its Namespace field. So everything the panel does here lands in the test's namespace only because
the tester typed it, and ``admin`` (bound to that namespace) sees it. SPOT itself (its status
page, a persona's log in) is looked at over plain HTTP in the test's namespace: what the panel's
script does needs the browser, SPOT's server-rendered pages do not (they have browser scenarios
of their own), and a second browser cost each scenario a context and a log in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.control_panel import ControlPanel
from fixtures.html_contract import HtmlPage
from mock_portal.testing.http_flow import HttpUser
from mock_portal.testing.personas import Persona
from tests.sites.spot.status_html import (
    STATUS_PATH,
    expect_available,
    expect_signed_in_as,
    expect_unavailable,
    status_row,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in browser_context_args.items() if k != "extra_http_headers"}


@pytest.fixture
def spot(portal: PortalHandle, namespace: str) -> Iterator[HttpUser]:
    """SPOT over plain HTTP in the test's namespace (``panel`` makes it, through ``admin``)."""
    with HttpUser(portal.spot_url, namespace) as user:
        yield user


def _status_page(spot: HttpUser) -> HtmlPage:
    return HtmlPage(spot.get(STATUS_PATH).text)


@pytest.fixture
def panel(page: Page, portal: PortalHandle, namespace: str, admin: AdminClient) -> ControlPanel:
    """The panel, signed in and working in the test's namespace (``admin`` cleans it up)."""
    panel = ControlPanel(page).open()
    panel.use_namespace(namespace)
    panel.sign_in(portal.admin_token)
    panel.expect_signed_in()
    return panel


def test_the_connection_keeps_the_token_in_the_tab_and_points_out_each_mistake(
    page: Page, portal: PortalHandle
) -> None:
    """Walks the Connection section through: signing in (the token kept in this tab's
    sessionStorage only, through a reload), signing out (gone, through a reload), then on that
    freshly loaded signed-out panel a wrong token, an empty one and a namespace with spaces,
    each pointed out on its field."""
    panel = ControlPanel(page).open()
    panel.expect_signed_out()

    panel.sign_in(portal.admin_token)

    panel.expect_signed_in()
    panel.connection.expect_status("Signed in. Working in namespace default.")
    assert panel.stored_token() == portal.admin_token
    assert portal.admin_token not in page.url
    assert all(portal.admin_token not in c["value"] for c in page.context.cookies())
    page.reload()
    panel.expect_signed_in()  # sessionStorage outlives a reload of the tab

    panel.sign_out()

    panel.expect_signed_out()
    assert panel.stored_token() is None
    page.reload()
    panel.expect_signed_out()

    panel.sign_in("not-the-token")

    panel.connection.errors.expect_error(
        "unauthorized", field="admin-token", text="send Authorization: Bearer <admin token>"
    )
    panel.expect_signed_out()
    assert panel.stored_token() is None

    panel.sign_in("")
    panel.connection.errors.expect_error("REQUIRED_FIELD", field="admin-token")

    panel.use_namespace("no spaces allowed")
    panel.connection.errors.expect_error("DATA_FORMAT", field="namespace")


QUICK_PERSONAS = {
    "Approved end user": ("approved", "end_user"),
    "Pending end user": ("pending", "end_user"),
    "Denied end user": ("denied", "end_user"),
    "No SPOT request": ("none", None),
    "Approver": ("approved", "approver"),
}


def test_the_personas_section_makes_users_says_what_the_api_refused_and_sets_access(
    panel: ControlPanel, admin: AdminClient, spot: HttpUser
) -> None:
    """Walks the Personas section through, in one signed-in panel: the quick personas and a
    Login.gov user; a persona made with the form, which exists and signs in to SPOT (over HTTP)
    with the password shown; the API's refusals of a taken and a malformed User ID, each with
    its reason; the help desk approving a pending approver (mailed); and, by the mock's frozen
    clock, each account lifecycle state."""
    made: dict[str, str] = {}
    for label in QUICK_PERSONAS:
        panel.personas.quick(label)
        panel.personas.expect_status("Created ")
        made[label] = panel.personas.newest_user_id()

    expect(panel.personas.created_rows).to_have_count(len(QUICK_PERSONAS))
    for label, user_id in made.items():
        user = admin.user(user_id)
        assert (user["spot_access"], user["role"]) == QUICK_PERSONAS[label], label

    panel.personas.create_logingov_user("panel.made@example.com", verified=False)

    panel.personas.expect_status("Created Login.gov user panel.made@example.com")
    account = admin.logingov_account("panel.made@example.com")
    assert account["verified"] is False

    # A persona made with the form exists and signs in with the password shown.
    panel.personas.create(user_id="panel.tester", spot_access="Approved", role="End User")

    panel.personas.expect_status("Created panel.tester")
    row = panel.personas.created("panel.tester")
    created = admin.user("panel.tester")
    assert created["spot_access"] == "approved"
    assert created["role"] == "end_user"
    assert created["mfa"] is True
    expect(row).to_contain_text(created["email"])
    expect(row.locator("[data-confirmation-number]")).to_have_text(created["confirmation_number"])
    password = panel.personas.password_shown_for("panel.tester")
    assert password

    persona = Persona.from_api({**created, "password": password})
    home = spot.log_in(
        persona.user_id, password, code_for=lambda: admin.latest_mfa_code(persona.email)
    )
    expect_signed_in_as(home, persona.display_name)

    # The API's refusals, with their reasons.
    admin.create_user(user_id="taken.user")

    panel.personas.create(user_id="taken.user")
    panel.personas.errors.expect_error("user_exists", text="'taken.user' already exists")

    panel.personas.create(user_id="no spaces")
    panel.personas.errors.expect_error(
        "bad_request", field="persona-user-id", text="user_id must be 3-64 characters"
    )

    # The help desk approves a pending approver.
    pending = admin.create_user(spot_access="pending", role="approver")

    panel.personas.set_access(pending["user_id"], "Approved")

    panel.personas.expect_status(f"{pending['user_id']}'s SPOT access is now: Approved.")
    assert admin.user(pending["user_id"])["spot_access"] == "approved"
    expect(panel.outbox.rows.first).to_contain_text(pending["email"])

    # Each account lifecycle state, by the mock's clock (frozen last: nothing above depends on
    # it).
    now = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
    admin.freeze_clock(now)
    states = {
        "expired.panel": ("Password expired (no IDM log in for 61 days)", "last_idm_login", 61),
        "inactive.panel": (
            "SPOT access inactive (no SPOT log in for 31 days)",
            "last_spot_login",
            31,
        ),
        "uncertified.panel": ("Role not certified (for 366 days)", "role_certified_at", 366),
    }
    for user_id, (label, field, days) in states.items():
        panel.personas.create(user_id=user_id, account_state=label)
        panel.personas.expect_status(f"Created {user_id}")
        then = datetime.fromisoformat(admin.user(user_id)[field])
        assert then == now - timedelta(days=days), user_id

    panel.personas.create(
        user_id="suspended.panel",
        account_state="Suspended (only the help desk lifts it)",
        factor="Google Authenticator or Okta Verify",
    )
    panel.personas.expect_status("Created suspended.panel")
    suspended = admin.user("suspended.panel")
    assert suspended["suspended"] is True
    assert suspended["mfa_factor"] == "totp"
    assert suspended["totp_secret"]


def test_the_systems_and_clock_sections_take_systems_down_and_move_time(
    panel: ControlPanel, admin: AdminClient, spot: HttpUser
) -> None:
    """Walks the Systems and Clock sections through, in one signed-in panel: HETS taken down
    (shown on SPOT's status page, over HTTP) and brought back; a malformed-answer fault on HETS
    shown there until brought back; the clock frozen in EST, moved forward, frozen in EDT and
    returned to real time; then maintenance windows: one ending before it starts is refused,
    one in Eastern time takes FISS down until cancelled, and SPOT's weekly window is a setting
    of the namespace."""
    panel.systems.take_down("HETS", "Unscheduled maintenance", "Eligibility is being <fixed>")

    panel.systems.expect_status("HETS is down")
    panel.systems.expect_state("HETS", "Unavailable")
    hets = next(s for s in admin.systems() if s["name"] == "HETS")
    assert (hets["available"], hets["maintenance"]) == (False, "unscheduled")
    assert hets["message"] == "Eligibility is being <fixed>"
    status = _status_page(spot)
    expect_unavailable(status, "HETS", "unscheduled")
    assert (
        "Unscheduled maintenance: Eligibility is being <fixed>" in status_row(status, "HETS").text()
    )

    panel.systems.bring_back("HETS")

    panel.systems.expect_state("HETS", "Available")
    assert all(s["available"] for s in admin.systems())
    expect_available(_status_page(spot), "HETS")

    # A fault set in the panel shows on the status page until brought back.
    panel.systems.break_back_end("HETS", "malformed", "Garbled answers")

    panel.systems.expect_status("HETS has a malformed fault")
    assert admin.system("HETS")["fault"] == "malformed"
    expect_unavailable(_status_page(spot), "HETS", "technical", details="Garbled answers")

    panel.systems.bring_back("HETS")

    panel.systems.expect_state("HETS", "Available")
    assert admin.system("HETS")["fault"] is None

    # The clock freezes at Eastern time and moves forward.
    panel.clock.freeze_at("2026-01-07T09:30")  # EST, UTC-5

    assert admin.clock() == {
        "now": "2026-01-07T14:30:00+00:00",
        "frozen": True,
        "idm_skew_seconds": 0,
        "idm_now": "2026-01-07T14:30:00+00:00",
    }
    expect(panel.clock.now_eastern).to_have_text("01/07/2026 09:30:00 EST")

    panel.clock.move_forward(31)

    assert admin.clock()["now"] == "2026-01-07T15:01:00+00:00"
    expect(panel.clock.now_eastern).to_have_text("01/07/2026 10:01:00 EST")

    panel.clock.freeze_at("2026-07-04T12:00")  # EDT, UTC-4

    assert admin.clock()["now"] == "2026-07-04T16:00:00+00:00"
    expect(panel.clock.now_eastern).to_have_text("07/04/2026 12:00:00 EDT")

    panel.clock.return_to_real_time()

    assert admin.clock()["frozen"] is False
    expect(panel.clock.mode).to_have_text("Real time")

    # Windows scheduled in Eastern time take the system down while they last.
    panel.systems.schedule("HETS", "2026-07-04T14:00", "2026-07-04T10:00")

    panel.systems.errors.expect_error("bad_request", text="end must be after start")
    assert admin.windows("HETS") == []

    admin.freeze_clock(datetime.fromisoformat("2026-07-04T11:00:00-04:00"))

    panel.systems.schedule("FISS", "2026-07-04T10:00", "2026-07-04T14:00", "FISS release")

    panel.systems.expect_status("FISS maintenance scheduled")
    (window,) = admin.windows("FISS")
    assert (window["start"], window["end"]) == (
        "2026-07-04T14:00:00+00:00",
        "2026-07-04T18:00:00+00:00",
    )
    expect(panel.systems.window(window["id"])).to_contain_text("active")
    panel.systems.expect_state("FISS", "Unavailable")
    expect(panel.systems.row("FISS").get_by_role("button")).to_have_count(0)  # it ends on time
    expect_unavailable(_status_page(spot), "FISS", "scheduled", until="2:00 PM EDT on 07/04/2026")

    panel.systems.cancel_window("FISS", window["id"])

    panel.systems.expect_state("FISS", "Available")
    expect(panel.systems.windows).to_have_count(0)
    assert admin.windows("FISS") == []

    expect(panel.systems.weekly).not_to_be_checked()

    panel.systems.set_weekly(True)

    panel.systems.expect_status("Weekly SPOT maintenance is on")
    assert admin.settings()["weekly_maintenance"] is True
    expect(panel.systems.window("weekly")).to_contain_text("Weekly (a setting)")


def test_the_outbox_journal_and_settings_show_and_set_the_namespace(
    panel: ControlPanel, admin: AdminClient, spot: HttpUser
) -> None:
    """Walks the Outbox, Journal and Settings sections through, in one signed-in panel: the
    test's mail newest first, then filtered by recipient; a SPOT release shipped and the
    landing page opened (over HTTP), shown in the journal and filtered by kind; cache traps
    turned off and on, and IDM's first page set to the classic page."""
    first = admin.create_user(spot_access="pending", role="approver")
    second = admin.create_user(spot_access="pending", role="approver")
    admin.set_access(first["user_id"], "approved")
    admin.set_access(second["user_id"], "denied")

    panel.outbox.refresh()

    expect(panel.outbox.rows).to_have_count(2)
    expect(panel.outbox.rows.nth(0)).to_contain_text(second["email"])
    expect(panel.outbox.rows.nth(0)).to_contain_text("denied")
    expect(panel.outbox.rows.nth(1)).to_contain_text(first["email"])

    panel.outbox.refresh(first["email"])

    expect(panel.outbox.rows).to_have_count(1)
    expect(panel.outbox.rows.first).to_contain_text(
        f"SPOT access request {first['confirmation_number']} approved"
    )

    # The journal shows what the test did.
    spot.get("/")
    panel.settings.ship_release()

    panel.settings.expect_status("Shipped SPOT release 2")
    assert admin.settings()["release"] == 2
    expect(panel.settings.release).to_have_text("2")
    expect(panel.journal.rows.first).to_contain_text("spot.release")
    expect(panel.journal.rows.first).to_contain_text("release: 2")
    expect(panel.journal.entries_of("spot.landing_page")).to_have_count(1)

    panel.journal.refresh("spot.landing_page")

    expect(panel.journal.rows).to_have_count(1)
    expect(panel.journal.entries_of("spot.landing_page")).to_have_count(1)

    # Cache traps and IDM's first page are set for the namespace.
    expect(panel.settings.cache_traps).to_be_checked()

    panel.settings.set_cache_traps(False)

    panel.settings.expect_status("Cache traps are off")
    assert admin.settings()["cache_traps"] is False

    panel.settings.set_cache_traps(True)

    assert admin.settings()["cache_traps"] is True

    expect(panel.settings.idm_sign_in).to_have_value("chooser")

    panel.settings.set_idm_sign_in("classic")

    panel.settings.expect_status("IDM's first page is the classic page")
    assert admin.settings()["idm_sign_in"] == "classic"
