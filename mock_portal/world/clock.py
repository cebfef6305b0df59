"""The mock's clock: real time unless a test freezes it.

Every expiry, token lifetime and "today" in the portal reads this clock, so a QA engineer can move
time with one control-API call (lockouts ending, codes expiring, maintenance windows starting).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

# First Coast serves Florida, Puerto Rico and the USVI; SPOT shows times and "today" in Eastern.
EASTERN = ZoneInfo("America/New_York")
# What a frozen clock may show: any scenario fits, and every expiry computed from it (now plus
# an hour, a day) stays far from datetime's own limits, where the arithmetic would overflow.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)


class Clock:
    """Usage: ``clock.freeze(datetime(2026, 1, 7, 1, tzinfo=UTC)); clock.now()``."""

    def __init__(self) -> None:
        self._frozen: datetime | None = None
        # How far IDM's clock runs ahead of (negative: behind) SPOT's, to reproduce tokens
        # "issued in the future" or already expired (DESIGN.md, "Clocks"). Only IDM reads it.
        self.idm_skew_seconds = 0

    @property
    def frozen_at(self) -> datetime | None:
        return self._frozen

    def now(self) -> datetime:
        return self._frozen if self._frozen is not None else datetime.now(UTC)

    def timestamp(self) -> int:
        return int(self.now().timestamp())

    def idm_now(self) -> datetime:
        """The time on IDM's clock: the mock's, moved by the skew."""
        return self.now() + timedelta(seconds=self.idm_skew_seconds)

    def idm_timestamp(self) -> int:
        return int(self.idm_now().timestamp())

    def today_eastern(self) -> date:
        return self.now().astimezone(EASTERN).date()

    def freeze(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("a frozen time needs a UTC offset, e.g. 2026-01-07T20:30:00-05:00")
        try:
            utc = moment.astimezone(UTC)
        except OverflowError:  # 0001-01-01T00:00+14:00 is before the first UTC instant
            utc = None
        if utc is None or not EARLIEST <= utc < LATEST:
            raise ValueError(
                f"a frozen time must fall in the years {EARLIEST.year}-{LATEST.year - 1}"
            )
        self._frozen = utc

    def unfreeze(self) -> None:
        self._frozen = None


def eastern_text(moment: datetime) -> str:
    """E.g. "10:00 PM EST on 01/07/2026": how SPOT shows a time (EST or EDT, as in force)."""
    try:
        local = moment.astimezone(EASTERN)
    except OverflowError:  # a clock frozen at the very ends of datetime's range
        return moment.isoformat()
    return f"{local:%I:%M %p}".lstrip("0") + f" {local:%Z} on {local:%m/%d/%Y}"
