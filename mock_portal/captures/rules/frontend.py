"""Rules for what the front end and the systems behind it answer when they fail: nginx's own
pages for a request head over its buffers (400 "Request Header Or Cookie Too Large", 414), a
connection closed without an answer (nginx's 408 is only logged), and 5xx or status-0 answers
from SPOT, IDM, HETS or FISS.

Sources: nginx's core module reference (``large_client_header_buffers 4 8k``,
``client_header_timeout 60s``: nginx.org/en/docs/http/ngx_http_core_module.html) and its
``src/http/ngx_http_special_response.c`` (the pages' words) and ``ngx_http_request.c`` (408
closes without a response); Chrome's and Safari's HAR ``_error`` for a request with no answer
(devtools-frontend models/har/Log.ts; WebKit HARBuilder.js); the guide's SYSTEM_UNAVAILABLE
("unavailability of required CMS systems (e.g., IDM, HETS, FISS)").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from mock_portal.captures.rules.base import IDM, PLACEHOLDER, SPOT, Capture, Hit, Step, value_size

HEADER_TOO_LARGE = "Request Header Or Cookie Too Large"
URI_TOO_LARGE = "414 Request-URI Too Large"
NGINX_LINE = 8 * 1024  # large_client_header_buffers 4 8k: one line must fit one 8 KiB buffer

# Cookie names that carry a value in the name itself (ASP.NET Core's nonce cookie): shown by
# their prefix only, with a count (dotnet/aspnetcore's CorrelationCookieBuilder and
# OpenIdConnectNonceCookieBuilder).
_PREFIXES = (".AspNetCore.Correlation.", ".AspNetCore.OpenIdConnect.Nonce.")
# Chrome's net errors that are not a failure of the server: a navigation the page replaced, a
# blocker, a request the browser answered itself.
_NOT_A_FAILURE = ("ERR_ABORTED", "ERR_BLOCKED_BY_CLIENT", "ERR_CACHE_MISS", "NS_BINDING_ABORTED")


def _cookie_summary(step: Step) -> str:
    if not step.has_cookie_data:
        return "the capture holds no cookies (exported without them)"
    names: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    for name, size in _cookie_list(step):
        named = value_size(name)
        group = next((p + "*" for p in _PREFIXES if name.startswith(p)), name)
        if PLACEHOLDER.fullmatch(name):  # sanitized: the name's length is all that is left
            group = f"cookies with redacted {named}-character names"
        names[group] += 1
        sizes[group] += named + 1 + size
    top = sorted(names, key=lambda g: sizes[g], reverse=True)[:4]
    parts = [f"{names[g]} x {g} ({sizes[g]:,} bytes)" for g in top]
    if any(PLACEHOLDER.fullmatch(name) for name, _ in _cookie_list(step)):
        parts.append("names redacted by the sanitizer, lengths kept")
    return f"Cookie header {step.cookie_bytes():,} bytes: " + ", ".join(parts)


def _cookie_list(step: Step) -> list[tuple[str, int]]:
    if step.cookies:
        return list(step.cookies)
    header = step.request_headers.get("cookie", "")
    return [
        (name.strip(), value_size(value.strip()))
        for name, _, value in (p.partition("=") for p in header.split(";"))
        if name.strip()
    ]


def header_too_large(capture: Capture) -> Sequence[Hit]:
    hits = []
    for step in capture.steps:
        if step.status == 400 and HEADER_TOO_LARGE in step.text:
            summary = _cookie_summary(step)
            piled = len(_cookie_list(step)) >= 16
            cause = (
                "Cookies from earlier log ins piled up until the Cookie header passed nginx's "
                f"8 KiB line limit. {summary}."
            )
            if piled:
                cause += (
                    " Each unfinished log in leaves its correlation and nonce cookies (15 and "
                    "60 minutes), scoped to SPOT's callback."
                )
            hits.append(
                Hit(
                    (step.index,),
                    f'entry {step.index}: {step.where} answered nginx\'s 400 "{HEADER_TOO_LARGE}"',
                    cause,
                )
            )
    return hits


def uri_too_large(capture: Capture) -> Sequence[Hit]:
    return [
        Hit(
            (step.index,),
            f'entry {step.index}: {step.where} answered nginx\'s "{URI_TOO_LARGE}" (URL of '
            f"{len(step.url):,} characters)",
            "The log in request's address was longer than nginx accepts (one 8 KiB buffer for "
            "the request line): SPOT or IDM refused it before any page could answer.",
        )
        for step in capture.steps
        if step.status == 414 and (step.site in (SPOT, IDM) or "Request-URI Too Large" in step.text)
    ]


def _system(step: Step) -> str:
    path = step.path.lower()
    if "eligib" in path or "hets" in path:
        return "HETS (through SPOT's Eligibility)"
    if "claim" in path or "fiss" in path:
        return "FISS (through SPOT's Claim Status)"
    return step.site or step.origin


def no_answer(capture: Capture) -> Sequence[Hit]:
    hits = []
    for step in capture.steps:
        if step.site is None:
            continue
        closed = (
            step.status == 0 and step.error and not any(n in step.error for n in _NOT_A_FAILURE)
        )
        if not (closed or step.status == 408):
            continue
        said = f"_error {step.error}" if closed else "408"
        hits.append(
            Hit(
                (step.index,),
                f"entry {step.index}: {step.where} got no answer ({said})",
                f"{_system(step)} did not answer: the connection was closed without a response "
                "(nginx closes a request whose head is not complete within client_header_timeout "
                "and only logs 408), or the system was down.",
            )
        )
    return hits


def server_error(capture: Capture) -> Sequence[Hit]:
    return [
        Hit(
            (step.index,),
            f"entry {step.index}: {step.where} answered {step.status}",
            f"{_system(step)} answered {step.status}: a technical issue or maintenance on that "
            "system.",
        )
        for step in capture.steps
        if step.site is not None and 500 <= step.status <= 599
    ]
