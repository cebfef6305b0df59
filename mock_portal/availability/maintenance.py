"""Scheduled maintenance windows: SPOT's weekly one, and one-off windows for any system.

First Coast: "SPOT is available 24/7, except for routine weekly maintenance (Wednesday 8-10 p.m.)
and scheduled outages" (SPOT system status and scheduled maintenance page). Windows follow the
mock's clock, so moving the clock (``PUT /__admin/clock``) enters and leaves them. The weekly
window is Eastern wall time: 8 p.m. EST in January, 8 p.m. EDT in July.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from mock_portal.availability.systems import SystemName
from mock_portal.world.clock import EASTERN

if TYPE_CHECKING:
    from datetime import date

WEEKLY_ID = "weekly"
WEEKLY_SYSTEM = SystemName.SPOT
WEEKLY_WEEKDAY = 2  # Wednesday, as date.weekday() counts
WEEKLY_START = time(20, 0)
WEEKLY_END = time(22, 0)
WEEKLY_MESSAGE = "Routine weekly SPOT maintenance (Wednesday 8-10 p.m. ET)."


@dataclass(frozen=True)
class Window:
    """``start`` <= now < ``end`` means the system is down; both are stored in UTC."""

    id: str
    system: SystemName
    start: datetime
    end: datetime
    message: str = ""
    recurring: bool = False

    def covers(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def state(self, moment: datetime) -> str:
        if moment < self.start:
            return "upcoming"
        return "active" if moment < self.end else "ended"

    def as_json(self, now: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "system": self.system.value,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "message": self.message,
            "recurring": "weekly" if self.recurring else None,
            "state": self.state(now),
        }


def one_off(
    window_id: str, system: SystemName, start: datetime, end: datetime, message: str
) -> Window:
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("a window's start and end need a UTC offset")
    if end <= start:
        raise ValueError("end must be after start")
    return Window(window_id, system, start.astimezone(UTC), end.astimezone(UTC), message)


def weekly(moment: datetime) -> Window | None:
    """SPOT's weekly window in progress at ``moment``, else the next one; None when the clock is
    frozen so near the end of ``datetime``'s range that there is no such Wednesday."""
    try:
        today = moment.astimezone(EASTERN).date()
        wednesday = today + timedelta(days=(WEEKLY_WEEKDAY - today.weekday()) % 7)
        window = _weekly_on(wednesday)
        return window if window.end > moment else _weekly_on(wednesday + timedelta(days=7))
    except OverflowError:
        return None


def _weekly_on(day: date) -> Window:
    # Wall times in Eastern, then UTC: comparisons between datetimes sharing one ZoneInfo would
    # compare wall times, not instants.
    start = datetime.combine(day, WEEKLY_START, tzinfo=EASTERN).astimezone(UTC)
    end = datetime.combine(day, WEEKLY_END, tzinfo=EASTERN).astimezone(UTC)
    return Window(WEEKLY_ID, WEEKLY_SYSTEM, start, end, WEEKLY_MESSAGE, recurring=True)
