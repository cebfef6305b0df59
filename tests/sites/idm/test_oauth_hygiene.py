"""OAuth hygiene as Okta practises it, beyond tests/sites/idm/test_oidc.py: redirect URIs match
exactly, ``state`` is required and well formed, authorization codes are single-use, short-lived
and bound to the PKCE verifier and redirect URI they were issued for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from mock_portal.testing.shared_tls import tls_context
from tests.sites.idm.test_oidc import _authorize_params, _redeem, _secret, _sign_in_for_code

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle

AUTHORIZE = "/oauth2/default/v1/authorize"
VERIFIER = "v" * 50


def _authorize(portal: PortalHandle, **overrides: str) -> httpx.Response:
    return httpx.get(
        portal.idm_url + AUTHORIZE,
        params=_authorize_params(portal, **overrides),
        verify=tls_context(),
    )


@pytest.mark.parametrize(
    "variant",
    [
        "{spot}/authorization-code/callback/",  # a trailing slash
        "{spot}/authorization-code/callback?next=/home",  # an added query
        "{spot}/authorization-code/callback#x",  # a fragment
        "{spot}/Authorization-Code/Callback",  # another case
        "{spot}/authorization-code/callback/../callback",
        "{spot}/authorization-code",  # a prefix of the registered URI
        "{spot}/authorization-code/callbackx",  # the registered URI as a prefix
        "{spot_https}/authorization-code/callback",  # another scheme
        "http://evil.example@{host}/authorization-code/callback",  # userinfo
        "{spot}.evil.example/authorization-code/callback",
        " {spot}/authorization-code/callback",
    ],
)
def test_only_the_registered_redirect_uri_itself_is_accepted(
    portal: PortalHandle, variant: str
) -> None:
    uri = variant.format(
        spot=portal.spot_url,
        spot_https=portal.spot_url.replace("http://", "https://"),
        host=portal.spot_url.removeprefix("http://"),
    )
    answer = _authorize(portal, redirect_uri=uri)
    assert answer.status_code == 400
    assert "location" not in answer.headers  # never a redirect to an unregistered URI
    assert "400 Bad Request" in answer.text


@pytest.mark.parametrize("state", ["a|b", '{"next":"/home"}', "a b", "x<y", "\u00e9t\u00e9"])
def test_a_state_with_characters_okta_refuses_gets_the_400_page(
    portal: PortalHandle, state: str
) -> None:
    # astuto/astuto#187 (`|`), dotMorten/WinUIEx#144 (JSON): Okta's 400 page, no redirect.
    answer = _authorize(portal, state=state)
    assert answer.status_code == 400
    assert "location" not in answer.headers
    assert "400 Bad Request" in answer.text
    assert "The authentication request has an invalid &#39;state&#39; parameter." in answer.text


@pytest.mark.parametrize(
    "state",
    [
        "abc",
        "A-Z_a.z,09",
        "s" * 200,
        "a;b",
        "a+b",
        "a*b",
        "a:b",
        "https://localhost/",
        "https://spot.example/home?x=1&y=2",
    ],
)
def test_a_state_okta_accepts_starts_the_sign_in(portal: PortalHandle, state: str) -> None:
    # OIDC ref L120; `;` `+` `*` `:` astuto/astuto#187; a URL dgn/oidc-filter#10.
    answer = _authorize(portal, state=state)
    assert answer.status_code == 302
    assert urlsplit(answer.headers["location"]).path == "/login/login.htm"


def test_a_missing_state_is_okta_s_invalid_request_redirect_without_state(
    portal: PortalHandle,
) -> None:
    answer = _authorize(portal, state="")
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query == {
        "error": ["invalid_request"],
        "error_description": ["The authentication request has an invalid 'state' parameter."],
    }


def test_a_code_challenge_too_short_for_s256_is_refused(portal: PortalHandle) -> None:
    answer = _authorize(portal, code_challenge="x" * 42)
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["error"] == ["invalid_request"]


def test_an_authorization_code_expires_after_five_minutes_by_the_mock_clock(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    start = datetime(2026, 2, 2, 15, 0, tzinfo=UTC)
    admin.freeze_clock(start)
    code, _ = _sign_in_for_code(portal, namespace, admin, VERIFIER)

    admin.freeze_clock(start + timedelta(minutes=5))
    late = _redeem(portal, namespace, code, VERIFIER, _secret(portal))

    assert late.status_code == 400
    assert late.json()["error"] == "invalid_grant"


def test_a_code_redeemed_within_five_minutes_works_once(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    start = datetime(2026, 2, 2, 15, 0, tzinfo=UTC)
    admin.freeze_clock(start)
    code, _ = _sign_in_for_code(portal, namespace, admin, VERIFIER)
    admin.freeze_clock(start + timedelta(minutes=4, seconds=59))

    first = _redeem(portal, namespace, code, VERIFIER, _secret(portal))
    second = _redeem(portal, namespace, code, VERIFIER, _secret(portal))

    assert first.status_code == 200
    assert second.status_code == 400
    assert second.json()["error"] == "invalid_grant"


def test_a_code_is_refused_without_its_verifier(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    code, _ = _sign_in_for_code(portal, namespace, admin, VERIFIER)
    answer = _redeem(portal, namespace, code, "", _secret(portal))
    assert answer.status_code == 400
    assert answer.json()["error_description"] == "PKCE verification failed."


def test_a_code_is_refused_for_another_redirect_uri(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    code, _ = _sign_in_for_code(portal, namespace, admin, VERIFIER)
    answer = httpx.post(
        portal.idm_url + "/oauth2/default/v1/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": portal.spot_url + "/elsewhere",
            "code_verifier": VERIFIER,
        },
        auth=("0oaspotmock0000000001", _secret(portal)),
        headers={"X-Portal-Namespace": namespace},
        verify=tls_context(),
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


@pytest.mark.parametrize("verifier", ["\u0080" * 50, "v" * 42, "v" * 129, "v" * 49 + " "])
def test_a_verifier_rfc_7636_does_not_allow_is_refused_not_a_500(
    portal: PortalHandle, namespace: str, admin: AdminClient, verifier: str
) -> None:
    code, _ = _sign_in_for_code(portal, namespace, admin, VERIFIER)
    answer = _redeem(portal, namespace, code, verifier, _secret(portal))
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"
