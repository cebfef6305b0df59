"""The cache headers behind the cache-dependent errors, in one place.

Only SPOT, the relying party, lets browsers keep pages and scripts: its home page (whose Log in
link carries a one-time OIDC ``state``) and its page script at an unversioned URL. How First Coast
caches SPOT is not published; these are the mock's choice of plausible relying-party mistakes
(docs/cache-errors.md). IDM never does: recorded Okta traffic (okta/samples-java-spring's
tools/mock-okta tapes) serves Okta's sign-in page ``no-store`` at a per-login URL, and the front
end's default for every response is ``no-store``. With a namespace's ``cache_traps`` off, SPOT's
pages are ``no-store`` too and its script must be revalidated, as a portal without the problem
would do, so people can click around freely.
"""

from __future__ import annotations

# An hour: SPOT's home page, with cache traps on (the mock's choice).
CACHEABLE_PAGE = "private, max-age=3600"
# A year: "immutable" assets are meant to change their URL when they change.
LONG_LIVED_ASSET = "public, max-age=31536000"
NO_STORE = "no-store"
