"""Faults in IDM's own endpoints (/token, /keys, /userinfo: slow, reset, malformed) and what
SPOT shows for each: IDM unavailable (SYSTEM_UNAVAILABLE), never a 500 (docs/availability.md).
The test's namespace makes SPOT wait 50 ms for IDM (``PUT /__admin/settings {"idm_timeout":
0.05}``), so a slow IDM costs no real seconds and needs no portal of its own; the log in after
the fault is cleared waits as long as the portal does."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx
import pytest

from mock_portal.testing.admin_client import AdminError
from mock_portal.testing.http_flow import HttpUser
from mock_portal.testing.shared_tls import tls_context
from mock_portal.world.config import TIMEOUT_MIN
from mock_portal.world.store import NAMESPACE_HEADER

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle

IDM_TIMEOUT = TIMEOUT_MIN  # 50 ms, the least a namespace may set
SLOWER = 0.3  # how long a slow IDM takes: past SPOT's time limit, and short


@pytest.mark.parametrize("endpoint", ["token", "keys"])
@pytest.mark.parametrize("kind", ["slow", "reset", "malformed"])
def test_spot_says_idm_is_unavailable_for_each_fault_in_its_back_channel(
    portal: PortalHandle, admin: AdminClient, endpoint: str, kind: str
) -> None:
    user = admin.create_user(spot_access="approved", mfa=False)
    portals_wait = admin.settings()["idm_timeout"]
    if kind == "slow":  # only a slow IDM is waited for; the others fail at once
        assert admin.settings(idm_timeout=IDM_TIMEOUT)["idm_timeout"] == IDM_TIMEOUT
    fault = admin.set_idm_fault(endpoint, kind, seconds=SLOWER)
    assert (fault["endpoint"], fault["kind"]) == (endpoint, kind)
    with HttpUser(portal.spot_url, admin.namespace) as browser:
        page = browser.log_in(user["user_id"], user["password"])
    assert page.status_code == 503
    assert 'data-error-code="SYSTEM_UNAVAILABLE"' in page.text
    assert "Log in is temporarily unavailable: IDM is down for a technical issue" in page.text
    admin.clear_idm_fault(endpoint)
    admin.settings(idm_timeout=portals_wait)  # a busy machine's /token may take over 50 ms
    with HttpUser(portal.spot_url, admin.namespace) as browser:
        assert browser.log_in(user["user_id"], user["password"]).url.path == "/home"


def test_userinfo_faults_reach_the_caller_as_a_timeout_a_drop_and_bad_json(
    portal: PortalHandle, admin: AdminClient
) -> None:
    url = portal.idm_url + "/oauth2/default/v1/userinfo"
    headers = {NAMESPACE_HEADER: admin.namespace, "Authorization": "Bearer x"}
    admin.set_idm_fault("userinfo", "slow", seconds=SLOWER)
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(
            url,
            headers=headers,
            timeout=httpx.Timeout(10.0, read=IDM_TIMEOUT),
            verify=tls_context(),
        )
    admin.set_idm_fault("userinfo", "reset")
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(url, headers=headers, verify=tls_context())
    admin.set_idm_fault("userinfo", "malformed")
    answer = httpx.get(url, headers=headers, verify=tls_context())
    assert answer.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.content)
    admin.clear_idm_fault("userinfo")
    assert httpx.get(url, headers=headers, verify=tls_context()).status_code == 401  # itself again


def test_an_idm_fault_names_an_endpoint_it_has(admin: AdminClient) -> None:
    with pytest.raises(AdminError) as refused:
        admin.call("PUT", "/idm/faults/authorize", json={"kind": "slow"})
    assert refused.value.status == 404
    assert "token, keys, userinfo" in refused.value.body["reason"]
