"""The cache headers behind the cache-dependent errors, in one place.

The real IDM and SPOT let browsers keep some pages (the sign-in page's shell, the portal's home
page) and scripts; one-time tokens inside those pages then go stale, and that is what the guide's
"clear your internet browser's cache between logins" is about. With a namespace's
``cache_traps`` off, the same responses say ``no-store`` (pages) or carry their release in the
URL (scripts), as a portal without the problem would, so people can click around freely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mock_portal.world.store import World

# An hour, as the sign-in page shells of real Okta-fronted portals are commonly served.
CACHEABLE_PAGE = "private, max-age=3600"
# A year: "immutable" assets are meant to change their URL when they change.
LONG_LIVED_ASSET = "public, max-age=31536000"
NO_STORE = "no-store"


def page_cache_control(world: World) -> str:
    return CACHEABLE_PAGE if world.cache_traps else NO_STORE
