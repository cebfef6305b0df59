"""HTTP-level errors (404, 405, 413, malformed bodies, an unknown namespace): a JSON reason for
the APIs, a plain page for browsers, and never a stack trace."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from starlette.exceptions import HTTPException
from starlette.routing import Match, Route

from mock_portal.sites import web
from mock_portal.world.store import UnknownNamespace

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.types import ExceptionHandler

log = logging.getLogger("mock_portal")

_ERROR_WORDS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "content_too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/__admin/", "/oauth2/")) or "application/json" in (
        request.headers.get("accept", "")
    )


def allowed_methods(request: Request) -> str | None:
    """For a 405, every method the site's routes take at this path (Starlette names only the
    first route's when a path has one route per method), as the ``Allow`` header says them."""
    methods: set[str] = set()
    for route in getattr(request.app, "routes", ()):
        if isinstance(route, Route) and route.methods:
            match, _ = route.matches({**request.scope, "method": "OPTIONS"})
            if match is not Match.NONE:
                methods |= route.methods
    return ", ".join(sorted(methods)) or None


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    reason = exc.detail or "The request could not be handled."
    headers = dict(exc.headers or {})
    if status == 405:
        # A path below a mount (the control API) has one route, whose Allow is already whole.
        headers["Allow"] = allowed_methods(request) or headers.get("Allow", "")
    if _wants_json(request):
        response = web.json_error(status, _ERROR_WORDS.get(status, "error"), reason)
        response.headers.update(headers)
        return response
    return web.render(
        request,
        "http_error.html",
        {"status": status, "reason": reason},
        status=status,
        headers=headers or None,
    )


def unknown_namespace(request: Request, exc: UnknownNamespace) -> Response:
    """A request outside the control API named a namespace that does not exist (400)."""
    reason = str(exc)
    if _wants_json(request):
        return web.json_error(400, "unknown_namespace", reason)
    return web.render(request, "http_error.html", {"status": 400, "reason": reason}, status=400)


async def _unknown_namespace(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, UnknownNamespace)
    return unknown_namespace(request, exc)


async def unexpected_error(request: Request, exc: Exception) -> Response:
    # A bug, not bad input: log it (paths and types only, never bodies, which may hold PII).
    log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path)
    if _wants_json(request):
        return web.json_error(500, "internal_error", "The mock portal hit a bug; see its log.")
    return web.render(
        request,
        "http_error.html",
        {"status": 500, "reason": "The mock portal hit a bug; see its log."},
        status=500,
    )


def exception_handlers() -> dict[type[Exception] | int, ExceptionHandler]:
    return {
        HTTPException: http_error,
        UnknownNamespace: _unknown_namespace,
        Exception: unexpected_error,
    }
