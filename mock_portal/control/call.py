"""One declaration per control-API call (:class:`Call`), and what a handler receives
(:class:`Given`). The table of calls is :data:`mock_portal.control.table.CALLS`."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

M = TypeVar("M", bound=BaseModel)

# A handler answers with a success body (sent with its call's ``ok`` status) or, rarely, a
# whole response (``health``'s 503); refusals are raised as ``validation.Refusal``.
Answer = Union[dict[str, Any], Response]  # noqa: UP007 (a runtime alias)
Handler = Callable[[Request, "Given"], Awaitable[Answer]]


@dataclass(frozen=True)
class Given:
    """A request's validated path, query and body models."""

    path: BaseModel | None = None
    query: BaseModel | None = None
    body: BaseModel | None = None

    def of(self, kind: type[M]) -> M:
        """The validated model of this type (the call's table row declares which it gets)."""
        for model in (self.path, self.query, self.body):
            if isinstance(model, kind):
                return model
        raise LookupError(f"this call declares no {kind.__name__}")


@dataclass(frozen=True)
class Call:
    """A control-API call: a row of the table everything else is derived from (the routes,
    validation, the OpenAPI document, ``AdminClient``).

    ``client`` names the ``AdminClient`` method that makes the call (two calls may share one:
    ``settings()`` reads, ``settings(cache_traps=False)`` writes). ``errors`` are the 4xx this
    call may answer besides the ones any call may (400, 401, 413)."""

    name: str  # the document's operationId
    method: str
    path: str  # below /__admin, with {parameters}
    summary: str
    handler: Handler
    returns: type[BaseModel]
    client: str
    ok: int = 200
    params: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    errors: Mapping[int, str] = field(default_factory=dict)
    public: bool = False
    unavailable: bool = False  # may answer 503 (with ``returns``' shape) while starting
    # Media types besides JSON the success may come in, its body then text (a TOML state file).
    text_types: tuple[str, ...] = ()

    @property
    def path_parameters(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.path)

    @property
    def body_required(self) -> bool:
        """A body with a required field, or one that must name at least one of its fields
        (``minProperties`` in its schema, as ``PUT /clock``'s)."""
        if self.body is None:
            return False
        at_least_one = self.body.model_json_schema().get("minProperties", 0) > 0
        return at_least_one or any(f.is_required() for f in self.body.model_fields.values())
