"""The guide: "Clear your internet browser's cache between logins. If you have acquired an IDM
account and have approved access to the SPOT, you may encounter an error message if you have not
cleared your internet browser's cache between logins to either the IDM or SPOT websites."

Each mechanism (docs/cache-errors.md) runs the very same steps twice in one browser profile:
with the cache and cookies kept, they fail; after clearing them (as Chrome's "Clear browsing
data" does), the same steps succeed. Nothing on the server pretends: the failures come from
Chromium's own HTTP cache and cookie jar. Playwright turns Chromium's back/forward cache off, and
any ``page.route()`` would turn its HTTP cache off: each cache scenario counts the server's real
renders in the journal, so a harness change that stopped the cache cannot make it pass silently.

The last scenarios are the other side of the rule: what is NOT the cache (two tabs, a sign-in
page left open, the Back button after signing in) works, or gets Okta's own answer, and no
message tells the user to clear their cache.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import IdmSignIn, SpotHome, SpotLanding
from e2e.pages.browser import NEEDS_CDP, clear_browsing_data
from e2e.pages.errors import ErrorSummary
from e2e.pages.journeys import log_in_to_spot, sign_in_at_idm

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, PortalHandle

CLEAR_YOUR_CACHE = "Clear your browser's cache and cookies"
INACTIVITY = "You have been logged out due to inactivity. Refresh or return to the sign in screen."
# Chromium's HTTP cache and cookie jar, cleared through CDP: skipped under another --browser.
pytestmark = pytest.mark.chromium_only(NEEDS_CDP)


def _cleared_the_same_steps_work(page: Page) -> None:
    """The guide's remedy, in the same browser profile: clear the cache and cookies; the steps
    that failed are then taken again, and work."""
    clear_browsing_data(page)


def _renders(admin: AdminClient, kind: str) -> int:
    """How many times the server really rendered a page (a cached copy adds nothing)."""
    return len(admin.journal(kind=kind))


def _expect_no_cache_blame(page: Page) -> None:
    expect(page.locator("body")).not_to_contain_text("cache")


# --- SPOT's own cached pages and scripts (the relying party: the mock's choice) ---------------


@pytest.mark.covers("STALE_SESSION", page="spot/authorization-code/callback")
def test_log_in_log_off_log_in_again_from_the_cached_spot_home_page(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """The guide's own steps. SPOT's home page is cacheable and its Log in link carries a
    one-time OIDC state; log in, Log off, open the home page again and log in: a browser that
    kept the page sends the state of the first log in, which SPOT has already used."""
    user = make_user(spot_access="approved", mfa=True)
    log_in_to_spot(page, admin, user)
    SpotHome(page).log_off()
    SpotLanding(page).expect_logged_off()

    SpotLanding(page).open().log_in()
    sign_in_at_idm(page, admin, user)  # Log off ended IDM's session too: IDM asks again

    errors = ErrorSummary(page)
    errors.expect_error("STALE_SESSION", text=CLEAR_YOUR_CACHE)
    expect(errors.message("STALE_SESSION")).to_contain_text("already used")
    assert _renders(admin, "spot.landing_page") == 1  # the second came from Chromium's cache

    _cleared_the_same_steps_work(page)
    SpotLanding(page).open().log_in()
    sign_in_at_idm(page, admin, user)
    SpotHome(page).expect_signed_in_as(user.display_name)
    assert _renders(admin, "spot.landing_page") == 2


def _page_timer_asks_often(admin: AdminClient) -> None:
    """SPOT's page asks every 50 ms how long its session has left, not every second, so the
    log-off shows as soon as the mock's clock jumps (docs/account-lifecycle.md)."""
    admin.settings(session_check_interval=0.05)


def _idle_past_spot_log_off(page: Page, admin: AdminClient) -> None:
    """31 minutes pass by the mock's clock; the SPOT page left open logs off at 30 (its timer
    asks SPOT, docs/account-lifecycle.md). Waiting for that page keeps the timer's navigation
    from racing the next step's."""
    now = datetime.fromisoformat(admin.clock()["now"])
    admin.freeze_clock(now + timedelta(minutes=31))
    ErrorSummary(page).expect_error("SPOT_SESSION_TIMED_OUT")


@pytest.mark.covers("STALE_SESSION", page="spot/authorization-code/callback")
@pytest.mark.covers("SPOT_SESSION_TIMED_OUT", page="spot/timed-out")
def test_bookmarked_spot_page_from_cache_replays_a_used_state(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """After SPOT's 30-minute idle log-off (IDM's session lives on), the bookmarked home page
    comes from cache and its Log in replays the state SPOT already used, at once."""
    _page_timer_asks_often(admin)
    user = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()
    sign_in_at_idm(page, admin, user)
    SpotHome(page).expect_signed_in_as(user.display_name)
    _idle_past_spot_log_off(page, admin)

    SpotLanding(page).open().log_in()

    errors = ErrorSummary(page)
    errors.expect_error("STALE_SESSION", text=CLEAR_YOUR_CACHE)
    expect(errors.message("STALE_SESSION")).to_contain_text("already used")
    assert _renders(admin, "spot.landing_page") == 1

    _cleared_the_same_steps_work(page)
    SpotLanding(page).open().log_in()
    sign_in_at_idm(page, admin, user)  # cookies went too: IDM asks again
    SpotHome(page).expect_signed_in_as(user.display_name)


@pytest.mark.covers("STALE_SESSION", page="spot/logoff")
def test_old_page_script_from_cache_after_a_spot_release(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """SPOT's page script is cached for a year at one URL; after a release, a browser still
    running the old script stamps SPOT's forms with the old release, and SPOT refuses them."""
    _page_timer_asks_often(admin)
    user = make_user(spot_access="approved", mfa=False)
    log_in_to_spot(page, admin, user)
    expect(page.get_by_text("Page script release 1")).to_be_visible()
    admin.release()

    page.goto("/home")
    SpotHome(page).log_off()

    errors = ErrorSummary(page)
    errors.expect_error("STALE_SESSION", text=CLEAR_YOUR_CACHE)
    expect(errors.message("STALE_SESSION")).to_contain_text("release 1")
    expect(SpotHome(page).log_off_button).to_be_visible()  # still signed in

    _cleared_the_same_steps_work(page)
    # The signed-in page left open finds no session once its cookie is gone and leaves for
    # SPOT's timed-out page, as in any browser; waiting for it keeps it from racing the goto.
    errors.expect_error("SPOT_SESSION_TIMED_OUT")
    page.goto("/home")
    sign_in_at_idm(page, admin, user)  # cookies went too: IDM asks again
    SpotHome(page).log_off()
    SpotLanding(page).expect_logged_off()


# --- SPOT's correlation cookies (ASP.NET Core's OpenIdConnect handler) ------------------------


@pytest.mark.covers("STALE_SESSION", page="spot/authorization-code/callback")
def test_correlation_cookies_pile_up_until_the_callback_header_is_too_large(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    """Every log in attempt sets a correlation and a nonce cookie scoped to SPOT's callback;
    only a completed log in deletes its pair. After enough abandoned attempts, the callback's
    Cookie header is over nginx's 8 KiB and the log in ends on nginx's 400 page.

    The abandoned attempts go through the page's own request context, which keeps its cookies
    in the browser context's jar without rendering 16 pages (Playwright's APIRequestContext,
    "Cookie management": playwright.dev/docs/api/class-apirequestcontext); the attempt that
    counts is the browser's, and the jar is checked to hold every pair."""
    user = make_user(spot_access="approved", mfa=False)
    for _ in range(16):  # a bookmark to Eligibility, opened while signed out, left at IDM
        left_at = page.request.get("/eligibility")
        assert left_at.ok
        assert left_at.url.startswith(portal.idm_url), left_at.url
    piled = [c for c in page.context.cookies() if c["name"].startswith(".AspNetCore.")]
    assert len(piled) == 32  # the cookies really are in Chromium's jar

    page.goto("/eligibility")
    sign_in_at_idm(page, admin, user)

    expect(page).to_have_title("400 Request Header Or Cookie Too Large")
    expect(page.locator("body")).to_contain_text("Request Header Or Cookie Too Large")

    _cleared_the_same_steps_work(page)
    page.goto("/eligibility")
    sign_in_at_idm(page, admin, user)
    expect(SpotHome(page).log_off_button).to_be_visible()
    names = [c["name"] for c in page.context.cookies()]
    assert not [n for n in names if n.startswith(".AspNetCore.")]  # the used pair is gone


# --- IDM's session cookie outliving SPOT's session ---------------------------------------------


@pytest.mark.covers("ACCESS_NOT_ASSIGNED", page="spot/authorization-code/callback")
def test_a_refused_users_idm_session_refuses_the_next_user_at_once(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """A user without SPOT access signs in at IDM and is refused; SPOT has no session to log
    off, and IDM's session stays. A colleague at the same browser clicks Log in: IDM answers
    with the live session, without asking, and SPOT says "User is not assigned" again."""
    refused = make_user(spot_access="none", mfa=False)
    colleague = make_user(spot_access="approved", mfa=False)
    SpotLanding(page).open().log_in()
    sign_in_at_idm(page, admin, refused)
    ErrorSummary(page).expect_error("ACCESS_NOT_ASSIGNED")

    page.get_by_role("link", name="Log in").click()  # the colleague, on the page left open

    ErrorSummary(page).expect_error("ACCESS_NOT_ASSIGNED")
    assert _renders(admin, "idm.sign_in_page") == 1  # never asked who they are

    _cleared_the_same_steps_work(page)
    page.get_by_role("link", name="Log in").click()
    sign_in_at_idm(page, admin, colleague)
    SpotHome(page).expect_signed_in_as(colleague.display_name)
    assert _renders(admin, "idm.sign_in_page") == 2


@pytest.mark.covers("SPOT_SESSION_TIMED_OUT", page="spot/timed-out")
def test_a_previous_users_idm_session_signs_the_next_user_in_as_them(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """SPOT logs an idle user off after 30 minutes; IDM's session (Okta's default: 2 hours)
    lives on. The next person opens SPOT in that browser and is signed in as the previous user,
    without seeing IDM's sign-in page (okta/okta-auth-js#1380, AzMoo/django-okta-auth#23)."""
    _page_timer_asks_often(admin)
    previous = make_user(spot_access="approved", mfa=False)
    colleague = make_user(spot_access="approved", mfa=False)
    page.goto("/home")
    sign_in_at_idm(page, admin, previous)
    SpotHome(page).expect_signed_in_as(previous.display_name)
    _idle_past_spot_log_off(page, admin)

    page.goto("/home")  # the colleague's bookmark

    SpotHome(page).expect_signed_in_as(previous.display_name)
    assert _renders(admin, "idm.sign_in_page") == 1

    _cleared_the_same_steps_work(page)
    # The home page left open finds no session once its cookie is gone and leaves for SPOT's
    # log-off page, as in any browser; waiting for it keeps it from racing the next navigation.
    ErrorSummary(page).expect_error("SPOT_SESSION_TIMED_OUT")
    page.goto("/home")
    sign_in_at_idm(page, admin, colleague)
    SpotHome(page).expect_signed_in_as(colleague.display_name)


# --- Not the cache: Okta's own answers, and no blame ---------------------------------------------


def test_two_tabs_log_in_at_once_and_both_sign_in(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """Each /authorize is its own IDM transaction at its own URL, as Okta's: a second tab's
    log in is not disturbed by the first's."""
    user = make_user(spot_access="approved", mfa=True)
    second = page.context.new_page()
    page.goto("/home")
    second.goto("/eligibility")
    IdmSignIn(page).expect_shown()
    IdmSignIn(second).expect_shown()
    assert page.url != second.url  # two transactions, two URLs

    sign_in_at_idm(page, admin, user)
    SpotHome(page).expect_signed_in_as(user.display_name)
    sign_in_at_idm(second, admin, user)

    expect(second).to_have_url(page.url.replace("/home", "/eligibility"))
    ErrorSummary(second).expect_none()
    second.close()


@pytest.mark.covers("SIGN_IN_EXPIRED", page="idm/signin/verify")
def test_back_to_the_sign_in_page_after_signing_in_gets_oktas_answer(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """After signing in, Back returns to IDM's verification page, which Chromium asks for again
    (IDM's pages are no-store): its transaction is finished, and IDM answers as Okta does. The
    same with or without clearing the cache: it is not a cache error, and does not say so."""
    user = make_user(spot_access="approved", mfa=True)
    log_in_to_spot(page, admin, user)
    SpotHome(page).expect_signed_in_as(user.display_name)

    page.go_back()

    ErrorSummary(page).expect_error("SIGN_IN_EXPIRED", text=INACTIVITY)
    _expect_no_cache_blame(page)
    page.get_by_role("link", name="Back to sign in").click()
    SpotHome(page).expect_signed_in_as(user.display_name)  # IDM's session is live

    clear_browsing_data(page)
    page.go_back()  # the same verification page, now with no cache and no cookies

    ErrorSummary(page).expect_error("SIGN_IN_EXPIRED", text=INACTIVITY)
    _expect_no_cache_blame(page)
    page.get_by_role("link", name="Back to sign in").click()
    sign_in_at_idm(page, admin, user)  # the cookies went: IDM asks again
    SpotHome(page).expect_signed_in_as(user.display_name)


@pytest.mark.covers("SIGN_IN_EXPIRED", page="idm/login/authn")
def test_a_sign_in_page_left_open_past_15_idle_minutes_gets_oktas_answer(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    """okta-signin-widget PR #1797: Okta's hosted page fails after about 15 minutes idle."""
    user = make_user(spot_access="approved", mfa=False)
    start = datetime.fromisoformat(admin.clock()["now"])  # the mock's clock, not the machine's
    admin.freeze_clock(start)
    SpotLanding(page).open().log_in()
    IdmSignIn(page).expect_shown()
    admin.freeze_clock(start + timedelta(minutes=15, seconds=1))

    IdmSignIn(page).sign_in(user.user_id, user.password)

    ErrorSummary(page).expect_error("SIGN_IN_EXPIRED", text=INACTIVITY)
    _expect_no_cache_blame(page)
    page.get_by_role("link", name="Back to sign in").click()
    sign_in_at_idm(page, admin, user)
    SpotHome(page).expect_signed_in_as(user.display_name)


def test_with_cache_traps_off_a_second_login_just_works(
    page: Page, admin: AdminClient, make_user: MakeUser
) -> None:
    admin.settings(cache_traps=False)
    user = make_user(spot_access="approved", mfa=False)
    log_in_to_spot(page, admin, user)
    SpotHome(page).log_off()

    SpotLanding(page).open().log_in()
    sign_in_at_idm(page, admin, user)

    SpotHome(page).expect_signed_in_as(user.display_name)
    admin.release()
    page.goto("/home")
    SpotHome(page).log_off()
    SpotLanding(page).expect_logged_off()
