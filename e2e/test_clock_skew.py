"""IDM's clock ahead of or behind SPOT's (DESIGN.md, "Clocks"): past SPOT's 2-minute tolerance,
SPOT refuses the sign-in and says why: the ID token was issued in the future, or has already
expired by SPOT's clock (docs/errors.md, CLOCK_SKEW). Within the tolerance it signs in."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from e2e.pages import IdmSignIn, SpotHome, SpotLanding

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, PortalHandle

# SPOT's tolerance is 120 s; an ID token lives 3600 s.
AHEAD = 5 * 60
BEHIND = -(3600 + 5 * 60)


@pytest.mark.covers("CLOCK_SKEW", page="spot/authorization-code/callback")
def test_a_skew_past_spot_s_tolerance_refuses_the_sign_in_and_names_the_cause(
    page: Page, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    """Walks one user's log in through IDM's clock moving: 5 minutes ahead, the ID token was
    issued in the future; an hour and 5 minutes behind, it has already expired; each refused by
    SPOT, naming the cause and that the browser's cache is not it. 100 seconds ahead, within
    SPOT's 2 minutes, it signs in. The first log in signs in at IDM; the next ones find IDM's
    session live (a refusal by SPOT leaves it), so IDM issues each token at once."""
    user = make_user(spot_access="approved", mfa=False)
    landing = SpotLanding(page)
    for step, (skew, cause) in enumerate(
        ((AHEAD, "issued in the future"), (BEHIND, "already expired"))
    ):
        admin.freeze_clock(idm_skew_seconds=skew)

        if step == 0:
            landing.open().log_in()
            IdmSignIn(page).sign_in(user.user_id, user.password)
        else:
            page.goto("/login")

        landing.errors.expect_codes("CLOCK_SKEW")
        landing.errors.expect_error("CLOCK_SKEW", text=f"the ID token was {cause} by SPOT's clock")
        landing.errors.expect_error("CLOCK_SKEW", text="not caused by your browser's cache")
        assert admin.journal("spot.clock_skew")[-1]["cause"] == cause

    # A skew within SPOT's tolerance signs in.
    admin.freeze_clock(idm_skew_seconds=100)

    page.goto("/login")

    expect(page).to_have_url(portal.spot_url + "/home")
    SpotHome(page).expect_signed_in_as(user.display_name)
