"""Whether a system is up at the mock's now, in one namespace: the one place that decides.

A system is down, in this order of precedence, when:

1. someone took it down by hand (``PUT /__admin/systems/X``): scheduled or unscheduled;
2. a maintenance window covers now: SPOT's weekly one (when the namespace follows it) or a
   one-off window for that system (``POST /__admin/systems/X/windows``): scheduled;
3. it has a technical fault (``PUT /__admin/systems/X/fault``): a technical issue.

Features check 1 and 2 before calling (:func:`outage`, :func:`feature_unavailable`): they are
announced. A fault is not: SPOT calls the back end and finds out (``backends/gateway.py``). The
status page and ``GET /__admin/systems`` show all three (:func:`status`), so whatever a feature
says, the status page says too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.availability import maintenance
from mock_portal.availability.systems import Maintenance, SystemStatus
from mock_portal.errors.catalogue import system_unavailable
from mock_portal.world.clock import eastern_text

if TYPE_CHECKING:
    from datetime import datetime

    from mock_portal.availability.features import Feature
    from mock_portal.availability.maintenance import Window
    from mock_portal.availability.systems import Fault, SystemName
    from mock_portal.errors.catalogue import PortalError
    from mock_portal.world.store import World


def windows(world: World, system: SystemName | None = None) -> list[Window]:
    """The namespace's maintenance windows (for ``system``, or all), by start: every one-off
    window, and the weekly window in progress or next when the namespace follows it."""
    found = list(world.windows.values())
    weekly = maintenance.weekly(world.clock.now()) if world.weekly_maintenance else None
    if weekly is not None:
        found.append(weekly)
    return sorted(
        (w for w in found if system is None or w.system is system), key=lambda w: (w.start, w.id)
    )


def active_window(world: World, system: SystemName, now: datetime) -> Window | None:
    return next((w for w in windows(world, system) if w.covers(now)), None)


def outage(world: World, system: SystemName) -> SystemStatus | None:
    """The announced outage of ``system`` now (by hand, or a window), else None."""
    manual = world.systems[system]
    if not manual.available:
        return manual
    window = active_window(world, system, world.clock.now())
    if window is None:
        return None
    return SystemStatus(
        system,
        available=False,
        maintenance=Maintenance.SCHEDULED,
        message=window.message,
        since=window.start,
        until=window.end,
        window=window.id,
    )


def fault(world: World, system: SystemName) -> Fault | None:
    return world.faults.get(system)


def status(world: World, system: SystemName) -> SystemStatus:
    """What the system is now, outages and faults included."""
    down = outage(world, system)
    if down is not None:
        return down
    broken = fault(world, system)
    if broken is None:
        return world.systems[system]
    return SystemStatus(
        system, available=False, message=broken.message, since=broken.since, fault=broken.kind
    )


def unavailable_error(
    world: World, system: SystemName, feature: str, spot_url: str = ""
) -> PortalError | None:
    """The ``SYSTEM_UNAVAILABLE`` error for ``feature`` if ``system`` is down, else None;
    ``spot_url`` as in :func:`system_unavailable` (given by another site's page)."""
    down = outage(world, system)
    if down is None:
        return None
    until = eastern_text(down.until) if down.until else None
    return system_unavailable(feature, system.value, down.reason, until, spot_url)


def feature_unavailable(world: World, feature: Feature) -> PortalError | None:
    """The error for the first system ``feature`` needs that is down, else None."""
    for system in feature.needs:
        error = unavailable_error(world, system, feature.name)
        if error is not None:
            return error
    return None
