"""SPOT's weekly window on the calendar (Eastern wall time, across DST), what availability
decides when outages overlap, and the gateway turning each fault into a failure."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from mock_portal.availability import maintenance
from mock_portal.availability import status as availability
from mock_portal.availability.features import ELIGIBILITY, LOG_IN
from mock_portal.availability.systems import Fault, FaultKind, Maintenance, SystemName, SystemStatus
from mock_portal.backends.gateway import BackendFailure, call
from mock_portal.testing.event_loops import run_apart
from mock_portal.world.clock import eastern_text
from mock_portal.world.store import World, WorldDefaults


def _eastern(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("now", "start", "end"),
    [
        # Winter (EST, UTC-5) and summer (EDT, UTC-4): always 8-10 p.m. on the wall clock.
        ("2026-01-07T19:59:59-05:00", "2026-01-08T01:00:00+00:00", "2026-01-08T03:00:00+00:00"),
        ("2026-01-07T20:00:00-05:00", "2026-01-08T01:00:00+00:00", "2026-01-08T03:00:00+00:00"),
        ("2026-07-08T21:59:59-04:00", "2026-07-09T00:00:00+00:00", "2026-07-09T02:00:00+00:00"),
        # At 10 p.m. it is over: the next one is a week later.
        ("2026-01-07T22:00:00-05:00", "2026-01-15T01:00:00+00:00", "2026-01-15T03:00:00+00:00"),
        # Thursday to Tuesday: the coming Wednesday, across the spring change to EDT.
        ("2026-03-05T09:00:00-05:00", "2026-03-12T00:00:00+00:00", "2026-03-12T02:00:00+00:00"),
        ("2026-03-10T23:00:00-04:00", "2026-03-12T00:00:00+00:00", "2026-03-12T02:00:00+00:00"),
        # Already Wednesday in UTC, still Tuesday in Florida.
        ("2026-01-07T03:00:00+00:00", "2026-01-08T01:00:00+00:00", "2026-01-08T03:00:00+00:00"),
    ],
)
def test_the_weekly_window_is_wednesday_8_to_10_pm_eastern(now: str, start: str, end: str) -> None:
    window = maintenance.weekly(_eastern(now))
    assert window is not None
    assert (window.start.isoformat(), window.end.isoformat()) == (start, end)
    assert window.covers(_eastern(now)) == (window.start <= _eastern(now))


@pytest.mark.parametrize("edge", ["0001-01-01T00:00:00+00:00", "9999-12-30T05:00:00+00:00"])
def test_the_end_of_time_has_no_weekly_window_and_no_error(edge: str) -> None:
    # A world's clock cannot be frozen this far out (tests/control/test_clock_limits.py); the
    # functions still take any datetime.
    moment = datetime.fromisoformat(edge)
    assert maintenance.weekly(moment) is None
    eastern_text(moment)  # shown somehow, not raised


def _world(now: datetime, weekly: bool = False) -> World:
    world = World("unit", WorldDefaults(weekly_maintenance=weekly))
    world.weekly_maintenance = weekly
    world.clock.freeze(now)
    return world


WEDNESDAY_EVENING = _eastern("2026-01-07T21:00:00-05:00")


def test_a_hand_set_outage_outranks_a_window_and_a_window_outranks_a_fault() -> None:
    world = _world(WEDNESDAY_EVENING, weekly=True)
    world.faults[SystemName.SPOT] = Fault(FaultKind.RESET, WEDNESDAY_EVENING)
    assert availability.status(world, SystemName.SPOT).window == "weekly"

    world.systems[SystemName.SPOT] = SystemStatus(
        SystemName.SPOT, available=False, maintenance=Maintenance.UNSCHEDULED
    )
    assert availability.status(world, SystemName.SPOT).maintenance is Maintenance.UNSCHEDULED

    world.systems[SystemName.SPOT] = SystemStatus(SystemName.SPOT)
    world.weekly_maintenance = False
    assert availability.status(world, SystemName.SPOT).fault is FaultKind.RESET


def test_a_fault_is_not_announced_to_features_before_they_call() -> None:
    world = _world(WEDNESDAY_EVENING)
    world.faults[SystemName.HETS] = Fault(FaultKind.SLOW, WEDNESDAY_EVENING)
    assert availability.status(world, SystemName.HETS).available is False
    assert availability.feature_unavailable(world, ELIGIBILITY) is None


def test_a_feature_names_spot_before_the_system_behind_it() -> None:
    world = _world(WEDNESDAY_EVENING, weekly=True)
    world.systems[SystemName.IDM] = SystemStatus(
        SystemName.IDM, available=False, maintenance=Maintenance.UNSCHEDULED
    )
    error = availability.feature_unavailable(world, LOG_IN)
    assert error is not None
    assert error.message == (
        "Log in is temporarily unavailable: SPOT is down for scheduled maintenance until "
        "10:00 PM EST on 01/07/2026."
    )
    world.weekly_maintenance = False
    error = availability.feature_unavailable(world, LOG_IN)
    assert error is not None
    assert "IDM is down for unscheduled maintenance." in error.message


def test_one_off_windows_need_an_end_after_their_start() -> None:
    start = datetime(2026, 1, 7, 12, tzinfo=UTC)
    with pytest.raises(ValueError, match="end must be after start"):
        maintenance.one_off("w1", SystemName.HETS, start, start, "")
    with pytest.raises(ValueError, match="offset"):
        maintenance.one_off("w1", SystemName.HETS, start.replace(tzinfo=None), start, "")
    window = maintenance.one_off("w1", SystemName.HETS, start, start + timedelta(hours=1), "")
    assert [window.state(start - timedelta(seconds=1)), window.state(start)] == [
        "upcoming",
        "active",
    ]


TIMEOUT = 0.2


@pytest.mark.parametrize(
    ("fault", "failure"),
    [
        (FaultKind.SLOW, "timeout"),
        (FaultKind.RESET, "connection_reset"),
        (FaultKind.MALFORMED, "unreadable"),
    ],
)
def test_each_fault_ends_in_a_failure_within_the_time_limit(fault: FaultKind, failure: str) -> None:
    asked: list[str] = []

    def inquiry() -> str:
        asked.append("asked")
        return "answer"

    started = time.monotonic()
    with pytest.raises(BackendFailure) as failed:
        run_apart(call(SystemName.HETS, inquiry, fault, TIMEOUT))
    assert failed.value.failure == failure
    assert time.monotonic() - started < TIMEOUT + 0.5
    assert asked == (["asked"] if fault is FaultKind.MALFORMED else [])


def test_without_a_fault_the_answer_comes_back() -> None:
    assert run_apart(call(SystemName.FISS, lambda: 42, None, TIMEOUT)) == 42
