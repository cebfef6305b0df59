"""The front end both sites sit behind: security headers on every answer, the body and header
limits, and requests no real client would send (driven in-process, past any HTTP parser)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mock_portal.testing.admin_client import NAMESPACE_HEADER

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from fixtures.inprocess import InProcessServer, Site, SyncClient

LIMIT = 64 * 1024


@pytest.fixture(params=["spot", "idm"])
def site(request: pytest.FixtureRequest) -> Site:
    chosen: Site = request.param
    return chosen


@pytest.fixture
def client(inprocess: InProcessServer, site: Site, namespace: str) -> Iterator[SyncClient]:
    inprocess.world(namespace)  # created in the store, as the control API would
    try:
        with inprocess.client(site) as client:
            client.headers[NAMESPACE_HEADER] = namespace
            yield client
    finally:
        inprocess.context.store.drop(namespace)


# One of each kind of answer: a page, a redirect, a 404 page, a JSON API, a static file.
ANSWERS = {
    "spot": [
        "/",
        "/home",
        "/no-such-page",
        "/__admin/health",
        "/static/spot.css",
        "/system-status",
    ],
    "idm": ["/login/login.htm", "/", "/nowhere", "/oauth2/default/v1/keys", "/static/idm.css"],
}


def test_every_kind_of_answer_carries_the_security_headers(client: SyncClient, site: Site) -> None:
    for path in ANSWERS[site]:
        answer = client.get(path)
        assert answer.status_code < 500, path
        csp = answer.headers["content-security-policy"]
        for directive in (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
        ):
            assert directive in csp, (path, directive)
        assert "unsafe-inline" not in csp
        assert "unsafe-eval" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
        assert answer.headers["x-frame-options"] == "DENY"
        assert "cache-control" in answer.headers


def test_pages_hold_no_inline_script_or_style(client: SyncClient, site: Site) -> None:
    for path in ANSWERS[site]:
        answer = client.get(path)
        if not answer.headers.get("content-type", "").startswith("text/html"):
            continue
        page = answer.text
        assert "<script>" not in page, path  # every script has a src under 'self'
        assert " style=" not in page, path
        assert "<style" not in page, path
        assert " on" + "click=" not in page, path


@pytest.mark.parametrize("length", ["\u00b2", "9" * 5_000, "-1", "1e9", " 12"])
def test_a_content_length_no_parser_would_pass_is_not_a_5xx(
    client: SyncClient, length: str
) -> None:
    answer = client.post(
        "/eligibility", content=b"a=b", headers={"content-length": length.encode("latin-1")}
    )
    assert answer.status_code < 500


def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(client: SyncClient) -> None:
    answer = client.post("/anything", content=b"x" * (LIMIT + 1))
    assert answer.status_code == 413


def test_a_streamed_body_over_the_limit_is_refused_as_it_arrives(
    client: SyncClient, site: Site
) -> None:
    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: sent chunked
        for _ in range(20):
            yield b"username=" + b"x" * 8_000

    path = "/logoff" if site == "spot" else "/login/authn"  # both read the form first
    answer = client.post(
        path, content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert answer.status_code == 413
    assert "413" in answer.text


def test_a_header_line_over_8_kib_gets_nginx_s_page(client: SyncClient) -> None:
    answer = client.get("/", headers={"cookie": "pile=" + "x" * (8 * 1024)})
    assert answer.status_code == 400
    assert "Request Header Or Cookie Too Large" in answer.text


@pytest.mark.parametrize("namespace_header", ["", "a b", "x" * 65, "../etc", "\u00e9"])
def test_an_unusable_namespace_is_a_400_with_a_reason(
    client: SyncClient, namespace_header: str
) -> None:
    answer = client.get("/", headers={NAMESPACE_HEADER: namespace_header.encode()})
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_namespace"
