"""The mock's clock: ``GET``/``PUT``/``DELETE /clock``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_portal.sites import web

from .models import ClockBody
from .validation import bad_request

if TYPE_CHECKING:
    from starlette.requests import Request

    from mock_portal.world.store import World

    from .call import Given


def clock_json(world: World) -> dict[str, Any]:
    clock = world.clock
    return {
        "now": clock.now().isoformat(),
        "frozen": clock.frozen_at is not None,
        "idm_skew_seconds": clock.idm_skew_seconds,
        "idm_now": clock.idm_now().isoformat(),
    }


async def get_clock(request: Request, given: Given) -> dict[str, Any]:
    with web.unit_of_work(request) as world:
        return clock_json(world)


async def put_clock(request: Request, given: Given) -> dict[str, Any]:
    """Freeze the clock and/or skew IDM's; 400 outside the years a clock may show."""
    body = given.of(ClockBody)
    with web.unit_of_work(request) as world:
        if body.now is not None:
            try:
                world.clock.freeze(body.now)
            except ValueError as exc:
                raise bad_request(f"now: {exc}") from None
        if body.idm_skew_seconds is not None:
            world.clock.idm_skew_seconds = int(body.idm_skew_seconds)
        return clock_json(world)


async def delete_clock(request: Request, given: Given) -> dict[str, Any]:
    """Real time again, for SPOT and IDM alike (the skew goes back to 0)."""
    with web.unit_of_work(request) as world:
        world.clock.unfreeze()
        world.clock.idm_skew_seconds = 0
        return clock_json(world)
