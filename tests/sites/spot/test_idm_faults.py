"""Faults in IDM's own endpoints (/token, /keys, /userinfo: slow, reset, malformed) and what
SPOT shows for each: IDM unavailable (SYSTEM_UNAVAILABLE), never a 500 (docs/availability.md).
A portal of its own waits 0.2 s for IDM, so a slow IDM costs no real seconds."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx
import pytest

from mock_portal.cli.server import Server
from mock_portal.testing.admin_client import AdminClient, AdminError
from mock_portal.testing.http_flow import HttpUser
from mock_portal.world.config import Settings
from mock_portal.world.store import NAMESPACE_HEADER

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mock_portal.testing.plugin import PortalHandle

IDM_TIMEOUT = 0.2
SLOWER = 0.6  # how long a slow IDM takes: past SPOT's time limit, and short


@pytest.fixture(scope="module")
def quick_portal() -> Iterator[Server]:
    portal = Server(Settings(spot_port=0, idm_port=0, demo_users=False, idm_timeout=IDM_TIMEOUT))
    portal.start_in_thread()
    try:
        yield portal
    finally:
        portal.stop()


@pytest.fixture
def quick_admin(quick_portal: Server, namespace: str) -> Iterator[AdminClient]:
    admin = AdminClient(quick_portal.urls.spot, quick_portal.admin_token, namespace)
    admin.reset()
    try:
        yield admin
    finally:
        admin.drop_namespace()
        admin.close()


@pytest.mark.parametrize("endpoint", ["token", "keys"])
@pytest.mark.parametrize("kind", ["slow", "reset", "malformed"])
def test_spot_says_idm_is_unavailable_for_each_fault_in_its_back_channel(
    quick_portal: Server, quick_admin: AdminClient, endpoint: str, kind: str
) -> None:
    user = quick_admin.create_user(spot_access="approved", mfa=False)
    fault = quick_admin.set_idm_fault(endpoint, kind, seconds=SLOWER)
    assert (fault["endpoint"], fault["kind"]) == (endpoint, kind)
    with HttpUser(quick_portal.urls.spot, quick_admin.namespace) as browser:
        page = browser.log_in(user["user_id"], user["password"])
    assert page.status_code == 503
    assert 'data-error-code="SYSTEM_UNAVAILABLE"' in page.text
    assert "Log in is temporarily unavailable: IDM is down for a technical issue" in page.text
    quick_admin.clear_idm_fault(endpoint)
    with HttpUser(quick_portal.urls.spot, quick_admin.namespace) as browser:
        assert browser.log_in(user["user_id"], user["password"]).url.path == "/home"


def test_userinfo_faults_reach_the_caller_as_a_timeout_a_drop_and_bad_json(
    portal: PortalHandle, admin: AdminClient
) -> None:
    url = portal.idm_url + "/oauth2/default/v1/userinfo"
    headers = {NAMESPACE_HEADER: admin.namespace, "Authorization": "Bearer x"}
    admin.set_idm_fault("userinfo", "slow", seconds=SLOWER)
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(url, headers=headers, timeout=IDM_TIMEOUT)
    admin.set_idm_fault("userinfo", "reset")
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(url, headers=headers)
    admin.set_idm_fault("userinfo", "malformed")
    answer = httpx.get(url, headers=headers)
    assert answer.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.content)
    admin.clear_idm_fault("userinfo")
    assert httpx.get(url, headers=headers).status_code == 401  # itself again


def test_an_idm_fault_names_an_endpoint_it_has(admin: AdminClient) -> None:
    with pytest.raises(AdminError) as refused:
        admin.call("PUT", "/idm/faults/authorize", json={"kind": "slow"})
    assert refused.value.status == 404
    assert "token, keys, userinfo" in refused.value.body["reason"]
