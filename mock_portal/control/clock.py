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
    return {"now": world.clock.now().isoformat(), "frozen": world.clock.frozen_at is not None}


async def get_clock(request: Request, given: Given) -> dict[str, Any]:
    with web.unit_of_work(request) as world:
        return clock_json(world)


async def put_clock(request: Request, given: Given) -> dict[str, Any]:
    """Freeze the clock; 400 outside the years a clock may show."""
    moment = given.of(ClockBody).now
    with web.unit_of_work(request) as world:
        try:
            world.clock.freeze(moment)
        except ValueError as exc:
            raise bad_request(f"now: {exc}") from None
        return clock_json(world)


async def delete_clock(request: Request, given: Given) -> dict[str, Any]:
    with web.unit_of_work(request) as world:
        world.clock.unfreeze()
        return clock_json(world)
