"""Rules for what IDM (CMS's Okta org, Identity Engine) answers: its OAuth error redirects, its
400 page, and its authn/IDX API errors. Each rule names its public source.

Sources: Okta's OIDC reference and error-code table (okta/okta-developer-docs, see
docs/okta-behaviour.md); Okta's authn API reference (``LOCKED_OUT``, E0000004, E0000011,
E0000068, E0000069, E0000119); Identity Engine's IDX messages as the sign-in widget and SDKs
handle them (okta/okta-signin-widget's i18nTransformer and mocks: ``idx.session.expired``,
``incorrectPassword``, ``api.authn.error.PASSCODE_INVALID``; okta/okta-idx-golang's client
tests: 401 "The session has expired.").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from mock_portal.captures.rules.base import IDM, SPOT, Capture, Hit, Step

NOT_ASSIGNED = "User is not assigned to the client application."
INACTIVITY = "You have been logged out due to inactivity"


def oauth_answers(capture: Capture) -> Iterator[tuple[Step, Mapping[str, str]]]:
    """Every OAuth answer IDM sent back: a redirect from IDM carrying ``error`` (query or
    fragment), or SPOT's callback request carrying it (when the redirect was not captured)."""
    for step in capture.steps:
        if step.site == IDM and step.redirect:
            answer = step.redirect_query()
            if "error" in answer:
                yield step, answer
        elif step.site != IDM and "error" in step.query and "state" in step.query:
            yield step, step.query


def _json(step: Step) -> Any:
    if "json" not in step.mime and not step.text.lstrip().startswith("{"):
        return None
    try:
        return json.loads(step.text)
    except ValueError:
        return None


def idx_messages(step: Step) -> list[tuple[str, str]]:
    """(i18n key, message) of an IDX answer's messages, top level and inside forms, and of a
    Classic authn error (``errorCode``, ``errorSummary``)."""
    found: list[tuple[str, str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            i18n = node.get("i18n")
            if isinstance(i18n, dict) and isinstance(i18n.get("key"), str):
                found.append((i18n["key"], str(node.get("message", ""))))
            if isinstance(node.get("errorCode"), str):
                found.append((node["errorCode"], str(node.get("errorSummary", ""))))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(_json(step))
    return found


def _authn_status(step: Step) -> str:
    body = _json(step)
    return str(body.get("status", "")) if isinstance(body, dict) else ""


def not_assigned(capture: Capture) -> Sequence[Hit]:
    hits: list[Hit] = []
    for step, answer in oauth_answers(capture):
        if answer.get("error") != "access_denied":
            continue
        if "not assigned" not in answer.get("error_description", "").lower():
            continue
        authorize = _authorize_before(capture, step)
        # IDM asked who it was: a page of its own (the sign-in page, the authorize answering
        # with the hosted widget) or credentials posted between the authorize and the answer.
        asked = authorize is not None and any(
            s.site == IDM
            and authorize.index <= s.index < step.index
            and ((s.is_page and s.status == 200) or s.method == "POST")
            for s in capture.steps
        )
        entries = (step.index,) if authorize is None else (authorize.index, step.index)
        cause = (
            "IDM signed the user in and refused SPOT: the user is not assigned to SPOT's "
            "application (no approved SPOT access request)."
        )
        if authorize is not None and not asked:
            cause += (
                " IDM answered at once, without its sign-in page: an IDM session already live "
                "in this browser (a refused or previous user's) answered for whoever clicked "
                "Log in."
            )
        hits.append(
            Hit(
                entries,
                f"entry {step.index}: {step.where} carries error=access_denied, "
                f'error_description="{NOT_ASSIGNED}"',
                cause,
            )
        )
    return hits


def _authorize_before(capture: Capture, step: Step) -> Step | None:
    earlier = [
        s
        for s in capture.steps
        if s.index <= step.index and s.site == IDM and "/authorize" in s.path
    ]
    return earlier[-1] if earlier else None


_NOT_REQUEST_ERRORS = ("access_denied", "temporarily_unavailable")


def error_redirect(capture: Capture) -> Sequence[Hit]:
    hits = []
    for step, answer in oauth_answers(capture):
        error = answer.get("error", "")
        if error in _NOT_REQUEST_ERRORS:
            continue
        description = answer.get("error_description", "")
        said = f"error={error}" + (f', error_description="{description}"' if description else "")
        hits.append(
            Hit(
                (step.index,),
                f"entry {step.index}: {step.where} carries {said}",
                f"IDM refused the authorize request SPOT sent ({error}): the request itself was "
                "wrong or changed, not the user's account or cache.",
            )
        )
    return hits


def temporarily_unavailable(capture: Capture) -> Sequence[Hit]:
    return [
        Hit(
            (step.index,),
            f"entry {step.index}: {step.where} carries error=temporarily_unavailable",
            "IDM answered SPOT's log in with OAuth's temporarily_unavailable: IDM was down.",
        )
        for step, answer in oauth_answers(capture)
        if answer.get("error") == "temporarily_unavailable"
    ]


_OKTA_400 = "Your request resulted in an error."


def okta_400_page(capture: Capture) -> Sequence[Hit]:
    hits = []
    for step in capture.on(IDM):
        if step.status == 400 and _OKTA_400 in step.text:
            code = re.search(
                r'data-oauth-error="([a-z_]+)"|Error Code:\s*</?\w*>?\s*([a-z_]+)', step.text
            )
            name = (code.group(1) or code.group(2)) if code else "unknown"
            hits.append(
                Hit(
                    (step.index,),
                    f"entry {step.index}: {step.where} answered 400 with Okta's error page "
                    f'("{_OKTA_400}", Error Code {name})',
                    "IDM could not even send the browser back to SPOT: the request named a "
                    "client, redirect URI or state IDM does not accept (Okta's 400 page).",
                )
            )
    return hits


def _idm_messages(
    capture: Capture, keys: tuple[str, ...], words: tuple[str, ...] = ()
) -> Iterator[tuple[Step, str, str]]:
    """IDM's answers carrying one of ``keys`` (IDX i18n keys, authn error codes), or, where the
    key did not survive sanitizing, one of Okta's ``words`` for it."""
    for step in capture.on(IDM):
        for key, message in idx_messages(step):
            if any(key == k or key.endswith("." + k) for k in keys) or any(
                message.startswith(w) for w in words
            ):
                yield step, (key if "[redacted" not in key else "message"), message
                break


def _message_hits(
    capture: Capture, keys: tuple[str, ...], words: tuple[str, ...], cause: str
) -> list[Hit]:
    """A hit per IDM answer carrying one of ``keys`` or Okta's ``words`` for them."""
    return [
        Hit(
            (step.index,),
            f"entry {step.index}: {step.where} answered {step.status} {key}"
            + (f' "{message}"' if message else ""),
            cause,
        )
        for step, key, message in _idm_messages(capture, keys, words)
    ]


def session_expired(capture: Capture) -> Sequence[Hit]:
    hits = _message_hits(
        capture,
        ("idx.session.expired", "E0000011"),
        ("The session has expired", "Invalid token provided"),
        "IDM's sign-in transaction (its stateToken/stateHandle) had ended: the page was "
        "left open about 15 minutes without a request, or used again after it finished.",
    )
    if hits:
        return hits
    for step in capture.on(IDM):
        if step.is_page and INACTIVITY in step.text and "SIGN_IN_EXPIRED" not in step.page_codes():
            hits.append(
                Hit(
                    (step.index,),
                    f'entry {step.index}: {step.where} says "{INACTIVITY}..."',
                    "IDM's sign-in transaction had ended (Identity Engine's idle answer).",
                )
            )
    return hits


def back_forward(capture: Capture) -> Sequence[Hit]:
    """A sign-in page asked for again after its transaction finished: Back (or Forward) into
    IDM after signing in. The HAR has no "back" mark; the evidence is the same one-time URL
    requested twice, with SPOT's callback in between."""
    hits = []
    seen: dict[str, Step] = {}
    callbacks: list[int] = []
    for step in capture.steps:
        if step.site == SPOT and ("code" in step.query or "error" in step.query):
            callbacks.append(step.index)
        if step.site != IDM or step.method != "GET" or not step.query:
            continue
        first = seen.get(step.url)
        if first is None:
            seen[step.url] = step
            continue
        finished = any(first.index < c < step.index for c in callbacks)
        if finished and (step.status == 401 or "SIGN_IN_EXPIRED" in step.page_codes()):
            hits.append(
                Hit(
                    (first.index, step.index),
                    f"entries {first.index} and {step.index}: the same IDM sign-in URL "
                    f"({step.path}) requested again after SPOT's callback, answered {step.status}",
                    "The browser went Back (or Forward) to IDM's sign-in page after the sign-in "
                    "had finished; the transaction is single-use once finished, so IDM ended it.",
                )
            )
    return hits


def sign_in_failed(capture: Capture) -> Sequence[Hit]:
    return _message_hits(
        capture,
        ("E0000004", "incorrectPassword"),
        ("Authentication failed", "Password is incorrect", "Unable to sign in"),
        "IDM refused the User ID or password (Okta never says which).",
    )


def locked_out(capture: Capture) -> Sequence[Hit]:
    hits = _message_hits(
        capture,
        ("E0000119", "E0000069"),
        ("Your account is locked",),
        "IDM locked the account after repeated failed attempts.",
    )
    hits += [
        Hit(
            (step.index,),
            f"entry {step.index}: {step.where} answered status LOCKED_OUT",
            "IDM locked the account after repeated failed sign-ins (authn status LOCKED_OUT).",
        )
        for step in capture.on(IDM)
        if _authn_status(step) == "LOCKED_OUT"
    ]
    return hits


def passcode_invalid(capture: Capture) -> Sequence[Hit]:
    return _message_hits(
        capture,
        ("api.authn.error.PASSCODE_INVALID", "E0000068"),
        ("Invalid code. Try again", "Invalid Passcode/Answer", "Your code doesn't match"),
        "IDM refused the one-time code: wrong, already used, or older than its lifetime.",
    )
