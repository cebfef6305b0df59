"""``mock-portal har diagnose``: the contract's JSON, exit codes, the HTML report, and that
nothing secret in a capture reaches what it prints.

One test runs the command as a user does (``python -m mock_portal``, a process and its exit
status); the others call ``main()`` in this process (tests/cli/inprocess.py): what they check is
what the command prints and returns."""

from __future__ import annotations

import functools
import html
import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mock_portal.captures.diagnose import diagnose_har
from mock_portal.captures.report_html import render
from tests.cli.inprocess import Ran, run_main

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "captures"
# Values planted in the synthetic captures that must never be printed.
SECRETS = ("Not-A-Real-Passw0rd", "Wrong-Passw0rd", "1EG4TE5MK73", "sTATE1", "cODE1", "02SYNTHETIC")


@pytest.fixture
def diagnose() -> Callable[..., Ran]:
    """``har diagnose ARGS...`` in this process."""
    return functools.partial(run_main, "har", "diagnose")


def test_json_has_the_contracts_shape_and_exit_0() -> None:
    """As a user runs it: its own process, its exit status, its stdout."""
    capture = FIXTURES / "ngx001-header-too-large.har"
    result = subprocess.run(  # noqa: S603 (our own module)
        [sys.executable, "-m", "mock_portal", "har", "diagnose", str(capture), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"findings", "insufficient"}
    (finding,) = answer["findings"]
    assert {"code", "entries", "evidence", "cause", "fix"} <= set(finding)
    assert finding["code"] == "STALE_SESSION"
    assert finding["entries"] == [6]
    assert "Request Header Or Cookie Too Large" in finding["evidence"]


def test_no_finding_exits_1_naming_the_last_failed_request(diagnose: Callable[..., Ran]) -> None:
    result = diagnose(str(FIXTURES / "clean-chrome.har"))
    assert result.returncode == 1
    assert "No documented error found" in result.stdout
    assert "entry 8: GET SPOT /favicon.ico -> 404" in result.stdout


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "no such file"),
        (b"", "not JSON"),
        (b"\x89PNG\r\n", "not UTF-8"),
        (b'{"log": {"entries": {}}}', "not a HAR file"),
        (b"[1, 2]", "not a HAR file"),
        (b"[" * 100_000, "not"),
    ],
)
def test_what_is_not_a_har_exits_2_with_one_line(
    tmp_path: Path, content: bytes | None, says: str, diagnose: Callable[..., Ran]
) -> None:
    path = tmp_path / "capture.har"
    if content is not None:
        path.write_bytes(content)
    result = diagnose(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert says in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.har")))
def test_nothing_planted_in_a_capture_is_printed(
    name: str, tmp_path: Path, diagnose: Callable[..., Ran]
) -> None:
    report = tmp_path / "report.html"
    result = diagnose(str(FIXTURES / name), "--json", "--html", str(report))
    assert result.returncode in (0, 1)
    printed = result.stdout + result.stderr + report.read_text()
    assert not [s for s in SECRETS if s in printed]
    assert "?" not in json.dumps(json.loads(result.stdout)["findings"]).replace("?)", "")


def test_the_html_report_is_one_self_contained_page_with_the_failing_step_marked() -> None:
    har = json.loads((FIXTURES / "cch001-replayed-state.har").read_text())
    page = render(diagnose_har(har), "login.har")
    assert page.count('data-failing="true"') == 1
    assert "<script" not in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "STALE_SESSION" in page
    assert "Clear your internet browser's cache" in html.unescape(page)


@pytest.mark.parametrize("where", ["missing-folder/report.html", "."])
def test_a_report_that_cannot_be_written_is_one_line_and_exit_2(
    where: str, tmp_path: Path, diagnose: Callable[..., Ran]
) -> None:
    target = tmp_path / where
    result = diagnose(str(FIXTURES / "ngx001-header-too-large.har"), "--html", str(target))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"error: --html {target}")
