"""fixtures/html_contract.py's checks fail where the error-rendering contract is broken: the HTTP
tests that took over the browser's tables rely on them."""

from __future__ import annotations

import pytest

from fixtures.html_contract import SCRIPT_PAYLOADS, HtmlPage

SUMMARY = """<div role="alert"><ul>
<li id="error-mbi" data-error-code="DATA_FORMAT" data-field="mbi"><a href="#mbi">Enter the
  11-character Medicare ID.</a></li>
<li id="error-x" data-error-code="DATA_MISMATCH"><span>does not match</span></li></ul></div>"""
GOOD = (
    SUMMARY
    + '<input id="mbi" value="&quot;&gt;x" aria-invalid="true" aria-describedby="hint error-mbi">'
)


def test_a_page_that_keeps_the_contract_passes() -> None:
    page = HtmlPage(GOOD)
    page.expect_codes("DATA_FORMAT", "DATA_MISMATCH")
    page.expect_error("DATA_FORMAT", field="mbi", text="11-character Medicare ID")
    page.expect_error("DATA_MISMATCH", text="does not match")
    page.expect_values(mbi='">x')
    assert page.error_fields() == ["mbi"]


@pytest.mark.parametrize(
    "broken",
    [
        GOOD.replace(' aria-invalid="true"', ""),
        GOOD.replace("hint error-mbi", "hint error-mbi2"),
        GOOD.replace('id="error-mbi" ', ""),
        GOOD.replace('data-field="mbi"', 'data-field="npi"'),
        GOOD.replace('role="alert"', 'role="status"'),
    ],
)
def test_a_field_error_without_its_parts_fails(broken: str) -> None:
    with pytest.raises(AssertionError):
        HtmlPage(broken).expect_error("DATA_FORMAT", field="mbi")


def test_other_codes_text_or_values_fail() -> None:
    page = HtmlPage(GOOD)
    with pytest.raises(AssertionError):
        page.expect_codes("DATA_FORMAT")
    with pytest.raises(AssertionError):
        page.expect_error("DATA_FORMAT", text="MM/DD/YYYY")
    with pytest.raises(AssertionError):
        page.expect_values(mbi='"&gt;x')
    with pytest.raises(AssertionError):
        page.expect_no_errors()


@pytest.mark.parametrize("payload", SCRIPT_PAYLOADS)
def test_a_payload_left_unescaped_is_seen_and_escaped_is_not(payload: str) -> None:
    from markupsafe import escape

    raw = f'<input id="q" value="{payload}"><textarea id="t">{payload}</textarea>'
    escaped = (
        f'<input id="q" value="{escape(payload)}"><textarea id="t">{escape(payload)}</textarea>'
    )
    page = HtmlPage(escaped)
    assert page.injected() == []
    assert page.value("q") == page.value("t") == payload
    if "<" in payload and "{" not in payload:
        broken = HtmlPage(raw)
        assert broken.injected() or broken.value("t") != payload
