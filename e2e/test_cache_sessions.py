"""The guide: "Clear your internet browser's cache between logins. If you have acquired an IDM
account and have approved access to the SPOT, you may encounter an error message if you have not
cleared your internet browser's cache between logins to either the IDM or SPOT websites."

Each mechanism is a pair of runs of the very same steps in one browser profile: one keeps its
cache and cookies and fails, the other clears them (as Chrome's "Clear browsing data" does) and
succeeds. Nothing on the server pretends: the failures come from Chromium's own HTTP cache and
cookie jar holding what real IDM/SPOT deployments let them hold.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import IdmSignIn, SpotHome, SpotLanding
from e2e.pages.browser import clear_browsing_data
from e2e.pages.errors import ErrorSummary
from e2e.pages.journeys import log_in_to_spot, sign_in_at_idm

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser

CLEAR_YOUR_CACHE = "Clear your browser's cache and cookies"
RUNS = pytest.mark.parametrize("clear", [False, True], ids=["cache-kept", "cache-cleared"])


def _clear_if(clear: bool, page: Page) -> None:
    if clear:
        clear_browsing_data(page)


@pytest.mark.covers("STALE_SESSION")
@RUNS
def test_second_login_with_idm_sign_in_page_from_cache(
    page: Page, admin: AdminClient, make_user: MakeUser, clear: bool
) -> None:
    """IDM's sign-in page is cacheable and embeds a one-time state token; log in, log off,
    log in again: a browser that kept the page posts the spent token of the first login."""
    user = make_user(spot_access="approved", mfa=True)
    log_in_to_spot(page, admin, user)
    SpotHome(page).log_off()
    SpotLanding(page).expect_logged_off()

    _clear_if(clear, page)
    SpotLanding(page).log_in()
    IdmSignIn(page).sign_in(user.user_id, user.password)

    pages_served = len(admin.journal(kind="idm.sign_in_page"))
    if clear:
        IdmSignIn(page).errors.expect_none()
        assert pages_served == 2
    else:
        IdmSignIn(page).errors.expect_error("STALE_SESSION", text=CLEAR_YOUR_CACHE)
        expect(IdmSignIn(page).errors.message("STALE_SESSION")).to_contain_text(
            "one-time sign-in token has already been used"
        )
        assert pages_served == 1  # the second sign-in page came from Chromium's cache


@pytest.mark.covers("STALE_SESSION")
@RUNS
def test_bookmarked_spot_page_from_cache_replays_a_used_state(
    page: Page, admin: AdminClient, make_user: MakeUser, clear: bool
) -> None:
    """SPOT's home page is cacheable and its Log in link carries an OIDC state. After SPOT's
    30-minute idle log-off (IDM's session lives on), the bookmarked page comes from cache and
    its Log in replays the state SPOT already used."""
    user = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()
    sign_in_at_idm(page, admin, user)
    SpotHome(page).expect_signed_in_as(user.display_name)
    admin.freeze_clock(datetime.now(UTC) + timedelta(minutes=31))

    _clear_if(clear, page)
    SpotLanding(page).open().log_in()

    if clear:
        sign_in_at_idm(page, admin, user)  # cookies went too: IDM asks again
        SpotHome(page).expect_signed_in_as(user.display_name)
    else:
        errors = ErrorSummary(page)
        errors.expect_error("STALE_SESSION", text=CLEAR_YOUR_CACHE)
        expect(errors.message("STALE_SESSION")).to_contain_text("already used")
        assert len(admin.journal(kind="spot.landing_page")) == 1


@pytest.mark.covers("STALE_SESSION")
@RUNS
def test_correlation_cookies_pile_up_until_the_header_is_too_large(
    page: Page, admin: AdminClient, make_user: MakeUser, clear: bool
) -> None:
    """Every log in attempt leaves a correlation cookie nothing deletes; after enough attempts
    in one profile every request is over the front end's 8 KiB header limit."""
    user = make_user(spot_access="approved", mfa=False)
    for _ in range(15):  # a bookmark to Eligibility, opened while signed out, 15 times
        page.goto("/eligibility")
        expect(page.locator("body")).not_to_be_empty()

    _clear_if(clear, page)
    page.goto("/")

    if clear:
        SpotLanding(page).log_in()
        sign_in_at_idm(page, admin, user)
        SpotHome(page).expect_signed_in_as(user.display_name)
    else:
        expect(page).to_have_title("400 Request Header Or Cookie Too Large")
        expect(page.locator("body")).to_contain_text("Request Header Or Cookie Too Large")


@pytest.mark.covers("STALE_SESSION")
@RUNS
def test_old_page_script_from_cache_after_a_spot_release(
    page: Page, admin: AdminClient, make_user: MakeUser, clear: bool
) -> None:
    """SPOT's page script is cached for a year at one URL; after a release, a browser still
    running the old script stamps SPOT's forms with the old release, and SPOT refuses them."""
    user = make_user(spot_access="approved", mfa=False)
    log_in_to_spot(page, admin, user)
    expect(page.get_by_text("Page script release 1")).to_be_visible()
    admin.release()

    _clear_if(clear, page)
    page.goto("/home")
    if clear:
        sign_in_at_idm(page, admin, user)  # cookies went too: IDM asks again
    SpotHome(page).log_off()

    if clear:
        SpotLanding(page).expect_logged_off()
    else:
        errors = ErrorSummary(page)
        errors.expect_error("STALE_SESSION", text=CLEAR_YOUR_CACHE)
        expect(errors.message("STALE_SESSION")).to_contain_text("release 1")
        expect(SpotHome(page).log_off_button).to_be_visible()  # still signed in


def test_with_cache_traps_off_a_second_login_just_works(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    admin.settings(cache_traps=False)
    user = make_user(spot_access="approved", mfa=False)
    log_in_to_spot(page, admin, user)
    SpotHome(page).log_off()

    SpotLanding(page).log_in()
    sign_in_at_idm(page, admin, user)

    SpotHome(page).expect_signed_in_as(user.display_name)
    admin.release()
    page.goto("/home")
    SpotHome(page).log_off()
    SpotLanding(page).expect_logged_off()
