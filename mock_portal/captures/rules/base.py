"""What a diagnosis rule reads and returns: a capture's entries as typed read-only steps, which
site each one talks to, and the rule itself (ruff-style: a stable id, the catalogue code, the
evidence matcher, cause, fix, public source and the hand-made capture that is its test fixture).

Steps are built from HAR 1.2 dicts as every dialect writes them (Chrome/Edge, Firefox, Safari,
Playwright; HAR 1.2 spec, softwareishard.com/blog/har-12-spec): the browsers' own fields are
read where they differ (``_fromCache`` in Chrome, ``cache.afterRequest`` in Firefox,
``_fetchType`` in Safari; ``_error`` for a request that got no answer).

SPOT and IDM are recognised by path, redirect and content, never only by host: captures of
``spot.fcso.com`` / ``idm.cms.gov`` and of the mock (two ports of 127.0.0.1) both work.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from mock_portal.errors.catalogue import ErrorCode

SPOT = "SPOT"
IDM = "IDM"

# Bodies are read for their words only; a page's message is near its top, and a 100 MB capture
# holds images and scripts whose bytes no rule reads.
BODY_LIMIT = 256 * 1024
_TEXT_TYPES = ("html", "json", "text", "xml", "javascript")

# Okta's paths (the authorization server, the hosted sign-in page and its authn/IDX APIs, My
# Portal): Okta's OIDC and authn API references; Identity Engine's IDX calls /idp/idx/...
IDM_PATHS = (
    "/oauth2/",
    "/login/login.htm",
    "/login/authn",
    "/signin/",
    "/idp/idx/",
    "/api/v1/authn",
    "/app/userhome",
    "/app/roles/",
)
IDM_HOSTS = ("idm.cms.gov", "impl.idm.cms.gov")
SPOT_HOSTS = ("spot.fcso.com",)
# SPOT's paths (the mock's, from First Coast's SPOT user guide's pages) and the relying party's
# callback; the real callback path is not published, so a redirect from IDM's /authorize also
# marks its target as SPOT's.
SPOT_PATHS = (
    "/authorization-code/callback",
    "/system-status",
    "/eligibility",
    "/claim-status",
    "/access-requests",
    "/logoff",
    "/logged-off",
)
# A redacted value, as the sanitizer writes it (mock_portal/captures/sanitize.py): its kind and
# length stay readable, and a tag equal for equal values within one file.
PLACEHOLDER = re.compile(r"\[redacted:[a-z0-9_-]+:(\d+)(?::[0-9a-f]+)?(?: [^\]\[]*)?\]")
ERROR_CODE_ATTR = re.compile(r'data-error-code="([A-Z_]+)"')


def value_size(value: str) -> int:
    """The length a value had before the sanitizer replaced it (placeholders name it)."""
    match = PLACEHOLDER.fullmatch(value)
    return int(match.group(1)) if match else len(value)


def _pairs(items: Any) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict):
                pairs.append((str(item.get("name", "")), str(item.get("value", ""))))
    return pairs


def _headers(items: Any) -> Mapping[str, str]:
    joined: dict[str, str] = {}
    for name, value in _pairs(items):
        key = name.lower()
        joined[key] = f"{joined[key]}; {value}" if key in joined else value
    return MappingProxyType(joined)


def _body(content: Any) -> tuple[str, bool]:
    if not isinstance(content, dict):
        return "", False
    text = content.get("text")
    if not isinstance(text, str):
        return "", False
    mime = str(content.get("mimeType", "")).lower()
    if mime and not any(kind in mime for kind in _TEXT_TYPES):
        return "", True
    if content.get("encoding") == "base64":
        try:
            raw = base64.b64decode(text[: BODY_LIMIT * 4 // 3 + 4], validate=False)
        except (binascii.Error, ValueError):
            return "", True
        return raw[:BODY_LIMIT].decode("utf-8", "replace"), True
    return text[:BODY_LIMIT], True


def _from_cache(entry: Mapping[str, Any]) -> str | None:
    """The browser's cache mark, in its own dialect; None when it went to the network.

    Chrome/Edge: ``_fromCache`` "memory" or "disk" (devtools-frontend, models/har/Log.ts).
    Firefox: ``cache.afterRequest`` present, an object or null (netmonitor har-builder.js).
    Safari: ``_fetchType`` "Memory Cache" or "Disk Cache" (WebKit HARBuilder.js).
    """
    chrome = entry.get("_fromCache")
    if isinstance(chrome, str) and chrome:
        return f"Chrome {chrome} cache"
    safari = entry.get("_fetchType")
    if isinstance(safari, str) and safari in ("Memory Cache", "Disk Cache"):
        return f"Safari {safari.lower()}"
    cache = entry.get("cache")
    if isinstance(cache, dict) and "afterRequest" in cache:
        return "Firefox cache"
    return None


@dataclass(frozen=True)
class Step:
    """One entry of ``log.entries``, read-only, with what the rules look at."""

    index: int
    method: str
    url: str
    origin: str
    path: str
    query: Mapping[str, str]
    status: int
    request_headers: Mapping[str, str]
    response_headers: Mapping[str, str]
    cookies: tuple[tuple[str, int], ...]
    has_cookie_data: bool
    redirect: str
    mime: str
    text: str
    has_body: bool
    from_cache: str | None
    error: str
    started: str
    site: str | None = None

    @property
    def is_page(self) -> bool:
        return "html" in self.mime or self.path.endswith((".htm", ".html"))

    @property
    def failed(self) -> bool:
        return self.status >= 400 or self.status == 0

    @property
    def where(self) -> str:
        """Method, site and path (no query: it may hold one-time values), for evidence."""
        site = self.site or self.origin
        return f"{self.method} {site} {self.path}"

    def redirect_query(self) -> Mapping[str, str]:
        if not self.redirect:
            return MappingProxyType({})
        parts = urlsplit(self.redirect)
        return MappingProxyType(dict(parse_qsl(parts.query or parts.fragment)))

    @cached_property
    def codes_shown(self) -> tuple[str, ...]:
        return tuple(ERROR_CODE_ATTR.findall(self.text)) if "data-error-code" in self.text else ()

    def page_codes(self) -> tuple[str, ...]:
        """The catalogue codes a page of the mock (or a page marked up the same way) shows."""
        return self.codes_shown

    @cached_property
    def plain_text(self) -> str:
        """The body with HTML's character references resolved (read once per step)."""
        return html.unescape(self.text) if "&" in self.text else self.text

    def cookie_bytes(self) -> int:
        """Size of the Cookie header the browser sent (from the header, else the cookie list)."""
        header = self.request_headers.get("cookie")
        if header is not None:
            return len(PLACEHOLDER.sub(lambda m: "x" * int(m.group(1)), header))
        pairs = [len(name) + 1 + size for name, size in self.cookies]
        return sum(pairs) + 2 * max(0, len(pairs) - 1)


def step_from(index: int, entry: Mapping[str, Any]) -> Step:
    request = entry.get("request") or {}
    response = entry.get("response") or {}
    url = str(request.get("url", ""))
    parts = urlsplit(url)
    request_headers = _headers(request.get("headers"))
    response_headers = _headers(response.get("headers"))
    cookies = tuple((name, value_size(value)) for name, value in _pairs(request.get("cookies")))
    text, has_body = _body(response.get("content"))
    content = response.get("content") or {}
    status = response.get("status", 0)
    # Chrome/Safari name a failed request's error `_error`; Playwright `_failureText`, with
    # status -1 (playwright-core's harTracer).
    error = response.get("_error") or response.get("_failureText") or entry.get("_error") or ""
    return Step(
        index=index,
        method=str(request.get("method", "GET")).upper(),
        url=url,
        origin=parts.netloc.lower(),
        path=parts.path or "/",
        query=MappingProxyType(dict(parse_qsl(parts.query))),
        status=status if isinstance(status, int) and status > 0 else 0,
        request_headers=request_headers,
        response_headers=response_headers,
        cookies=cookies,
        has_cookie_data=bool(cookies) or "cookie" in request_headers,
        redirect=str(response.get("redirectURL") or response_headers.get("location", "")),
        mime=str(content.get("mimeType", "") if isinstance(content, dict) else "").lower(),
        text=text,
        has_body=has_body,
        from_cache=_from_cache(entry),
        error=str(error),
        started=str(entry.get("startedDateTime", "")),
    )


def _idm_by_path(step: Step) -> bool:
    path = step.path.lower()
    return any(path.startswith(p) for p in IDM_PATHS) or "okta" in step.origin


def _classify(steps: list[Step]) -> list[Step]:
    """Which site each step talks to: by host, path and content (a page showing the catalogue's
    ``data-error-code`` that is not IDM's is SPOT's) first, then by redirect (the
    origin IDM's /authorize sends the browser back to is SPOT's, and so is the origin whose
    page sends the browser to IDM's /authorize)."""
    idm: set[str] = set()
    spot: set[str] = set()
    for step in steps:
        host = step.origin.split(":")[0]
        if host in IDM_HOSTS or _idm_by_path(step):
            idm.add(step.origin)
        elif host in SPOT_HOSTS or any(step.path.startswith(p) for p in SPOT_PATHS):
            spot.add(step.origin)
    for step in steps:  # by content: a page marked up with the catalogue's codes, not IDM's
        if step.origin not in idm and step.is_page and step.page_codes():
            spot.add(step.origin)
    for step in steps:
        target = urlsplit(step.redirect).netloc.lower() if step.redirect else ""
        if step.origin in idm and "/authorize" in step.path and target and target not in idm:
            spot.add(target)
        if target in idm and "/authorize" in urlsplit(step.redirect).path:
            spot.add(step.origin)
    spot -= idm
    return [
        replace(s, site=IDM if s.origin in idm else SPOT if s.origin in spot else None)
        for s in steps
    ]


@dataclass(frozen=True)
class Capture:
    """A capture's steps, in the order of ``log.entries``, and what it says about itself."""

    steps: tuple[Step, ...]
    creator: str = ""

    @classmethod
    def from_har(cls, har: Mapping[str, Any]) -> Capture:
        log = har.get("log") or {}
        entries = log.get("entries") or []
        steps = _classify([step_from(i, e) for i, e in enumerate(entries) if isinstance(e, dict)])
        creator = log.get("creator") or {}
        return cls(tuple(steps), str(creator.get("name", "")) if isinstance(creator, dict) else "")

    def on(self, site: str) -> Iterable[Step]:
        return (s for s in self.steps if s.site == site)

    def after(self, step: Step) -> Iterable[Step]:
        return (s for s in self.steps if s.index > step.index)


@dataclass(frozen=True)
class Hit:
    """What a rule found: the entries that prove it, and what they say (no secret, no PHI:
    codes, statuses, paths without their query, sizes, cookie name prefixes)."""

    entries: tuple[int, ...]
    evidence: str
    cause: str


Matcher = Callable[[Capture], Sequence[Hit]]


@dataclass(frozen=True)
class Rule:
    """One catalogue code shown by one mechanism.

    ``id`` is stable (documentation and tests name it); ``fixture`` is the hand-made capture in
    ``fixtures/captures/`` it must find; ``specific`` rules name a mechanism and win over the
    generic page rules when both find the same code.
    """

    id: str
    code: ErrorCode
    name: str
    match: Matcher
    fix: str
    source: str
    fixture: str
    specific: bool = True
    also: tuple[str, ...] = field(default=())  # further fixtures that must fire it
    # True when the rule infers the code (a cache mark, a replayed state, a bare 5xx) rather than
    # reading it from an answer that states it (a page's code, Okta's error, nginx's page).
    inferred: bool = False
