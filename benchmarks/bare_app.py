"""The baseline: a bare Starlette "hello" app, served the way the portal serves its sites.

``python -m benchmarks.bare_app`` binds a free loopback port, prints ``listening <url>`` once
it accepts connections, and serves until interrupted.
"""

from __future__ import annotations

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from mock_portal.cli.server import bind, run_loop, uvicorn_config


async def hello(request: Request) -> PlainTextResponse:
    return PlainTextResponse("hello")


app = Starlette(routes=[Route("/", hello)])


def main() -> int:
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn_config(app, access_log=False))
    print(f"listening http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    # The portal's loop and collector settings too, as `serve` runs them.
    run_loop(server.serve(sockets=[sock]), tune_gc=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
