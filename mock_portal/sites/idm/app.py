"""The IDM site: an Okta-shaped OIDC authorization server with a sign-in page and MFA."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute, Mount, Route

from mock_portal.sites.build import build_site
from mock_portal.sites.faults import with_faults
from mock_portal.sites.idm import (
    federation,
    mfa,
    next_step,
    oauth,
    pages,
    password_change,
    recovery,
    selfservice,
    signin,
)
from mock_portal.sites.idm.authorize import SIGN_IN_PATH, SIGN_IN_POST_PATH, authorize
from mock_portal.sites.idm.chooser import IDP_PATH
from mock_portal.sites.idm.clients import redirect_origins
from mock_portal.sites.idm.faults import idm_faults
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
        Route(password_change.PROFILE_PASSWORD_PATH, password_change.profile_page, methods=["GET"]),
        Route(
            password_change.PROFILE_PASSWORD_PATH,
            password_change.change_in_profile,
            methods=["POST"],
        ),
        Route("/terms", pages.terms),
        Route(SIGN_IN_PATH, signin.sign_in_page, methods=["GET"]),
        Route(SIGN_IN_POST_PATH, signin.sign_in, methods=["POST"]),
        Route(next_step.VERIFY_PATH, mfa.verify_page, methods=["GET"]),
        Route(next_step.VERIFY_PATH, mfa.verify, methods=["POST"]),
        Route(next_step.VERIFY_PATH + "/resend", mfa.resend_code, methods=["POST"]),
        Route(next_step.CHOOSE_FACTOR_PATH, mfa.choose_page, methods=["GET"]),
        Route(next_step.CHOOSE_FACTOR_PATH, mfa.choose, methods=["POST"]),
        Route(next_step.PASSWORD_CHANGE_PATH, password_change.expired_page, methods=["GET"]),
        Route(next_step.PASSWORD_CHANGE_PATH, password_change.change_expired, methods=["POST"]),
        Route(recovery.FORGOT_PASSWORD_PATH, recovery.forgot_password_page, methods=["GET"]),
        Route(recovery.FORGOT_PASSWORD_PATH, recovery.forgot_password, methods=["POST"]),
        Route(recovery.FORGOT_USER_ID_PATH, recovery.forgot_user_id_page, methods=["GET"]),
        Route(recovery.FORGOT_USER_ID_PATH, recovery.forgot_user_id, methods=["POST"]),
        Route(recovery.RESET_PATH, recovery.reset_page, methods=["GET"]),
        Route(recovery.RESET_PATH, recovery.reset, methods=["POST"]),
        Route(IDP_PATH, federation.to_identity_provider),
        Route(IDM_CALLBACK_PATH, federation.callback),
        Route(IDM_SIGNED_OUT_PATH, pages.signed_out),
        Route(OAUTH + "/.well-known/openid-configuration", oauth.discovery),
        Route(OAUTH + "/.well-known/oauth-authorization-server", oauth.oauth_metadata),
        Route(OAUTH + "/v1/authorize", authorize),
        Route(OAUTH + "/v1/token", with_faults("token", oauth.token, idm_faults), methods=["POST"]),
        Route(OAUTH + "/v1/keys", with_faults("keys", oauth.keys, idm_faults)),
        Route(OAUTH + "/v1/introspect", oauth.introspect, methods=["POST"]),
        Route(OAUTH + "/v1/revoke", oauth.revoke, methods=["POST"]),
        Route(
            OAUTH + "/v1/userinfo",
            with_faults("userinfo", oauth.userinfo, idm_faults),
            methods=["GET", "POST"],
        ),
        Route(OAUTH + "/v1/logout", oauth.logout),
        Mount("/static", static, name="static"),
    ]

    def client_origins(namespace: str) -> tuple[str, ...]:
        with ctx.store.lock:
            world = ctx.store.find(namespace)
            return redirect_origins(world) if world is not None else ()

    return build_site(
        ctx,
        routes,
        origin=ctx.urls.idm,
        # IDM's forms lead to SPOT (the OIDC answer), to Login.gov (the chooser's Continue)
        # and to the namespace's registered clients.
        other_site=(ctx.urls.spot, ctx.urls.logingov),
        form_targets_for=client_origins,
    )
