"""The namespace's settings and SPOT releases: ``/settings``, ``/release``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_portal.sites import web

from .models import SettingsBody

if TYPE_CHECKING:
    from starlette.requests import Request

    from mock_portal.world.store import World

    from .call import Given


def settings_json(world: World) -> dict[str, Any]:
    """Each setting ``PUT /settings`` takes (a World attribute of that name), and the release."""
    return {"release": world.release} | {
        name: getattr(world, name) for name in SettingsBody.model_fields
    }


async def get_settings(request: Request, given: Given) -> dict[str, Any]:
    with web.unit_of_work(request) as world:
        return settings_json(world)


async def put_settings(request: Request, given: Given) -> dict[str, Any]:
    """``{"cache_traps": false}`` lets browsers log in again without clearing their cache;
    ``{"weekly_maintenance": true}`` makes the namespace follow SPOT's Wednesday window;
    ``{"idm_sign_in": "classic"}`` gives IDM's one-step page instead of the chooser;
    ``{"backend_timeout": 0.05}`` makes SPOT wait 50 ms for HETS and FISS, not serve's 1 s, and
    ``{"idm_timeout": 0.05}`` 50 ms for IDM's /token and /keys, not 5 s;
    ``{"session_check_interval": 0.05}`` has SPOT's pages ask about their session every 50 ms."""
    body = given.of(SettingsBody)
    with web.unit_of_work(request) as world:
        # A setting left out, or null, stays as it is.
        for name, value in body.model_dump(exclude_none=True).items():
            setattr(world, name, value)
        return settings_json(world)


async def new_release(request: Request, given: Given) -> dict[str, Any]:
    """Ship a SPOT release: browsers running the previous page script from cache go stale."""
    with web.unit_of_work(request) as world:
        world.release += 1
        world.journal.record(world.clock.now(), "spot.release", release=world.release)
        return settings_json(world)
