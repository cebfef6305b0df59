"""A log in request IDM refuses is said to be what it is, not blamed on the browser's cache.

SPOT never asks IDM not to prompt (``prompt=none``); when a request that reaches IDM has been
changed to ask it (here: the browser's request is rewritten on its way, as an extension or a
proxy might), IDM answers as Okta does, ``error=login_required`` "The client specified not to
prompt, but the user is not logged in." (okta/okta-oidc-js#460), and SPOT shows
SIGN_IN_REQUEST_REFUSED with IDM's answer (docs/errors.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from e2e.pages import SpotLanding

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

    from mock_portal.testing.plugin import PortalHandle


@pytest.mark.covers("SIGN_IN_REQUEST_REFUSED", page="spot/authorization-code/callback")
def test_a_log_in_request_changed_to_prompt_none_is_refused_and_said_so(
    page: Page, portal: PortalHandle
) -> None:
    def ask_not_to_prompt(route: Route) -> None:
        route.continue_(url=route.request.url + "&prompt=none")

    page.route(portal.idm_url + "/oauth2/default/v1/authorize?*", ask_not_to_prompt)
    landing = SpotLanding(page).open()
    landing.log_in()

    landing.errors.expect_codes("SIGN_IN_REQUEST_REFUSED")
    landing.errors.expect_error(
        "SIGN_IN_REQUEST_REFUSED",
        text="IDM answered: login_required (The client specified not to prompt, but the user "
        "is not logged in.).",
    )
    landing.errors.expect_error("SIGN_IN_REQUEST_REFUSED", text="not caused by your browser")
