"""Whether a system a feature needs is up right now, in one namespace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.errors import PortalError, system_unavailable

if TYPE_CHECKING:
    from mock_portal.state import World
    from mock_portal.systems import SystemName, SystemStatus


def outage(world: World, system: SystemName) -> SystemStatus | None:
    status = world.systems[system]
    return None if status.available else status


def unavailable_error(world: World, system: SystemName, feature: str) -> PortalError | None:
    """The ``SYSTEM_UNAVAILABLE`` error for ``feature`` if ``system`` is down, else None."""
    status = outage(world, system)
    if status is None:
        return None
    return system_unavailable(feature, system.value, status.reason)
