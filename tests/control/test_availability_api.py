"""Maintenance windows, technical faults and the weekly SPOT window through the control API:
each takes a system down exactly while it should, by the mock's clock, in one namespace only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from mock_portal.control.models import MAX_WINDOWS
from mock_portal.testing.admin_client import NAMESPACE_HEADER, AdminClient, AdminError
from mock_portal.testing.shared_tls import tls_context

if TYPE_CHECKING:
    from mock_portal.testing.plugin import PortalHandle

NOON = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # a Monday, 12:00 EST


def _refusal(admin: AdminClient, method: str, path: str, body: dict[str, Any]) -> AdminError:
    with pytest.raises(AdminError) as refused:
        admin.call(method, path, json=body)
    return refused.value


@pytest.mark.parametrize("system", ["IDM", "HETS", "FISS", "SPOT"])
def test_a_one_off_window_takes_the_system_down_only_while_the_clock_is_in_it(
    admin: AdminClient, system: str
) -> None:
    admin.freeze_clock(NOON)
    start, end = NOON + timedelta(hours=1), NOON + timedelta(hours=3)
    window = admin.add_window(system, start, end, "Quarterly release")
    assert window["state"] == "upcoming"
    assert admin.system(system)["available"] is True

    admin.freeze_clock(start)
    down = admin.system(system)
    assert (down["available"], down["maintenance"], down["window"]) == (
        False,
        "scheduled",
        window["id"],
    )
    assert down["until"] == end.isoformat()
    assert down["message"] == "Quarterly release"
    assert [w["state"] for w in admin.windows(system)] == ["active"]
    assert all(s["available"] for s in admin.systems() if s["name"] != system)

    admin.freeze_clock(end)
    assert admin.system(system)["available"] is True
    assert [w["state"] for w in admin.windows(system)] == ["ended"]


def test_a_window_given_in_eastern_time_is_the_same_instant(admin: AdminClient) -> None:
    eastern = datetime.fromisoformat("2026-07-04T21:00:00-04:00")
    window = admin.add_window("FISS", eastern, eastern + timedelta(hours=2))
    assert window["start"] == "2026-07-05T01:00:00+00:00"
    admin.freeze_clock(datetime(2026, 7, 5, 1, 30, tzinfo=UTC))
    assert admin.system("FISS")["available"] is False


def test_a_cancelled_window_is_gone(admin: AdminClient) -> None:
    admin.freeze_clock(NOON)
    window = admin.add_window("HETS", NOON, NOON + timedelta(hours=1))
    assert admin.system("HETS")["available"] is False

    admin.delete_window("HETS", window["id"])

    assert admin.system("HETS")["available"] is True
    assert admin.windows("HETS") == []
    with pytest.raises(AdminError) as again:
        admin.delete_window("HETS", window["id"])
    assert again.value.status == 404


HETS_WINDOWS = "/systems/HETS/windows"
WINTER, SUMMER = "2026-01-07T20:00-05:00", "2026-07-08T20:00-04:00"


def _window(start: str, end: str, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, **extra}


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "words"),
    [
        ("POST", "/systems/MARS/windows", _window(WINTER, SUMMER), 404, "MARS"),
        ("POST", HETS_WINDOWS, {}, 400, "start is required"),
        ("POST", HETS_WINDOWS, {"start": WINTER}, 400, "end is required"),
        ("POST", HETS_WINDOWS, _window("2026-01-07T20:00", "2026-01-07T22:00"), 400, "offset"),
        ("POST", HETS_WINDOWS, _window(SUMMER, WINTER), 400, "end must be after start"),
        ("POST", HETS_WINDOWS, _window(WINTER, WINTER), 400, "end must be after start"),
        ("POST", HETS_WINDOWS, _window("next week", WINTER), 400, "ISO 8601"),
        (
            "POST",
            HETS_WINDOWS,
            _window("9999-12-31T23:00-05:00", "9999-12-31T23:30-05:00"),
            400,
            "start must fall in the years 1900-2999",
        ),
        ("POST", HETS_WINDOWS, _window(WINTER, SUMMER, message=7), 400, "message"),
        ("POST", HETS_WINDOWS, _window(WINTER, SUMMER, id="w9"), 400, "unknown"),
        ("PUT", "/systems/HETS/fault", {}, 400, "kind is required"),
        ("PUT", "/systems/HETS/fault", {"kind": "flaky"}, 400, "slow, reset, malformed"),
        ("PUT", "/systems/HETS/fault", {"kind": "slow", "seconds": 3}, 400, "unknown"),
        ("PUT", "/systems/IDM/fault", {"kind": "slow"}, 400, "HETS, FISS"),
        ("PUT", "/systems/SPOT/fault", {"kind": "reset"}, 400, "HETS, FISS"),
        ("PUT", "/systems/MARS/fault", {"kind": "reset"}, 404, "MARS"),
    ],
)
def test_windows_and_faults_that_cannot_be_used_are_refused_with_a_reason(
    admin: AdminClient, method: str, path: str, body: dict[str, Any], status: int, words: str
) -> None:
    refused = _refusal(admin, method, path, body)
    assert refused.status == status
    assert words in refused.body["reason"]
    assert all(s["windows"] == [] and s["fault"] is None for s in admin.systems())


def test_a_namespace_holds_a_bounded_number_of_windows(admin: AdminClient) -> None:
    body = _window("2030-01-01T00:00:00Z", "2030-01-01T01:00:00Z")
    for _ in range(MAX_WINDOWS):
        admin.call("POST", "/systems/FISS/windows", json=body)
    refused = _refusal(admin, "POST", "/systems/FISS/windows", body)
    assert refused.status == 409
    assert refused.body["error"] == "too_many_windows"


def test_the_weekly_window_is_off_in_a_new_namespace_and_follows_the_setting(
    admin: AdminClient,
) -> None:
    wednesday_evening = datetime.fromisoformat("2026-01-07T20:30:00-05:00")
    admin.freeze_clock(wednesday_evening)
    assert admin.settings()["weekly_maintenance"] is False
    assert admin.windows("SPOT") == []
    assert admin.system("SPOT")["available"] is True

    assert admin.settings(weekly_maintenance=True)["weekly_maintenance"] is True

    spot = admin.system("SPOT")
    assert (spot["available"], spot["maintenance"], spot["window"]) == (
        False,
        "scheduled",
        "weekly",
    )
    assert spot["until"] == "2026-01-08T03:00:00+00:00"  # 10 p.m. EST
    (weekly,) = admin.windows("SPOT")
    assert (weekly["recurring"], weekly["state"]) == ("weekly", "active")
    with pytest.raises(AdminError) as refused:
        admin.delete_window("SPOT", "weekly")
    assert refused.value.status == 409
    assert "weekly_maintenance" in refused.value.body["reason"]

    admin.settings(weekly_maintenance=False)
    assert admin.system("SPOT")["available"] is True


@pytest.mark.parametrize("kind", ["slow", "reset", "malformed"])
@pytest.mark.parametrize("system", ["HETS", "FISS"])
def test_a_fault_shows_as_a_technical_issue_until_it_is_cleared(
    admin: AdminClient, system: str, kind: str
) -> None:
    faulty = admin.set_fault(system, kind, "Network trouble")
    assert (faulty["available"], faulty["fault"], faulty["maintenance"]) == (False, kind, None)
    assert faulty["reason"] == "a technical issue"
    assert faulty["message"] == "Network trouble"

    assert admin.clear_fault(system)["available"] is True
    admin.set_fault(system, kind)
    admin.set_system(system, available=True)  # bringing a system back ends its fault too
    assert admin.system(system)["fault"] is None


def test_windows_and_faults_stay_in_their_namespace(portal: PortalHandle) -> None:
    one = AdminClient(portal.spot_url, portal.admin_token, "avail-one")
    two = AdminClient(portal.spot_url, portal.admin_token, "avail-two")
    try:
        now = datetime.fromisoformat(one.clock()["now"])  # the mock's clock, not the machine's
        one.add_window("HETS", now - timedelta(minutes=1), now + timedelta(hours=1))
        one.set_fault("FISS", "reset")
        assert not one.system("HETS")["available"]
        assert all(s["available"] for s in two.systems())
        assert two.windows("HETS") == []
        one.reset()
        assert all(s["available"] for s in one.systems())
    finally:
        for client in (one, two):
            client.drop_namespace()
            client.close()


# The first and last moments a clock may be frozen at (mock_portal/world/clock.py); past them
# PUT /clock is refused (tests/control/test_clock_limits.py), since expiries computed from them
# would overflow.
@pytest.mark.parametrize("edge", ["1900-01-01T00:00:00+00:00", "2999-12-31T23:59:59+00:00"])
def test_a_clock_frozen_at_the_end_of_time_breaks_neither_the_api_nor_the_status_page(
    admin: AdminClient, portal: PortalHandle, edge: str
) -> None:
    admin.settings(weekly_maintenance=True)
    admin.freeze_clock(datetime.fromisoformat(edge))
    assert admin.system("SPOT")["available"] is True
    page = httpx.get(
        portal.spot_url + "/system-status",
        headers={NAMESPACE_HEADER: admin.namespace},
        verify=tls_context(),
    )
    assert page.status_code == 200
