"""The control API's maintenance windows and technical faults (beside ``PUT /__admin/systems/X``
in :mod:`mock_portal.admin`), mounted under ``/__admin`` with it.

- ``GET /systems/{X}/windows``: the system's windows (SPOT's weekly one included while the
  namespace follows it), each with its ``state``: ``upcoming``, ``active`` or ``ended``;
- ``POST /systems/{X}/windows`` ``{"start", "end", "message"}``: a one-off window (ISO 8601 with
  offsets, end after start); 201 with it;
- ``DELETE /systems/{X}/windows/{id}``: cancel a one-off window;
- ``PUT /systems/{X}/fault`` ``{"kind": "slow"|"reset"|"malformed", "message"}``: a technical
  fault in a back end (HETS, FISS); ``DELETE /systems/{X}/fault`` ends it (so does
  ``PUT /systems/{X} {"available": true}``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.responses import JSONResponse
from starlette.routing import Route

from mock_portal import jsonbody
from mock_portal.admin import authorized
from mock_portal.availability import maintenance
from mock_portal.availability import status as availability
from mock_portal.availability.systems import Fault, FaultKind, SystemName
from mock_portal.sites import web

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

# One-off windows a namespace may hold: plenty for any scenario, bounded for a fuzzer.
MAX_WINDOWS = 50
MESSAGE_MAX = 500


def _system(request: Request) -> SystemName | Response:
    name = request.path_params["name"]
    try:
        return SystemName(name.upper())
    except ValueError:
        choices = ", ".join(s.value for s in SystemName)
        return web.json_error(404, "not_found", f"no system {name!r}; systems: {choices}")


@authorized
async def list_windows(request: Request) -> Response:
    system = _system(request)
    if not isinstance(system, SystemName):
        return system
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        now = world.clock.now()
        found = availability.windows(world, system)
        return JSONResponse({"windows": [w.as_json(now) for w in found]})


@authorized
async def add_window(request: Request) -> Response:
    system = _system(request)
    if not isinstance(system, SystemName):
        return system
    body = await jsonbody.read_object(request, ("start", "end", "message"))
    start = jsonbody.req_datetime(body, "start")
    end = jsonbody.req_datetime(body, "end")
    message = jsonbody.opt_str(body, "message", max_len=MESSAGE_MAX) or ""
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        if len(world.windows) >= MAX_WINDOWS:
            return web.json_error(
                409, "too_many_windows", f"a namespace holds at most {MAX_WINDOWS} windows"
            )
        world.window_count += 1
        try:
            window = maintenance.one_off(f"w{world.window_count}", system, start, end, message)
        except (ValueError, OverflowError) as exc:  # OverflowError: year 9999 at UTC-5, say
            raise jsonbody.BadBody(str(exc)) from None
        world.windows[window.id] = window
        return JSONResponse(window.as_json(world.clock.now()), status_code=201)


@authorized
async def delete_window(request: Request) -> Response:
    system = _system(request)
    if not isinstance(system, SystemName):
        return system
    window_id = request.path_params["window_id"]
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        if window_id == maintenance.WEEKLY_ID and system is maintenance.WEEKLY_SYSTEM:
            return web.json_error(
                409,
                "recurring_window",
                'the weekly window is a setting: PUT /__admin/settings {"weekly_maintenance": '
                "false} stops it",
            )
        window = world.windows.get(window_id)
        if window is None or window.system is not system:
            return web.json_error(404, "not_found", f"no window {window_id!r} for {system}")
        del world.windows[window_id]
        return JSONResponse({"deleted": window.as_json(world.clock.now())})


def _back_end(request: Request) -> SystemName | Response:
    system = _system(request)
    if isinstance(system, SystemName) and not system.is_back_end:
        back_ends = ", ".join(s.value for s in SystemName if s.is_back_end)
        return web.json_error(
            400,
            "bad_request",
            f"faults are for the back ends SPOT calls ({back_ends}); take {system} down with "
            f"PUT /__admin/systems/{system} or a maintenance window",
        )
    return system


@authorized
async def put_fault(request: Request) -> Response:
    system = _back_end(request)
    if not isinstance(system, SystemName):
        return system
    body = await jsonbody.read_object(request, ("kind", "message"))
    if body.get("kind") is None:
        choices = ", ".join(k.value for k in FaultKind)
        raise jsonbody.BadBody(f"kind is required: {choices}")
    kind = jsonbody.opt_enum(body, "kind", FaultKind, FaultKind.SLOW)
    message = jsonbody.opt_str(body, "message", max_len=MESSAGE_MAX) or ""
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        world.faults[system] = Fault(kind, world.clock.now(), message)
        return JSONResponse(availability.status(world, system).as_json())


@authorized
async def delete_fault(request: Request) -> Response:
    system = _back_end(request)
    if not isinstance(system, SystemName):
        return system
    ctx = web.services(request)
    world = web.world(request)
    with ctx.store.lock:
        world.faults.pop(system, None)
        return JSONResponse(availability.status(world, system).as_json())


def routes() -> list[Route]:
    return [
        Route("/systems/{name}/windows", list_windows),
        Route("/systems/{name}/windows", add_window, methods=["POST"]),
        Route("/systems/{name}/windows/{window_id}", delete_window, methods=["DELETE"]),
        Route("/systems/{name}/fault", put_fault, methods=["PUT"]),
        Route("/systems/{name}/fault", delete_fault, methods=["DELETE"]),
    ]
