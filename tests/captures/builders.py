"""Synthetic captures for the capture tests: a log in through IDM into SPOT and an eligibility
lookup, shaped as Chrome writes a HAR 1.2 file (HTTP/2 lower-case headers, ``_fromCache``,
``_initiator``, base64 bodies, WebSocket frames). Never a real capture: every value is made up
here, the MBI is the example CMS publishes in its MBI format guide."""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

MBI = "1EG4-TE5-MK73"
FIRST, LAST = "Quillon", "Varnisky"
DOB = "04/17/1951"
PASSWORD = "Tr0ub4dor&3"
SESSION = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA"
STATE = "st4te-Q1w2E3r4T5y6"
CODE = "c0de-A9s8D7f6G5h4"


def b64url(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def jwt(claims: dict[str, Any]) -> str:
    return f"{b64url({'alg': 'RS256', 'typ': 'JWT', 'kid': 'k1'})}.{b64url(claims)}.c2lnbmF0dXJl"


ID_TOKEN = jwt(
    {
        "sub": "00u1a2b3c4d5e6f7g8h9",
        "email": "q.varnisky@example.org",
        "iat": 1767261600,
        "exp": 1767265200,
    }
)


def header(name: str, value: str) -> dict[str, str]:
    return {"name": name, "value": value}


def entry(
    method: str,
    url: str,
    status: int,
    *,
    request_headers: list[dict[str, str]] | None = None,
    response_headers: list[dict[str, str]] | None = None,
    post: dict[str, Any] | None = None,
    mime: str = "text/html",
    body: str = "",
    base64_body: bool = False,
    redirect: str = "",
    **extra: Any,
) -> dict[str, Any]:
    request: dict[str, Any] = {
        "method": method,
        "url": url,
        "httpVersion": "http/2.0",
        "headers": request_headers or [],
        "queryString": [],
        "cookies": [],
        "headersSize": -1,
        "bodySize": 0,
    }
    if post is not None:
        request["postData"] = post
    content: dict[str, Any] = {"size": len(body), "mimeType": mime}
    if body:
        content["text"] = base64.b64encode(body.encode()).decode() if base64_body else body
        if base64_body:
            content["encoding"] = "base64"
    return {
        "startedDateTime": "2026-01-07T15:00:00.000Z",
        "time": 42.5,
        "request": request,
        "response": {
            "status": status,
            "statusText": "",
            "httpVersion": "http/2.0",
            "headers": response_headers or [],
            "cookies": [],
            "content": content,
            "redirectURL": redirect,
            "headersSize": -1,
            "bodySize": len(body),
            "_transferSize": len(body) + 200,
            "_error": None,
        },
        "cache": {},
        "timings": {"blocked": 1.2, "dns": -1, "send": 0.1, "wait": 40.0, "receive": 1.2},
        "serverIPAddress": "203.0.113.7",
        "_priority": "VeryHigh",
        "_resourceType": "document",
        **extra,
    }


def login_capture() -> dict[str, Any]:
    """SPOT -> IDM authorize -> IDX identify (JSON) -> callback -> eligibility with a mismatch."""
    spot, idm = "https://spot.fcso.com", "https://idm.cms.gov"
    cookie = f"JSESSIONID={SESSION}; idx=a1b2c3d4e5f6g7h8i9j0k1"
    form = (
        f"mbi={MBI}&last_name={LAST}&first_name={FIRST}"
        "&date_of_birth=04%2F17%2F1951&date_of_service=01%2F02%2F2026"
    )
    result = (
        "<!DOCTYPE html><html><head><title>Eligibility</title></head><body>"
        '<div role="alert" class="error-summary" data-error-code="DATA_MISMATCH">'
        "<h2>There is a problem</h2><ul><li>The information entered does not match.</li></ul></div>"
        f'<form method="post" action="/eligibility"><input name="mbi" value="{MBI}">'
        f'<input name="last_name" value="{LAST}"><input type="submit" value="Submit"></form>'
        f"<p>Results for {FIRST} {LAST}, born {DOB}</p></body></html>"
    )
    idx = {
        "version": "1.0.0",
        "stateHandle": "02aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
        "expiresAt": "2026-01-07T15:20:00.000Z",
        "intent": "LOGIN",
        "remediation": {
            "type": "array",
            "value": [
                {
                    "name": "identify",
                    "rel": ["create-form"],
                    "href": f"{idm}/idp/idx/identify",
                    "value": [{"name": "identifier", "label": "Username"}],
                }
            ],
        },
        "messages": {
            "type": "array",
            "value": [
                {
                    "message": "Authentication failed",
                    "i18n": {"key": "errors.E0000004"},
                    "class": "ERROR",
                }
            ],
        },
        "user": {
            "value": {"identifier": "qvarnisky", "profile": {"firstName": FIRST, "lastName": LAST}}
        },
    }
    entries = [
        entry(
            "GET",
            f"{spot}/",
            200,
            body="<html><head><title>SPOT</title></head>"
            '<body><a href="/login">Log in</a></body></html>',
            _fromCache="disk",
        ),
        entry(
            "GET",
            f"{idm}/oauth2/default/v1/authorize?client_id=0oaSPOT&response_type=code&scope=openid&state={STATE}&nonce=n0nce-Z9y8X7w6&redirect_uri=https%3A%2F%2Fspot.fcso.com%2Fcallback",
            302,
            response_headers=[
                header(
                    "location",
                    f"{idm}/signin?fromURI=%2Foauth2%2Fdefault%2Fv1%2Fauthorize%3Fstate%3D{STATE}",
                )
            ],
            redirect=f"{idm}/signin",
        ),
        entry(
            "POST",
            f"{idm}/idp/idx/identify",
            401,
            request_headers=[
                header("content-type", "application/ion+json; okta-version=1.0.0"),
                header("cookie", cookie),
            ],
            post={
                "mimeType": "application/ion+json",
                "text": json.dumps(
                    {
                        "identifier": "qvarnisky",
                        "credentials": {"passcode": PASSWORD},
                        "stateHandle": idx["stateHandle"],
                    }
                ),
            },
            mime="application/ion+json",
            body=json.dumps(idx),
            _resourceType="fetch",
            _initiator={
                "type": "script",
                "stack": {
                    "callFrames": [
                        {
                            "functionName": "postIdentify",
                            "url": f"{idm}/js/okta-sign-in.min.js",
                            "lineNumber": 12,
                        }
                    ]
                },
            },
        ),
        entry(
            "GET",
            f"{spot}/callback?code={CODE}&state={STATE}",
            302,
            request_headers=[
                header("authorization", f"Bearer {ID_TOKEN}"),
                header(
                    "user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0.0.0 Safari/537.36"
                ),
            ],
            response_headers=[
                header(
                    "set-cookie", f"JSESSIONID={SESSION}; Path=/; Secure; HttpOnly; SameSite=Lax"
                )
            ],
            redirect=f"{spot}/home#id_token={ID_TOKEN}&state={STATE}",
        ),
        entry(
            "POST",
            f"{spot}/eligibility",
            200,
            request_headers=[
                header("cookie", cookie),
                header("content-type", "application/x-www-form-urlencoded"),
            ],
            post={
                "mimeType": "application/x-www-form-urlencoded",
                "text": form,
                "params": [{"name": "mbi", "value": MBI}, {"name": "last_name", "value": LAST}],
            },
            body=result,
            base64_body=True,
        ),
        entry(
            "GET",
            f"{spot}/static/app.js",
            200,
            mime="application/javascript",
            body=f"var t='{SESSION}';",
            _resourceType="script",
        ),
        entry(
            "GET",
            "wss://spot.fcso.com/live",
            101,
            _resourceType="websocket",
            _webSocketMessages=[
                {
                    "type": "send",
                    "time": 1.5,
                    "opcode": 1,
                    "data": json.dumps({"mbi": MBI, "name": LAST}),
                }
            ],
        ),
    ]
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "WebInspector", "version": "537.36"},
            "pages": [
                {
                    "startedDateTime": "2026-01-07T15:00:00.000Z",
                    "id": "page_1",
                    "title": f"{spot}/eligibility?mbi={MBI}",
                    "pageTimings": {"onLoad": 120.5},
                }
            ],
            "entries": entries,
            "comment": f"captured for {FIRST} {LAST}",
        }
    }


def fresh() -> dict[str, Any]:
    return copy.deepcopy(login_capture())
