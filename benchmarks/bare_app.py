"""The framework floor: a bare Starlette + Jinja2 app rendering SPOT's eligibility result page.

What the portal's authenticated eligibility lookup is measured against (issue 20): the same
template files (``spot/eligibility.html`` with its layout, form macro and result partial, from
the portal's package) in the portal's Jinja environment, the same beneficiary from
the same seeded population, the posted form's values in the page, served by uvicorn with the
portal's settings (``uvicorn_config``, ``run_loop``). Everything the portal does besides is
left out: no middleware of its own, no session, no CSRF or origin check, no validation, no
HETS, no journal. So the ratio says how much the portal adds to the cost of the page itself.

The beneficiary is looked up in a dict made at start-up (index 0 of the population ``serve``
builds by default, whom the benchmark looks up), and the page is drawn from what was posted:
``POST /eligibility`` with the portal's form fields. ``GET /`` answers ``ok`` (readiness).

``python -m benchmarks.bare_app`` binds a free loopback port, prints ``listening <url>`` once
it accepts connections, and serves until interrupted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

import uvicorn
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route

from mock_portal.backends.hets import Eligible
from mock_portal.cli.server import bind, run_loop, uvicorn_config
from mock_portal.population.seeded import Population
from mock_portal.sites import web
from mock_portal.sites.spot.eligibility import us_date
from mock_portal.sites.spot.eligibility_form import FIELDS
from mock_portal.world.config import Settings

if TYPE_CHECKING:
    from starlette.requests import Request

    from mock_portal.population.records import Beneficiary

# The portal's Jinja environment (mock_portal/sites/web.py: its loader and options), so the same
# template compiles to the same code; rendered here directly, without Starlette's
# TemplateResponse or the portal's render().
PAGE = web.templates.env.get_template("spot/eligibility.html")


@dataclass(frozen=True)
class _Role:
    decides_requests: bool = False


@dataclass(frozen=True)
class _User:
    """What the layout reads of a signed-in provider: a role that decides no access requests."""

    role: _Role = _Role()


USER = _User()


def _people() -> dict[str, Beneficiary]:
    settings = Settings()
    person = Population(settings.seed, settings.population).beneficiary(0)
    return {person.mbi: person}


PEOPLE = _people()


def _day(us: str) -> date:
    month, day, year = us.split("/")
    return date(int(year), int(month), int(day))


async def eligibility(request: Request) -> HTMLResponse:
    form = dict(parse_qsl((await request.body()).decode()))
    person = PEOPLE.get(form.get("mbi", ""))
    if person is None:
        return HTMLResponse("no such beneficiary", status_code=404)
    result = Eligible(person, _day(form["date_of_service"]), form["mbi"])
    html = PAGE.render(
        user=USER,
        csrf_token=form.get("csrf_token", ""),
        fields=FIELDS,
        values={field.name: form.get(field.name, "") for field in FIELDS},
        errors=[],
        notice=None,
        result=result,
        us_date=us_date,
    )
    return HTMLResponse(html)


async def ready(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


app = Starlette(routes=[Route("/", ready), Route("/eligibility", eligibility, methods=["POST"])])


def main() -> int:
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn_config(app, access_log=False))
    print(f"listening http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    # The portal's loop and collector settings too, as `serve` runs them.
    run_loop(server.serve(sockets=[sock]), tune_gc=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
