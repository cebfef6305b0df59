"""docs/control-api.md's reference is what the control API's table generates, to the letter."""

from __future__ import annotations

import pytest

from mock_portal.control.reference import PAGE, markdown, page_with_reference
from mock_portal.control.table import CALLS


def test_the_reference_in_the_docs_is_the_generated_one() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert page == page_with_reference(page), (
        "docs/control-api.md is stale: run python -m mock_portal.control.reference"
    )


def test_every_call_of_the_table_has_its_section() -> None:
    reference = markdown()
    for call in CALLS:
        assert f"### `{call.method} /__admin{call.path}`" in reference


def test_a_page_without_the_marker_is_refused() -> None:
    with pytest.raises(ValueError, match="no line"):
        page_with_reference("# a page\n")
