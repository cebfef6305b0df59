"""Every state-changing form of both sites needs the token its page carried (a session's CSRF
token, or the stateToken of IDM's sign-in transaction) and a same-origin post. IDM's forms name
their transaction, as Okta's do: one they do not name, or that does not exist, gets Okta's answer
for an ended transaction (SIGN_IN_EXPIRED), not a cache message.

The forms are the fuzz targets (fixtures/fuzz_targets.py), whose drift test makes sure every
POST route of either site is one: a new form is checked here with no change to this file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from fixtures.fuzz_targets import FORMS, PENDING_USER_ID, FormTarget, Seat
from fixtures.fuzzing import error_codes
from mock_portal.sites.security import new_token
from mock_portal.testing.admin_client import NAMESPACE_HEADER

if TYPE_CHECKING:
    import httpx

    from fixtures.inprocess import InProcessServer

# IDM's self-service recovery forms carry no session token, as Okta's do not: anyone may ask for
# a reset; the reset page's secret is the e-mailed link's token (e2e/test_account_recovery.py).
TOKENLESS = {"idm-forgot-password", "idm-forgot-user-id", "idm-reset-password"}
PAGE_FORMS = [  # the token endpoint: client auth
    form for form in FORMS if form.answers == "page" and form.name not in TOKENLESS
]
# What a form needs besides its token to get past its token check into its own checks.
ENOUGH = {"spot-access-decision": {"decision": "approve", "user_id": PENDING_USER_ID}}


def _post(
    inprocess: InProcessServer,
    target: FormTarget,
    namespace: str,
    hidden: dict[str, str | None],
    origin: str | None = None,
) -> tuple[Seat, httpx.Response]:
    world = inprocess.context.reset_world(namespace)
    with inprocess.context.store.lock:
        seat = target.seat(inprocess, world)
    headers = {NAMESPACE_HEADER: namespace, "Origin": origin or inprocess.url(target.site)}
    if seat.cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in seat.cookies.items())
    fields = {
        **ENOUGH.get(target.name, {}),
        **{k: hidden.get(k, v) for k, v in seat.hidden.items()},
    }
    fields = {k: v for k, v in fields.items() if v is not None}
    with inprocess.client(target.site) as client:
        return seat, client.post(target.path, data=fields, headers=headers)


# IDM's sign-in transaction's forms (a stateToken, not a session's CSRF token).
SIGN_IN_FORMS = {
    "idm-sign-in",
    "idm-mfa",
    "idm-mfa-resend",
    "idm-mfa-select",
    "idm-password-expired",
}


@pytest.mark.parametrize("target", PAGE_FORMS, ids=lambda t: t.name)
@pytest.mark.parametrize("tampering", ["missing", "another"])
def test_a_form_without_its_own_token_is_stale(
    inprocess: InProcessServer, target: FormTarget, namespace: str, tampering: str
) -> None:
    forged = {"missing": None, "another": new_token(24)}[tampering]
    tokens: dict[str, str | None] = {"csrf_token": forged, "stateToken": forged}
    _, answer = _post(inprocess, target, namespace, tokens)

    if target.name in SIGN_IN_FORMS:
        assert answer.status_code == 401
        assert error_codes(answer.text) == ["SIGN_IN_EXPIRED"]
    else:
        assert answer.status_code == 400
        assert error_codes(answer.text) == ["STALE_SESSION"]


@pytest.mark.parametrize("target", PAGE_FORMS, ids=lambda t: t.name)
def test_the_same_form_with_its_token_gets_past_the_check(
    inprocess: InProcessServer, target: FormTarget, namespace: str
) -> None:
    seat, answer = _post(inprocess, target, namespace, {})

    assert seat.hidden, "a state-changing form carries a token"
    assert answer.status_code < 500
    assert not {"STALE_SESSION", "SIGN_IN_EXPIRED"} & set(error_codes(answer.text))


@pytest.mark.parametrize("target", FORMS, ids=lambda t: t.name)
@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1:1"])
def test_a_post_from_another_origin_is_refused(
    inprocess: InProcessServer, target: FormTarget, namespace: str, origin: str
) -> None:
    _, answer = _post(inprocess, target, namespace, {}, origin=origin)

    assert answer.status_code == 403
    assert answer.json()["error"] == "cross_origin_request"
