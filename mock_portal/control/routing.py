"""Starlette routes from the table: one route per path (so a 405 names every method the path
takes in ``Allow``), the admin-token guard, and validation by each call's models."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mock_portal.accounts.provisioning import ProvisioningError
from mock_portal.sites import web
from mock_portal.sites.security import same

from .call import Given
from .validation import Refusal, read_body, read_params, refuse_body

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterable

    from starlette.requests import Request

    from .call import Call

REALM = 'Bearer realm="mock-portal-admin"'


def authorized(request: Request) -> bool:
    """Whether the request carries the admin token (compared in constant time)."""
    header = request.headers.get("authorization", "")
    token = header[7:] if header[:7].lower() == "bearer " else ""
    return bool(token) and same(token, web.services(request).admin_token)


def unauthorized() -> Response:
    return JSONResponse(
        {"error": "unauthorized", "reason": "send Authorization: Bearer <admin token>"},
        status_code=401,
        headers={"WWW-Authenticate": REALM},
    )


async def answer(call: Call, request: Request) -> Response:
    """Guard, validate, handle: every refusal a 4xx JSON ``{"error", "reason"}``."""
    if not call.public and not authorized(request):
        return unauthorized()
    try:
        raw = await request.body()
        if call.body is None:
            refuse_body(raw)
        given = Given(
            path=read_params(request.path_params, call.params, status=404) if call.params else None,
            query=read_params(request.query_params, call.query) if call.query else None,
            body=read_body(raw, call.body) if call.body else None,
        )
        result = await call.handler(request, given)
    except Refusal as refusal:
        return web.json_error(refusal.status, refusal.error, refusal.reason)
    except ProvisioningError as exc:
        return web.json_error(exc.status, exc.error, exc.reason)
    if isinstance(result, Response):
        return result
    return JSONResponse(result, status_code=call.ok)


def _endpoint(calls: dict[str, Call]) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return await answer(calls[method], request)

    return endpoint


def routes(calls: Iterable[Call]) -> list[Route]:
    """One route per path, taking each method a call declares for it."""
    by_path = sorted(calls, key=lambda c: c.path)
    return [
        Route(path, _endpoint({c.method: c for c in group}), methods=[c.method for c in group])
        for path, group_iter in groupby(by_path, key=lambda c: c.path)
        for group in [list(group_iter)]
    ]
