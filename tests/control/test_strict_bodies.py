"""Bodies are read strictly: nothing in a request is dropped or reinterpreted without a word.

A member named twice, a body on a call that takes none, members that only mean something with
another member's value, moments outside the clock's years: each a 400 whose reason starts with
the field it is about and says what to send, in words rather than regular expressions.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from mock_portal.control.table import CALLS
from mock_portal.testing.admin_client import AdminClient, AdminError

if TYPE_CHECKING:
    pass

WINTER = "2026-01-07T20:00:00-05:00"
SUMMER = "2026-07-08T20:00:00-04:00"


def _refused(api: httpx.Client, method: str, path: str, content: bytes | str) -> str:
    answer = api.request(method, path, content=content)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "bad_request"
    reason: str = answer.json()["reason"]
    return reason


# -- 1. A member named twice ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "raw", "key"),
    [
        ("POST", "/users", '{"mfa": false, "mfa": true}', "mfa"),
        ("PUT", "/settings", '{"cache_traps": true, "cache_traps": false}', "cache_traps"),
        ("PUT", "/systems/HETS", '{"available": false, "available": true}', "available"),
        ("PUT", "/clock", f'{{"now": "{WINTER}", "now": "{SUMMER}"}}', "now"),
    ],
)
def test_a_member_named_twice_is_refused_naming_it(
    api: httpx.Client, method: str, path: str, raw: str, key: str
) -> None:
    reason = _refused(api, method, path, raw)
    assert reason.startswith(f"{key} is given more than once")


def test_a_duplicate_changes_nothing(api: httpx.Client, admin: AdminClient) -> None:
    _refused(api, "PUT", "/systems/HETS", '{"available": true, "available": false}')
    hets = next(s for s in admin.systems() if s["name"] == "HETS")
    assert hets["available"] is True


# -- 2. A body on a call that takes none ----------------------------------------------------------

BODYLESS = [(c.method, c.path) for c in CALLS if c.body is None and "{" not in c.path]


@pytest.mark.parametrize(("method", "path"), BODYLESS)
def test_a_call_that_takes_no_body_refuses_one(api: httpx.Client, method: str, path: str) -> None:
    reason = _refused(api, method, path, '{"x": 1}')
    assert "takes no body" in reason


@pytest.mark.parametrize("content", [b"", b" \r\n"])
def test_an_empty_body_is_still_fine_where_none_is_taken(api: httpx.Client, content: bytes) -> None:
    assert api.post("/reset", content=content).status_code == 200


def test_the_client_sends_no_body_where_none_is_taken(admin: AdminClient) -> None:
    user = admin.create_user()
    window = admin.add_window(
        "HETS", datetime(2026, 1, 7, tzinfo=UTC), datetime(2026, 1, 8, tzinfo=UTC)
    )
    for bodyless in (
        admin.health,
        admin.oidc_client,
        admin.openapi,
        admin.organizations,
        admin.mail,
        admin.journal,
        admin.beneficiaries,
        admin.error_catalogue,
        admin.systems,
        admin.clock,
        admin.unfreeze_clock,
        admin.settings,
        admin.release,
        lambda: admin.user(user["user_id"]),
        lambda: admin.unlock(user["user_id"]),
        lambda: admin.windows("HETS"),
        lambda: admin.delete_window("HETS", window["id"]),
        lambda: admin.clear_fault("HETS"),
        lambda: admin.claims(admin.beneficiaries(limit=1)["beneficiaries"][0]["mbi"]),
        admin.reset,
    ):
        bodyless()


# -- 3. An outage's members with available=true ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"available": True, "maintenance": "scheduled"}, "maintenance only go"),
        ({"available": True, "message": "back at 5"}, "message only go"),
        (
            {"available": True, "maintenance": "unscheduled", "message": "x"},
            "maintenance and message only go",
        ),
    ],
)
def test_an_outage_s_members_are_refused_with_available_true(
    admin: AdminClient, body: dict[str, Any], words: str
) -> None:
    admin.set_system("HETS", available=False, maintenance="unscheduled")
    with pytest.raises(AdminError) as refused:
        admin.call("PUT", "/systems/HETS", json=body)
    assert refused.value.status == 400
    assert refused.value.body["reason"].startswith(words)
    assert "available=false" in refused.value.body["reason"]
    hets = next(s for s in admin.systems() if s["name"] == "HETS")
    assert hets["available"] is False  # nothing was done


# -- 4. A request's members with no request ------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "none", "organization_id": "org-1"}, "organization_id"),
        ({"status": "none", "role": "approver"}, "role"),
    ],
)
def test_set_access_refuses_request_members_with_status_none(
    admin: AdminClient, body: dict[str, Any], field: str
) -> None:
    user = admin.create_user(spot_access="approved")
    with pytest.raises(AdminError) as refused:
        admin.call("PUT", f"/users/{user['user_id']}/access", json=body)
    assert refused.value.status == 400
    assert refused.value.body["reason"].startswith(f"{field} belongs to a SPOT access request")
    assert admin.user(user["user_id"])["spot_access"] == "approved"  # nothing was done


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"organization_id": "org-1"}, "organization_id"),
        ({"spot_access": "none", "organization_id": "org-1"}, "organization_id"),
        ({"role": "approver"}, "role"),
        ({"spot_access": "none", "role": "end_user"}, "role"),
    ],
)
def test_create_user_refuses_the_same(admin: AdminClient, body: dict[str, Any], field: str) -> None:
    with pytest.raises(AdminError) as refused:
        admin.create_user(**body)
    assert refused.value.status == 400
    assert refused.value.body["reason"].startswith(f"{field} belongs to a SPOT access request")


def test_a_request_s_members_are_still_taken_with_a_request(admin: AdminClient) -> None:
    user = admin.create_user(spot_access="pending", role="approver")
    assert user["role"] == "approver"
    admin.set_access(user["user_id"], "approved", role="end_user")
    assert admin.user(user["user_id"])["role"] == "end_user"
    assert admin.set_access(user["user_id"], "none")["spot_access"] == "none"


# -- 5. Reasons in words, not regular expressions -------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"first_name": "<b>"}, "first_name must be 1-64 characters with no control characters"),
        ({"last_name": "a\tb"}, "last_name must be 1-64 characters with no control characters"),
        ({"user_id": "-bad"}, "user_id must be 3-64 characters, each a letter, a digit"),
        ({"email": "no-at-sign"}, "email must be an e-mail address"),
        ({"password": "a\nb"}, "password must be text with no control characters"),
    ],
)
def test_reasons_say_in_words_what_a_pattern_wants(
    admin: AdminClient, body: dict[str, Any], words: str
) -> None:
    with pytest.raises(AdminError) as refused:
        admin.create_user(**body)
    reason = refused.value.body["reason"]
    assert reason.startswith(words)
    assert "^" not in reason
    assert "(?:" not in reason


# -- 6. Windows in the clock's years -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("0001-01-01T00:00:00Z", WINTER, "start must fall in the years 1900-2999"),
        ("1899-12-31T23:00:00Z", WINTER, "start must fall in the years 1900-2999"),
        (WINTER, "3000-01-01T00:00:00Z", "end must fall in the years 1900-2999"),
        (WINTER, "9999-12-31T23:30:00-05:00", "end must fall in the years 1900-2999"),
        ("0001-01-01T00:30:00+14:00", WINTER, "start must fall in the years 1900-2999"),
    ],
)
def test_windows_take_the_clock_s_years_and_name_the_field(
    admin: AdminClient, start: str, end: str, words: str
) -> None:
    with pytest.raises(AdminError) as refused:
        admin.call("POST", "/systems/HETS/windows", json={"start": start, "end": end})
    assert refused.value.status == 400
    assert refused.value.body["reason"].startswith(words)
    assert admin.windows("HETS") == []


def test_a_window_at_the_clock_s_edges_is_taken(admin: AdminClient) -> None:
    window = admin.call(
        "POST",
        "/systems/HETS/windows",
        json={"start": "1900-01-01T00:00:00Z", "end": "2999-12-31T23:59:59Z"},
    )
    assert window["id"]
