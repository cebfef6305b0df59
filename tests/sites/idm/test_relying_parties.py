"""A team's own app as an OIDC client of IDM (DESIGN.md, "Other relying parties"): clients
registered through the control API, authorization code + PKCE over plain HTTP, and Okta's
``access_denied`` redirect for a user the app is not assigned to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
import pytest

from mock_portal.control.client import AdminError
from mock_portal.testing.shared_tls import tls_context
from tests.sites.idm.relying_party import (
    APP_CALLBACK,
    authorize_params,
    redeem,
    register,
    sign_in_at_app,
)

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.http_flow import HttpUser
    from mock_portal.testing.plugin import PortalHandle


@pytest.mark.parametrize("client_type", ["public", "confidential"])
def test_a_registered_client_signs_a_user_in_with_code_and_pkce(
    portal: PortalHandle, admin: AdminClient, browser: HttpUser, client_type: str
) -> None:
    client = register(admin, client_type=client_type)
    assert client["client_id"].startswith("0oa")
    assert len(client["client_id"]) == 20
    assert (client["client_secret"] is None) == (client_type == "public")
    assert admin.registered_client(client["client_id"])["redirect_uris"] == [APP_CALLBACK]
    # A user with no SPOT access at all: this app admits everyone.
    user = admin.create_user(spot_access="none", mfa=False)
    answer = sign_in_at_app(portal, browser, client["client_id"], user)
    assert answer["state"] == ["app-state-1234"]
    tokens = redeem(portal, client, answer["code"][0])
    assert tokens.status_code == 200, tokens.text
    assert {"access_token", "id_token", "expires_in", "scope"} <= tokens.json().keys()


def test_a_user_the_client_is_not_assigned_to_gets_okta_s_access_denied_redirect(
    portal: PortalHandle, admin: AdminClient, browser: HttpUser
) -> None:
    assigned = admin.create_user(spot_access="none", mfa=False)
    other = admin.create_user(spot_access="approved", mfa=False)
    client = register(admin, assigned_users=[assigned["user_id"].upper()])
    assert client["assigned_users"] == [assigned["user_id"].lower()]
    answer = sign_in_at_app(portal, browser, client["client_id"], other)
    assert answer == {
        "state": ["app-state-1234"],
        "error": ["access_denied"],
        "error_description": ["User is not assigned to the client application."],
    }


def test_a_client_is_known_only_in_its_own_namespace_and_only_at_its_uris(
    portal: PortalHandle, admin: AdminClient, browser: HttpUser
) -> None:
    client = register(admin)
    elsewhere = httpx.get(
        portal.idm_url + "/oauth2/default/v1/authorize",
        params=authorize_params(client["client_id"]),
        verify=tls_context(),
    )  # the default namespace
    assert elsewhere.status_code == 400
    assert "Invalid value for &#39;client_id&#39; parameter." in elsewhere.text
    wrong_uri = browser.client.get(
        portal.idm_url + "/oauth2/default/v1/authorize",
        params=authorize_params(client["client_id"], redirect_uri=APP_CALLBACK + "/other"),
    )
    assert wrong_uri.status_code == 400
    assert "must be a Login redirect URI" in wrong_uri.text


def test_the_wrong_client_cannot_redeem_a_code_and_a_public_client_sends_no_secret(
    portal: PortalHandle, admin: AdminClient, browser: HttpUser
) -> None:
    public = register(admin, client_type="public")
    confidential = register(admin)
    user = admin.create_user(spot_access="none", mfa=False)
    code = sign_in_at_app(portal, browser, public["client_id"], user)["code"][0]
    stolen = redeem(portal, confidential, code)
    assert stolen.status_code == 400
    assert stolen.json()["error"] == "invalid_grant"
    with_secret = redeem(portal, public, code, client_secret="guess")
    assert with_secret.status_code == 401
    assert with_secret.json()["error"] == "invalid_client"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({}, "redirect_uris"),
        ({"redirect_uris": []}, "redirect_uris"),
        ({"redirect_uris": ["app://callback"]}, "absolute http"),
        ({"redirect_uris": ["https://a.example/cb#frag"]}, "fragment"),
        ({"redirect_uris": [APP_CALLBACK], "client_type": "spa"}, "client_type"),
        ({"redirect_uris": [APP_CALLBACK], "assigned_users": "nobody"}, "assigned_users"),
    ],
)
def test_a_bad_registration_is_a_400_that_says_why(
    admin: AdminClient, body: dict[str, Any], reason: str
) -> None:
    with pytest.raises(AdminError) as refused:
        admin.call("POST", "/clients", json=body)
    assert refused.value.status == 400
    assert reason in refused.value.body["reason"]


def test_an_unknown_client_is_a_404(admin: AdminClient) -> None:
    with pytest.raises(AdminError) as refused:
        admin.registered_client("0oanosuchclient000000")
    assert refused.value.status == 404


def test_a_client_may_bring_its_own_id_and_secret_once(admin: AdminClient) -> None:
    """Okta's Apps API takes a client's credentials on create; the mock keeps them as given,
    refuses a second client with the same id, and a public client cannot have a secret."""
    made = admin.create_client(
        redirect_uris=["http://127.0.0.1:5000/callback"],
        client_id="0oateamapp0000000001",
        client_secret="team-app-secret-0123456789",
    )
    assert made["client_id"] == "0oateamapp0000000001"
    assert made["client_secret"] == "team-app-secret-0123456789"
    assert admin.registered_client("0oateamapp0000000001")["client_type"] == "confidential"
    with pytest.raises(AdminError) as taken:
        admin.create_client(
            redirect_uris=["http://127.0.0.1:5001/callback"], client_id="0oateamapp0000000001"
        )
    assert taken.value.status == 409
    with pytest.raises(AdminError) as public:
        admin.create_client(
            redirect_uris=["http://127.0.0.1:5002/callback"],
            client_type="public",
            client_secret="team-app-secret-0123456789",
        )
    assert public.value.status == 400
    assert "client_secret" in public.value.body["reason"]
