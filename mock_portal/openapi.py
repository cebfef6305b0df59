"""The control API as an OpenAPI 3.1 document, served at ``GET /__admin/openapi.json``.

One :class:`Operation` per call in :data:`OPERATIONS`. A control-API route without one fails
``tests/control/test_openapi.py``; with one, the fuzz tests
(``tests/control/test_fuzz_admin_api.py``) reach it from this document alone, so describing a
new call is the only step.

Request bodies are described as the handlers read them (:mod:`mock_portal.jsonbody`): objects
with no other keys, strings without control characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mock_portal.accounts.models import Role, SpotAccess
from mock_portal.admin import BENEFICIARY_PAGE_LIMIT, NAME_PATTERN, USER_ID_PATTERN
from mock_portal.admin_availability import MESSAGE_MAX
from mock_portal.availability.systems import FaultKind, Maintenance, SystemName
from mock_portal.errors.catalogue import ErrorCode
from mock_portal.world.store import NAMESPACE_HEADER, NAMESPACE_PATTERN

JSON = "application/json"
Schema = dict[str, Any]


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def text(max_length: int, pattern: str | None = None, **extra: Any) -> Schema:
    schema: Schema = {"type": "string", "minLength": 1, "maxLength": max_length, **extra}
    if pattern is not None:
        schema["pattern"] = f"^(?:{pattern})$"
    return schema


def choice(values: list[str]) -> Schema:
    return {"type": "string", "enum": values}


def body(properties: dict[str, Schema], required: tuple[str, ...] = ()) -> Schema:
    schema: Schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return schema


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # below /__admin, with {parameters}
    summary: str
    ok: int = 200
    returns: Schema = field(default_factory=lambda: {"type": "object"})
    body: Schema | None = None
    parameters: dict[str, Schema] = field(default_factory=dict)  # path and query, by name
    # 4xx answers besides the ones every call can give (400, 401, 413).
    refusals: tuple[int, ...] = ()
    public: bool = False
    # What a 503 says, for a call that can answer one.
    unavailable: Schema | None = None

    @property
    def path_parameters(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.path)


USER_ID = text(64, USER_ID_PATTERN, examples=["fuzz.user"])
ACCESS_STATES = [state.value for state in SpotAccess]
ROLES = [role.value for role in Role]
SYSTEMS = [system.value for system in SystemName]
SYSTEM = {"type": "string", "enum": SYSTEMS, "examples": SYSTEMS}
MOMENT = text(40, format="date-time")

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "GET",
        "/health",
        "Whether both sites answer (no token needed)",
        returns=ref("Health"),
        public=True,
        unavailable=ref("Health"),
    ),
    Operation("POST", "/reset", "Return the namespace to a clean state", returns=ref("Status")),
    Operation(
        "DELETE", "/namespace", "Forget the namespace (test teardown)", returns=ref("Status")
    ),
    Operation(
        "POST",
        "/users",
        "Create an IDM user; Faker fills what is not given",
        ok=201,
        returns=ref("User"),
        body=body(
            {
                "user_id": USER_ID,
                "password": text(128),
                "email": text(254, r"[^@\s]+@[^@\s]+\.[^@\s]+"),
                "first_name": text(64, NAME_PATTERN),
                "last_name": text(64, NAME_PATTERN),
                "date_of_birth": {"type": "string", "format": "date"},
                "spot_access": choice(ACCESS_STATES),
                "role": choice(ROLES),
                "mfa": {"type": "boolean", "default": True},
                "organization_id": text(64),
            }
        ),
        refusals=(404, 409),
    ),
    Operation(
        "GET",
        "/users/{user_id}",
        "An IDM user",
        returns=ref("User"),
        parameters={"user_id": USER_ID},
        refusals=(404,),
    ),
    Operation(
        "PUT",
        "/users/{user_id}/access",
        "Set the user's SPOT access request, as the SPOT Help Desk can (decisions are e-mailed)",
        returns=ref("User"),
        body=body(
            {"status": choice(ACCESS_STATES), "role": choice(ROLES), "organization_id": text(64)},
            required=("status",),
        ),
        parameters={"user_id": USER_ID},
        refusals=(404,),
    ),
    Operation(
        "POST",
        "/users/{user_id}/unlock",
        "Lift an IDM lockout now",
        returns=ref("User"),
        parameters={"user_id": USER_ID},
        refusals=(404,),
    ),
    Operation("GET", "/organizations", "Organizations and their approved approvers"),
    Operation("GET", "/systems", "Every system's status", returns=ref("Systems")),
    Operation(
        "PUT",
        "/systems/{name}",
        "Take a system down, or bring it back",
        returns=ref("System"),
        body=body(
            {
                "available": {"type": "boolean"},
                "maintenance": choice([m.value for m in Maintenance]),
                "message": text(500),
            },
            required=("available",),
        ),
        parameters={"name": SYSTEM},
        refusals=(404,),
    ),
    Operation(
        "GET",
        "/systems/{name}/windows",
        "The system's maintenance windows (the weekly one included while followed)",
        returns=ref("Windows"),
        parameters={"name": SYSTEM},
        refusals=(404,),
    ),
    Operation(
        "POST",
        "/systems/{name}/windows",
        "Schedule a one-off maintenance window",
        ok=201,
        returns=ref("Window"),
        body=body(
            {"start": MOMENT, "end": MOMENT, "message": text(MESSAGE_MAX)},
            required=("start", "end"),
        ),
        parameters={"name": SYSTEM},
        refusals=(404, 409),
    ),
    Operation(
        "DELETE",
        "/systems/{name}/windows/{window_id}",
        "Cancel a one-off maintenance window",
        parameters={"name": SYSTEM, "window_id": {"type": "string", "examples": ["w1"]}},
        refusals=(404, 409),
    ),
    Operation(
        "PUT",
        "/systems/{name}/fault",
        "A technical fault in a back end (HETS, FISS) that stays nominally up",
        returns=ref("System"),
        body=body(
            {"kind": choice([k.value for k in FaultKind]), "message": text(MESSAGE_MAX)},
            required=("kind",),
        ),
        parameters={"name": SYSTEM},
        refusals=(404,),
    ),
    Operation(
        "DELETE",
        "/systems/{name}/fault",
        "End a back end's fault",
        returns=ref("System"),
        parameters={"name": SYSTEM},
        refusals=(404,),
    ),
    Operation("GET", "/clock", "The mock's now", returns=ref("Clock")),
    Operation(
        "PUT",
        "/clock",
        "Freeze the mock's clock",
        returns=ref("Clock"),
        body=body({"now": MOMENT}, required=("now",)),
    ),
    Operation("DELETE", "/clock", "Return to real time", returns=ref("Clock")),
    Operation(
        "GET",
        "/mail",
        "The outbox, oldest first",
        returns=ref("Outbox"),
        parameters={"to": {"type": "string"}},
    ),
    Operation(
        "GET",
        "/journal",
        "Recent requests and back-end answers, PII masked",
        returns=ref("Journal"),
        parameters={"kind": {"type": "string", "examples": ["hets.eligibility"]}},
    ),
    Operation(
        "GET",
        "/beneficiaries",
        "A page of the seeded population",
        returns=ref("BeneficiaryPage"),
        parameters={
            "offset": {"type": "integer", "minimum": 0, "default": 0},
            "limit": {
                "type": "integer",
                "minimum": 1,
                "maximum": BENEFICIARY_PAGE_LIMIT,
                "default": 10,
            },
        },
    ),
    Operation(
        "GET",
        "/claims",
        "What FISS holds for one beneficiary",
        returns=ref("Claims"),
        parameters={"mbi": {"type": "string", "examples": ["1EG4TE5MK73"]}},
        refusals=(404,),
    ),
    Operation("GET", "/errors", "The error catalogue", returns=ref("Catalogue")),
    Operation("GET", "/oidc-client", "SPOT's client registration at IDM"),
    Operation("GET", "/settings", "The namespace's settings", returns=ref("Settings")),
    Operation(
        "PUT",
        "/settings",
        "Turn the cache traps, or SPOT's weekly maintenance window, on or off",
        returns=ref("Settings"),
        body=body({"cache_traps": {"type": "boolean"}, "weekly_maintenance": {"type": "boolean"}}),
    ),
    Operation("POST", "/release", "Ship a SPOT release", returns=ref("Settings")),
    Operation("GET", "/openapi.json", "This document"),
)

_STRING = {"type": "string"}
_OBJECT = {"type": "object"}
COMPONENTS: dict[str, Schema] = {
    "Error": {
        "type": "object",
        "required": ["error", "reason"],
        "properties": {
            "error": {"type": "string", "description": "a stable word, e.g. bad_request"},
            "reason": {"type": "string", "description": "what was wrong, for people"},
        },
    },
    "Health": {
        "type": "object",
        "required": ["status", "spot_url", "idm_url"],
        "properties": {
            "status": choice(["ok", "starting"]),
            "spot_url": _STRING,
            "idm_url": _STRING,
        },
    },
    "Status": {
        "type": "object",
        "required": ["status", "namespace"],
        "properties": {"status": _STRING, "namespace": _STRING},
    },
    "User": {
        "type": "object",
        "required": ["user_id", "id", "email", "spot_access", "mfa"],
        "properties": {
            "user_id": _STRING,
            "id": _STRING,
            "email": _STRING,
            "first_name": _STRING,
            "last_name": _STRING,
            "date_of_birth": {"type": "string", "format": "date"},
            "address": _STRING,
            "mfa": {"type": "boolean"},
            "spot_access": choice(ACCESS_STATES),
            "role": nullable(choice(ROLES)),
            "confirmation_number": nullable(_STRING),
            "organization": nullable(_OBJECT),
            "locked_until": nullable({"type": "string", "format": "date-time"}),
            "password": {"type": "string", "description": "only when the user is created"},
        },
    },
    "System": {
        "type": "object",
        "required": ["name", "available"],
        "properties": {
            "name": choice(SYSTEMS),
            "description": _STRING,
            "available": {"type": "boolean"},
            "maintenance": nullable(choice([m.value for m in Maintenance])),
            "reason": nullable(_STRING),
            "message": _STRING,
            "since": nullable({"type": "string", "format": "date-time"}),
            "until": nullable({"type": "string", "format": "date-time"}),
            "window": nullable(_STRING),
            "fault": nullable(choice([k.value for k in FaultKind])),
        },
    },
    "Window": {
        "type": "object",
        "required": ["id", "system", "start", "end", "state"],
        "properties": {
            "id": _STRING,
            "system": choice(SYSTEMS),
            "start": {"type": "string", "format": "date-time"},
            "end": {"type": "string", "format": "date-time"},
            "message": _STRING,
            "recurring": nullable(choice(["weekly"])),
            "state": choice(["upcoming", "active", "ended"]),
        },
    },
    "Windows": {
        "type": "object",
        "required": ["windows"],
        "properties": {"windows": {"type": "array", "items": ref("Window")}},
    },
    "Claims": {
        "type": "object",
        "required": ["mbi", "claims"],
        "properties": {"mbi": _STRING, "claims": {"type": "array", "items": _OBJECT}},
    },
    "Systems": {
        "type": "object",
        "required": ["systems"],
        "properties": {"systems": {"type": "array", "items": ref("System")}},
    },
    "Clock": {
        "type": "object",
        "required": ["now", "frozen"],
        "properties": {
            "now": {"type": "string", "format": "date-time"},
            "frozen": {"type": "boolean"},
        },
    },
    "Outbox": {
        "type": "object",
        "required": ["messages"],
        "properties": {
            "messages": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["to", "subject", "body", "sent_at"],
                    "properties": {
                        "to": _STRING,
                        "subject": _STRING,
                        "body": _STRING,
                        "sent_at": {"type": "string", "format": "date-time"},
                    },
                },
            }
        },
    },
    "Journal": {
        "type": "object",
        "required": ["entries"],
        "properties": {
            "entries": {
                "type": "array",
                "items": {"type": "object", "required": ["at", "kind"]},
            }
        },
    },
    "BeneficiaryPage": {
        "type": "object",
        "required": ["seed", "size", "offset", "limit", "beneficiaries"],
        "properties": {
            "seed": {"type": "integer"},
            "size": {"type": "integer"},
            "offset": {"type": "integer"},
            "limit": {"type": "integer"},
            "beneficiaries": {"type": "array", "items": _OBJECT},
        },
    },
    "Catalogue": {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {"code": choice([c.value for c in ErrorCode])},
                },
            }
        },
    },
    "Settings": {
        "type": "object",
        "required": ["cache_traps", "release", "weekly_maintenance"],
        "properties": {
            "cache_traps": {"type": "boolean"},
            "release": {"type": "integer"},
            "weekly_maintenance": {"type": "boolean"},
        },
    },
}

# Statuses any call may answer, whatever it is: a namespace header or body it cannot use, no
# token, a body over the front end's limit.
COMMON_REFUSALS = {
    400: "The request cannot be used (a bad body, parameter or namespace)",
    401: "No admin token, or the wrong one",
    413: "The body is larger than the front end accepts",
}


def _responses(operation: Operation) -> dict[str, Any]:
    answers: dict[str, Any] = {
        str(operation.ok): {
            "description": operation.summary,
            "content": {JSON: {"schema": operation.returns}},
        }
    }
    refusals = {**COMMON_REFUSALS, **dict.fromkeys(operation.refusals, "Refused")}
    if operation.public:
        del refusals[401]
    for status, description in sorted(refusals.items()):
        answers[str(status)] = {
            "description": description,
            "content": {JSON: {"schema": ref("Error")}},
        }
    if operation.unavailable is not None:
        answers["503"] = {
            "description": "Not ready yet",
            "content": {JSON: {"schema": operation.unavailable}},
        }
    return answers


def _parameters(operation: Operation) -> list[dict[str, Any]]:
    in_path = set(operation.path_parameters)
    listed: list[dict[str, Any]] = [
        {"$ref": "#/components/parameters/Namespace"},
    ]
    for name, schema in operation.parameters.items():
        where = "path" if name in in_path else "query"
        listed.append({"name": name, "in": where, "required": where == "path", "schema": schema})
    return listed


def _operation(operation: Operation) -> dict[str, Any]:
    described: dict[str, Any] = {
        "summary": operation.summary,
        "operationId": f"{operation.method.lower()}{re.sub(r'[^A-Za-z0-9]+', '_', operation.path)}",
        "parameters": _parameters(operation),
        "responses": _responses(operation),
    }
    if operation.body is not None:
        described["requestBody"] = {
            "required": False,
            "content": {JSON: {"schema": operation.body}},
        }
    if operation.public:
        described["security"] = []
    return described


def document(server_url: str) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for operation in OPERATIONS:
        paths.setdefault("/__admin" + operation.path, {})[operation.method.lower()] = _operation(
            operation
        )
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
            "schemas": COMPONENTS,
            "securitySchemes": {"adminToken": {"type": "http", "scheme": "bearer"}},
            "parameters": {
                "Namespace": {
                    "name": NAMESPACE_HEADER,
                    "in": "header",
                    "required": False,
                    "description": "The namespace the call acts on (default: default)",
                    "schema": {"type": "string", "pattern": f"^{NAMESPACE_PATTERN}$"},
                }
            },
        },
    }
