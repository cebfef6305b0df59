"""``python -m mock_portal reproduce``: from a provider's words to the scenarios, with evidence."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mock_portal.cli.reproduce import match
from tests.cli.inprocess import run_main

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("reported", "code", "how"),
    [
        ("User is not assigned to the client application.", "ACCESS_NOT_ASSIGNED", "message"),
        ("user is not assigned to the client application", "ACCESS_NOT_ASSIGNED", "message"),
        ("access_not_assigned", "ACCESS_NOT_ASSIGNED", "code"),
        ("stale session", "STALE_SESSION", "code"),
        ("400 Bad Request Request Header Or Cookie Too Large", "STALE_SESSION", "phrase"),
        ("It said eligibility is temporarily unavailable", "SYSTEM_UNAVAILABLE", "phrase"),
        ("Access denied. You are not authorized to access this page.", "NOT_AUTHORIZED", "message"),
        ("user not asigned to the client aplication", "ACCESS_NOT_ASSIGNED", "closest"),
        ("SPOT says no match but the card is right", "DATA_MISMATCH", "phrase"),
        ("eligibility came back AAA 72 invalid member ID", "DATA_MISMATCH", "phrase"),
        ("Subscriber/Insured Not Found", "DATA_MISMATCH", "phrase"),
        # Okta Classic's words in an older report still find Identity Engine's entry.
        ("E0000011 Invalid token provided", "SIGN_IN_EXPIRED", "phrase"),
        ("You have been logged out due to inactivity", "SIGN_IN_EXPIRED", "phrase"),
        ("I cancelled Login.gov and came back to IDM", "LOGINGOV_CANCELLED", "phrase"),
        ("my email matches two accounts", "LOGINGOV_EMAIL_AMBIGUOUS", "phrase"),
        ("login.gov said to verify your identity", "LOGINGOV_NOT_VERIFIED", "phrase"),
    ],
)
def test_reports_match_their_catalogue_entry(reported: str, code: str, how: str) -> None:
    found = match(reported)
    assert [m.entry.code.value for m in found] == [code]
    assert found[0].how == how


@pytest.mark.parametrize("nonsense", ["purple elephants dancing", "", "   ", "!!!"])
def test_nonsense_matches_nothing(nonsense: str) -> None:
    assert match(nonsense) == []


def test_nonsense_exits_2_with_the_closest_codes() -> None:
    result = run_main("reproduce", "purple elephants dancing")
    assert result.returncode == 2
    assert "Nothing in the error catalogue matches" in result.stdout
    assert "Closest:" in result.stdout
    assert len([line for line in result.stdout.splitlines() if line.startswith("  ")]) == 3


def test_a_reported_error_is_reproduced_with_a_trace_that_opens(tmp_path: Path) -> None:
    """As a user runs it: ``python -m mock_portal reproduce``, which runs the scenarios in a
    pytest of its own, with tracing, screenshots and video on. A report naming two errors, each
    with one quick scenario (NOT_AUTHORIZED: a signed-in end user opens Access Requests;
    SIGN_IN_REQUEST_REFUSED: IDM refuses a changed log in request), so the several-codes and
    several-scenarios paths run at about 1 s of CPU a scenario; SIGN_IN_EXPIRED's four (one of
    them parametrized three times) cost 26 CPU-seconds (issue 20)."""
    reported = "IDM answered login_required, and later SPOT said access denied"
    result = subprocess.run(  # noqa: S603 (our own module)
        [sys.executable, "-m", "mock_portal", "reproduce", reported, "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Matched NOT_AUTHORIZED" in result.stdout
    assert "Matched SIGN_IN_REQUEST_REFUSED" in result.stdout
    # Every scenario marked for either code (one each today), each listed once.
    reproduced = result.stdout.count("REPRODUCED (passed)")
    assert reproduced >= 2
    assert "NOT REPRODUCED" not in result.stdout
    assert "Every scenario reproduced the error." in result.stdout
    report = json.loads((tmp_path / "error-coverage.json").read_text())
    scenarios = {
        scenario["nodeid"]
        for code in ("NOT_AUTHORIZED", "SIGN_IN_REQUEST_REFUSED")
        for scenario in report["codes"][code]["scenarios"]
    }
    assert reproduced == len(scenarios)
    # One folder per scenario, each with a trace, a video and a screenshot of every browser.
    folders = sorted(path for path in (tmp_path / "artifacts").iterdir() if path.is_dir())
    assert len(folders) == reproduced
    for folder in folders:
        browsers = len(list(folder.glob("trace*.zip")))
        assert browsers >= 1, folder
        assert len(list(folder.glob("video*.webm"))) == browsers, folder
        assert len(list(folder.glob("test-finished-*.png"))) == browsers, folder
    traces = sorted(tmp_path.glob("artifacts/*/trace*.zip"))
    screenshots = sorted(tmp_path.glob("artifacts/*/test-finished-*.png"))
    videos = sorted(tmp_path.glob("artifacts/*/video*.webm"))
    for screenshot in screenshots:
        assert f"screenshot  {screenshot}" in result.stdout
        assert screenshot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")  # an image viewers open
    for video in videos:
        assert f"video       {video}" in result.stdout
        assert video.read_bytes().startswith(b"\x1a\x45\xdf\xa3")  # WebM's EBML header
    for trace in traces:
        assert f"playwright show-trace {trace}" in result.stdout
        with zipfile.ZipFile(trace) as archive:  # what the trace viewer opens
            names = archive.namelist()
            assert any(name.endswith(".trace") for name in names)
            assert any(name.endswith(".network") for name in names)
            assert archive.testzip() is None
