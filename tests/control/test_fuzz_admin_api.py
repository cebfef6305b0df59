"""Every control-API call fuzzed by schemathesis from the OpenAPI document the portal serves
(``mock_portal/control/openapi.py``, derived from the table the server validates with).

Requests shaped as the document says and requests it forbids, against the in-process portal
(``fixtures/inprocess.py``), each case in a fresh namespace holding the user the document's
examples name.
Every answer is checked: never a 5xx, a status the document lists for that call, a body of that
status's schema, JSON; a request the document allows is not refused with a 400 (the document
may not allow what the server refuses); a call without the token is a 401; a method the path
does not take is a 405 naming those it does in ``Allow``.

Bounded (``CASES_PER_CALL`` per call on every commit, ``DEEP_CASES_PER_CALL`` under the "deep"
profile, ``MOCK_PORTAL_FUZZ_SCALE`` for more) and derandomized (``fixtures/fuzzing.py``): the same
cases on every run. In-process: each case is a call of SPOT's ASGI app (schemathesis's ASGI
transport), its namespace made in the store; the cost left is schemathesis's generation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import schemathesis
from hypothesis import HealthCheck
from schemathesis import GenerationMode, checks
from schemathesis.specs.openapi import checks as openapi_checks

from fixtures.fuzzing import fuzz_settings
from mock_portal.accounts.provisioning import NewUser
from mock_portal.control.models import EXAMPLE_USER_ID
from mock_portal.control.openapi import document
from mock_portal.world.store import NAMESPACE_HEADER

if TYPE_CHECKING:
    from schemathesis import Case, CheckContext, Response
    from schemathesis.schemas import BaseSchema
    from starlette.types import ASGIApp, Receive, Scope, Send

    from fixtures.fuzzing import Tally
    from fixtures.inprocess import InProcessServer

# Every call, every check, on every commit: 37 calls at 10, about 400 cases. The scheduled deep
# job: 37 at 200, about 7,400 (the every-commit run had 50 a call before the two depths).
CASES_PER_CALL = 10
DEEP_CASES_PER_CALL = 200
# Refusals of a request the document allows that depend on the namespace's state, not on the
# request: no such user or organization, a user ID taken, the window cap reached.
STATEFUL_REFUSALS = ["2xx", "404", "409"]
# Refusals of a request the document allows for what JSON Schema cannot say (one field against
# another, a moment's range once in UTC): the models' descriptions say them; nothing else may.
UNSAID = (
    "end must be after start",  # POST /systems/{name}/windows
    "start must fall in the years",  # a window's moment beyond the clock's years in UTC
    "end must fall in the years",
    "now: a frozen time must fall in the years",  # PUT /clock
    "npi must be 10 digits whose last is the Luhn check digit",  # POST /organizations
    "client_secret is for confidential clients only",  # POST /clients
    # POST /users: the lifecycle's moments, one factor against the others, IDM's password rules
    "last_idm_login must fall in the years",
    "last_spot_login must fall in the years",
    "role_certified_at must fall in the years",
    "mfa_factor must be one of mfa_factors",
    "password must meet IDM's password rules",
)


def accepts_what_the_document_allows(
    ctx: CheckContext, response: Response, case: Case[Any]
) -> None:
    """schemathesis's ``positive_data_acceptance``, but for the refusals in ``UNSAID``."""
    if response.status_code == 400:
        reason = str(response.json().get("reason", ""))
        if reason.startswith(UNSAID):
            return
    openapi_checks.positive_data_acceptance(ctx, response, case)


CHECKS = [
    checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
    accepts_what_the_document_allows,
    openapi_checks.ignored_auth,
    openapi_checks.unsupported_method,
]


class _Spot:
    """SPOT's ASGI app (which serves ``/__admin``) of the session's in-process portal, known once
    the ``inprocess`` fixture has made it; schemathesis takes it as the app under test, so each
    case and each check's own request (without the token, with another method) is one call in
    this process, not an HTTP round trip through a socket and a server thread."""

    app: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "the test binds the portal's app first"
        await self.app(scope, receive, send)


SPOT = _Spot()


def _control_api() -> BaseSchema:
    # The document as the portal serves it; each case is sent to SPOT's app in this process.
    loaded = schemathesis.openapi.from_dict(document("http://127.0.0.1"))
    loaded.app = SPOT
    config = loaded.config
    config.generation.update(modes=list(GenerationMode), database="none")
    config.phases.update(phases=["examples", "fuzzing"])
    config.checks.positive_data_acceptance.expected_statuses = STATEFUL_REFUSALS
    return loaded


schema = _control_api()


def _fresh_namespace(inprocess: InProcessServer, namespace: str) -> None:
    """What ``POST /__admin/reset`` and ``POST /__admin/users {"user_id": EXAMPLE_USER_ID}`` make,
    put straight into the store (the same functions those handlers call), so each case pays for
    its request and not for two more."""
    world = inprocess.context.reset_world(namespace)
    with inprocess.context.store.lock:
        inprocess.context.provisioner.create_user(world, NewUser(user_id=EXAMPLE_USER_ID))


@schema.parametrize()
@fuzz_settings(
    ci=CASES_PER_CALL, deep=DEEP_CASES_PER_CALL, suppress=(HealthCheck.function_scoped_fixture,)
)
def test_a_control_api_call_answers_as_its_document_says(
    case: Case[Any], inprocess: InProcessServer, namespace: str, fuzz_tally: Tally
) -> None:
    _fresh_namespace(inprocess, namespace)
    token = inprocess.context.admin_token
    headers = {"Authorization": f"Bearer {token}", NAMESPACE_HEADER: namespace}
    SPOT.app = inprocess.apps["spot"]
    transport: dict[str, Any] = {"base_url": inprocess.urls.spot, "headers": headers}

    response = case.call(**transport)
    fuzz_tally.count_status(response.status_code)

    case.validate_response(response, checks=CHECKS, headers=headers, transport_kwargs=transport)
