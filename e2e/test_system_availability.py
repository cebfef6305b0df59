"""The guide: an error displays "if any features are temporarily unavailable due to technical
issues or the unavailability of required CMS systems (e.g., IDM, HETS, FISS) due to
scheduled/unscheduled maintenance. View the system status page"."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import EligibilityPage, IdmSignIn, SpotHome, SpotLanding
from e2e.pages.claim_status import ClaimStatusPage, claimant
from e2e.pages.errors import ErrorSummary
from e2e.pages.journeys import log_in_to_spot
from e2e.pages.system_status import SystemStatusPage
from mock_portal.sites.spot.oidc_client import CALLBACK_PATH

if TYPE_CHECKING:
    from collections.abc import Callable

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.beneficiaries import Beneficiaries, Patient
    from mock_portal.testing.plugin import MakeUser, SignIn


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


# -- Each system, down scheduled or unscheduled ------------------------------------------------

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


def _status_page_agrees(errors: ErrorSummary, system: str, outage: str) -> None:
    """The error's link leads to the status page, which shows the same outage."""
    errors.message("SYSTEM_UNAVAILABLE").get_by_role(
        "link", name="View the system status page"
    ).click()
    status = SystemStatusPage(errors.page)
    status.expect_shown()
    status.expect_unavailable(system, outage)


@pytest.mark.covers("SYSTEM_UNAVAILABLE")
@pytest.mark.parametrize("outage", OUTAGES)
@pytest.mark.parametrize("system", ["IDM", "SPOT"])
def test_log_in_is_unavailable_while_spot_or_idm_is_down_and_works_once_it_is_back(
    page: Page, admin: AdminClient, make_user: MakeUser, system: str, outage: str
) -> None:
    admin.freeze_clock(MOMENT)
    user = make_user(spot_access="approved", mfa=False)
    restore = OUTAGES[outage].begin(admin, system)

    landing = SpotLanding(page).open()

    landing.errors.expect_codes("SYSTEM_UNAVAILABLE")
    landing.errors.expect_error(
        "SYSTEM_UNAVAILABLE",
        text=f"Log in is temporarily unavailable: {system} is down for {OUTAGES[outage].words}",
    )
    expect(landing.log_in_link).to_have_count(0)
    _status_page_agrees(landing.errors, system, outage)

    restore()
    log_in_to_spot(page, admin, user)
    SpotHome(page).expect_signed_in_as(user.display_name)


def _open_inquiry(page: Page, system: str) -> EligibilityPage | ClaimStatusPage:
    """From SPOT's home page to the feature that asks ``system``."""
    home = SpotHome(page)
    form: EligibilityPage | ClaimStatusPage
    if system == "HETS":
        home.eligibility_link.click()
        form = EligibilityPage(page)
    else:
        home.claim_status_link.click()
        form = ClaimStatusPage(page)
    form.expect_shown()
    return form


def _expect_answer(
    form: EligibilityPage | ClaimStatusPage, admin: AdminClient, patient: Patient
) -> None:
    if isinstance(form, EligibilityPage):
        form.expect_result_for(patient)
    else:
        form.expect_claims(admin.claims(patient.mbi))


@pytest.fixture
def signed_in_page(
    page: Page, admin: AdminClient, make_user: MakeUser, sign_in_over_http: SignIn
) -> Page:
    """An approved end user, logged in to SPOT at the mock's frozen ``MOMENT``, on SPOT home.

    Signed in over HTTP: these scenarios are about the back ends; sign-in has its own."""
    admin.freeze_clock(MOMENT)
    sign_in_over_http(make_user(spot_access="approved", mfa=False))
    page.goto("/home")
    return page


@pytest.mark.covers("SYSTEM_UNAVAILABLE")
@pytest.mark.parametrize("outage", OUTAGES)
@pytest.mark.parametrize("system", ["HETS", "FISS"])
def test_a_search_is_unavailable_while_its_back_end_is_down_and_works_once_it_is_back(
    signed_in_page: Page,
    admin: AdminClient,
    beneficiaries: Beneficiaries,
    system: str,
    outage: str,
) -> None:
    patient = claimant(beneficiaries)
    form = _open_inquiry(signed_in_page, system)
    entry = form.entry_for(patient)
    restore = OUTAGES[outage].begin(admin, system)

    form.inquire(**entry)

    form.errors.expect_codes("SYSTEM_UNAVAILABLE")
    form.errors.expect_error(
        "SYSTEM_UNAVAILABLE",
        text=f"{FEATURE_OF[system]} is temporarily unavailable: {system} is down for "
        + OUTAGES[outage].words,
    )
    form.expect_no_result()
    form.expect_values(**entry)
    _status_page_agrees(form.errors, system, outage)

    restore()
    form = _open_inquiry(signed_in_page, system)
    form.inquire(**entry)
    _expect_answer(form, admin, patient)


# -- Technical faults in a back end ------------------------------------------------------------

FAILURES = {"slow": "timeout", "reset": "connection_reset", "malformed": "unreadable"}


@pytest.mark.covers("SYSTEM_UNAVAILABLE")
@pytest.mark.parametrize("fault", FAILURES)
@pytest.mark.parametrize("system", ["HETS", "FISS"])
def test_a_back_end_fault_is_a_technical_issue_never_a_hang_or_an_error_page(
    signed_in_page: Page, admin: AdminClient, beneficiaries: Beneficiaries, system: str, fault: str
) -> None:
    patient = claimant(beneficiaries)
    form = _open_inquiry(signed_in_page, system)
    entry = form.entry_for(patient)
    admin.set_fault(system, fault)

    form.inquire(**entry)

    form.errors.expect_error(
        "SYSTEM_UNAVAILABLE",
        text=f"{FEATURE_OF[system]} is temporarily unavailable: {system} is down for a "
        "technical issue.",
    )
    form.expect_no_result()
    form.expect_values(**entry)
    (failure,) = admin.journal("backend.fault")
    assert (failure["system"], failure["fault"], failure["failure"]) == (
        system,
        fault,
        FAILURES[fault],
    )
    assert patient.mbi not in json.dumps(failure)

    admin.clear_fault(system)
    form.submit.click()  # the same search, still in the form
    _expect_answer(form, admin, patient)


# -- SPOT's weekly maintenance, by the mock's clock -------------------------------------------


@pytest.mark.covers("SYSTEM_UNAVAILABLE")
@pytest.mark.parametrize(
    ("wednesday", "offset", "zone"),
    [("2026-01-07", "-05:00", "EST"), ("2026-07-08", "-04:00", "EDT")],
    ids=["winter", "summer"],
)
def test_spots_weekly_window_is_entered_and_left_by_moving_the_clock(
    page: Page,
    admin: AdminClient,
    make_user: MakeUser,
    beneficiaries: Beneficiaries,
    wednesday: str,
    offset: str,
    zone: str,
) -> None:
    def at(wall_time: str) -> datetime:
        return datetime.fromisoformat(f"{wednesday}T{wall_time}{offset}")

    # Cache traps off: the browser's cache keeps real time, and this scenario skips hours.
    admin.settings(weekly_maintenance=True, cache_traps=False)
    user = make_user(spot_access="approved", mfa=False)
    patient = claimant(beneficiaries)
    admin.freeze_clock(at("19:45:00"))
    log_in_to_spot(page, admin, user)
    form = _open_inquiry(page, "HETS")
    form.inquire(**form.entry_for(patient))
    _expect_answer(form, admin, patient)

    admin.freeze_clock(at("20:00:00"))
    form.submit.click()

    day = datetime.fromisoformat(wednesday).strftime("%m/%d/%Y")
    form.errors.expect_error(
        "SYSTEM_UNAVAILABLE",
        text=f"Eligibility is temporarily unavailable: SPOT is down for scheduled maintenance "
        f"until 10:00 PM {zone} on {day}.",
    )
    form.expect_no_result()
    _status_page_agrees(form.errors, "SPOT", "scheduled")

    admin.freeze_clock(at("22:00:00"))  # over; SPOT's session timed out meanwhile
    log_in_to_spot(page, admin, user)
    form = _open_inquiry(page, "HETS")
    form.inquire(**form.entry_for(patient))
    _expect_answer(form, admin, patient)


# -- IDM going down in the middle of a log in ---------------------------------------------------


@pytest.mark.covers("SYSTEM_UNAVAILABLE")
def test_idm_going_down_while_its_sign_in_page_is_open_is_said_there(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    user = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()
    sign_in = IdmSignIn(page)
    sign_in.expect_shown()
    admin.set_system("IDM", available=False)

    sign_in.sign_in(user.user_id, user.password)

    sign_in.errors.expect_error(
        "SYSTEM_UNAVAILABLE",
        text="Sign in is temporarily unavailable: IDM is down for unscheduled maintenance.",
    )
    expect(sign_in.user_id).to_have_value(user.user_id)
    assert admin.journal("idm.sign_in") == []


@pytest.mark.covers("SYSTEM_UNAVAILABLE")
def test_a_log_in_link_from_before_idm_went_down_comes_back_to_spot_saying_so(
    page: Page, admin: AdminClient
) -> None:
    landing = SpotLanding(page).open()  # its Log in link leads straight to IDM
    admin.set_system("IDM", available=False, maintenance="scheduled")

    landing.log_in()

    expect(page).to_have_url(re.compile(re.escape(CALLBACK_PATH)))
    ErrorSummary(page).expect_error(
        "SYSTEM_UNAVAILABLE",
        text="Log in is temporarily unavailable: IDM is down for scheduled maintenance.",
    )
