"""The guide: an error displays "if any features are temporarily unavailable due to technical
issues or the unavailability of required CMS systems (e.g., IDM, HETS, FISS) due to
scheduled/unscheduled maintenance. View the system status page".

One browser scenario for each page the error can appear on (docs/coverage.md); each system down
each way, each back-end fault, SPOT's weekly window, and each feature working once its system is
back run over HTTP against the same pages in tests/sites/spot/test_system_availability_http.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import EligibilityPage, IdmSignIn, SpotHome, SpotLanding
from e2e.pages.claim_status import ClaimStatusPage, claimant
from e2e.pages.errors import ErrorSummary
from e2e.pages.system_status import SystemStatusPage
from mock_portal.sites.spot.oidc_client import CALLBACK_PATH
from tests.sites.spot.status_html import FEATURE_OF, MOMENT, OUTAGES

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.beneficiaries import Beneficiaries
    from mock_portal.testing.plugin import MakeUser, SignIn


# -- Each system, down scheduled or unscheduled ------------------------------------------------


def _status_page_agrees(errors: ErrorSummary, system: str, outage: str) -> None:
    """The error's link leads to the status page, which shows the same outage."""
    errors.message("SYSTEM_UNAVAILABLE").get_by_role(
        "link", name="View the system status page"
    ).click()
    status = SystemStatusPage(errors.page)
    status.expect_shown()
    status.expect_unavailable(system, outage)


@pytest.mark.covers("SYSTEM_UNAVAILABLE", page="spot/")
def test_spot_landing_page_offers_no_log_in_while_spot_is_down(
    page: Page, admin: AdminClient
) -> None:
    """SPOT in a scheduled window; IDM or SPOT down each way, and logging in once it is back:
    over HTTP."""
    admin.freeze_clock(MOMENT)
    OUTAGES["scheduled"].begin(admin, "SPOT")

    landing = SpotLanding(page).open()

    landing.errors.expect_codes("SYSTEM_UNAVAILABLE")
    landing.errors.expect_error(
        "SYSTEM_UNAVAILABLE",
        text=f"Log in is temporarily unavailable: SPOT is down for {OUTAGES['scheduled'].words}",
    )
    expect(landing.log_in_link).to_have_count(0)
    _status_page_agrees(landing.errors, "SPOT", "scheduled")


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


@pytest.mark.covers("SYSTEM_UNAVAILABLE", page="spot/eligibility")
@pytest.mark.covers("SYSTEM_UNAVAILABLE", page="spot/claim-status")
def test_a_search_is_unavailable_while_its_back_end_is_down(
    signed_in_page: Page, admin: AdminClient, beneficiaries: Beneficiaries
) -> None:
    """Walks both searches through, each opened from SPOT home's navigation: HETS in scheduled
    maintenance refuses an eligibility inquiry, FISS in unscheduled maintenance a claim status
    search, each keeping what was typed, showing no result and linking the status page that
    shows the same outage. Each system down each way, each back-end fault, SPOT's weekly window,
    and the search working once the system is back: over HTTP."""
    for system, outage in (("HETS", "scheduled"), ("FISS", "unscheduled")):
        if system != "HETS":
            signed_in_page.goto("/home")
        patient = claimant(beneficiaries)
        form = _open_inquiry(signed_in_page, system)
        entry = form.entry_for(patient)
        OUTAGES[outage].begin(admin, system)

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


# -- IDM going down in the middle of a log in ---------------------------------------------------


@pytest.mark.covers("SYSTEM_UNAVAILABLE", page="idm/login/authn")
@pytest.mark.covers("SYSTEM_UNAVAILABLE", page="spot/authorization-code/callback")
@pytest.mark.covers("SYSTEM_UNAVAILABLE", page="spot/login")
def test_idm_going_down_is_said_at_each_step_of_a_log_in(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """Walks one browser through IDM going down at each step of a log in: while IDM's sign-in
    page is open (said there, the User ID kept, nothing signed in); from a SPOT landing page
    loaded before IDM went down (its Log in link leads straight to IDM, which sends the user
    back to SPOT's callback saying so); and from SPOT's /login while IDM is down (said on that
    first page, whose link leads to the status page showing IDM down). Each kind of maintenance,
    and logging in once IDM is back: over HTTP."""
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

    # A Log in link from before IDM went down comes back to SPOT saying so.
    admin.set_system("IDM", available=True)
    landing = SpotLanding(page).open()  # its Log in link leads straight to IDM
    admin.set_system("IDM", available=False, maintenance="scheduled")

    landing.log_in()

    expect(page).to_have_url(re.compile(re.escape(CALLBACK_PATH)))
    ErrorSummary(page).expect_error(
        "SYSTEM_UNAVAILABLE",
        text="Log in is temporarily unavailable: IDM is down for scheduled maintenance.",
    )

    # Log in while IDM is down says so on the first page.
    admin.set_system("IDM", available=False, maintenance="scheduled", message="Patching")

    page.goto("/login")

    errors = ErrorSummary(page)
    errors.expect_error(
        "SYSTEM_UNAVAILABLE",
        text="Log in is temporarily unavailable: IDM is down for scheduled maintenance.",
    )
    status_link = errors.message("SYSTEM_UNAVAILABLE").get_by_role(
        "link", name="View the system status page"
    )
    status_link.click()
    expect(page.locator('tr[data-system="IDM"] .system-state')).to_have_text("Unavailable")
