"""Login.gov's OpenID Connect provider as developers.login.gov documents it, and IDM federating
to it; one test per row of docs/logingov.md."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from mock_portal.sites.idm.keys import KeyRing
from mock_portal.sites.logingov.oidc import ASSERTION_TYPE
from mock_portal.sites.logingov.provider import IDM_CALLBACK_PATH, IDM_CLIENT_ID
from mock_portal.sites.security import pkce_challenge
from mock_portal.testing.http_flow import HttpUser
from mock_portal.testing.shared_tls import tls_context

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle

AUTHORIZE = "/openid_connect/authorize"
TOKEN = "/api/openid_connect/token"
VERIFIER = "v" * 50
START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
NS = "X-Portal-Namespace"


def _params(portal: PortalHandle, **overrides: str) -> dict[str, str]:
    params = {
        "client_id": IDM_CLIENT_ID,
        "redirect_uri": portal.idm_url + IDM_CALLBACK_PATH,
        "response_type": "code",
        "scope": "openid email",
        "acr_values": "urn:acr.login.gov:auth-only",
        "prompt": "select_account",
        "state": "s" * 22,
        "nonce": "n" * 22,
        "code_challenge": pkce_challenge(VERIFIER),
        "code_challenge_method": "S256",
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v != ""}


def _answer(response: httpx.Response) -> dict[str, list[str]]:
    assert response.status_code in (302, 303), response.text
    return parse_qs(urlsplit(response.headers["location"]).query)


@pytest.fixture
def client(portal: PortalHandle, namespace: str, admin: AdminClient) -> Iterator[httpx.Client]:
    """A browser-less client of Login.gov in this test's namespace."""
    with httpx.Client(
        base_url=portal.logingov_url, headers={NS: namespace}, verify=tls_context()
    ) as http:
        yield http


def _sign_in(
    client: httpx.Client, portal: PortalHandle, admin: AdminClient, **overrides: str
) -> httpx.Response:
    """Authorize, then e-mail, password and one-time code at Login.gov: Login.gov's answer."""
    account = admin.create_logingov_account()
    start = client.get(AUTHORIZE, params=_params(portal, **overrides))
    request_id = parse_qs(urlsplit(start.headers["location"]).query)["request_id"][0]
    client.post("/", data={"request_id": request_id, **_credentials(account)})
    code = admin.mail(to=account["email"])[-1]["body"].split("code is ")[1][:6]
    return client.post("/login/two_factor/otp", data={"request_id": request_id, "code": code})


def _credentials(account: dict[str, str]) -> dict[str, str]:
    return {"email": account["email"], "password": account["password"]}


@pytest.mark.parametrize("acr", ["urn:acr.login.gov:auth-only", "urn:acr.login.gov:verified"])
def test_authorize_takes_either_acr_value(
    portal: PortalHandle, namespace: str, admin: AdminClient, acr: str
) -> None:
    with httpx.Client(headers={NS: namespace}, verify=tls_context()) as client:
        answer = client.get(portal.logingov_url + AUTHORIZE, params=_params(portal, acr_values=acr))
    assert answer.status_code == 302
    assert urlsplit(answer.headers["location"]).path == "/"


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ({"acr_values": "urn:acr.login.gov:loa9"}, "Acr values"),
        ({"prompt": "login"}, "select_account"),
        ({"state": "s" * 21}, "State is too short (minimum is 22 characters)"),
        ({"nonce": "n" * 21}, "Nonce is too short (minimum is 22 characters)"),
        ({"code_challenge_method": "plain"}, "S256"),
        ({"scope": "email"}, "openid"),
    ],
)
def test_a_bad_authorize_request_goes_back_as_invalid_request(
    portal: PortalHandle, namespace: str, admin: AdminClient, override: dict[str, str], words: str
) -> None:
    with httpx.Client(headers={NS: namespace}, verify=tls_context()) as client:
        answer = client.get(portal.logingov_url + AUTHORIZE, params=_params(portal, **override))
    query = _answer(answer)
    assert query["error"] == ["invalid_request"]
    assert words in query["error_description"][0]


def test_an_unregistered_redirect_uri_gets_a_page_not_a_redirect(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    params = _params(portal, redirect_uri="https://evil.example/cb")
    with httpx.Client(headers={NS: namespace}, verify=tls_context()) as client:
        answer = client.get(portal.logingov_url + AUTHORIZE, params=params)
    assert answer.status_code == 400
    assert "location" not in answer.headers


def test_sign_in_sends_the_one_time_code_to_the_outbox_channel_logingov(
    client: httpx.Client, portal: PortalHandle, admin: AdminClient
) -> None:
    answer = _sign_in(client, portal, admin)
    assert "code" in _answer(answer)
    mail = admin.mail()[-1]
    assert mail["channel"] == "logingov"


def test_cancel_goes_back_with_access_denied_and_the_state(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    with httpx.Client(
        base_url=portal.logingov_url, headers={NS: namespace}, verify=tls_context()
    ) as client:
        start = client.get(AUTHORIZE, params=_params(portal))
        request_id = parse_qs(urlsplit(start.headers["location"]).query)["request_id"][0]
        answer = client.get("/sign_in/cancel", params={"request_id": request_id})
    query = _answer(answer)
    assert query["error"] == ["access_denied"]
    assert query["state"] == ["s" * 22]


def test_pkce_s256_redeems_the_code_once(
    client: httpx.Client, portal: PortalHandle, admin: AdminClient
) -> None:
    answer = _sign_in(client, portal, admin)
    code = _answer(answer)["code"][0]
    wrong = client.post(
        TOKEN, data={"grant_type": "authorization_code", "code": code, "code_verifier": "w" * 50}
    )
    assert wrong.status_code == 400
    # A refused redemption spends the code, as the code is single-use: sign in again.
    answer = _sign_in(client, portal, admin)
    code = _answer(answer)["code"][0]
    data = {"grant_type": "authorization_code", "code": code, "code_verifier": VERIFIER}
    tokens = client.post(TOKEN, data=data)
    assert tokens.status_code == 200, tokens.text
    assert tokens.json()["token_type"] == "Bearer"
    assert "id_token" in tokens.json()
    assert client.post(TOKEN, data=data).json()["error"] == "invalid_grant"  # used once


def test_private_key_jwt_needs_the_clients_registered_key(
    client: httpx.Client, portal: PortalHandle, admin: AdminClient
) -> None:
    """A client assertion signed with another key is refused; IDM's own (signed with its
    registered key) is what every federated sign-in below redeems with."""
    answer = _sign_in(client, portal, admin, code_challenge="")
    code = _answer(answer)["code"][0]
    stranger = KeyRing()
    forged = stranger.sign(
        {
            "iss": IDM_CLIENT_ID,
            "sub": IDM_CLIENT_ID,
            "aud": portal.logingov_url + TOKEN,
            "jti": secrets.token_urlsafe(16),
            "exp": int(datetime.now(UTC).timestamp()) + 300,
        }
    )
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": forged,
    }
    refused = client.post(TOKEN, data=data)
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_client"


def test_without_pkce_the_token_endpoint_needs_a_client_assertion(
    client: httpx.Client, portal: PortalHandle, admin: AdminClient
) -> None:
    answer = _sign_in(client, portal, admin, code_challenge="")
    code = _answer(answer)["code"][0]
    data = {"grant_type": "authorization_code", "code": code, "code_verifier": VERIFIER}
    assert client.post(TOKEN, data=data).json()["error"] == "invalid_request"


@pytest.mark.parametrize(("minutes", "redeemed"), [(14, True), (16, False)])
def test_codes_are_valid_15_minutes(
    client: httpx.Client, portal: PortalHandle, admin: AdminClient, minutes: int, redeemed: bool
) -> None:
    admin.freeze_clock(START)
    answer = _sign_in(client, portal, admin)
    code = _answer(answer)["code"][0]
    admin.freeze_clock(START + timedelta(minutes=minutes))
    data = {"grant_type": "authorization_code", "code": code, "code_verifier": VERIFIER}
    assert (client.post(TOKEN, data=data).status_code == 200) is redeemed


def test_logout_asks_the_user_to_confirm_before_redirecting(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    params = {
        "client_id": IDM_CLIENT_ID,
        "post_logout_redirect_uri": portal.idm_url + "/login/signout",
        "state": "t" * 22,
    }
    with httpx.Client(
        base_url=portal.logingov_url, headers={NS: namespace}, verify=tls_context()
    ) as client:
        page = client.get("/openid_connect/logout", params=params)
        assert page.status_code == 200
        assert "Yes, sign out of Login.gov" in page.text
        done = client.post(
            "/openid_connect/logout/confirm",
            data=params,
            headers={"Origin": portal.logingov_url},
        )
        bad = client.get(
            "/openid_connect/logout", params={**params, "post_logout_redirect_uri": "https://x.y"}
        )
    assert _answer(done)["state"] == ["t" * 22]
    assert bad.status_code == 400


def test_a_linked_login_gov_user_reaches_spot_without_an_idm_code(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    user = admin.create_user(spot_access="approved", mfa=True)
    account = admin.create_logingov_account(email=user["email"])
    with HttpUser(portal.spot_url, namespace) as browser:
        home = browser.log_in_with_logingov(
            account["email"],
            account["password"],
            code_for=lambda: admin.mail(to=account["email"])[-1]["body"].split("code is ")[1][:6],
        )
    assert home.url.path == "/home"
    assert not [m for m in admin.mail(to=user["email"]) if m["channel"] == "email"]  # no IDM MFA
    assert admin.logingov_account(account["email"])["idm_user_id"] == user["user_id"]


def test_a_new_login_gov_user_gets_an_idm_account_without_spot_access(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    account = admin.create_logingov_account(email=f"new.{secrets.token_hex(3)}@example.com")
    with HttpUser(portal.spot_url, namespace) as browser:
        page = browser.log_in_with_logingov(
            account["email"],
            account["password"],
            code_for=lambda: admin.mail(to=account["email"])[-1]["body"].split("code is ")[1][:6],
        )
    assert "User is not assigned to the client application." in page.text
    made = admin.user(admin.logingov_account(account["email"])["idm_user_id"])
    assert made["spot_access"] == "none"
    assert made["email"] == account["email"]
