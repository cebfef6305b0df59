"""Reading captures: every browser's dialect is read, anything else is one line saying why."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_portal.captures.har import NotAHar, iter_entries, page_titles, parse_har, read_har
from tests.captures.builders import entry, login_capture


def _har(*entries: dict[str, Any], **log: Any) -> dict[str, Any]:
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "t", "version": "1"},
            "entries": list(entries),
            **log,
        }
    }


def test_reads_a_chrome_capture_and_views_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "chrome.har"
    path.write_text(json.dumps(login_capture()), encoding="utf-8")
    har = read_har(path)
    entries = list(iter_entries(har))
    assert [e.status for e in entries] == [200, 302, 401, 302, 200, 200, 101]
    first, authorize, identify, callback, lookup = entries[:5]
    assert first.from_cache == "disk"
    assert (authorize.response_header("Location") or "").startswith("https://idm.cms.gov/signin")
    assert identify.post_mime_type == "application/ion+json"
    assert json.loads(identify.response_text)["messages"]["value"][0]["class"] == "ERROR"
    assert callback.redirect_url.startswith("https://spot.fcso.com/home#id_token=")
    assert 'data-error-code="DATA_MISMATCH"' in lookup.response_text  # decoded from base64
    assert lookup.started is not None
    assert lookup.started.year == 2026
    assert page_titles(har) == {"page_1": "https://spot.fcso.com/eligibility?mbi=1EG4-TE5-MK73"}


def test_reads_safari_firefox_and_playwright_dialects() -> None:
    safari = entry("GET", "https://spot.fcso.com/", 200, _fetchType="Memory Cache")
    firefox = entry("GET", "https://spot.fcso.com/a", 200)
    firefox.pop("_resourceType")
    playwright = entry("GET", "https://spot.fcso.com/b", 0, _frameref="frame@1", _monotonicTime=1.5)
    playwright["response"]["_failureText"] = "net::ERR_CONNECTION_REFUSED"
    chrome_failed = entry("GET", "https://hets.example/", 0)
    chrome_failed["response"]["_error"] = "net::ERR_CONNECTION_RESET"
    har = parse_har(json.dumps(_har(safari, firefox, playwright, chrome_failed, pages=[])))
    views = list(iter_entries(har))
    assert views[0].from_cache == "memory"
    assert views[1].from_cache is None
    assert views[2].failed
    assert views[2].raw["_frameref"] == "frame@1"
    assert views[3].error == "net::ERR_CONNECTION_RESET"


def test_entry_view_is_over_the_dict_not_a_copy() -> None:
    har = _har(entry("GET", "https://spot.fcso.com/", 200))
    view = next(iter_entries(har))
    assert view.raw is har["log"]["entries"][0]


def test_base64_body_that_is_not_base64_reads_as_empty() -> None:
    broken = entry("GET", "https://spot.fcso.com/", 200, body="x")
    broken["response"]["content"].update(text="%%%", encoding="base64")
    assert next(iter_entries(_har(broken))).response_text == ""
    fine = entry("GET", "https://spot.fcso.com/", 200)
    fine["response"]["content"].update(text=base64.b64encode(b"hello").decode(), encoding="base64")
    assert next(iter_entries(_har(fine))).response_text == "hello"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "not JSON"),
        ("{", "not JSON"),
        ("[]", "the top level is not an object"),
        ('{"lg": {}}', 'no "log" object'),
        ('{"log": {"entries": {}}}', 'no "entries" list'),
        ('{"log": {"entries": [1]}}', "entry 0 is not an object"),
        ('{"log": {"entries": [{"response": {"status": 200}}]}}', 'no "request" object'),
        ('{"log": {"entries": [{"request": {"method": "GET", "url": "/"}}]}}', 'no "response"'),
        (
            '{"log": {"entries": [{"request": {"method": "GET", "url": "/"}, '
            '"response": {"status": "200"}}]}}',
            "is not a number",
        ),
        (
            '{"log": {"entries": [{"request": {"method": "GET", "url": 5}, '
            '"response": {"status": 200}}]}}',
            '"request.url" is not a string',
        ),
        ('{"log": {"entries": [], "pages": {}}}', '"log.pages"'),
    ],
)
def test_not_a_har_says_why_in_one_line(text: str, why: str) -> None:
    with pytest.raises(NotAHar, match=r"^[^\n]*$") as caught:
        parse_har(text, name="x.har")
    assert why in str(caught.value)
    assert str(caught.value).startswith("x.har")


def test_unreadable_files_say_why(tmp_path: Path) -> None:
    with pytest.raises(NotAHar, match="no such file"):
        read_har(tmp_path / "missing.har")
    with pytest.raises(NotAHar, match="is a directory"):
        read_har(tmp_path)
    binary = tmp_path / "binary.har"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(NotAHar, match="not UTF-8"):
        read_har(binary)


def test_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.har"
    path.write_bytes(json.dumps(_har()).encode("utf-8-sig"))
    assert read_har(path)["log"]["entries"] == []


# The reader is fuzzed: whatever the bytes, it returns a checked capture or raises NotAHar.
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _broken_captures() -> st.SearchStrategy[str]:
    base = json.dumps(_har(entry("GET", "https://spot.fcso.com/", 200)))
    cut = st.integers(0, len(base)).map(lambda n: base[:n])
    swap = st.tuples(st.integers(0, len(base) - 1), st.characters()).map(
        lambda p: base[: p[0]] + p[1] + base[p[0] + 1 :]
    )

    def replace_somewhere(value: object, path: list[int]) -> str:
        har = json.loads(base)
        nodes: list[tuple[Any, Any]] = []

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for key in node:
                    nodes.append((node, key))
                    walk(node[key])
            elif isinstance(node, list):
                for index in range(len(node)):
                    nodes.append((node, index))
                    walk(node[index])

        walk(har)
        holder, key = nodes[path[0] % len(nodes)]
        holder[key] = value
        return json.dumps(har)

    replaced = st.builds(
        replace_somewhere, _json, st.lists(st.integers(0, 10_000), min_size=1, max_size=1)
    )
    return st.one_of(cut, swap, replaced, _json.map(json.dumps), st.text(max_size=50))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_broken_captures())
def test_fuzzed_broken_captures_are_read_or_refused_in_one_line(text: str) -> None:
    try:
        har = parse_har(text)
    except NotAHar as exc:
        why = str(exc)
    else:
        why = ""
        for view in iter_entries(har):  # whatever was accepted, the view reads without error
            read: tuple[object, ...] = (view.method, view.url, view.status, view.response_text)
            read += (view.from_cache, view.started, view.error, view.post_params, view.query)
            assert len(read) == 9
    assert "\n" not in why
