"""The control API's contract: auth, shapes, namespaces and clear 4xx answers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from mock_portal.testing.admin_client import NAMESPACE_HEADER, AdminClient, AdminError
from mock_portal.testing.shared_tls import tls_context

if TYPE_CHECKING:
    from mock_portal.testing.plugin import PortalHandle

AUTHORIZED_CALLS = [
    ("POST", "/reset"),
    ("DELETE", "/namespace"),
    ("POST", "/users"),
    ("GET", "/users/someone"),
    ("GET", "/systems"),
    ("PUT", "/systems/HETS"),
    ("GET", "/clock"),
    ("PUT", "/clock"),
    ("DELETE", "/clock"),
    ("GET", "/mail"),
    ("GET", "/journal"),
    ("GET", "/beneficiaries"),
    ("GET", "/errors"),
    ("GET", "/oidc-client"),
    ("GET", "/settings"),
    ("PUT", "/settings"),
    ("POST", "/release"),
    ("PUT", "/users/someone/access"),
    ("GET", "/organizations"),
    ("POST", "/users/someone/unlock"),
]


def test_health_needs_no_token(portal: PortalHandle) -> None:
    answer = httpx.get(portal.spot_url + "/__admin/health", verify=tls_context())
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["idm_url"] == portal.idm_url


@pytest.mark.parametrize(("method", "path"), AUTHORIZED_CALLS)
@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", "Basic Zm9vOmJhcg=="])
def test_every_other_call_needs_the_token(
    portal: PortalHandle, method: str, path: str, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    answer = httpx.request(
        method, portal.spot_url + "/__admin" + path, headers=headers, verify=tls_context()
    )
    assert answer.status_code == 401
    assert answer.json()["error"] == "unauthorized"


def test_create_user_fills_the_rest_with_faker(admin: AdminClient) -> None:
    created = admin.create_user(spot_access="approved", role="approver")
    assert created["spot_access"] == "approved"
    assert created["role"] == "approver"
    assert created["mfa"] is True
    assert created["password"]
    assert created["first_name"]
    assert created["last_name"]
    assert "@" in created["email"]
    assert created["confirmation_number"].startswith("AR")
    organization = created["organization"]
    assert len(organization["npi"]) == 10
    fetched = admin.user(created["user_id"])
    assert "password" not in fetched
    assert fetched["id"] == created["id"]


def test_user_without_request_has_no_role_or_confirmation(admin: AdminClient) -> None:
    created = admin.create_user(user_id="plain.user", password="Pass-word-12345!", mfa=False)
    assert created["user_id"] == "plain.user"
    assert created["password"] == "Pass-word-12345!"
    assert created["spot_access"] == "none"
    assert created["role"] is None
    assert created["confirmation_number"] is None
    assert created["organization"] is None


def test_user_ids_are_unique_ignoring_case(admin: AdminClient) -> None:
    admin.create_user(user_id="Dup.User")
    with pytest.raises(AdminError) as refused:
        admin.create_user(user_id="dup.user")
    assert refused.value.status == 409
    assert refused.value.body["error"] == "user_exists"


def test_unknown_user_is_404_with_a_reason(admin: AdminClient) -> None:
    with pytest.raises(AdminError) as missing:
        admin.user("nobody")
    assert missing.value.status == 404
    assert "nobody" in missing.value.body["reason"]


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        ({"mfa": "yes"}, "mfa"),
        ({"spot_access": "granted"}, "spot_access"),
        ({"role": "admin"}, "role"),
        ({"user_id": 42}, "user_id"),
        ({"user_id": "a b"}, "user_id"),
        ({"email": "not-an-email"}, "email"),
        ({"first_name": "x" * 65}, "first_name"),
        ({"first_name": "bad\u0000name"}, "first_name"),
        ({"date_of_birth": "31/12/1960"}, "date_of_birth"),
        ({"organization_id": "org-missing"}, "spot_access"),
        ({"organization_id": "org-missing", "spot_access": "pending"}, "org-missing"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_user_bodies_get_a_4xx_and_a_reason(
    api: httpx.Client, body: dict[str, Any], mentions: str
) -> None:
    answer = api.post("/users", json=body)
    assert 400 <= answer.status_code < 500
    assert mentions in answer.json()["reason"]


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe", b"null"])
def test_malformed_json_is_a_400(api: httpx.Client, raw: bytes) -> None:
    answer = api.post("/users", content=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_request"


def test_oversized_body_is_a_413(api: httpx.Client) -> None:
    answer = api.post("/users", content=b"{" + b" " * 100_000 + b"}")
    assert answer.status_code == 413
    assert answer.json()["error"] == "content_too_large"


def test_clock_freezes_and_returns(admin: AdminClient) -> None:
    frozen = admin.freeze_clock(datetime.fromisoformat("2026-01-07T20:30:00-05:00"))
    assert frozen == {
        "now": "2026-01-08T01:30:00+00:00",
        "frozen": True,
        "idm_skew_seconds": 0,
        "idm_now": "2026-01-08T01:30:00+00:00",
    }
    assert admin.clock()["frozen"] is True
    admin.unfreeze_clock()
    assert admin.clock()["frozen"] is False


@pytest.mark.parametrize(
    "body", [{}, {"now": "tomorrow"}, {"now": "2026-01-07T20:30:00"}, {"now": 1767800000}]
)
def test_clock_refuses_what_it_cannot_read(api: httpx.Client, body: dict[str, Any]) -> None:
    answer = api.put("/clock", json=body)
    assert answer.status_code == 400
    assert "now" in answer.json()["reason"]


def test_the_clock_skews_idm_s_and_delete_ends_the_skew(admin: AdminClient) -> None:
    frozen = admin.freeze_clock(datetime.fromisoformat("2026-01-07T20:30:00-05:00"))
    skewed = admin.freeze_clock(idm_skew_seconds=-90)
    assert skewed["now"] == frozen["now"]  # the skew alone leaves the clock as it was
    assert skewed["idm_skew_seconds"] == -90
    assert skewed["idm_now"] == "2026-01-08T01:28:30+00:00"
    admin.unfreeze_clock()
    assert admin.clock()["idm_skew_seconds"] == 0


@pytest.mark.parametrize("skew", [1.5, "60", 10**9, True])
def test_the_skew_is_a_whole_number_of_seconds_within_a_year(
    api: httpx.Client, skew: object
) -> None:
    answer = api.put("/clock", json={"idm_skew_seconds": skew})
    assert answer.status_code == 400
    assert "idm_skew_seconds" in answer.json()["reason"]


def test_systems_go_down_and_come_back(admin: AdminClient) -> None:
    down = admin.set_system("hets", available=False, maintenance="scheduled", message="Upgrade")
    assert down["available"] is False
    assert down["maintenance"] == "scheduled"
    assert {s["name"]: s["available"] for s in admin.systems()} == {
        "IDM": True,
        "HETS": False,
        "FISS": True,
        "SPOT": True,
    }
    admin.set_system("HETS", available=True)
    assert all(s["available"] for s in admin.systems())


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/systems/MARS", {"available": False}, 404),
        ("/systems/HETS", {}, 400),
        ("/systems/HETS", {"available": "no"}, 400),
        ("/systems/HETS", {"available": False, "maintenance": "weekly"}, 400),
    ],
)
def test_bad_system_calls_get_a_reason(
    api: httpx.Client, path: str, body: dict[str, Any], status: int
) -> None:
    answer = api.put(path, json=body)
    assert answer.status_code == status
    assert answer.json()["reason"]


def test_reset_forgets_users_mail_and_outages(admin: AdminClient) -> None:
    created = admin.create_user()
    admin.set_system("FISS", available=False)
    admin.reset()
    with pytest.raises(AdminError):
        admin.user(created["user_id"])
    assert all(s["available"] for s in admin.systems())
    assert admin.mail() == []


def test_namespaces_do_not_see_each_other(portal: PortalHandle) -> None:
    one = AdminClient(portal.spot_url, portal.admin_token, "iso-one")
    two = AdminClient(portal.spot_url, portal.admin_token, "iso-two")
    try:
        created = one.create_user()
        one.set_system("IDM", available=False)
        with pytest.raises(AdminError):
            two.user(created["user_id"])
        assert all(s["available"] for s in two.systems())
    finally:
        for client in (one, two):
            client.drop_namespace()
            client.close()


@pytest.mark.parametrize("bad", ["", "has space", "x" * 65, "semi;colon", "ünï".encode()])
def test_an_invalid_namespace_is_a_400(portal: PortalHandle, bad: str | bytes) -> None:
    raw = bad if isinstance(bad, bytes) else bad.encode()
    answer = httpx.get(
        portal.spot_url + "/__admin/health",
        headers=[(NAMESPACE_HEADER.encode(), raw)],
        verify=tls_context(),
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_namespace"


def test_catalogue_lists_every_contract_code(api: httpx.Client) -> None:
    codes = {entry["code"] for entry in api.get("/errors").json()["errors"]}
    assert {
        "ACCESS_NOT_ASSIGNED",
        "STALE_SESSION",
        "SYSTEM_UNAVAILABLE",
        "DATA_MISMATCH",
        "DATA_FORMAT",
        "REQUIRED_FIELD",
    } <= codes


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("POST", "/__admin/clock", {"GET", "HEAD", "PUT", "DELETE"}),
        ("PATCH", "/__admin/settings", {"GET", "HEAD", "PUT"}),
        ("GET", "/__admin/reset", {"POST"}),
        ("DELETE", "/__admin/users/someone", {"GET", "HEAD"}),
        ("PUT", "/eligibility", {"GET", "HEAD", "POST"}),
        ("DELETE", "/logoff", {"POST"}),
    ],
)
def test_a_405_names_every_method_the_path_takes(
    portal: PortalHandle, method: str, path: str, allowed: set[str]
) -> None:
    answer = httpx.request(
        method,
        portal.spot_url + path,
        headers={"Authorization": f"Bearer {portal.admin_token}"},
        verify=tls_context(),
    )
    assert answer.status_code == 405
    assert {m.strip() for m in answer.headers["allow"].split(",")} == allowed
