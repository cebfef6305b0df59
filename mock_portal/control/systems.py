"""Systems, their maintenance windows and back-end faults: ``/systems``, ``/systems/{name}``,
``…/windows``, ``…/windows/{window_id}``, ``…/fault``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_portal.availability import maintenance
from mock_portal.availability import status as availability
from mock_portal.availability.systems import Fault, Maintenance, SystemName, SystemStatus
from mock_portal.sites import web

from .models import (
    MAX_WINDOWS,
    BackEndPath,
    FaultBody,
    SystemBody,
    SystemPath,
    WindowBody,
    WindowPath,
)
from .validation import Refusal, bad_request

if TYPE_CHECKING:
    from starlette.requests import Request

    from .call import Given


async def list_systems(request: Request, given: Given) -> dict[str, Any]:
    """Each system as it is at the mock's now, with its windows."""
    with web.unit_of_work(request) as world:
        now = world.clock.now()
        return {
            "systems": [
                {
                    **availability.status(world, name).as_json(),
                    "windows": [w.as_json(now) for w in availability.windows(world, name)],
                }
                for name in SystemName
            ]
        }


async def put_system(request: Request, given: Given) -> dict[str, Any]:
    """Take a system down or bring it back (which also ends a fault; windows keep theirs)."""
    system = given.of(SystemPath).name
    body = given.of(SystemBody)
    with web.unit_of_work(request) as world:
        world.systems[system] = (
            SystemStatus(system)
            if body.available
            else SystemStatus(
                system,
                available=False,
                maintenance=body.maintenance or Maintenance.UNSCHEDULED,
                message=body.message or "",
                since=world.clock.now(),
            )
        )
        if body.available:
            world.faults.pop(system, None)
        return availability.status(world, system).as_json()


async def list_windows(request: Request, given: Given) -> dict[str, Any]:
    system = given.of(SystemPath).name
    with web.unit_of_work(request) as world:
        now = world.clock.now()
        return {"windows": [w.as_json(now) for w in availability.windows(world, system)]}


async def add_window(request: Request, given: Given) -> dict[str, Any]:
    """201 with the window; 400 when it ends before it starts or overflows the calendar, 409
    when the namespace already holds ``MAX_WINDOWS``."""
    system = given.of(SystemPath).name
    body = given.of(WindowBody)
    with web.unit_of_work(request) as world:
        if len(world.windows) >= MAX_WINDOWS:
            raise Refusal(
                409, "too_many_windows", f"a namespace holds at most {MAX_WINDOWS} windows"
            )
        world.window_count += 1
        try:
            window = maintenance.one_off(
                f"w{world.window_count}", system, body.start, body.end, body.message or ""
            )
        except (ValueError, OverflowError) as exc:  # OverflowError: year 9999 at UTC-5, say
            raise bad_request(str(exc)) from None
        world.windows[window.id] = window
        return window.as_json(world.clock.now())


async def delete_window(request: Request, given: Given) -> dict[str, Any]:
    """404 for no such window; 409 for the weekly one, which is a setting."""
    path = given.of(WindowPath)
    system, window_id = path.name, path.window_id
    with web.unit_of_work(request) as world:
        if window_id == maintenance.WEEKLY_ID and system is maintenance.WEEKLY_SYSTEM:
            raise Refusal(
                409,
                "recurring_window",
                'the weekly window is a setting: PUT /__admin/settings {"weekly_maintenance": '
                "false} stops it",
            )
        window = world.windows.get(window_id)
        if window is None or window.system is not system:
            raise Refusal(404, "not_found", f"no window {window_id!r} for {system}")
        del world.windows[window_id]
        return {"deleted": window.as_json(world.clock.now())}


async def put_fault(request: Request, given: Given) -> dict[str, Any]:
    """A technical fault in a back end that stays nominally up."""
    system = given.of(BackEndPath).name
    body = given.of(FaultBody)
    with web.unit_of_work(request) as world:
        world.faults[system] = Fault(body.kind, world.clock.now(), body.message or "")
        return availability.status(world, system).as_json()


async def delete_fault(request: Request, given: Given) -> dict[str, Any]:
    system = given.of(BackEndPath).name
    with web.unit_of_work(request) as world:
        world.faults.pop(system, None)
        return availability.status(world, system).as_json()
