"""Strict reading of control-API JSON bodies: wrong types and unknown keys are a 400 with a
reason, never a 500."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from starlette.requests import Request

E = TypeVar("E", bound=StrEnum)


class BadBody(ValueError):
    """The body cannot be used; the message says why, for the caller."""


async def read_object(request: Request, allowed: Iterable[str]) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadBody(f"the body is not valid JSON ({exc})") from exc
    if not isinstance(body, dict):
        raise BadBody("the body must be a JSON object")
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise BadBody(f"unknown field(s): {', '.join(unknown)}; allowed: {', '.join(allowed)}")
    return body


def opt_str(
    body: dict[str, Any], key: str, *, max_len: int = 200, pattern: str | None = None
) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadBody(f"{key} must be a string")
    if not 1 <= len(value) <= max_len:
        raise BadBody(f"{key} must be 1-{max_len} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise BadBody(f"{key} must not contain control characters")
    if pattern is not None and not re.fullmatch(pattern, value):
        raise BadBody(f"{key} must match {pattern}")
    return value


def opt_bool(body: dict[str, Any], key: str, default: bool) -> bool:
    value = body.get(key, default)
    if not isinstance(value, bool):
        raise BadBody(f"{key} must be true or false")
    return value


def opt_enum(body: dict[str, Any], key: str, enum: type[E], default: E) -> E:
    value = body.get(key)
    if value is None:
        return default
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise BadBody(f"{key} must be one of: {choices}") from None


def opt_date(body: dict[str, Any], key: str) -> date | None:
    value = opt_str(body, key, max_len=10)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadBody(f"{key} must be an ISO date, YYYY-MM-DD") from None


def req_datetime(body: dict[str, Any], key: str) -> datetime:
    value = opt_str(body, key, max_len=40)
    if value is None:
        raise BadBody(f"{key} is required")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise BadBody(f"{key} must be an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        raise BadBody(f"{key} needs a UTC offset, e.g. 2026-01-07T20:30:00-05:00")
    return moment


def query_int(
    params: Mapping[str, str], key: str, default: int, *, low: int = 0, high: int | None = None
) -> int:
    """A whole-number query parameter (``?offset=20``), ``default`` when absent."""
    text = params.get(key)
    if text is None:
        return default
    within = f"{low}-{high}" if high is not None else f"{low} or more"
    # ASCII digits and a bounded length: int() would take other scripts' digits and huge strings.
    if not re.fullmatch(r"[0-9]{1,18}", text):
        raise BadBody(f"{key} must be a whole number, {within}")
    value = int(text)
    if value < low or (high is not None and value > high):
        raise BadBody(f"{key} must be {within}, got {value}")
    return value
