"""IDM's first page: the chooser (default) or the classic one-step page, and what skips the
chooser (mock_portal/sites/idm/chooser.py; docs/idm-sign-in.md, row by row)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from mock_portal.control.client import AdminError
from mock_portal.sites.idm.chooser import LOGINGOV_IDP
from mock_portal.testing.http_flow import HttpUser, chooser_continue
from tests.sites.idm.test_oidc import _authorize_params

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle

AUTHORIZE = "/oauth2/default/v1/authorize"


def test_the_chooser_is_the_default_and_offers_two_ways_without_registration(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    assert admin.settings()["idm_sign_in"] == "chooser"
    with HttpUser(portal.spot_url, namespace) as browser:
        first = browser.get("/login")
        assert first.url.path == "/login/login.htm"
        assert 'id="choice-idm">EUA/IDM User ID</h2>' in first.text
        assert 'id="choice-logingov">Login.gov</h2>' in first.text
        assert first.text.count(">Continue</button>") == 2
        assert 'name="password"' not in first.text  # the fields are on the next page
        assert "regist" not in first.text.lower()  # no registration button
        user_id_page = browser.get(chooser_continue(first) or "")
    assert 'name="username"' in user_id_page.text
    assert "Forgot IDM User ID" in user_id_page.text
    assert "Forgot IDM password" in user_id_page.text
    assert 'href="/signin/forgot-password"' in user_id_page.text


def test_classic_is_the_one_step_page_with_the_older_links(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    assert admin.settings(idm_sign_in="classic")["idm_sign_in"] == "classic"
    with HttpUser(portal.spot_url, namespace) as browser:
        first = browser.get("/login")
    assert chooser_continue(first) is None
    assert 'name="username"' in first.text
    assert 'name="password"' in first.text
    assert ">Forgot Password</a>" in first.text
    assert ">Forgot User ID</a>" in first.text
    assert "Forgot IDM password" not in first.text


def test_an_unknown_setting_is_refused(admin: AdminClient) -> None:
    with pytest.raises(AdminError) as refused:
        admin.settings(idm_sign_in="widget")
    assert refused.value.status == 400
    assert admin.settings()["idm_sign_in"] == "chooser"


def test_a_live_idm_session_skips_the_chooser(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        browser.log_in(user["user_id"], user["password"])
        again = browser.client.get(portal.idm_url + AUTHORIZE, params=_authorize_params(portal))
    assert again.status_code == 302
    assert urlsplit(again.headers["location"]).path == "/authorization-code/callback"


def test_idp_skips_the_chooser(portal: PortalHandle, namespace: str, admin: AdminClient) -> None:
    with HttpUser(portal.spot_url, namespace) as browser:
        to_logingov = browser.client.get(
            portal.idm_url + AUTHORIZE, params=_authorize_params(portal, idp=LOGINGOV_IDP)
        )
        other = browser.client.get(
            portal.idm_url + AUTHORIZE, params=_authorize_params(portal, idp="0oaunknown")
        )
    assert urlsplit(to_logingov.headers["location"]).path == f"/sso/idps/{LOGINGOV_IDP}"
    assert "stateToken" in parse_qs(urlsplit(to_logingov.headers["location"]).query)
    assert parse_qs(urlsplit(other.headers["location"]).query)["method"] == ["idm"]


def test_prompt_none_never_shows_the_chooser(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    with HttpUser(portal.spot_url, namespace) as browser:
        answer = browser.client.get(
            portal.idm_url + AUTHORIZE, params=_authorize_params(portal, prompt="none")
        )
    assert answer.status_code == 302
    assert parse_qs(urlsplit(answer.headers["location"]).query)["error"] == ["login_required"]
