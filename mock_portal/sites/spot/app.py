"""The SPOT site: the provider portal, its control API and the mock's outbox page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute, Mount, Route

from mock_portal.control import panel as admin_panel
from mock_portal.control import table as control_api
from mock_portal.sites.build import build_site
from mock_portal.sites.spot import (
    approvals,
    auth,
    claim_status,
    eligibility,
    inactivity,
    pages,
    release,
    system_status,
)
from mock_portal.sites.spot.oidc_client import CALLBACK_PATH, LOGGED_OFF_PATH

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.staticfiles import StaticFiles

    from mock_portal.world.services import Services


def build_spot_app(ctx: Services, static: StaticFiles) -> Starlette:
    routes: list[BaseRoute] = [
        Route("/", pages.landing),
        Route("/login", auth.login),
        Route(CALLBACK_PATH, auth.callback),
        Route("/logoff", auth.logoff, methods=["POST"]),
        Route(LOGGED_OFF_PATH, auth.logged_off),
        Route("/home", pages.home),
        Route(inactivity.REMAINING_PATH, inactivity.remaining),
        Route(inactivity.KEEP_ALIVE_PATH, inactivity.keep_alive, methods=["POST"]),
        Route(inactivity.TIMED_OUT_PATH, inactivity.timed_out),
        Route("/eligibility", eligibility.form_page),
        Route("/eligibility", eligibility.inquire, methods=["POST"]),
        Route(claim_status.PATH, claim_status.form_page),
        Route(claim_status.PATH, claim_status.search, methods=["POST"]),
        Route("/system-status", system_status.page),
        Route(approvals.PATH, approvals.access_requests, methods=["GET"]),
        Route(approvals.PATH, approvals.decide, methods=["POST"]),
        Route("/__mail", pages.mailbox),
        # The control panel's page, before the control API's mount, which owns the rest.
        Route("/__admin", admin_panel.to_page),
        Route(admin_panel.PANEL_PATH, admin_panel.page),
        Mount("/__admin", routes=control_api.routes()),
        Route(release.SCRIPT_PATH, release.script),
        Mount("/static", static, name="static"),
    ]
    return build_site(ctx, routes, origin=ctx.urls.spot, other_site=ctx.urls.idm)
