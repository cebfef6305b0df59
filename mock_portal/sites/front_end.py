"""The front end both sites sit behind: header limits, namespaces, origin checks, headers.

Plain ASGI rather than ``BaseHTTPMiddleware``: it runs on every request, including load tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from mock_portal.sites import http_errors as web_errors
from mock_portal.sites.web import CONTROL_API_PREFIX
from mock_portal.world.store import (
    NAMESPACE_HEADER,
    InvalidNamespace,
    UnknownNamespace,
    check_namespace,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from starlette.types import ASGIApp, Message, Receive, Scope, Send

# nginx's default large_client_header_buffers is 4 x 8k: a single header line (the Cookie header,
# in practice) longer than 8 KiB is refused with this very page.
MAX_HEADER_LINE = 8 * 1024
HEADER_TOO_LARGE_PAGE = """<html>
<head><title>400 Request Header Or Cookie Too Large</title></head>
<body>
<center><h1>400 Bad Request</h1></center>
<center>Request Header Or Cookie Too Large</center>
<hr><center>nginx</center>
</body>
</html>
"""
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class SitePolicy:
    """What one site allows: its own origin, where its forms may lead (OIDC redirects), and
    how big a request body may be."""

    origin: str
    form_targets: tuple[str, ...]
    max_body: int = 64 * 1024

    @property
    def content_security_policy(self) -> str:
        # form-action names the other site too: Chrome applies it to the redirects that follow
        # a form post, and sign-in and log-off posts redirect across the two sites.
        targets = " ".join(("'self'", *self.form_targets))
        return (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"form-action {targets}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        )


def too_large(path: str, limit: int) -> Response:
    reason = f"The request body is larger than this site accepts ({limit // 1024} KiB)."
    if path.startswith(("/__admin/", "/oauth2/")):
        return JSONResponse({"error": "content_too_large", "reason": reason}, 413)
    return HTMLResponse(f"<!doctype html><title>413</title><h1>413</h1><p>{reason}</p>", 413)


def _declares_more_than(content_length: str, limit: int) -> bool:
    # ASCII digits only (isdigit() takes "²", which int() refuses) and a length int() accepts:
    # a 5,000-digit Content-Length is over any limit, not a ValueError.
    if not (content_length.isascii() and content_length.isdigit()):
        return False
    return len(content_length) > 18 or int(content_length) > limit


class FrontEndMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        site: SitePolicy,
        namespace_exists: Callable[[str], bool] | None = None,
    ) -> None:
        self.app = app
        self.site = site
        # The store's: a request outside the control API naming a namespace that does not
        # exist is refused here, whatever its path (pages, static files, OIDC), before any
        # handler. Handlers check again (mock_portal/sites/web.py): the namespace may be dropped
        # between here and there, and must not come back then.
        self.namespace_exists = namespace_exists
        self.csp = site.content_security_policy.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, self._with_headers(send))
            return
        await self.app(scope, self._capped(receive), self._with_headers(send))

    def _capped(self, receive: Receive) -> Receive:
        limit = self.site.max_body
        seen = 0

        async def capped_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # Raised inside the app, so the site's handlers answer it (JSON or page).
                    raise HTTPException(413, f"The request body is larger than {limit} bytes.")
            return message

        return capped_receive

    def _refusal(self, scope: Scope) -> Response | None:
        raw_headers: list[tuple[bytes, bytes]] = scope["headers"]
        if any(len(name) + len(value) + 2 > MAX_HEADER_LINE for name, value in raw_headers):
            return HTMLResponse(HEADER_TOO_LARGE_PAGE, status_code=400)
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "0")
        if _declares_more_than(declared, self.site.max_body):
            # Refused before reading a byte; bodies without a length are capped as they are read.
            return too_large(scope["path"], self.site.max_body)
        try:
            namespace = check_namespace(headers.get(NAMESPACE_HEADER, "default"))
        except InvalidNamespace as exc:
            return JSONResponse({"error": "invalid_namespace", "reason": str(exc)}, 400)
        scope.setdefault("state", {})["namespace"] = namespace
        path: str = scope["path"]
        if (
            self.namespace_exists is not None
            and not path.startswith(CONTROL_API_PREFIX)
            and not self.namespace_exists(namespace)
        ):
            return web_errors.unknown_namespace(Request(scope), UnknownNamespace(namespace))
        origin = headers.get("origin")
        if (
            scope["method"] in UNSAFE_METHODS
            and origin is not None
            and origin != self.site.origin
            and not path.startswith(CONTROL_API_PREFIX)  # bearer-token API: no ambient credentials
        ):
            return JSONResponse(
                {"error": "cross_origin_request", "reason": f"Origin {origin!r} is not allowed"},
                403,
            )
        return None

    def _with_headers(self, send: Send) -> Send:
        csp = self.csp

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", csp.decode())
                headers.setdefault("x-content-type-options", "nosniff")
                # "no-referrer" would make Chrome send "Origin: null" on form posts.
                headers.setdefault("referrer-policy", "same-origin")
                headers.setdefault("x-frame-options", "DENY")
                # Nothing is cacheable unless a handler says so: the pages that real IDM and SPOT
                # let browsers cache are the ones the cache-dependent errors come from.
                headers.setdefault("cache-control", "no-store")
            await send(message)

        return send_with_headers
