"""The parameters of an ``/authorize`` request, checked as Okta checks them, and what they decide:
whether the request gets Okta's 400 page or an error redirect, whether a live IDM session may
answer (``prompt``, ``max_age``), what the sign-in page pre-fills (``login_hint``) and how the
answer travels back (``response_mode``).

Every answer names its public source; docs/okta-behaviour.md holds the table, row by row, with
the test that pins each row. "OIDC ref" is Okta's OpenID Connect & OAuth 2.0 API reference
(okta/okta-developer-docs, ``docs/reference/api/oidc/index.md`` at 1bc65b06, line numbers L).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from starlette.responses import HTMLResponse

from mock_portal.sites import web
from mock_portal.sites.idm.state import AuthorizeRequest

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.sites.idm.clients import Client
    from mock_portal.sites.idm.state import IdmSession, LoginTransaction

# `state`: Okta's reference allows letters, digits, `,` `.` `_` `-` (OIDC ref L120); observed Okta
# also accepts `;` `+` `*` `:` (astuto/astuto#187) and a URL such as `https://localhost/`
# (dgn/oidc-filter#10), and answers its 400 page for `|` (astuto#187) and JSON
# (dotMorten/WinUIEx#144). The mock accepts every character a URL may hold (RFC 3986 section 2:
# unreserved, reserved and `%`), which covers each accepted observation and refuses each refused
# one (`|`, `{`, `}`, `"`); the URL characters beyond those observed are an inference.
_STATE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
# The default authorization server's reserved scopes (OIDC ref, "Scopes"): any other scope is one
# "not configured for the authorization server resource" (Netflix/consoleme#9075).
SCOPES = frozenset({"openid", "profile", "email", "address", "phone", "offline_access"})
# Okta's `prompt` values (OIDC ref L112); others are ignored (no public capture of Okta's answer).
PROMPTS = frozenset({"none", "login", "consent", "enroll_authenticator"})
# The response modes Okta offers for the code flow (OIDC ref L115, L167-173); the mock delivers
# `query`, `fragment` and `form_post`, not `okta_post_message` (see docs/okta-behaviour.md).
RESPONSE_MODES = frozenset({"query", "fragment", "form_post"})
OKTA_RESPONSE_MODES = RESPONSE_MODES | {"okta_post_message"}

# Okta's words, as recorded (sources beside each use below).
INVALID_CLIENT = "Invalid value for 'client_id' parameter."
INVALID_STATE = "The authentication request has an invalid 'state' parameter."
UNKNOWN_SCOPE = "One or more scopes are not configured for the authorization server resource."
NO_SCOPE = (
    "The authorization server resource does not have any configured default scopes, "
    "'scope' must be provided."
)
NO_OPENID = "Requests for ID tokens or access tokens with OpenID scopes require the 'openid' scope."
UNSUPPORTED_RESPONSE_TYPE = (
    "The response type is not supported by the authorization server. "
    "Configured response types: [code]."
)
UNSUPPORTED_RESPONSE_MODE = "The authorization server doesn't support the requested response mode."
NO_POST_MESSAGE = (
    "The mock does not offer 'okta_post_message': use 'query', 'fragment' or 'form_post'."
)
LOGIN_REQUIRED = "The client specified not to prompt, but the user is not logged in."


def redirect_uri_text(admin_url: str, client: Client) -> str:
    """Okta's 400-page description for an unregistered redirect URI (joshp23/YOURLS-OIDC#5,
    okta/okta-signin-widget#947, grafana/grafana#88362). Okta names the app's page in the org's
    admin console, ``https://{org}-admin.okta.com/...``; CMS's admin host is not public, so the
    mock names the path on IDM's own origin (the mock's choice)."""
    return (
        "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings: "
        f"{admin_url}/admin/app/oidc_client/instance/{client.client_id}#tab-general"
    )


@dataclass(frozen=True)
class PageRefusal:
    """Okta's own 400 page: nothing may be sent to an unverified redirect URI (RFC 6749 section
    4.1.2.1), and Okta answers a bad ``state`` this way too (astuto/astuto#187)."""

    error: str
    description: str


@dataclass(frozen=True)
class RedirectRefusal:
    """An error sent back to the client's registered redirect URI (Okta's OIDC error table)."""

    redirect_uri: str
    state: str | None
    response_mode: str
    error: str
    description: str


Checked = AuthorizeRequest | PageRefusal | RedirectRefusal


def check(params: Mapping[str, str], client: Client, admin_url: str) -> Checked:
    """The request, or how Okta refuses it. Unknown parameters are ignored (dgn/oidc-filter#10
    sends `resource` and gets a code). The client and redirect URI come first (nothing can be
    redirected before they are known); the order of the redirect-type checks among themselves
    is not published and is the mock's."""
    if params.get("client_id") != client.client_id:
        # okta/samples-nodejs-express-4#60 (Error Code invalid_client); a missing client_id is
        # inferred to get the same page.
        return PageRefusal("invalid_client", INVALID_CLIENT)
    redirect_uri = params.get("redirect_uri", "")
    if redirect_uri not in client.redirect_uris:
        return PageRefusal("invalid_request", redirect_uri_text(admin_url, client))
    state = params.get("state", "")
    if state and not _STATE.fullmatch(state):
        # A 400 page, not a redirect (astuto/astuto#187, dotMorten/WinUIEx#144); the page's
        # wording is not captured, so it says what the missing-state redirect says.
        return PageRefusal("invalid_request", INVALID_STATE)
    response_mode = params.get("response_mode") or "query"
    if response_mode not in OKTA_RESPONSE_MODES:
        # OIDC ref L232 names the error; the words are the Error codes page's.
        return RedirectRefusal(
            redirect_uri,
            state or None,
            "query",
            "unsupported_response_mode",
            UNSUPPORTED_RESPONSE_MODE,
        )
    if response_mode not in RESPONSE_MODES:
        return RedirectRefusal(
            redirect_uri, state or None, "query", "unsupported_response_mode", NO_POST_MESSAGE
        )

    def refuse(error: str, description: str) -> RedirectRefusal:
        return RedirectRefusal(redirect_uri, state or None, response_mode, error, description)

    if params.get("response_type") != "code":
        # okta/samples-nodejs-express-4#59, okta/samples-js-vue#37 (the bracket lists the app's
        # response types; SPOT's registration has `code` only).
        return refuse("unsupported_response_type", UNSUPPORTED_RESPONSE_TYPE)
    scopes = params.get("scope", "").split()
    if not scopes:
        return refuse("invalid_scope", NO_SCOPE)  # oktadev/okta-blog-hugo#47
    if any(scope not in SCOPES for scope in scopes):
        return refuse("invalid_scope", UNKNOWN_SCOPE)  # Netflix/consoleme#9075
    if "openid" not in scopes:
        return refuse("invalid_scope", NO_OPENID)  # okta/okta-idx-java#500
    if not state:
        # vincentmakes/turbo-ea#860, nextauthjs/next-auth#9625: Okta's words, and no `state`.
        return refuse("invalid_request", INVALID_STATE)
    challenge = params.get("code_challenge", "")
    if params.get("code_challenge_method") != "S256" or not 43 <= len(challenge) <= 128:
        # SPOT's registration requires S256 PKCE (its real setting is not public); the wording
        # is the mock's.
        return refuse("invalid_request", "PKCE is required: send an S256 'code_challenge'.")
    max_age_text = params.get("max_age")
    max_age: int | None = None
    if max_age_text is not None:
        if not (max_age_text.isascii() and max_age_text.isdigit()) or len(max_age_text) > 10:
            # OIDC Core section 3.1.2.1: a number of seconds. Okta's answer to anything else is
            # not published: the error and its words are the mock's.
            return refuse("invalid_request", "The 'max_age' parameter must be a number of seconds.")
        max_age = int(max_age_text)
    return AuthorizeRequest(
        client_id=client.client_id,
        redirect_uri=redirect_uri,
        state=state,
        nonce=params.get("nonce") or None,
        code_challenge=challenge,
        scope=" ".join(scopes),
        response_mode=response_mode,
        prompt=frozenset(params.get("prompt", "").split()) & PROMPTS,
        max_age=max_age,
        login_hint=params.get("login_hint") or None,
        idp=params.get("idp") or None,
    )


def page(request: Request, refusal: PageRefusal) -> Response:
    """Okta's 400 page: "400 Bad Request", "Your request resulted in an error.", then the
    Identity Provider (Unknown), Error Code and Description lines (joshp23/YOURLS-OIDC#5,
    aaronpk/quick-php-authentication#8)."""
    return web.render(
        request,
        "idm/oauth_error.html",
        {"error_code": refusal.error, "description": refusal.description},
        status=400,
        headers={"Cache-Control": "no-store"},
    )


def deliver(
    redirect_uri: str, response_mode: str, answer: list[tuple[str, str]], status: int = 302
) -> Response:
    """Send ``answer`` to the client as ``response_mode`` asks (OIDC ref L167-169): ``query``
    appends it to the redirect URI, ``fragment`` puts it after ``#``, ``form_post`` is a page that
    posts it there (OAuth 2.0 Form Post Response Mode)."""
    if response_mode == "form_post":
        fields = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in answer
        )
        body = (
            '<!doctype html><html><head><meta charset="utf-8"><title>Submit This Form</title>'
            '<script src="/static/form_post.js" defer></script></head><body>'
            f'<form method="post" action="{html.escape(redirect_uri)}">{fields}'
            "<noscript><p>Script is disabled. Click Continue.</p></noscript>"
            '<button type="submit">Continue</button></form></body></html>'
        )
        return HTMLResponse(body, headers={"Cache-Control": "no-cache, no-store"})
    if response_mode == "fragment":
        return web.redirect(redirect_uri + "#" + urlencode(answer), status)
    return web.redirect(web.with_query(redirect_uri, answer), status)


def refuse_by_redirect(refusal: RedirectRefusal) -> Response:
    """An error redirect: ``state`` echoed when the request had one (a missing one is simply
    absent, as in vincentmakes/turbo-ea#860)."""
    answer = [("state", refusal.state)] if refusal.state is not None else []
    answer += [("error", refusal.error), ("error_description", refusal.description)]
    return deliver(refusal.redirect_uri, refusal.response_mode, answer)


def refuse_request(auth_request: AuthorizeRequest, error: str, description: str) -> Response:
    return refuse_by_redirect(
        RedirectRefusal(
            auth_request.redirect_uri,
            auth_request.state,
            auth_request.response_mode,
            error,
            description,
        )
    )


class SessionUse(Enum):
    ANSWER = "answer"  # the live session answers at once, no page
    SIGN_IN = "sign_in"  # show the sign-in page
    LOGIN_REQUIRED = "login_required"  # error redirect, no page


def session_use(
    auth_request: AuthorizeRequest, session: IdmSession | None, now: datetime
) -> SessionUse:
    """What ``prompt`` and ``max_age`` make of the browser's IDM session.

    - ``prompt=login``: always sign in again, even with a session (OIDC ref L137).
    - ``max_age``: a session authenticated longer ago than that many seconds signs in again
      (OIDC ref L110); ``max_age=0`` does so every time on Identity Engine, which CMS IDM runs
      (Okta's step-up authentication guide, L34; Classic needed ``max_age=1``).
    - ``prompt=none``: never a page; where one would be needed, ``login_required`` with Okta's
      words (okta/okta-oidc-js#460, #567; OIDC ref L136).
    """
    max_age = auth_request.max_age
    age = (now - session.authenticated_at).total_seconds() if session is not None else None
    fresh_enough = age is not None and (max_age is None or (max_age > 0 and age <= max_age))
    if fresh_enough and "login" not in auth_request.prompt:
        return SessionUse.ANSWER
    if "none" in auth_request.prompt:
        return SessionUse.LOGIN_REQUIRED
    return SessionUse.SIGN_IN


def login_hint(transaction: LoginTransaction) -> str:
    """The User ID the sign-in page starts with: ``login_hint`` pre-fills it (OIDC ref L109)."""
    hint = transaction.request.login_hint if transaction.request is not None else None
    return hint or ""
