"""Reading a control-API request with its call's models: a body, query or path that cannot be
used is a :class:`Refusal` (a 4xx with ``{"error", "reason"}``), never a 500.

Reasons start with the field they are about (``user_id must be ...``): the control panel
points at the field whose name starts the reason.
"""

from __future__ import annotations

import json
import math
import re
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pydantic_core import ErrorDetails

M = TypeVar("M", bound=BaseModel)
_JSON_WHITESPACE = b" \t\r\n"
# What each string pattern of the models means, in words (``describe_pattern`` fills it): a
# reason says this, not the regular expression, which only the OpenAPI document shows.
_PATTERN_WORDS: dict[str, str] = {}


def describe_pattern(pattern: str, words: str) -> str:
    """Register ``words`` ("1-64 characters with no control characters, < or >") as what a
    value failing ``pattern`` (as pydantic reports it) must be; returns ``pattern``."""
    _PATTERN_WORDS[pattern] = words
    return pattern


class Refusal(Exception):
    """A 4xx answer: ``status``, a stable ``error`` word and a ``reason`` for people.

    Raised from handlers and from validators (pydantic passes other exceptions than
    ``ValueError`` through), so a path naming no system is a 404, not a validation error.
    """

    def __init__(self, status: int, error: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.error = error
        self.reason = reason


def bad_request(reason: str) -> Refusal:
    return Refusal(400, "bad_request", reason)


class _DuplicateKey(Exception):  # not a ValueError: json.loads must not take it for bad JSON
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members: dict[str, Any] = {}
    for key, value in pairs:
        if key in members:
            raise _DuplicateKey(key)
        members[key] = value
    return members


def _check_unique_keys(raw: bytes) -> None:
    """400 when an object in the body names a member twice (JSON parsers disagree on which
    wins). A body that is not JSON is left for pydantic to explain."""
    try:
        json.loads(raw, object_pairs_hook=_refuse_duplicates)
    except _DuplicateKey as duplicate:
        raise bad_request(
            f"{duplicate.key[:64]} is given more than once in the body; give each member once"
        ) from None
    except (ValueError, RecursionError):
        return


def is_empty(raw: bytes) -> bool:
    """Whether a body is absent or only JSON whitespace."""
    return not raw.strip(_JSON_WHITESPACE)


def refuse_body(raw: bytes) -> None:
    """400 for a non-empty body on a call that declares none (an empty one is fine)."""
    if not is_empty(raw):
        raise bad_request(
            f"this call takes no body, got {len(raw)} bytes; send none (or an empty one)"
        )


def read_body(raw: bytes, model: type[M]) -> M:
    """The JSON body as ``model`` (strictly: no coercion); an empty body is ``{}``.

    Raises :class:`Refusal` 400 ``bad_request`` when it is not JSON, not an object, names a
    member twice, has unknown members, or a member of the wrong type or shape."""
    if is_empty(raw):
        raw = b"{}"
    _check_unique_keys(raw)
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise bad_request(explain(exc, model)) from None


def read_params(values: Mapping[str, str], model: type[M], *, status: int = 400) -> M:
    """Query (400 ``bad_request``) or path (404 ``not_found``) parameters as ``model``."""
    try:
        return model.model_validate(dict(values))
    except ValidationError as exc:
        if status == 404:
            raise Refusal(404, "not_found", f"no such resource: {explain(exc, model)}") from None
        raise bad_request(explain(exc, model)) from None


def explain(exc: ValidationError, model: type[BaseModel]) -> str:
    """One sentence per problem, each starting with the field's name."""
    errors = exc.errors(include_url=False)
    unknown = [_where(e) for e in errors if e["type"] == "extra_forbidden"]
    sentences = [_sentence(e) for e in errors if e["type"] != "extra_forbidden"]
    if unknown:
        allowed = ", ".join(model.model_fields) or "none"
        sentences.append(f"unknown field(s): {', '.join(unknown)}; allowed: {allowed}")
    return "; ".join(dict.fromkeys(sentences))


def _where(error: ErrorDetails) -> str:
    return ".".join(str(part) for part in error["loc"] if not isinstance(part, int)) or "body"


def _choices(expected: object) -> str:
    """pydantic's ``"'a', 'b' or 'c'"`` as ``"a, b, c"``."""
    return ", ".join(re.findall(r"'([^']*)'", str(expected))) or str(expected)


def _json_number(value: object) -> str:
    """NaN and the infinities as a client wrote them (Python's parser takes these spellings)."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, float) and math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return str(value)[:40]


def _sentence(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    field = _where(error)
    if kind == "json_invalid":
        return f"the body is not valid JSON ({ctx.get('error', error['msg'])})"
    if kind in ("model_type", "model_attributes_type", "dict_type") and not error["loc"]:
        return "the body must be a JSON object"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "missing":
        return f"{field} is required"
    if kind in ("enum", "literal_error"):
        return f"{field} must be one of: {_choices(ctx.get('expected', ''))}"
    if kind.startswith("bool"):
        return f"{field} must be true or false"
    if kind == "string_pattern_mismatch":
        words = _PATTERN_WORDS.get(
            str(ctx.get("pattern")), "in the form the OpenAPI document gives"
        )
        return f"{field} must be {words}"
    if kind == "string_too_short":
        return f"{field} must not be empty"
    if kind == "string_too_long":
        return f"{field} must be 1-{ctx['max_length']} characters"
    if kind.startswith("string") or kind == "str_type":
        return f"{field} must be a string"
    if kind == "timezone_aware":
        return f"{field} needs a UTC offset, e.g. 2026-01-07T20:30:00-05:00"
    if kind.startswith("datetime"):
        return f"{field} must be an ISO 8601 date-time"
    if kind.startswith("date"):
        return f"{field} must be an ISO date, YYYY-MM-DD"
    if kind == "finite_number":
        # Every fractional number a body takes is a number of seconds (a wait, a slow fault's
        # time, IDM's clock skew). JSON has no NaN or Infinity; Python's parser takes them.
        return f"{field} must be a finite number of seconds, not {_json_number(error.get('input'))}"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        side = "at least" if kind == "greater_than_equal" else "at most"
        return f"{field} must be {side} {bound}, got {str(error.get('input'))[:40]!r}"
    if kind.startswith("int"):
        return f"{field} must be a whole number"
    return f"{field}: {error['msg']}"
