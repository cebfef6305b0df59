"""The control API as an OpenAPI 3.1 document, served at ``GET /__admin/openapi.json``, derived
from the table (:data:`.table.CALLS`): paths and methods from its rows, parameters and bodies
from the models the server validates with, responses from each row's ``returns`` and
``errors``. Nothing here states a limit, pattern or enum of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from mock_portal.world.store import NAMESPACE_HEADER, NAMESPACE_PATTERN

from .models import Error, anchored
from .table import CALLS

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .call import Call

JSON = "application/json"
Schema = dict[str, Any]
REF = "#/components/schemas/{model}"

# Statuses any call may answer, whatever it is: a namespace header or body it cannot use, no
# token, a body over the front end's limit.
COMMON_REFUSALS = {
    400: "The request cannot be used (a bad body, parameter or namespace)",
    401: "No admin token, or the wrong one",
    413: "The body is larger than the front end accepts",
}


class _Components:
    """The document's ``components.schemas``: each model once, ``$ref``'d by name."""

    def __init__(self) -> None:
        self.schemas: dict[str, Schema] = {}

    def schema(
        self, model: type[BaseModel], mode: Literal["validation", "serialization"]
    ) -> Schema:
        """The model's own schema, its nested models moved to the components."""
        schema = model.model_json_schema(ref_template=REF, mode=mode)
        self.schemas.update(schema.pop("$defs", {}))
        return schema

    def ref(self, model: type[BaseModel], mode: Literal["validation", "serialization"]) -> Schema:
        self.schemas[model.__name__] = self.schema(model, mode)
        return {"$ref": REF.format(model=model.__name__)}


def _parameters(call: Call, components: _Components) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = [{"$ref": "#/components/parameters/Namespace"}]
    for where, model in (("path", call.params), ("query", call.query)):
        if model is None:
            continue
        schema = components.schema(model, "validation")
        required = set(schema.get("required", ()))
        for name, property_schema in schema["properties"].items():
            listed.append(
                {
                    "name": name,
                    "in": where,
                    "required": where == "path" or name in required,
                    "schema": property_schema,
                }
            )
    return listed


def _responses(call: Call, components: _Components) -> dict[str, Any]:
    returns = components.ref(call.returns, "serialization")
    content: dict[str, Any] = {JSON: {"schema": returns}}
    content.update({media: {"schema": {"type": "string"}} for media in call.text_types})
    answers: dict[str, Any] = {str(call.ok): {"description": call.summary, "content": content}}
    refusals = {**COMMON_REFUSALS, **call.errors}
    if call.public:
        del refusals[401]
    error = components.ref(Error, "serialization")
    for status, description in sorted(refusals.items()):
        answers[str(status)] = {"description": description, "content": {JSON: {"schema": error}}}
    if call.unavailable:
        answers["503"] = {"description": "Not ready yet", "content": {JSON: {"schema": returns}}}
    return answers


def _operation(call: Call, components: _Components) -> dict[str, Any]:
    described: dict[str, Any] = {
        "summary": call.summary,
        "operationId": call.name,
        "parameters": _parameters(call, components),
        "responses": _responses(call, components),
    }
    if call.body is not None:
        described["requestBody"] = {
            "required": call.body_required,
            "content": {JSON: {"schema": components.ref(call.body, "validation")}},
        }
    if call.public:
        described["security"] = []
    return described


def document(server_url: str) -> dict[str, Any]:
    components = _Components()
    paths: dict[str, dict[str, Any]] = {}
    for call in CALLS:
        operation = _operation(call, components)
        paths.setdefault("/__admin" + call.path, {})[call.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "SPOT/IDM mock portal control API",
            "version": "1",
            "description": "Sets up the mock portal for a test: users, outages, the clock, mail.",
        },
        "servers": [{"url": server_url}],
        "security": [{"adminToken": []}],
        "paths": paths,
        "components": {
            "schemas": dict(sorted(components.schemas.items())),
            "securitySchemes": {"adminToken": {"type": "http", "scheme": "bearer"}},
            "parameters": {
                "Namespace": {
                    "name": NAMESPACE_HEADER,
                    "in": "header",
                    "required": False,
                    "description": "The namespace the call acts on (default: default)",
                    "schema": {"type": "string", "pattern": anchored(NAMESPACE_PATTERN)},
                }
            },
        },
    }
