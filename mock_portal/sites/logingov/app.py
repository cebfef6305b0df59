"""The Login.gov site: its OpenID Connect endpoints and its sign-in pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute, Mount, Route

from mock_portal.sites.build import build_site
from mock_portal.sites.faults import with_faults
from mock_portal.sites.logingov import oidc, pages
from mock_portal.sites.logingov.faults import logingov_faults

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.staticfiles import StaticFiles

    from mock_portal.world.services import Services


def build_logingov_app(ctx: Services, static: StaticFiles) -> Starlette:
    routes: list[BaseRoute] = [
        Route(oidc.SIGN_IN_PATH, pages.sign_in_page, methods=["GET"]),
        Route(oidc.SIGN_IN_PATH, pages.sign_in, methods=["POST"]),
        Route(pages.OTP_PATH, pages.otp_page, methods=["GET"]),
        Route(pages.OTP_PATH, pages.verify_otp, methods=["POST"]),
        Route(pages.CANCEL_PATH, pages.cancel),
        Route("/.well-known/openid-configuration", oidc.discovery),
        Route(oidc.AUTHORIZE_PATH, oidc.authorize),
        Route(oidc.TOKEN_PATH, with_faults("token", oidc.token, logingov_faults), methods=["POST"]),
        Route(oidc.CERTS_PATH, oidc.certs),
        Route(oidc.LOGOUT_PATH, oidc.logout, methods=["GET"]),
        Route(oidc.LOGOUT_CONFIRM_PATH, oidc.confirm_logout, methods=["POST"]),
        Mount("/static", static, name="static"),
    ]
    # Its forms lead to IDM (the callback) and, through IDM's redirect, to SPOT.
    return build_site(
        ctx, routes, origin=ctx.urls.logingov, other_site=(ctx.urls.idm, ctx.urls.spot)
    )
