"""Only the control API creates a namespace. A page, IDM or OIDC request naming one that does
not exist is refused (400, ``unknown_namespace``) and creates nothing, so anonymous requests
cannot push a test's namespace, with its users and mail, out of the store's 1,000."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from mock_portal.testing.admin_client import NAMESPACE_HEADER
from mock_portal.world.store import DEFAULT_NAMESPACE, MAX_NAMESPACES, Store

if TYPE_CHECKING:
    from collections.abc import Iterator

    from fixtures.inprocess import InProcessServer, Site, SyncClient

# One of each kind of request that reaches a namespace's state: SPOT's pages, the outbox, IDM's
# sign-in page, OIDC's browser and back-channel endpoints.
PAGES: list[tuple[Site, str, str]] = [
    ("spot", "GET", "/"),
    ("spot", "GET", "/system-status"),
    ("spot", "GET", "/__mail"),
    ("spot", "GET", "/static/spot.css"),
    ("idm", "GET", "/login/login.htm"),
]
# Everything under /oauth2/ answers errors in JSON (mock_portal/sites/http_errors.py's rule).
JSON_ENDPOINTS: list[tuple[Site, str, str]] = [
    ("idm", "GET", "/oauth2/default/v1/authorize?client_id=x&state=abc"),
    ("idm", "POST", "/oauth2/default/v1/token"),
    ("idm", "GET", "/oauth2/default/v1/userinfo"),
]


@pytest.fixture
def spot(inprocess: InProcessServer) -> Iterator[SyncClient]:
    with inprocess.client("spot") as client:
        yield client


def _send(
    inprocess: InProcessServer, site: Site, method: str, path: str, namespace: str
) -> httpx.Response:
    with inprocess.client(site) as client:
        return client.request(method, path, headers={NAMESPACE_HEADER: namespace})


@pytest.mark.parametrize(("site", "method", "path"), PAGES)
def test_a_page_naming_an_unknown_namespace_is_a_page_saying_so(
    inprocess: InProcessServer, namespace: str, site: Site, method: str, path: str
) -> None:
    answer = _send(inprocess, site, method, path, namespace)
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/html")
    assert f"The namespace {namespace} does not exist" in answer.text
    assert "POST /__admin/reset" in answer.text
    assert namespace not in inprocess.context.store.namespaces()


@pytest.mark.parametrize(("site", "method", "path"), JSON_ENDPOINTS)
def test_an_api_call_naming_an_unknown_namespace_is_a_json_refusal(
    inprocess: InProcessServer, namespace: str, site: Site, method: str, path: str
) -> None:
    answer = _send(inprocess, site, method, path, namespace)
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == "unknown_namespace"
    assert "POST /__admin/reset" in body["reason"]
    assert namespace not in inprocess.context.store.namespaces()


def test_an_unauthorized_control_api_call_creates_nothing(
    spot: SyncClient, inprocess: InProcessServer, namespace: str
) -> None:
    answer = spot.post("/__admin/reset", headers={NAMESPACE_HEADER: namespace})
    assert answer.status_code == 401
    assert namespace not in inprocess.context.store.namespaces()


def test_the_control_api_creates_a_namespace_the_pages_then_serve(
    spot: SyncClient, inprocess: InProcessServer, namespace: str
) -> None:
    token = {"Authorization": f"Bearer {inprocess.context.admin_token}"}
    created = spot.post("/__admin/reset", headers={NAMESPACE_HEADER: namespace, **token})
    try:
        assert created.status_code == 200
        assert spot.get("/__mail", headers={NAMESPACE_HEADER: namespace}).status_code == 200
    finally:
        spot.request("DELETE", "/__admin/namespace", headers={NAMESPACE_HEADER: namespace, **token})


def test_default_always_exists(spot: SyncClient) -> None:
    assert spot.get("/__mail").status_code == 200
    assert spot.get("/__mail", headers={NAMESPACE_HEADER: DEFAULT_NAMESPACE}).status_code == 200
    assert Store().find(DEFAULT_NAMESPACE) is not None  # even in a store nobody reset


def test_anonymous_requests_cannot_push_a_tests_namespace_out(
    spot: SyncClient, inprocess: InProcessServer, namespace: str
) -> None:
    # In-process (the same front end and store as over a socket): 1,100 requests in about a
    # second instead of four.
    admin = {
        NAMESPACE_HEADER: namespace,
        "Authorization": f"Bearer {inprocess.context.admin_token}",
    }
    assert spot.post("/__admin/reset", headers=admin).status_code == 200
    body = {"spot_access": "approved", "mfa": False}
    user = spot.post("/__admin/users", headers=admin, json=body).json()
    statuses: set[int] = set()
    try:
        for n in range(MAX_NAMESPACES + 100):
            headers = {NAMESPACE_HEADER: f"drive-by-{n}"}
            statuses.add(spot.get("/__mail", headers=headers).status_code)
        still = spot.get(f"/__admin/users/{user['user_id']}", headers=admin)
        assert still.json()["email"] == user["email"]  # still there
        assert statuses == {400}
    finally:
        spot.request("DELETE", "/__admin/namespace", headers=admin)
