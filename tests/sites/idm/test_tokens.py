"""IDM's tokens as Okta's default authorization server issues them: JWT access tokens that
verify against ``/keys``, refresh (rotated for public clients, persistent for confidential),
introspection (RFC 7662), revocation (RFC 7009), both discovery documents and key rotation."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from mock_portal.testing.shared_tls import tls_context
from mock_portal.world.store import NAMESPACE_HEADER
from tests.sites.idm.relying_party import call_as, redeem, register, sign_in_at_app

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.http_flow import HttpUser
    from mock_portal.testing.plugin import PortalHandle

OFFLINE = "openid profile offline_access"
MOMENT = datetime(2026, 3, 2, 15, tzinfo=UTC)


def key_set(portal: PortalHandle, namespace: str) -> KeySet:
    return KeySet.import_key_set(jwks(portal, namespace))  # type: ignore[arg-type]


def jwks(portal: PortalHandle, namespace: str) -> dict[str, Any]:
    answer = httpx.get(
        portal.idm_url + "/oauth2/default/v1/keys",
        headers={NAMESPACE_HEADER: namespace},
        verify=tls_context(),
    )
    assert answer.status_code == 200
    body: dict[str, Any] = answer.json()
    return body


def signed_in(
    portal: PortalHandle,
    admin: AdminClient,
    browser: HttpUser,
    client_type: str = "confidential",
    scope: str = OFFLINE,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(client, user, the token answer) after a sign-in with ``scope``."""
    client = register(admin, client_type=client_type)
    user = admin.create_user(spot_access="none", mfa=False)
    code = sign_in_at_app(portal, browser, client["client_id"], user, scope=scope)["code"][0]
    answer = redeem(portal, client, code)
    assert answer.status_code == 200, answer.text
    return client, user, answer.json()


def test_the_access_token_is_an_rs256_jwt_with_okta_s_claims(
    portal: PortalHandle, admin: AdminClient, browser: HttpUser
) -> None:
    admin.freeze_clock(MOMENT)
    client, user, tokens = signed_in(portal, admin, browser, scope="openid profile")
    keys = key_set(portal, admin.namespace)
    access = jwt.decode(tokens["access_token"], keys, algorithms=["RS256"])
    claims = access.claims
    now = int(MOMENT.timestamp())
    assert access.header["alg"] == "RS256"
    assert claims["iss"] == portal.idm_url + "/oauth2/default"
    assert claims["aud"] == "api://default"
    assert claims["cid"] == client["client_id"]
    assert claims["uid"] == user["id"]  # the Okta user id
    assert claims["sub"] == user["user_id"]  # the login, in an access token
    assert claims["scp"] == ["openid", "profile"]
    assert (claims["iat"], claims["exp"]) == (now, now + 3600)
    assert claims["ver"] == 1
    assert claims["jti"].startswith("AT.")
    assert "refresh_token" not in tokens  # no offline_access asked for
    id_claims = jwt.decode(tokens["id_token"], keys, algorithms=["RS256"]).claims
    assert id_claims["sub"] == user["id"]
    userinfo = httpx.get(
        portal.idm_url + "/oauth2/default/v1/userinfo",
        headers={
            "Authorization": "Bearer " + tokens["access_token"],
            NAMESPACE_HEADER: admin.namespace,
        },
        verify=tls_context(),
    )
    assert userinfo.status_code == 200
    assert userinfo.json()["preferred_username"] == user["user_id"]


def test_a_confidential_client_s_refresh_token_persists(
    portal: PortalHandle, admin: AdminClient, browser: HttpUser
) -> None:
    client, _, tokens = signed_in(portal, admin, browser)
    refresh = tokens["refresh_token"]
    for _ in range(2):
        again = call_as(
            portal, client, "/token", {"grant_type": "refresh_token", "refresh_token": refresh}
        )
        assert again.status_code == 200, again.text
        assert again.json()["refresh_token"] == refresh
        assert again.json()["access_token"] != tokens["access_token"]
        assert "id_token" in again.json()
    narrower = call_as(
        portal,
        client,
        "/token",
        {"grant_type": "refresh_token", "refresh_token": refresh, "scope": "openid"},
    )
    assert narrower.json()["scope"] == "openid"
    wider = call_as(
        portal,
        client,
        "/token",
        {"grant_type": "refresh_token", "refresh_token": refresh, "scope": "openid email"},
    )
    assert (wider.status_code, wider.json()["error"]) == (400, "invalid_scope")


def test_a_public_client_s_refresh_token_rotates_with_a_grace_then_reuse_revokes_all(
    portal: PortalHandle, admin: AdminClient, browser: HttpUser
) -> None:
    admin.freeze_clock(MOMENT)
    client, _, tokens = signed_in(portal, admin, browser, client_type="public")
    first = tokens["refresh_token"]
    rotated = call_as(
        portal, client, "/token", {"grant_type": "refresh_token", "refresh_token": first}
    )
    second = rotated.json()["refresh_token"]
    assert second != first
    # Within Okta's 30-second grace the old one still works ...
    admin.freeze_clock(MOMENT + timedelta(seconds=30))
    in_grace = call_as(
        portal, client, "/token", {"grant_type": "refresh_token", "refresh_token": first}
    )
    assert in_grace.status_code == 200
    # ... after it, its reuse is refused and revokes every token of that sign-in.
    admin.freeze_clock(MOMENT + timedelta(seconds=31))
    reused = call_as(
        portal, client, "/token", {"grant_type": "refresh_token", "refresh_token": first}
    )
    assert reused.status_code == 400
    assert reused.json() == {
        "error": "invalid_grant",
        "error_description": "The refresh token is invalid or expired.",
    }
    latest = in_grace.json()["refresh_token"]
    assert (
        call_as(
            portal, client, "/token", {"grant_type": "refresh_token", "refresh_token": latest}
        ).status_code
        == 400
    )
    for token in (second, in_grace.json()["access_token"]):
        assert call_as(portal, client, "/introspect", {"token": token}).json() == {"active": False}


def test_introspection_answers_as_rfc_7662_and_okta(
    portal: PortalHandle, admin: AdminClient, browser: HttpUser
) -> None:
    client, user, tokens = signed_in(portal, admin, browser)
    access = call_as(
        portal,
        client,
        "/introspect",
        {"token": tokens["access_token"], "token_type_hint": "access_token"},
    )
    assert access.status_code == 200
    body = access.json()
    assert body["active"] is True
    assert body["token_type"] == "Bearer"
    assert body["client_id"] == client["client_id"]
    assert (body["sub"], body["username"], body["uid"]) == (
        user["user_id"],
        user["user_id"],
        user["id"],
    )
    assert body["scope"] == OFFLINE
    refresh = call_as(portal, client, "/introspect", {"token": tokens["refresh_token"]}).json()
    assert refresh["active"] is True
    assert refresh["client_id"] == client["client_id"]
    assert call_as(portal, client, "/introspect", {"token": "nonsense"}).json() == {"active": False}
    other = register(admin)
    assert call_as(portal, other, "/introspect", {"token": tokens["access_token"]}).json() == {
        "active": False
    }
    # An access token past its hour is inactive.
    admin.freeze_clock(datetime.now(UTC) + timedelta(hours=2))
    assert call_as(portal, client, "/introspect", {"token": tokens["access_token"]}).json() == {
        "active": False
    }


def test_revocation_answers_200_always_and_revokes_only_the_client_s_own_tokens(
    portal: PortalHandle, admin: AdminClient, browser: HttpUser
) -> None:
    client, _, tokens = signed_in(portal, admin, browser)
    other = register(admin)
    assert call_as(portal, other, "/revoke", {"token": tokens["access_token"]}).status_code == 200
    assert call_as(portal, client, "/introspect", {"token": tokens["access_token"]}).json()[
        "active"
    ]
    revoked = call_as(portal, client, "/revoke", {"token": tokens["access_token"]})
    assert (revoked.status_code, revoked.content) == (200, b"")
    assert call_as(portal, client, "/introspect", {"token": tokens["access_token"]}).json() == {
        "active": False
    }
    userinfo = httpx.get(
        portal.idm_url + "/oauth2/default/v1/userinfo",
        headers={
            "Authorization": "Bearer " + tokens["access_token"],
            NAMESPACE_HEADER: admin.namespace,
        },
        verify=tls_context(),
    )
    assert userinfo.status_code == 401
    assert call_as(portal, client, "/revoke", {"token": tokens["access_token"]}).status_code == 200
    assert call_as(portal, client, "/revoke", {"token": tokens["refresh_token"]}).status_code == 200
    refused = call_as(
        portal,
        client,
        "/token",
        {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    assert refused.json()["error"] == "invalid_grant"


@pytest.mark.parametrize("path", ["/introspect", "/revoke", "/token"])
def test_two_client_authentication_methods_are_an_invalid_request(
    portal: PortalHandle, admin: AdminClient, path: str
) -> None:
    client = register(admin)
    basic = base64.b64encode(f"{client['client_id']}:{client['client_secret']}".encode()).decode()
    answer = httpx.post(
        portal.idm_url + "/oauth2/default/v1" + path,
        data={"token": "t", "grant_type": "refresh_token", "client_secret": "wrong"},
        headers={"Authorization": "Basic " + basic, NAMESPACE_HEADER: admin.namespace},
        verify=tls_context(),
    )
    assert answer.json()["error"] == "invalid_request"
    assert answer.json()["error_description"].startswith(
        "Cannot supply multiple client credentials."
    )
    anonymous = httpx.post(
        portal.idm_url + "/oauth2/default/v1" + path,
        data={"token": "t"},
        headers={NAMESPACE_HEADER: admin.namespace},
        verify=tls_context(),
    )
    assert anonymous.status_code == 401
    assert anonymous.json() == {
        "error": "invalid_client",
        "error_description": "No client credentials found.",
    }


@pytest.mark.parametrize("document", ["openid-configuration", "oauth-authorization-server"])
def test_both_discovery_documents_list_introspection_and_revocation(
    portal: PortalHandle, document: str
) -> None:
    issuer = portal.idm_url + "/oauth2/default"
    doc = httpx.get(issuer + "/.well-known/" + document, verify=tls_context()).json()
    assert doc["issuer"] == issuer
    assert doc["introspection_endpoint"] == issuer + "/v1/introspect"
    assert doc["revocation_endpoint"] == issuer + "/v1/revoke"
    assert doc["jwks_uri"] == issuer + "/v1/keys"
    assert "refresh_token" in doc["grant_types_supported"]
    assert "none" in doc["token_endpoint_auth_methods_supported"]


def test_a_rotation_publishes_the_next_key_first_and_keeps_the_old_one_a_while(
    portal: PortalHandle, admin: AdminClient, browser: HttpUser
) -> None:
    before = [key["kid"] for key in jwks(portal, admin.namespace)["keys"]]
    active, upcoming = before
    _, _, tokens = signed_in(portal, admin, browser)
    signed = jwt.decode(tokens["id_token"], key_set(portal, admin.namespace))
    assert signed.header["kid"] == active
    statuses = admin.rotate_keys()
    assert [(k["kid"], k["status"]) for k in statuses][0::2] == [
        (upcoming, "ACTIVE"),
        (active, "EXPIRED"),
    ]
    after = [key["kid"] for key in jwks(portal, admin.namespace)["keys"]]
    assert len(after) == 3
    assert active in after  # a token signed before the rotation still verifies
    jwt.decode(tokens["access_token"], key_set(portal, admin.namespace))
    _, _, fresh = signed_in(portal, admin, browser)
    signed = jwt.decode(fresh["access_token"], key_set(portal, admin.namespace))
    assert signed.header["kid"] == upcoming
    admin.rotate_keys()
    assert active not in [key["kid"] for key in jwks(portal, admin.namespace)["keys"]]
    # Other namespaces keep the process's keys.
    assert [key["kid"] for key in jwks(portal, "default")["keys"]] == before
