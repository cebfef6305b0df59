"""IDM as an OIDC authorization server and SPOT as its relying party, over plain HTTP."""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from mock_portal.sites.security import pkce_challenge
from mock_portal.testing.http_flow import HttpUser
from mock_portal.testing.shared_tls import tls_context

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle

CALLBACK = "/authorization-code/callback"
CLIENT_ID = "0oaspotmock0000000001"


def _authorize_params(portal: PortalHandle, **overrides: str) -> dict[str, str]:
    params = {
        "client_id": CLIENT_ID,
        "redirect_uri": portal.spot_url + CALLBACK,
        "response_type": "code",
        "scope": "openid profile email",
        "state": "s" * 20,
        "nonce": "n" * 20,
        "code_challenge": pkce_challenge("v" * 50),
        "code_challenge_method": "S256",
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v != ""}


def test_discovery_and_keys_describe_an_rs256_issuer(portal: PortalHandle) -> None:
    issuer = portal.idm_url + "/oauth2/default"
    doc = httpx.get(issuer + "/.well-known/openid-configuration", verify=tls_context()).json()
    assert doc["issuer"] == issuer
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    keys = httpx.get(doc["jwks_uri"], verify=tls_context()).json()["keys"]
    # Okta lists the active key and the next one before it signs (OIDC ref L907).
    assert len(keys) == 2
    for key in keys:
        assert key["kty"] == "RSA"
        assert key["alg"] == "RS256"
        assert "d" not in key  # never the private part


@pytest.mark.parametrize(
    "override",
    [
        {"client_id": "0oaunknown"},
        {"client_id": ""},
        {"redirect_uri": "https://evil.example/callback"},
        {"redirect_uri": "http://127.0.0.1:1/authorization-code/callback"},
    ],
)
def test_unknown_client_or_redirect_uri_gets_a_400_page_not_a_redirect(
    portal: PortalHandle, override: dict[str, str]
) -> None:
    answer = httpx.get(
        portal.idm_url + "/oauth2/default/v1/authorize",
        params=_authorize_params(portal, **override),
        verify=tls_context(),
    )
    assert answer.status_code == 400
    assert "location" not in answer.headers
    assert "400 Bad Request" in answer.text


@pytest.mark.parametrize(
    ("override", "error"),
    [
        ({"state": ""}, "invalid_request"),
        ({"code_challenge": ""}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"scope": "profile"}, "invalid_scope"),
    ],
)
def test_bad_authorize_requests_go_back_with_an_oauth_error(
    portal: PortalHandle, override: dict[str, str], error: str
) -> None:
    answer = httpx.get(
        portal.idm_url + "/oauth2/default/v1/authorize",
        params=_authorize_params(portal, **override),
        verify=tls_context(),
    )
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["error"] == [error]


def _sign_in_for_code(
    portal: PortalHandle, namespace: str, admin: AdminClient, verifier: str
) -> tuple[str, dict[str, object]]:
    """Sign a new approved user in at IDM, as SPOT's browser would; return (code, user)."""
    user = admin.create_user(spot_access="approved", mfa=False)
    params = _authorize_params(portal, code_challenge=pkce_challenge(verifier))
    with HttpUser(portal.spot_url, namespace) as browser:
        page = browser.follow(
            browser.client.get(portal.idm_url + "/oauth2/default/v1/authorize", params=params)
        )
        answer = browser.submit_password(page, user["user_id"], user["password"])
    assert answer.status_code == 303
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["state"] == [params["state"]]
    return query["code"][0], user


def _redeem(
    portal: PortalHandle, namespace: str, code: str, verifier: str, secret: str
) -> httpx.Response:
    return httpx.post(
        portal.idm_url + "/oauth2/default/v1/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": portal.spot_url + CALLBACK,
            "code_verifier": verifier,
        },
        auth=(CLIENT_ID, secret),
        headers={"X-Portal-Namespace": namespace},
        verify=tls_context(),
    )


def _secret(portal: PortalHandle) -> str:
    answer = httpx.get(
        portal.spot_url + "/__admin/oidc-client",
        headers={"Authorization": f"Bearer {portal.admin_token}"},
        verify=tls_context(),
    )
    secret: str = answer.json()["client_secret"]
    return secret


def test_token_endpoint_authenticates_the_client(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    code, _ = _sign_in_for_code(portal, namespace, admin, "v" * 50)
    answer = _redeem(portal, namespace, code, "v" * 50, secret="wrong")
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"


def test_pkce_is_checked_and_a_code_is_spent_by_any_attempt(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    code, _ = _sign_in_for_code(portal, namespace, admin, "v" * 50)
    wrong = _redeem(portal, namespace, code, "w" * 50, _secret(portal))
    assert wrong.status_code == 400
    assert wrong.json() == {
        "error": "invalid_grant",
        "error_description": "PKCE verification failed.",
    }
    right = _redeem(portal, namespace, code, "v" * 50, _secret(portal))
    assert right.status_code == 400
    assert right.json()["error"] == "invalid_grant"


def test_id_token_is_rs256_with_okta_shaped_claims(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    code, user = _sign_in_for_code(portal, namespace, admin, "v" * 50)
    answer = _redeem(portal, namespace, code, "v" * 50, _secret(portal))
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    tokens = answer.json()
    assert tokens["token_type"] == "Bearer"
    header = _decode_part(tokens["id_token"], 0)
    claims = _decode_part(tokens["id_token"], 1)
    assert header["alg"] == "RS256"
    assert claims["iss"] == portal.idm_url + "/oauth2/default"
    assert claims["aud"] == CLIENT_ID
    assert claims["sub"] == user["id"]
    assert claims["preferred_username"] == user["user_id"]
    assert claims["nonce"] == "n" * 20
    exp, iat = claims["exp"], claims["iat"]
    assert isinstance(exp, int)
    assert isinstance(iat, int)
    assert exp - iat == 3600
    info = httpx.get(
        portal.idm_url + "/oauth2/default/v1/userinfo",
        headers={
            "Authorization": "Bearer " + tokens["access_token"],
            "X-Portal-Namespace": namespace,
        },
        verify=tls_context(),
    )
    assert info.json()["email"] == user["email"]


def test_spot_refuses_a_replayed_callback_as_stale(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        start = browser.client.get(portal.spot_url + "/login")
        location = start.headers["location"]
        assert location.startswith(portal.idm_url + "/oauth2/default/v1/authorize?")
        query = parse_qs(urlsplit(location).query)
        assert query["code_challenge_method"] == ["S256"]
        sign_in = browser.follow(browser.client.get(location))
        back = browser.submit_password(sign_in, user["user_id"], user["password"])
        callback_url = back.headers["location"]
        home = browser.follow(browser.client.get(callback_url))
        assert home.url.path == "/home"
        assert f"Welcome, {user['first_name']} {user['last_name']}" in home.text

        replay = browser.client.get(callback_url)
        assert replay.status_code == 400
        assert 'data-error-code="STALE_SESSION"' in replay.text
        assert "already used" in replay.text


def test_an_unassigned_user_is_sent_back_exactly_as_okta_does(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    user = admin.create_user(spot_access="pending", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        start = browser.client.get(portal.spot_url + "/login")
        state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
        sign_in = browser.follow(browser.client.get(start.headers["location"]))
        back = browser.submit_password(sign_in, user["user_id"], user["password"])
    expected = (
        portal.spot_url + CALLBACK + f"?state={state}&error=access_denied"
        "&error_description=User+is+not+assigned+to+the+client+application."
    )
    assert back.headers["location"] == expected


def test_logout_ends_the_idm_session(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        home = browser.log_in(user["user_id"], user["password"])
        assert home.url.path == "/home"
        off = browser.log_off(home)
        assert off.url.path == "/logged-off"
        again = browser.get("/home")
        assert again.url.path == "/login/login.htm"  # IDM asks for the password again


def test_forms_from_another_origin_are_refused(portal: PortalHandle) -> None:
    answer = httpx.post(
        portal.idm_url + "/login/authn",
        data={"username": "x", "password": "y"},
        headers={"Origin": "https://evil.example"},
        verify=tls_context(),
    )
    assert answer.status_code == 403
    assert answer.json()["error"] == "cross_origin_request"


def _decode_part(jwt: str, index: int) -> dict[str, object]:
    part = jwt.split(".")[index]
    loaded: dict[str, object] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return loaded
