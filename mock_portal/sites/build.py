"""What every site of the mock is built from: its routes behind the front end, the shared
error pages, and the portal context its handlers reach through ``request.app.state``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware

from mock_portal.sites.front_end import FrontEndMiddleware, SitePolicy
from mock_portal.sites.http_errors import exception_handlers

if TYPE_CHECKING:
    from collections.abc import Callable

    from starlette.routing import BaseRoute

    from mock_portal.world.services import Services

# Control-API bodies and the sites' forms are small; anything bigger is refused with 413.
MAX_BODY = 64 * 1024


def build_site(
    ctx: Services,
    routes: list[BaseRoute],
    origin: str,
    other_site: str | tuple[str, ...],
    form_targets_for: Callable[[str], tuple[str, ...]] | None = None,
) -> Starlette:
    """``other_site``: the origins this site's forms may lead to, through redirects too (IDM's
    sign-in reaches SPOT and Login.gov; Login.gov's reaches IDM and, through it, SPOT);
    ``form_targets_for``: more of them for a namespace (its registered clients' origins)."""
    targets = (other_site,) if isinstance(other_site, str) else other_site
    policy = SitePolicy(
        origin=origin,
        form_targets=targets,
        max_body=MAX_BODY,
        form_targets_for=form_targets_for,
    )
    app = Starlette(
        routes=routes,
        middleware=[Middleware(FrontEndMiddleware, site=policy, namespace_exists=ctx.store.exists)],
        exception_handlers=exception_handlers(),
    )
    app.state.portal = ctx
    return app
