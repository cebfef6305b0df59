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
    from collections.abc import Callable, Sequence

    from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The request head's limits are nginx's defaults, as the real front end's (nginx's own error pages
# are what SPOT users see): `client_header_buffer_size 1k` and `large_client_header_buffers 4 8k`
# (https://nginx.org/en/docs/http/ngx_http_core_module.html#large_client_header_buffers; the
# defaults are in nginx's src/http/ngx_http_core_module.c, ngx_http_core_merge_srv_conf). nginx
# reads the head into the 1 KiB buffer, then into at most four 8 KiB ones, and never splits a
# line across two: a line that does not fit where it starts is moved whole into the next buffer
# (src/http/ngx_http_request.c, ngx_http_alloc_large_header_buffer). A request line that cannot
# fit one buffer is 414 (ngx_http_process_request_line); a header line that cannot, or a head
# that needs a fifth buffer, is 494, sent as 400 with its own page
# (ngx_http_process_request_headers; src/http/ngx_http_special_response.c).
CLIENT_HEADER_BUFFER = 1024
LARGE_HEADER_BUFFER = 8 * 1024
LARGE_HEADER_BUFFERS = 4
MAX_HEADER_LINE = LARGE_HEADER_BUFFER  # a line with its CRLF; one byte more is refused

# nginx's pages, byte for byte (src/http/ngx_http_special_response.c: ngx_http_error_414_page,
# ngx_http_error_494_page, then the tail; CRLF line ends). The tail names nginx without a
# version, as nginx writes it with `server_tokens off` (ngx_http_error_tail); with nginx's default
# `server_tokens on` it would read "nginx/<version>" (ngx_http_error_full_tail), and which one
# the real front end uses is not public.
_NGINX_TAIL = "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
REQUEST_URI_TOO_LARGE_PAGE = (
    "<html>\r\n"
    "<head><title>414 Request-URI Too Large</title></head>\r\n"
    "<body>\r\n"
    "<center><h1>414 Request-URI Too Large</h1></center>\r\n" + _NGINX_TAIL
)
HEADER_TOO_LARGE_PAGE = (
    "<html>\r\n"
    "<head><title>400 Request Header Or Cookie Too Large</title></head>\r\n"
    "<body>\r\n"
    "<center><h1>400 Bad Request</h1></center>\r\n"
    "<center>Request Header Or Cookie Too Large</center>\r\n" + _NGINX_TAIL
)
# nginx appends this to its 4xx and 5xx pages for browsers whose User-Agent it read as MSIE or
# Chrome (`msie_padding on`, the default; ngx_http_msie_padding in ngx_http_special_response.c,
# the User-Agent test in ngx_http_request.c, ngx_http_process_user_agent), so that they show
# the page rather than their own "friendly" one.
MSIE_PADDING = "<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n" * 6


def request_line_length(scope: Scope) -> int:
    """The request line's length as nginx reads it: ``METHOD SP target SP HTTP/x.y CRLF``.

    Rebuilt from the ASGI scope: uvicorn hands over the target's path and query, not the line
    itself, so an absolute-form target's scheme and host, and a "?" with nothing after it, are
    not counted (no browser sends either).
    """
    query: bytes = scope.get("query_string", b"")
    target = len(scope.get("raw_path") or scope["path"].encode()) + (len(query) + 1 if query else 0)
    return len(scope["method"]) + 1 + target + 1 + len("HTTP/") + len(scope["http_version"]) + 2


def _header_line_length(name: bytes, value: bytes) -> int:
    # "Name: value" CRLF, as browsers and HTTP libraries write it (uvicorn keeps neither the
    # original spacing nor the case, whose length is the same).
    return len(name) + 2 + len(value) + 2


def first_line_nginx_cannot_hold(line_lengths: Sequence[int]) -> int | None:
    """Which line of a request head (request line, header lines, the empty line) nginx with its
    default buffers refuses, or None if the head fits.

    nginx fills its 1 KiB buffer, then takes an 8 KiB one whenever the current one is full,
    carrying the line it is in the middle of to the new buffer's start; the line is refused if
    what it already holds of it fills a whole 8 KiB buffer, or if all four are taken.
    """
    start, size, taken = 0, CLIENT_HEADER_BUFFER, 0  # the current buffer: where it starts, its size
    line_start = 0
    for index, length in enumerate(line_lengths):
        line_end = line_start + length
        while line_end > start + size:
            if start + size - line_start >= LARGE_HEADER_BUFFER or taken == LARGE_HEADER_BUFFERS:
                return index
            taken += 1
            start, size = line_start, LARGE_HEADER_BUFFER
        line_start = line_end
    return None


def _pads_error_pages(user_agent: bytes) -> bool:
    # nginx's tests for one User-Agent line: "MSIE " with at least three more characters is MSIE
    # unless "Opera" is there too; otherwise Chrome ("Chrome/") unless it is Gecko ("Gecko/";
    # Chrome's own says "like Gecko)").
    msie = user_agent.find(b"MSIE ")
    is_msie = msie != -1 and msie + 7 < len(user_agent)
    if b"Opera" in user_agent:
        return False
    if is_msie:
        return True
    return b"Gecko/" not in user_agent and b"Chrome/" in user_agent


def nginx_head_refusal(scope: Scope) -> Response | None:
    """nginx's answer to a request head its default buffers cannot hold, or None."""
    raw_headers: list[tuple[bytes, bytes]] = scope["headers"]
    lengths = [request_line_length(scope)]
    lengths += [_header_line_length(name, value) for name, value in raw_headers]
    lengths.append(2)  # the empty line that ends the head
    refused = first_line_nginx_cannot_hold(lengths)
    if refused is None:
        return None
    # nginx answers "Connection: close" (the request never got as far as keeping the connection
    # alive) with a "text/html" page, no charset.
    headers = {"connection": "close", "content-type": "text/html"}
    if refused == 0:
        return Response(REQUEST_URI_TOO_LARGE_PAGE, 414, headers=headers)
    # Only a User-Agent line nginx read before the refused line can have made it pad the page
    # (lengths[0] is the request line: header i is lengths[i + 1]).
    padded = any(
        name == b"user-agent" and _pads_error_pages(value)
        for name, value in raw_headers[: refused - 1]
    )
    page = HEADER_TOO_LARGE_PAGE + (MSIE_PADDING if padded else "")
    return Response(page, 400, headers=headers)


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class SitePolicy:
    """What one site allows: its own origin, where its forms may lead (OIDC redirects), and
    how big a request body may be."""

    origin: str
    form_targets: tuple[str, ...]
    max_body: int = 64 * 1024
    # More form targets, by namespace: IDM's sign-in posts redirect to the registered clients'
    # redirect URIs (mock_portal/sites/idm/clients.py), which each namespace has its own of.
    form_targets_for: Callable[[str], tuple[str, ...]] | None = None

    @property
    def content_security_policy(self) -> str:
        return self.policy_with()

    def policy_with(self, extra_targets: tuple[str, ...] = ()) -> str:
        # form-action names the other site too: Chrome applies it to the redirects that follow
        # a form post, and sign-in and log-off posts redirect across the two sites.
        targets = " ".join(("'self'", *self.form_targets, *extra_targets))
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
            await refusal(scope, receive, self._with_headers(scope, send))
            return
        await self.app(scope, self._capped(receive), self._with_headers(scope, send))

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
        refused = nginx_head_refusal(scope)
        if refused is not None:
            return refused
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

    def _csp(self, scope: Scope) -> str:
        namespace = scope.get("state", {}).get("namespace")
        if self.site.form_targets_for is None or not isinstance(namespace, str):
            return self.csp.decode()
        return self.site.policy_with(self.site.form_targets_for(namespace))

    def _with_headers(self, scope: Scope, send: Send) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", self._csp(scope))
                headers.setdefault("x-content-type-options", "nosniff")
                # "no-referrer" would make Chrome send "Origin: null" on form posts.
                headers.setdefault("referrer-policy", "same-origin")
                headers.setdefault("x-frame-options", "DENY")
                # Nothing is cacheable unless a handler says so: the pages that real IDM and SPOT
                # let browsers cache are the ones the cache-dependent errors come from.
                headers.setdefault("cache-control", "no-store")
            await send(message)

        return send_with_headers
