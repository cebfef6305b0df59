"""The diagnosis rules against their hand-made captures (fixtures/captures/), ruff-style: every
rule fires on its own capture, every catalogue code has a mechanism rule or a stated reason, and
the captures that show nothing give nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fixtures.captures import CAPTURES, page_captures
from mock_portal.captures.diagnose import diagnose_har
from mock_portal.captures.rules import MECHANISMS, NOT_YET, PAGE_ONLY, RULES, Capture, Rule
from mock_portal.errors.catalogue import ErrorCode

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "captures"
TESTED = [r for r in RULES if r.code.value not in NOT_YET]


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return data


def test_every_catalogue_code_has_a_mechanism_rule_or_a_stated_reason() -> None:
    """A code added to the catalogue shows up here until someone writes its rule (or says why
    its page is the only evidence)."""
    with_rule = {r.code for r in MECHANISMS}
    missing = [
        code.value
        for code in ErrorCode
        if code not in with_rule and code not in PAGE_ONLY and code.value not in NOT_YET
    ]
    assert missing == [], f"codes without a diagnosis rule or a reason in PAGE_ONLY: {missing}"
    assert not set(PAGE_ONLY) & with_rule, "a code with a mechanism rule is not page-only"


def test_rule_ids_are_unique_and_stable_in_shape() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(r.id.isupper() or r.id.startswith("PAGE-") for r in RULES)
    assert all(r.source and r.fix for r in RULES)


def test_the_committed_captures_are_the_ones_the_builder_makes() -> None:
    """``python -m fixtures.captures`` wrote every file; none was edited by hand since."""
    codes = [c.value for c in ErrorCode if c.value not in NOT_YET]
    for name, make in {**CAPTURES, **page_captures(codes)}.items():
        assert _load(name) == json.loads(json.dumps(make())), name


@pytest.mark.parametrize("rule", TESTED, ids=lambda r: r.id)
def test_each_rule_finds_its_code_in_its_own_capture(rule: Rule) -> None:
    for name in (rule.fixture, *rule.also):
        capture = Capture.from_har(_load(name))
        hits = rule.match(capture)
        assert hits, f"{rule.id} found nothing in {name}"
        assert all(0 <= i < len(capture.steps) for hit in hits for i in hit.entries)
        diagnosis = diagnose_har(_load(name))
        assert rule.code.value in diagnosis.codes, name
        finding = next(f for f in diagnosis.findings if f.code == rule.code.value)
        assert rule.id in finding.rule.split(", ")


@pytest.mark.parametrize("name", [n for n in CAPTURES if not n.startswith(("clean", "insuff"))])
def test_each_real_site_capture_gives_exactly_its_rules_code(name: str) -> None:
    """No stray finding beside the one the capture was made for (a SPOT 500 after IDM's error
    redirect is the redirect's consequence, not SYSTEM_UNAVAILABLE)."""
    prefix = name.split("-")[0].upper()
    rule = next((r for r in MECHANISMS if r.id == prefix), None)
    expected = [rule.code.value] if rule else ["ACCESS_NOT_ASSIGNED"]  # base64-bodies: idm001's
    assert diagnose_har(_load(name)).codes == expected


def test_a_clean_capture_has_no_finding_and_names_its_last_failed_request() -> None:
    diagnosis = diagnose_har(_load("clean-chrome.har"))
    assert diagnosis.findings == ()
    assert diagnosis.insufficient == ()
    last = diagnosis.last_failed()
    assert last is not None
    assert (last.path, last.status) == ("/favicon.ico", 404)


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("insufficient-disabled-cache.har", '"Disable cache" was on'),
        ("insufficient-half-way.har", "starts half-way"),
        ("idm002-okta-error-redirect.har", "holds no cookies"),
    ],
)
def test_a_capture_that_lacks_evidence_says_how_to_capture_again(name: str, says: str) -> None:
    notes = diagnose_har(_load(name)).insufficient
    assert any(says in note for note in notes), notes


def test_nothing_at_all_is_insufficient() -> None:
    diagnosis = diagnose_har({"log": {"version": "1.2", "entries": []}})
    assert diagnosis.findings == ()
    assert "no requests" in diagnosis.insufficient[0]


def test_cache_marks_are_read_in_each_browsers_dialect() -> None:
    marks: dict[str, str | None] = {}
    for name in (
        "cch001-replayed-state.har",
        "cch001-replayed-state-firefox.har",
        "cch001-replayed-state-safari.har",
    ):
        cached = [s for s in Capture.from_har(_load(name)).steps if s.from_cache]
        assert len(cached) == 1
        marks[name] = cached[0].from_cache
    assert sorted(str(m) for m in marks.values()) == [
        "Chrome memory cache",
        "Firefox cache",
        "Safari disk cache",
    ]


def test_sites_are_recognised_by_path_and_redirect_not_only_by_host() -> None:
    """The same flow on other hosts (a staging SPOT, the mock's two ports) is read the same."""
    text = (FIXTURES / "idm001-okta-not-assigned.har").read_text()
    moved = text.replace("https://spot.fcso.com", "http://127.0.0.1:8000").replace(
        "https://idm.cms.gov", "http://127.0.0.1:8001"
    )
    capture = Capture.from_har(json.loads(moved))
    assert {s.site for s in capture.steps} == {"SPOT", "IDM"}
    assert diagnose_har(json.loads(moved)).codes == ["ACCESS_NOT_ASSIGNED"]


def test_a_live_idm_session_answering_is_named_in_the_cause() -> None:
    finding = diagnose_har(_load("idm001-okta-not-assigned-live-session.har")).findings[0]
    assert "without its sign-in page" in finding.cause
    asked = diagnose_har(_load("idm001-okta-not-assigned.har")).findings[0]
    assert "without its sign-in page" not in asked.cause


def test_the_cookie_overflow_names_the_piled_cookies_by_prefix_only() -> None:
    finding = diagnose_har(_load("ngx001-header-too-large.har")).findings[0]
    assert "16 x .AspNetCore.OpenIdConnect.Nonce.*" in finding.cause
    assert "nnnnnnnn" not in finding.cause  # the nonce in the cookie's name stays out


def test_sizes_survive_placeholders() -> None:
    """A sanitized cookie keeps its length in its placeholder, and the size still adds up."""
    har = _load("ngx001-header-too-large.har")
    callback = har["log"]["entries"][-1]["request"]
    callback["cookies"] = [
        {"name": c["name"], "value": f"[redacted:cookie:{len(c['value'])}]"}
        for c in callback["cookies"]
    ]
    callback["headers"] = [h for h in callback["headers"] if h["name"] != "cookie"]
    before = diagnose_har(_load("ngx001-header-too-large.har")).findings[0].cause
    assert diagnose_har(har).findings[0].cause.split(":")[0] == before.split(":")[0]
    assert "8,3" in diagnose_har(har).findings[0].cause
