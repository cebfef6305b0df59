"""IDM answers each OIDC parameter and bad request as Okta does, row by row of
docs/okta-behaviour.md (each test names its row's public source)."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from mock_portal.sites.security import pkce_challenge
from mock_portal.testing.http_flow import HttpUser, chooser_continue
from mock_portal.testing.shared_tls import tls_context
from tests.sites.idm.test_oidc import CALLBACK, CLIENT_ID, _authorize_params, _redeem, _secret

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle

AUTHORIZE = "/oauth2/default/v1/authorize"
TOKEN = "/oauth2/default/v1/token"
USERINFO = "/oauth2/default/v1/userinfo"
LOGOUT = "/oauth2/default/v1/logout"
VERIFIER = "v" * 50
START = datetime(2026, 2, 2, 15, 0, tzinfo=UTC)


def _query(answer: httpx.Response) -> dict[str, list[str]]:
    assert answer.status_code == 302, answer.text
    return parse_qs(urlsplit(answer.headers["location"]).query)


def _authorize(portal: PortalHandle, **overrides: str) -> httpx.Response:
    return httpx.get(
        portal.idm_url + AUTHORIZE,
        params=_authorize_params(portal, **overrides),
        verify=tls_context(),
    )


@contextmanager
def _signed_in(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> Iterator[tuple[HttpUser, dict[str, Any], str]]:
    """A browser with a live IDM session (and the ID token of its sign-in)."""
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        params = _authorize_params(portal, code_challenge=pkce_challenge(VERIFIER))
        page = browser.follow(browser.client.get(portal.idm_url + AUTHORIZE, params=params))
        back = browser.submit_password(page, user["user_id"], user["password"])
        code = parse_qs(urlsplit(back.headers["location"]).query)["code"][0]
        tokens = _redeem(portal, namespace, code, VERIFIER, _secret(portal)).json()
        yield browser, user, tokens["id_token"]


def _again(browser: HttpUser, portal: PortalHandle, **overrides: str) -> httpx.Response:
    params = _authorize_params(portal, code_challenge=pkce_challenge(VERIFIER), **overrides)
    return browser.client.get(portal.idm_url + AUTHORIZE, params=params)


def _claims(jwt: str) -> dict[str, Any]:
    part = jwt.split(".")[1]
    loaded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return loaded


# /v1/authorize: the 400 page --------------------------------------------------------------------


def test_an_unknown_client_gets_okta_s_400_page_with_its_words(portal: PortalHandle) -> None:
    # okta/samples-nodejs-express-4#60
    answer = _authorize(portal, client_id="0oaunknown")
    assert answer.status_code == 400
    assert "location" not in answer.headers
    assert "Your request resulted in an error." in answer.text
    assert 'data-oauth-error="invalid_client"' in answer.text
    assert "Invalid value for &#39;client_id&#39; parameter." in answer.text


def test_an_unregistered_redirect_uri_gets_okta_s_400_page_with_its_words(
    portal: PortalHandle,
) -> None:
    # joshp23/YOURLS-OIDC#5, grafana/grafana#88362
    answer = _authorize(portal, redirect_uri="https://evil.example/cb")
    assert answer.status_code == 400
    assert "location" not in answer.headers
    assert 'data-oauth-error="invalid_request"' in answer.text
    assert (
        "The &#39;redirect_uri&#39; parameter must be a Login redirect URI in the client app "
        f"settings: {portal.idm_url}/admin/app/oidc_client/instance/{CLIENT_ID}#tab-general"
    ) in answer.text


# /v1/authorize: error redirects -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "description"),
    [
        (
            "openid profile email groups",
            "One or more scopes are not configured for the authorization server resource.",
        ),
        (
            "profile email",
            "Requests for ID tokens or access tokens with OpenID scopes require the 'openid' "
            "scope.",
        ),
        (
            "",
            "The authorization server resource does not have any configured default scopes, "
            "'scope' must be provided.",
        ),
    ],
)
def test_scope_errors_are_okta_s_invalid_scope_redirects(
    portal: PortalHandle, scope: str, description: str
) -> None:
    # Netflix/consoleme#9075; okta/okta-idx-java#500; oktadev/okta-blog-hugo#47
    query = _query(_authorize(portal, scope=scope))
    assert query == {
        "state": ["s" * 20],
        "error": ["invalid_scope"],
        "error_description": [description],
    }


def test_okta_s_other_reserved_scopes_are_accepted(portal: PortalHandle) -> None:
    answer = _authorize(portal, scope="openid profile email address phone offline_access")
    assert urlsplit(answer.headers["location"]).path == "/login/login.htm"


def test_an_unsupported_response_type_gets_okta_s_words(portal: PortalHandle) -> None:
    # okta/samples-nodejs-express-4#59, okta/samples-js-vue#37
    query = _query(_authorize(portal, response_type="token"))
    assert query["error"] == ["unsupported_response_type"]
    assert query["error_description"] == [
        "The response type is not supported by the authorization server. "
        "Configured response types: [code]."
    ]


def test_an_invalid_response_mode_is_unsupported_response_mode(portal: PortalHandle) -> None:
    # OIDC ref L232; Okta's error codes page for the words
    query = _query(_authorize(portal, response_mode="carrier_pigeon"))
    assert query["error"] == ["unsupported_response_mode"]
    assert query["error_description"] == [
        "The authorization server doesn't support the requested response mode."
    ]


def test_unknown_parameters_are_ignored(portal: PortalHandle) -> None:
    # dgn/oidc-filter#10 (`resource`)
    answer = _authorize(portal, resource="https://api.example", foo="bar")
    assert urlsplit(answer.headers["location"]).path == "/login/login.htm"


def test_prompt_none_without_a_session_is_login_required(portal: PortalHandle) -> None:
    # okta/okta-oidc-js#460, #567
    query = _query(_authorize(portal, prompt="none"))
    assert query == {
        "state": ["s" * 20],
        "error": ["login_required"],
        "error_description": ["The client specified not to prompt, but the user is not logged in."],
    }


def test_prompt_none_with_a_live_session_answers_with_a_code_and_no_page(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # OIDC ref L136
    with _signed_in(portal, namespace, admin) as (browser, _, _):
        query = _query(_again(browser, portal, prompt="none"))
    assert "code" in query
    assert query["state"] == ["s" * 20]


def test_prompt_login_shows_the_sign_in_page_despite_a_live_session(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # OIDC ref L137
    with _signed_in(portal, namespace, admin) as (browser, user, _):
        answer = _again(browser, portal, prompt="login")
        assert urlsplit(answer.headers["location"]).path == "/login/login.htm"
        page = browser.follow(answer)
        back = browser.submit_password(page, user["user_id"], user["password"])
    assert "code" in parse_qs(urlsplit(back.headers["location"]).query)


def test_max_age_zero_forces_a_new_sign_in_on_identity_engine(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # Okta's step-up authentication guide, L34
    with _signed_in(portal, namespace, admin) as (browser, _, _):
        answer = _again(browser, portal, max_age="0")
    assert urlsplit(answer.headers["location"]).path == "/login/login.htm"


def test_max_age_signs_in_again_only_once_the_session_is_older(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # OIDC ref L110; auth_time is the sign-in's time (OIDC ref L1740-1753)
    admin.freeze_clock(START)
    with _signed_in(portal, namespace, admin) as (browser, _, id_token):
        assert _claims(id_token)["auth_time"] == int(START.timestamp())
        admin.freeze_clock(START + timedelta(seconds=600))
        young = _again(browser, portal, max_age="600")
        code = _query(young)["code"][0]
        tokens = _redeem(portal, namespace, code, VERIFIER, _secret(portal)).json()
        # the code a live session answers with keeps the session's sign-in time
        assert _claims(tokens["id_token"])["auth_time"] == int(START.timestamp())
        admin.freeze_clock(START + timedelta(seconds=601))
        old = _again(browser, portal, max_age="600")
        assert urlsplit(old.headers["location"]).path == "/login/login.htm"
        too_old_silently = _query(_again(browser, portal, max_age="600", prompt="none"))
        assert too_old_silently["error"] == ["login_required"]


def test_login_hint_prefills_the_user_id(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # OIDC ref L109
    admin.reset()  # the namespace exists once the control API has named it
    with HttpUser(portal.spot_url, namespace) as browser:
        start = _again(browser, portal, login_hint="jdoe1234")
        page = browser.follow(start)
        past_chooser = chooser_continue(page)  # IDM's first page: Continue with the User ID
        if past_chooser is not None:
            page = browser.get(past_chooser)
    field = re.search(r'<input[^>]*name="username"[^>]*>', page.text)
    assert field is not None
    assert 'value="jdoe1234"' in field.group(0)


def test_response_mode_form_post_posts_the_code_to_the_redirect_uri(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # OIDC ref L169
    with _signed_in(portal, namespace, admin) as (browser, _, _):
        answer = _again(browser, portal, response_mode="form_post")
    assert answer.status_code == 200
    assert f'<form method="post" action="{portal.spot_url}{CALLBACK}">' in answer.text
    assert '<input type="hidden" name="state" value="' + "s" * 20 + '">' in answer.text
    assert '<input type="hidden" name="code" value="' in answer.text
    assert '<script src="/static/form_post.js"' in answer.text


def test_response_mode_fragment_puts_the_answer_after_the_hash(portal: PortalHandle) -> None:
    # OIDC ref L167 (an error redirect travels the same way)
    answer = _authorize(portal, response_mode="fragment", prompt="none")
    location = urlsplit(answer.headers["location"])
    assert location.query == ""
    assert parse_qs(location.fragment)["error"] == ["login_required"]


def test_response_mode_query_is_the_default(portal: PortalHandle) -> None:
    query = _query(_authorize(portal, response_mode="query", prompt="none"))
    assert query["error"] == ["login_required"]


# /v1/token --------------------------------------------------------------------------------------


def _token(portal: PortalHandle, data: dict[str, str], **kwargs: Any) -> httpx.Response:
    body = {"grant_type": "authorization_code", "code": "x", "redirect_uri": "x", **data}
    return httpx.post(portal.idm_url + TOKEN, data=body, **kwargs, verify=tls_context())


def test_two_client_authentication_methods_are_an_invalid_request(portal: PortalHandle) -> None:
    # boylesoftware/tomcat-oidcauth#6; RFC 6749 section 5.2
    secret = _secret(portal)
    answer = _token(portal, {"client_secret": secret}, auth=(CLIENT_ID, secret))
    assert answer.status_code == 401
    assert answer.json() == {
        "error": "invalid_request",
        "error_description": "Cannot supply multiple client credentials. Use one of the "
        "following: credentials in the Authorization header, credentials in the post body, or a "
        "client_assertion in the post body.",
    }


@pytest.mark.parametrize(
    ("how", "description"),
    [
        ("none", "No client credentials found."),
        (
            "unknown",
            "Client authentication failed. Either the client or the client credentials are "
            "invalid.",
        ),
        (
            "no_secret",
            "Client authentication failed. Either the client or the client credentials are "
            "invalid.",
        ),
        ("wrong_secret", "The client secret supplied for a confidential client is invalid."),
    ],
)
def test_each_client_authentication_failure_has_okta_s_words(
    portal: PortalHandle, how: str, description: str
) -> None:
    # OIDC ref L648-656; okta/okta-auth-js#455; Okta's build-api-integration guide L185
    data = {
        "none": {},
        "unknown": {"client_id": "0oaunknown", "client_secret": "x"},
        "no_secret": {"client_id": CLIENT_ID},
        "wrong_secret": {"client_id": CLIENT_ID, "client_secret": "wrong"},
    }[how]
    answer = _token(portal, data)
    assert answer.status_code == 401
    assert answer.json() == {"error": "invalid_client", "error_description": description}


def test_a_code_redeemed_at_another_redirect_uri_gets_okta_s_words(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # okta/okta-aspnet#173, #130
    with _signed_in(portal, namespace, admin) as (browser, _, _):
        code = _query(_again(browser, portal))["code"][0]
    answer = httpx.post(
        portal.idm_url + TOKEN,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": portal.spot_url + "/elsewhere",
            "code_verifier": VERIFIER,
        },
        auth=(CLIENT_ID, _secret(portal)),
        headers={"X-Portal-Namespace": namespace},
        verify=tls_context(),
    )
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_grant",
        "error_description": "The 'redirect_uri' does not match the redirection URI used in the "
        "authorization request.",
    }


def test_a_used_code_gets_okta_s_words(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # oktadev/okta-smartfhir-docs#13
    with _signed_in(portal, namespace, admin) as (browser, _, _):
        code = _query(_again(browser, portal))["code"][0]
    assert _redeem(portal, namespace, code, VERIFIER, _secret(portal)).status_code == 200
    again = _redeem(portal, namespace, code, VERIFIER, _secret(portal))
    assert again.json() == {
        "error": "invalid_grant",
        "error_description": "The authorization code is invalid or has expired.",
    }


# /v1/userinfo -----------------------------------------------------------------------------------


def test_userinfo_with_a_bad_token_is_401_with_an_empty_body_and_a_bearer_challenge(
    portal: PortalHandle,
) -> None:
    # panva/openid-client#102; RFC 6750 section 3
    issuer = portal.idm_url + "/oauth2/default"
    answer = httpx.get(
        portal.idm_url + USERINFO,
        headers={"Authorization": "Bearer 12345654321"},
        verify=tls_context(),
    )
    assert answer.status_code == 401
    assert answer.content == b""
    assert answer.headers["www-authenticate"] == (
        f'Bearer authorization_uri="{issuer}/v1/authorize", realm="{issuer}", scope="openid", '
        'error="invalid_token", error_description="The access token is invalid."'
    )


def test_userinfo_without_a_token_is_a_bare_challenge(portal: PortalHandle) -> None:
    # RFC 6750 section 3.1: no error code when the request carries no credentials
    answer = httpx.get(portal.idm_url + USERINFO, verify=tls_context())
    assert answer.status_code == 401
    assert answer.content == b""
    assert "error=" not in answer.headers["www-authenticate"]


def test_userinfo_refuses_a_token_in_the_query_string(portal: PortalHandle) -> None:
    # goauthentik/authentik#1910
    answer = httpx.get(
        portal.idm_url + USERINFO, params={"access_token": "x"}, verify=tls_context()
    )
    assert answer.status_code == 400
    assert 'error="invalid_request"' in answer.headers["www-authenticate"]


# /v1/logout -------------------------------------------------------------------------------------


def _session_alive(browser: HttpUser, portal: PortalHandle) -> bool:
    return "code" in _query(_again(browser, portal, prompt="none"))


def test_logout_without_a_hint_is_a_400_page_and_ends_nothing(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # okta/samples-aspnetcore#30; OIDC ref L859
    with _signed_in(portal, namespace, admin) as (browser, _, _):
        answer = browser.client.get(
            portal.idm_url + LOGOUT,
            params={"post_logout_redirect_uri": portal.spot_url + "/logged-off"},
        )
        assert answer.status_code == 400
        assert "location" not in answer.headers
        assert "Your request resulted in an error." in answer.text
        assert _session_alive(browser, portal)


def test_logout_with_a_forged_hint_is_a_400_page_and_ends_nothing(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # OIDC ref L893
    with _signed_in(portal, namespace, admin) as (browser, _, id_token):
        head, body, _ = id_token.split(".")
        answer = browser.client.get(
            portal.idm_url + LOGOUT, params={"id_token_hint": f"{head}.{body}.AAAA"}
        )
        assert answer.status_code == 400
        assert _session_alive(browser, portal)


def test_logout_to_an_unregistered_uri_is_a_400_page_and_ends_nothing(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # OIDC ref L860
    with _signed_in(portal, namespace, admin) as (browser, _, id_token):
        answer = browser.client.get(
            portal.idm_url + LOGOUT,
            params={"id_token_hint": id_token, "post_logout_redirect_uri": "https://evil.example"},
        )
        assert answer.status_code == 400
        assert "location" not in answer.headers
        assert _session_alive(browser, portal)


def test_logout_with_a_valid_hint_ends_the_session_and_echoes_state(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # OIDC ref L839-886
    target = portal.spot_url + "/logged-off"
    with _signed_in(portal, namespace, admin) as (browser, _, id_token):
        answer = browser.client.get(
            portal.idm_url + LOGOUT,
            params={"id_token_hint": id_token, "post_logout_redirect_uri": target, "state": "x1"},
        )
        assert answer.status_code == 302
        assert answer.headers["location"] == target + "?state=x1"
        assert not _session_alive(browser, portal)
        # no IDM session any more, the same valid hint: just the redirect (OIDC ref L849)
        again = browser.client.get(
            portal.idm_url + LOGOUT,
            params={"id_token_hint": id_token, "post_logout_redirect_uri": target},
        )
        assert again.status_code == 302
        assert again.headers["location"] == target


def test_logout_with_a_valid_hint_and_no_uri_goes_to_the_sign_in_page(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    # OIDC ref L845-847
    with _signed_in(portal, namespace, admin) as (browser, _, id_token):
        answer = browser.client.get(portal.idm_url + LOGOUT, params={"id_token_hint": id_token})
        assert answer.status_code == 302
        assert urlsplit(answer.headers["location"]).path == "/login/login.htm"
        assert not _session_alive(browser, portal)
