"""The IDM site: an Okta-shaped OIDC authorization server with a sign-in page and MFA."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute, Mount, Route

from mock_portal.sites.build import build_site
from mock_portal.sites.idm import federation, oauth, pages, selfservice, signin
from mock_portal.sites.idm.authorize import SIGN_IN_PATH, SIGN_IN_POST_PATH, authorize
from mock_portal.sites.idm.chooser import IDP_PATH
from mock_portal.sites.logingov.provider import IDM_CALLBACK_PATH, IDM_SIGNED_OUT_PATH

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.staticfiles import StaticFiles

    from mock_portal.world.services import Services

OAUTH = "/oauth2/default"


def build_idm_app(ctx: Services, static: StaticFiles) -> Starlette:
    routes: list[BaseRoute] = [
        Route("/", pages.root),
        Route("/app/UserHome", selfservice.home),
        Route(selfservice.ROLE_REQUEST_PATH, selfservice.role_request_page, methods=["GET"]),
        Route(selfservice.ROLE_REQUEST_PATH, selfservice.submit_role_request, methods=["POST"]),
        Route("/app/signout", selfservice.sign_out, methods=["POST"]),
        Route("/terms", pages.terms),
        Route(SIGN_IN_PATH, signin.sign_in_page, methods=["GET"]),
        Route(SIGN_IN_POST_PATH, signin.sign_in, methods=["POST"]),
        Route(signin.VERIFY_PATH, signin.verify_page, methods=["GET"]),
        Route(signin.VERIFY_PATH, signin.verify, methods=["POST"]),
        Route(signin.VERIFY_PATH + "/resend", signin.resend_code, methods=["POST"]),
        Route(IDP_PATH, federation.to_identity_provider),
        Route(IDM_CALLBACK_PATH, federation.callback),
        Route(IDM_SIGNED_OUT_PATH, pages.signed_out),
        Route(OAUTH + "/.well-known/openid-configuration", oauth.discovery),
        Route(OAUTH + "/v1/authorize", authorize),
        Route(OAUTH + "/v1/token", oauth.token, methods=["POST"]),
        Route(OAUTH + "/v1/keys", oauth.keys),
        Route(OAUTH + "/v1/userinfo", oauth.userinfo, methods=["GET", "POST"]),
        Route(OAUTH + "/v1/logout", oauth.logout),
        Mount("/static", static, name="static"),
    ]
    # IDM's forms lead to SPOT (the OIDC answer) and to Login.gov (the chooser's Continue).
    return build_site(
        ctx, routes, origin=ctx.urls.idm, other_site=(ctx.urls.spot, ctx.urls.logingov)
    )
