"""SPOT's page script and the release it was built for.

Every SPOT form posts the release of the script that stamped it. After a release (the control
API's ``POST /__admin/release``), a browser still running the old script from its cache posts
the old number, and SPOT refuses the form as stale until the cache is cleared. With cache traps
on, the script is cached for a year at an unversioned URL (the mistake real portals make); with
them off, browsers must revalidate it (``no-cache`` with an ETag), so a release reaches them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.responses import Response

from mock_portal.errors.catalogue import PortalError, stale_session
from mock_portal.sites import web
from mock_portal.sites.caching import LONG_LIVED_ASSET

if TYPE_CHECKING:
    from starlette.datastructures import FormData
    from starlette.requests import Request

    from mock_portal.world.store import World

SCRIPT_PATH = "/static/spot.js"
RELEASE_FIELD = "spot_release"

_SCRIPT = """\
// SPOT page script, release {release}. Stamps every form with the release it was built for,
// so the server can tell a page script left over from an earlier release.
(function () {{
  "use strict";
  var RELEASE = "{release}";
  function stamp() {{
    document.querySelectorAll("form[method=post]").forEach(function (form) {{
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = "{field}";
      field.value = RELEASE;
      form.appendChild(field);
    }});
    var label = document.querySelector("[data-script-release]");
    if (label) {{ label.textContent = "Page script release " + RELEASE; }}
  }}
  if (document.readyState === "loading") {{
    document.addEventListener("DOMContentLoaded", stamp);
  }} else {{
    stamp();
  }}
}})();
"""


async def script(request: Request) -> Response:
    with web.unit_of_work(request) as world:
        release, traps = world.release, world.cache_traps
    etag = f'"release-{release}"'
    headers = {"Cache-Control": LONG_LIVED_ASSET if traps else "no-cache", "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(
        _SCRIPT.format(release=release, field=RELEASE_FIELD),
        media_type="text/javascript",
        headers=headers,
    )


def stale_release(world: World, form: FormData) -> PortalError | None:
    """STALE_SESSION when a form was stamped by another release's script.

    A form with no stamp at all came from a client without the script (curl, a load test);
    it is accepted.
    """
    stamped = form.get(RELEASE_FIELD)
    if not isinstance(stamped, str) or stamped == str(world.release):
        return None
    return stale_session(
        f"Your browser ran SPOT's page script from release {stamped[:12]}, saved before SPOT "
        f"was updated to release {world.release}."
    )
