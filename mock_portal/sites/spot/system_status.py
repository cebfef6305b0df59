"""SPOT's System Status page: every system, up or down, why, and when maintenance is scheduled.

It needs no sign-in and no back end, so it answers while IDM (or SPOT's own back office) is
down: every SYSTEM_UNAVAILABLE message links here. What it shows comes from
:func:`mock_portal.availability.status.status`, the same answer the features act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mock_portal.availability import status as availability
from mock_portal.availability.features import needing
from mock_portal.availability.systems import SystemName
from mock_portal.sites import web
from mock_portal.sites.spot import session as spot_session
from mock_portal.sites.spot.session import page_context
from mock_portal.world.clock import eastern_text

if TYPE_CHECKING:
    from datetime import datetime

    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.availability.maintenance import Window
    from mock_portal.availability.systems import SystemStatus
    from mock_portal.world.store import World


@dataclass(frozen=True)
class SystemRow:
    name: str
    description: str
    available: bool
    kind: str | None
    details: str
    since: str
    until: str
    features: str


@dataclass(frozen=True)
class WindowRow:
    id: str
    system: str
    start: str
    end: str
    message: str
    active: bool


def _details(status: SystemStatus) -> str:
    if status.available:
        return ""
    if status.fault is not None:
        label = f"Technical issue ({status.name} {status.fault.symptom})"
    else:
        label = status.reason.capitalize()
    return f"{label}: {status.message}" if status.message else label


def _system_row(status: SystemStatus) -> SystemRow:
    down = not status.available
    return SystemRow(
        name=status.name.value,
        description=status.name.description,
        available=status.available,
        kind=status.kind,
        details=_details(status),
        since=eastern_text(status.since) if down and status.since else "",
        until=(eastern_text(status.until) if status.until else "Not announced") if down else "",
        features=", ".join(f.name for f in needing(status.name)),
    )


def _window_row(window: Window, now: datetime) -> WindowRow:
    return WindowRow(
        id=window.id,
        system=window.system.value,
        start=eastern_text(window.start),
        end=eastern_text(window.end),
        message=window.message,
        active=window.covers(now),
    )


def snapshot(world: World) -> dict[str, object]:
    """What the page shows, read in one go (in the page's unit of work)."""
    now = world.clock.now()
    return {
        "systems": [_system_row(availability.status(world, name)) for name in SystemName],
        "windows": [
            _window_row(w, now) for w in availability.windows(world) if w.state(now) != "ended"
        ],
        "weekly_maintenance": world.weekly_maintenance,
        "as_of": eastern_text(now),
    }


async def page(request: Request) -> Response:
    with web.unit_of_work(request) as world:
        signed_in = spot_session.current(request, world)
        shown = snapshot(world)
    extra = page_context(signed_in) if signed_in else {}
    return web.render(request, "spot/system_status.html", {**extra, **shown})
