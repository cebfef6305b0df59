"""The portal's urlencoded form parser (mock_portal/sites/web.py, faster) reads every body
exactly as Starlette's own parser does, including malformed escapes, stray separators and
non-UTF-8 bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.datastructures import Headers, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import FormParser

from mock_portal.sites.web import MAX_FIELDS, parse_urlencoded

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Coroutine


T = TypeVar("T")


def starlettes(body: bytes) -> list[tuple[str, str | UploadFile]]:
    async def stream() -> AsyncGenerator[bytes, None]:
        yield body

    return _without_a_loop(FormParser(Headers(), stream()).parse()).multi_items()


def _without_a_loop(coroutine: Coroutine[object, None, T]) -> T:
    """Run a coroutine that never waits (Starlette's parser over a one-chunk stream) to its end,
    with no event loop: a loop in a thread of its own for each of the property test's 300 bodies
    cost a third of this file's CPU (issue 20). Waiting on anything would be an error here."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        result: T = done.value
        return result
    coroutine.close()
    raise AssertionError("Starlette's form parser waited on something")


# Bodies made of the characters that matter to a form parser, and any byte at all.
_PIECES = st.sampled_from([b"&", b"=", b"+", b"%", b";", b"%2", b"%C3", b"%A9", b"%zz", b"a", b"1"])
BODIES = st.lists(_PIECES | st.binary(max_size=3), max_size=30).map(b"".join)


@settings(max_examples=300)
@given(BODIES)
def test_any_body_parses_as_starlette_parses_it(body: bytes) -> None:
    assert parse_urlencoded(body).multi_items() == starlettes(body)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (
            b"mbi=1EG4-TE5-MK73&last_name=O%27Brien",
            [("mbi", "1EG4-TE5-MK73"), ("last_name", "O'Brien")],
        ),
        (b"name=Jos%C3%A9+Garc%C3%ADa", [("name", "José García")]),
        (b"code=&terms", [("code", ""), ("terms", "")]),
    ],
)
def test_a_forms_fields_come_out_decoded(body: bytes, fields: list[tuple[str, str]]) -> None:
    assert parse_urlencoded(body).multi_items() == fields


def test_more_fields_than_the_limit_is_a_400() -> None:
    with pytest.raises(HTTPException) as refused:
        parse_urlencoded(b"&".join([b"a=1"] * (MAX_FIELDS + 1)))
    assert refused.value.status_code == 400
    assert parse_urlencoded(b"&".join([b"a=1"] * MAX_FIELDS))["a"] == "1"
