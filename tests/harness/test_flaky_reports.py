"""A test that passes only on its retry, as CI reads the run: JUnit XML with Surefire's elements
and the run's verdict, the console's first error, the attempts' artifacts, one pytest-html row per
attempt (fixtures/flaky_reports.py, fixtures/retry_artifacts.py).

Two inner pytest runs in all, each carrying several inner tests. The first is the suite's own
set-up under xdist (the retry options of pyproject.toml, ``-n 1``, the JUnit and HTML reports,
a browser from the session's portal), shared by the tests that read its outputs; the second,
``--allow-flaky`` in one process with no browser.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.harness.inner_runs import only_plugins

if TYPE_CHECKING:
    from mock_portal.testing.plugin import PortalHandle

ROOT = Path(__file__).resolve().parents[2]  # the checkout: fixtures/ is not installed
FLAKY_EXIT = 7

SUITE = """
import pathlib


def _first(name):
    marker = pathlib.Path(name + ".seen")
    first = not marker.exists()
    marker.touch()
    return first


def test_flaky():
    if _first("flaky"):
        print("what the first attempt printed")
        assert 1 + 1 == 3, "the first attempt fails"


def test_broken():
    raise ValueError("broken every time")


def test_fine():
    pass


def test_flaky_page(page):
    page.set_content("<h1>attempt</h1>")
    assert not _first("page"), "the page's first attempt fails"
"""
FLAKY = "test_suite.py::test_flaky"
PAGE = "test_suite.py::test_flaky_page[chromium]"  # pytest-playwright's browser parameter
# The retry options of pyproject.toml's addopts, which an inner run does not read.
RETRIES = ("-p", "fixtures.retry_artifacts", "--reruns=1", "--fail-on-flaky", "-rR")


@dataclass(frozen=True)
class Run:
    folder: Path
    ret: int
    stdout: str

    def suite(self) -> ET.Element:
        root = ET.parse(self.folder / "reports" / "junit.xml").getroot()  # noqa: S314
        found = root.find("testsuite")
        assert found is not None
        return found

    def case(self, name: str) -> ET.Element:
        cases = [c for c in self.suite().iter("testcase") if c.get("name") == name]
        assert len(cases) == 1, f"{len(cases)} <testcase> for {name}"  # one per test
        return cases[0]


def _run(folder: Path, *args: str) -> Run:
    (folder / "test_suite.py").write_text(SUITE)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *RETRIES, *args]
    with subprocess.Popen(  # noqa: S603 (this interpreter's pytest)
        command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as inner:
        try:
            output, _ = inner.communicate(timeout=240)
        except subprocess.TimeoutExpired:
            inner.kill()  # no process left behind by a hung run
            raise
    return Run(folder, inner.returncode, output)


@pytest.fixture(scope="module")
def ci_run(portal: PortalHandle, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The suite's set-up, under xdist as CI runs it."""
    plugins = only_plugins(
        "mock_portal", "playwright", "rerunfailures", "xdist", "html", "metadata"
    )
    return _run(
        tmp_path_factory.mktemp("ci"),
        *plugins,
        *("--portal-url", portal.spot_url, "--admin-token", portal.admin_token),
        *("-n", "1", "--junitxml=reports/junit.xml", "--html=reports/report.html"),
        "--self-contained-html",
    )


def test_junit_has_one_testcase_per_test_with_surefires_elements(ci_run: Run) -> None:
    assert ci_run.ret == pytest.ExitCode.TESTS_FAILED, ci_run.stdout  # test_broken
    flaky = ci_run.case("test_flaky")
    (first,) = flaky.findall("flakyFailure")
    assert first.get("type") == "AssertionError"
    assert first.get("message", "").startswith("AssertionError: the first attempt fails")
    assert "assert 1 + 1 == 3" in first.findtext("stackTrace", "")
    assert "what the first attempt printed" in first.findtext("system-out", "")
    broken = ci_run.case("test_broken")
    assert broken.find("failure") is not None
    (earlier,) = broken.findall("rerunFailure")  # Surefire's element for a test failing for good
    assert earlier.get("message") == "ValueError: broken every time"
    assert ci_run.case("test_fine").find("flakyFailure") is None
    # In the order of Surefire's schema (surefire-test-report-3.0.xsd), which requires a type.
    assert [child.tag for child in broken] == ["failure", "rerunFailure"]
    page = [child.tag for child in ci_run.case("test_flaky_page[chromium]")]
    assert page == ["properties", "failure", "flakyFailure", "system-out"]
    assert all(e.get("type") for e in ci_run.suite().iter("flakyFailure"))


def test_junit_counts_a_flaky_test_as_the_exit_code_does(ci_run: Run) -> None:
    """--fail-on-flaky: the flaky tests fail the run, so dashboards, which count <failure>
    children, must see them fail."""
    suite = ci_run.suite()
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "3", "0")
    for name in ("test_flaky", "test_flaky_page[chromium]"):
        failure = ci_run.case(name).find("failure")
        assert failure is not None
        assert failure.get("type") == "flaky"
        assert "--fail-on-flaky" in failure.get("message", "")
    flaky = suite.find("properties/property[@name='flaky']")
    assert flaky is not None
    assert flaky.get("value") == "2"


def test_the_console_gives_each_flaky_tests_first_error(ci_run: Run) -> None:
    lines = ci_run.stdout.splitlines()
    assert f"FLAKY {FLAKY} - attempt 1: AssertionError: the first attempt fails" in lines
    assert f"FLAKY {PAGE} - attempt 1: AssertionError: the page's first attempt fails" in lines
    assert "2 flaky test(s): the run fails (--fail-on-flaky): a flaky test is a bug to fix" in lines


def test_a_flaky_browser_test_keeps_both_attempts_artifacts(ci_run: Run) -> None:
    results = ci_run.folder / "test-results"
    (first,) = (d for d in results.iterdir() if d.name.endswith("flaky-page-chromium"))
    retry = results / (first.name + "-retry1")  # pytest-playwright's names
    assert sorted(p.name for p in first.iterdir()) == ["test-failed-1.png"]
    kept = {p.suffix for p in retry.iterdir()}
    assert kept == {".zip", ".webm", ".png"}, kept  # trace, video, screenshot of a passing retry
    screenshot = f"[[ATTACHMENT|test-results/{first.name}/test-failed-1.png]]"
    page = ci_run.case("test_flaky_page[chromium]")
    assert screenshot in page.findtext("flakyFailure/system-out", "")
    assert screenshot in page.findtext("system-out", "")  # where GitLab looks


def test_pytest_html_has_one_row_per_attempt(ci_run: Run) -> None:
    text = (ci_run.folder / "reports" / "report.html").read_text()
    blob = re.search(r'data-jsonblob="([^"]*)"', text)
    assert blob is not None
    rows = json.loads(unescape(blob.group(1)))["tests"]
    results = {nodeid: [row["result"] for row in found] for nodeid, found in rows.items()}
    assert results == {
        FLAKY: ["Rerun", "Passed"],
        "test_suite.py::test_broken": ["Rerun", "Failed"],
        "test_suite.py::test_fine": ["Passed"],
        PAGE: ["Rerun", "Passed"],
    }


def test_allow_flaky_keeps_surefires_passed_test(tmp_path: Path) -> None:
    """In one process: the flaky test passes in the report as in the exit code, and keeps its
    first error."""
    run = _run(
        tmp_path,
        *only_plugins("rerunfailures"),
        "--allow-flaky",
        *("-k", "test_flaky and not page", "--junitxml=reports/junit.xml"),
    )
    assert run.ret == pytest.ExitCode.OK, run.stdout
    suite = run.suite()
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")
    flaky = run.case("test_flaky")
    assert flaky.find("failure") is None
    assert len(flaky.findall("flakyFailure")) == 1
    assert f"FLAKY {FLAKY} - attempt 1: AssertionError: the first attempt fails" in run.stdout
    assert "1 flaky test(s): allowed by --allow-flaky" in run.stdout
