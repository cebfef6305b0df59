"""Each system down each way, over plain HTTP: IDM or SPOT down (scheduled, unscheduled) at log
in, HETS or FISS down under their searches, each back-end fault, and SPOT's weekly window by the
mock's clock. Each page is checked against the error-rendering contract
(fixtures/html_contract.py), its link to the status page followed, and the status page checked,
as e2e/test_system_availability.py's kept scenarios do in a browser; then the feature works again.

The guide: an error displays "if any features are temporarily unavailable due to technical
issues or the unavailability of required CMS systems (e.g., IDM, HETS, FISS) due to
scheduled/unscheduled maintenance. View the system status page".
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

import pytest

from e2e.pages.claim_status import ClaimStatusPage, claimant
from e2e.pages.eligibility import EligibilityPage
from fixtures.html_contract import HtmlPage
from mock_portal.testing.http_flow import HttpUser
from tests.sites.spot.inquiry_html import (
    CLAIM_STATUS_RESULTS,
    ELIGIBILITY_RESULTS,
    expect_claims,
    expect_eligibility_for,
    expect_no_result,
    submit,
)
from tests.sites.spot.status_html import (
    FEATURE_OF,
    MOMENT,
    OUTAGES,
    expect_signed_in_as,
    expect_unavailable,
    follow_status_link,
    log_in_links,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    import httpx

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.beneficiaries import Beneficiaries, Patient
    from mock_portal.testing.personas import Persona
    from mock_portal.testing.plugin import MakeUser, PortalHandle

SEARCH_OF = {"HETS": "/eligibility", "FISS": "/claim-status"}
RESULTS_OF = {"HETS": ELIGIBILITY_RESULTS, "FISS": CLAIM_STATUS_RESULTS}


@pytest.fixture
def visitor(portal: PortalHandle, namespace: str, admin: AdminClient) -> Iterator[HttpUser]:
    """A browser over plain HTTP, signed in to nothing (``admin`` made the namespace)."""
    with HttpUser(portal.spot_url, namespace) as user:
        yield user


def _log_in(user: HttpUser, persona: Persona) -> None:
    expect_signed_in_as(user.log_in(persona.user_id, persona.password), persona.display_name)


# -- IDM or SPOT down at log in ----------------------------------------------------------------


@pytest.mark.parametrize("maintenance", ["scheduled", "unscheduled"])
def test_log_in_while_idm_is_down_says_so_on_the_first_page(
    visitor: HttpUser, admin: AdminClient, make_user: MakeUser, maintenance: str
) -> None:
    user = make_user(spot_access="approved", mfa=False)
    admin.set_system("IDM", available=False, maintenance=maintenance, message="Patching")

    answer = visitor.get("/login")

    assert answer.url.path == "/login"  # shown there, not on a page further on
    page = HtmlPage(answer.text)
    page.expect_error(
        "SYSTEM_UNAVAILABLE",
        text=f"Log in is temporarily unavailable: IDM is down for {maintenance} maintenance.",
    )
    status = follow_status_link(visitor, page, answer)
    expect_unavailable(status, "IDM", maintenance)

    admin.set_system("IDM", available=True)
    _log_in(visitor, user)


def test_idm_going_down_while_its_sign_in_page_is_open_links_spots_status_page(
    visitor: HttpUser, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    user = make_user(spot_access="approved", mfa=False)
    sign_in_page = visitor.get("/login")  # IDM's chooser
    admin.set_system("IDM", available=False)

    answer = visitor.follow(visitor.submit_password(sign_in_page, user.user_id, user.password))

    assert answer.status_code == 503
    assert str(answer.url).startswith(portal.idm_url)  # IDM's own page says so
    page = HtmlPage(answer.text)
    page.expect_error("SYSTEM_UNAVAILABLE", text="IDM is down")
    # The status page is SPOT's: its link leaves IDM's origin and opens.
    follow_status_link(visitor, page, answer)


def test_spot_home_page_offers_no_log_in_while_idm_is_down(
    visitor: HttpUser, admin: AdminClient
) -> None:
    admin.set_system("IDM", available=False)

    page = HtmlPage(visitor.get("/").text)

    page.expect_error("SYSTEM_UNAVAILABLE", text="IDM is down for unscheduled maintenance")
    assert log_in_links(page) == []


@pytest.mark.parametrize("outage", OUTAGES)
@pytest.mark.parametrize("system", ["IDM", "SPOT"])
def test_log_in_is_unavailable_while_spot_or_idm_is_down_and_works_once_it_is_back(
    visitor: HttpUser, admin: AdminClient, make_user: MakeUser, system: str, outage: str
) -> None:
    admin.freeze_clock(MOMENT)
    user = make_user(spot_access="approved", mfa=False)
    restore = OUTAGES[outage].begin(admin, system)

    answer = visitor.get("/")

    page = HtmlPage(answer.text)
    page.expect_codes("SYSTEM_UNAVAILABLE")
    page.expect_error(
        "SYSTEM_UNAVAILABLE",
        text=f"Log in is temporarily unavailable: {system} is down for {OUTAGES[outage].words}",
    )
    assert log_in_links(page) == []
    expect_unavailable(follow_status_link(visitor, page, answer), system, outage)

    restore()
    _log_in(visitor, user)


# -- HETS or FISS down under its search --------------------------------------------------------


def _entry(system: str, patient: Patient) -> dict[str, str]:
    if system == "HETS":
        return EligibilityPage.entry_for(patient)
    return ClaimStatusPage.entry_for(patient)


def _expect_answer(system: str, page: HtmlPage, admin: AdminClient, patient: Patient) -> None:
    if system == "HETS":
        expect_eligibility_for(page, patient)
    else:
        expect_claims(page, admin.claims(patient.mbi))


@pytest.fixture
def signed_in(
    visitor: HttpUser, admin: AdminClient, make_user: MakeUser, beneficiaries: Beneficiaries
) -> HttpUser:
    """An approved end user, logged in to SPOT at the mock's frozen ``MOMENT``."""
    admin.freeze_clock(MOMENT)
    _log_in(visitor, make_user(spot_access="approved", mfa=False))
    return visitor


def _search_while_down(
    user: HttpUser, system: str, entry: dict[str, str], down_for: str
) -> tuple[httpx.Response, HtmlPage]:
    """Submit ``entry`` to ``system``'s search: the page says the feature is unavailable
    because ``system`` is down for ``down_for``, shows no result, and keeps what was typed."""
    answer, page = submit(user, SEARCH_OF[system], entry)
    page.expect_codes("SYSTEM_UNAVAILABLE")
    page.expect_error(
        "SYSTEM_UNAVAILABLE",
        text=f"{FEATURE_OF[system]} is temporarily unavailable: {system} is down for {down_for}",
    )
    expect_no_result(page, RESULTS_OF[system])
    page.expect_values(**entry)
    return answer, page


@pytest.mark.parametrize("outage", OUTAGES)
@pytest.mark.parametrize("system", ["HETS", "FISS"])
def test_a_search_is_unavailable_while_its_back_end_is_down_and_works_once_it_is_back(
    signed_in: HttpUser, admin: AdminClient, beneficiaries: Beneficiaries, system: str, outage: str
) -> None:
    patient = claimant(beneficiaries)
    entry = _entry(system, patient)
    restore = OUTAGES[outage].begin(admin, system)

    answer, page = _search_while_down(signed_in, system, entry, OUTAGES[outage].words)

    assert answer.status_code == 503
    if system == "HETS":
        assert admin.journal("hets.eligibility") == []  # SPOT did not ask HETS
    expect_unavailable(follow_status_link(signed_in, page, answer), system, outage)

    restore()
    _, page = submit(signed_in, SEARCH_OF[system], entry)
    _expect_answer(system, page, admin, patient)


FAILURES = {"slow": "timeout", "reset": "connection_reset", "malformed": "unreadable"}


@pytest.mark.parametrize(
    ("system", "fault"), [(system, fault) for system in SEARCH_OF for fault in FAILURES]
)
def test_a_back_end_fault_is_a_technical_issue_never_a_hang_or_an_error_page(
    signed_in: HttpUser, admin: AdminClient, beneficiaries: Beneficiaries, system: str, fault: str
) -> None:
    admin.settings(backend_timeout=0.05)  # a slow back end costs 50 ms, not SPOT's real 1 s
    admin.set_fault(system, fault)
    patient = claimant(beneficiaries)
    entry = _entry(system, patient)

    _search_while_down(signed_in, system, entry, "a technical issue.")

    (failure,) = admin.journal("backend.fault")
    assert (failure["system"], failure["fault"], failure["failure"]) == (
        system,
        fault,
        FAILURES[fault],
    )
    assert patient.mbi not in json.dumps(failure)

    admin.clear_fault(system)
    _, page = submit(signed_in, SEARCH_OF[system], entry)  # the same search again
    _expect_answer(system, page, admin, patient)


# -- SPOT's weekly maintenance, by the mock's clock -------------------------------------------


@pytest.mark.parametrize(
    ("wednesday", "offset", "zone"),
    [("2026-01-07", "-05:00", "EST"), ("2026-07-08", "-04:00", "EDT")],
    ids=["winter", "summer"],
)
def test_spots_weekly_window_is_entered_and_left_by_moving_the_clock(
    visitor: HttpUser,
    admin: AdminClient,
    make_user: MakeUser,
    beneficiaries: Beneficiaries,
    wednesday: str,
    offset: str,
    zone: str,
) -> None:
    def at(wall_time: str) -> datetime:
        return datetime.fromisoformat(f"{wednesday}T{wall_time}{offset}")

    admin.settings(weekly_maintenance=True)
    user = make_user(spot_access="approved", mfa=False)
    patient = claimant(beneficiaries)
    entry = EligibilityPage.entry_for(patient)
    admin.freeze_clock(at("19:45:00"))
    _log_in(visitor, user)
    _, page = submit(visitor, "/eligibility", entry)
    expect_eligibility_for(page, patient)

    admin.freeze_clock(at("20:00:00"))
    answer, page = submit(visitor, "/eligibility", entry)

    day = datetime.fromisoformat(wednesday).strftime("%m/%d/%Y")
    page.expect_error(
        "SYSTEM_UNAVAILABLE",
        text=f"Eligibility is temporarily unavailable: SPOT is down for scheduled maintenance "
        f"until 10:00 PM {zone} on {day}.",
    )
    expect_no_result(page, ELIGIBILITY_RESULTS)
    expect_unavailable(follow_status_link(visitor, page, answer), "SPOT", "scheduled")

    admin.freeze_clock(at("22:00:00"))  # over; SPOT's session timed out meanwhile
    _log_in(visitor, user)
    _, page = submit(visitor, "/eligibility", entry)
    expect_eligibility_for(page, patient)
