"""Hostile requests to every control-API call, generated from its OpenAPI document (in-process).

Whatever the body, parameters or token: never a 5xx; a refusal is a 4xx with a JSON
``{"error", "reason"}``; every status is one the document lists for that call; a success has the
members its schema requires; a body over the front end's limit gets 413.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given

from fixtures.admin_client import NAMESPACE_HEADER
from fixtures.fuzz_targets import USER_ID
from fixtures.fuzzing import Tally, fuzz_settings, sent_body_size
from fixtures.schema_strategies import ApiCall, calls
from mock_portal.control.call import Call as Operation
from mock_portal.control.table import CALLS as OPERATIONS
from mock_portal.provisioning import NewUser
from mock_portal.site import MAX_BODY

if TYPE_CHECKING:
    from collections.abc import Iterator

    from fixtures.inprocess import InProcessPortal, SyncClient

CASES_PER_CALL = 45


@pytest.fixture(scope="module")
def document(inprocess: InProcessPortal) -> dict[str, Any]:
    with inprocess.client("spot") as spot:
        answer = spot.get(
            "/__admin/openapi.json",
            headers={"Authorization": f"Bearer {inprocess.context.admin_token}"},
        )
    assert answer.status_code == 200
    served: dict[str, Any] = answer.json()
    return served


@pytest.fixture
def spot(inprocess: InProcessPortal) -> Iterator[SyncClient]:
    with inprocess.client("spot") as client:
        yield client


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _send(spot: SyncClient, call: ApiCall, namespace: str, token: str) -> Any:
    headers = {NAMESPACE_HEADER: namespace, "Content-Type": "application/json"}
    if call.authorization == "token":
        headers["Authorization"] = f"Bearer {token}"
    elif call.authorization == "wrong":
        headers["Authorization"] = f"Bearer {token[:-1]}x"
    return spot.request(
        call.method,
        "/__admin" + call.path,
        params=call.query,
        content=call.content,
        headers=headers,
    )


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: f"{o.method} {o.path}")
def test_a_control_api_call_survives_hostile_requests(
    inprocess: InProcessPortal,
    spot: SyncClient,
    document: dict[str, Any],
    operation: Operation,
    namespace: str,
    fuzz_tally: Tally,
) -> None:
    path = "/__admin" + operation.path
    described = document["paths"][path][operation.method.lower()]
    listed = {int(status) for status in described["responses"]}
    token = inprocess.context.admin_token

    @fuzz_settings(CASES_PER_CALL)
    @given(call=calls(operation.method, operation.path, described))
    def run(call: ApiCall) -> None:
        world = inprocess.context.reset_world(namespace)
        with inprocess.context.store.lock:  # the user the document's examples name
            inprocess.context.provisioner.create_user(world, NewUser(user_id=USER_ID))
        answer = _send(spot, call, namespace, token)
        fuzz_tally.count(answer)

        assert answer.status_code < 500, answer.text[:500]
        if sent_body_size(answer) > MAX_BODY:
            assert answer.status_code == 413
        assert answer.status_code in listed, f"{answer.status_code} is not documented"
        body = answer.json()
        assert isinstance(body, dict)
        if answer.status_code >= 400:
            assert isinstance(body["error"], str)
            assert isinstance(body["reason"], str)
            return
        schema = _resolve(document, described["responses"][str(answer.status_code)]["content"]
                          ["application/json"]["schema"])  # fmt: skip
        assert set(schema.get("required", ())) <= set(body)

    run()
