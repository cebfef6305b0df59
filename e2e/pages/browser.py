"""What a user does to their browser rather than to a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page


# The reason scenarios that call clear_browsing_data give @pytest.mark.chromium_only: under
# another --browser they are skipped with it (mock_portal/testing/playwright_fixtures.py).
NEEDS_CDP = (
    "clears the browser's cache and cookies through the Chrome DevTools Protocol (CDP), "
    "which only Chromium speaks, as Chrome's 'Clear browsing data' does"
)


def clear_browsing_data(page: Page) -> None:
    """Chrome's "Clear browsing data" (cached images and files, cookies) for this profile.

    Through CDP, on the page's own context: the cache and cookies the earlier logins left are
    really gone, as when a user clears them; the page stays where it is.
    """
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Network.clearBrowserCache")
        cdp.send("Network.clearBrowserCookies")
    finally:
        cdp.detach()
