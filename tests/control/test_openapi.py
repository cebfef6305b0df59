"""The control API's OpenAPI document: served, well formed, and describing every route there is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from starlette.routing import Mount, Route

from mock_portal.availability.systems import SystemName
from mock_portal.control.client import ControlClient
from mock_portal.control.table import CALLS
from mock_portal.population import mbi
from mock_portal.testing.admin_client import AdminClient
from mock_portal.testing.shared_tls import tls_context

if TYPE_CHECKING:
    from fixtures.inprocess import InProcessServer
    from mock_portal.testing.plugin import PortalHandle


def _routes(inprocess: InProcessServer) -> set[tuple[str, str]]:
    """Every call mounted under /__admin on SPOT, whichever module defines it."""
    (mount,) = (
        r for r in getattr(inprocess.apps["spot"], "routes", []) if isinstance(r, Mount)
        and r.path == "/__admin"
    )  # fmt: skip
    return {
        (method, route.path)
        for route in mount.routes
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"  # Starlette adds it to every GET
    }


def test_every_control_api_route_is_described_and_nothing_else(inprocess: InProcessServer) -> None:
    described = {(o.method, o.path) for o in CALLS}
    served = _routes(inprocess)
    # A route listed here is missing from mock_portal/control/table.py's CALLS: add one row.
    assert sorted(served - described) == []
    assert sorted(described - served) == []


def test_each_call_is_described_once() -> None:
    keys = [(o.method, o.path) for o in CALLS]
    assert len(keys) == len(set(keys))


def _document(portal: PortalHandle) -> dict[str, Any]:
    answer = httpx.get(
        portal.spot_url + "/__admin/openapi.json",
        headers={"Authorization": f"Bearer {portal.admin_token}"},
        verify=tls_context(),
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    document: dict[str, Any] = answer.json()
    return document


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def _resolve(document: dict[str, Any], pointer: str) -> object:
    assert pointer.startswith("#/")
    node: Any = document
    for part in pointer[2:].split("/"):
        node = node[part]
    return node


def test_the_document_is_served_as_openapi_3_1(portal: PortalHandle) -> None:
    document = _document(portal)

    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": portal.spot_url}]
    assert document["components"]["securitySchemes"]["adminToken"]["scheme"] == "bearer"
    for pointer in _refs(document):
        assert _resolve(document, pointer) is not None, pointer
    operations = [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) == len(CALLS)
    for method, path, operation in operations:
        assert path.startswith("/__admin/")
        refusals = {"400", "413"} | ({"401"} if operation.get("security") != [] else set())
        assert refusals <= set(operation["responses"]), (method, path)
        for status, answer in operation["responses"].items():
            assert "application/json" in answer["content"], (method, path, status)
        for parameter in operation["parameters"]:
            if "name" in parameter and parameter["in"] == "path":
                assert "{" + parameter["name"] + "}" in path


def test_the_document_needs_the_token_like_every_call_but_health(portal: PortalHandle) -> None:
    answer = httpx.get(portal.spot_url + "/__admin/openapi.json", verify=tls_context())
    assert answer.status_code == 401
    assert answer.json()["error"] == "unauthorized"


def _operation(document: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"]["/__admin" + path][method.lower()]
    return operation


def _parameter(document: dict[str, Any], method: str, path: str, name: str) -> dict[str, Any]:
    (found,) = (
        p for p in _operation(document, method, path)["parameters"] if p.get("name") == name
    )
    schema: dict[str, Any] = found["schema"]
    return schema


def test_the_document_allows_no_request_the_server_refuses_for_its_shape(
    portal: PortalHandle,
) -> None:
    """What an API fuzzer found the hand-written document allowing (the schemathesis fuzz
    checks the rest, call by call)."""
    document = _document(portal)
    back_ends = [s.value for s in SystemName if s.is_back_end]
    for method in ("PUT", "DELETE"):
        assert _parameter(document, method, "/systems/{name}/fault", "name")["enum"] == back_ends
    assert _operation(document, "PUT", "/clock")["requestBody"]["required"] is True
    assert _operation(document, "PUT", "/systems/{name}")["requestBody"]["required"] is True
    assert _operation(document, "PUT", "/settings")["requestBody"]["required"] is False
    mbi_schema = _parameter(document, "GET", "/claims", "mbi")
    assert mbi_schema["pattern"] == f"^(?:{mbi.PATTERN})$"
    assert all(re.fullmatch(mbi.PATTERN, e) for e in mbi_schema["examples"])
    password = document["components"]["schemas"]["NewUserBody"]["properties"]["password"]
    assert "pattern" in password["anyOf"][0]  # no control characters, as the server checks


def test_every_call_has_a_client_method_and_a_client_cannot_lack_one() -> None:
    assert all(callable(getattr(AdminClient, call.client, None)) for call in CALLS)
    methods = {c.client: lambda self: None for c in CALLS if c.client != "unlock"}
    with pytest.raises(TypeError, match="unlock"):
        type("Partial", (ControlClient,), methods)
