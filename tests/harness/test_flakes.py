"""The flake runner: runs a suite several times and tells flaky tests from failing ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fixtures.flakes import RunResult, main, read_junit, verdict
from tests.harness.inner_runs import only_plugins

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="3">
  <testcase classname="e2e.test_a" name="test_ok[chromium]" time="1"/>
  <testcase classname="e2e.test_a" name="test_bad[chromium]" time="1">
    <failure message="x"/>
  </testcase>
  <testcase classname="e2e.test_b" name="test_setup" time="1"><error message="y"/></testcase>
</testsuite></testsuites>
"""
# Fails in every other run: the count it keeps beside itself says which run this is. Marked for
# pytest-rerunfailures' retry, which the flake runner must turn off all the same.
FLAKY = """
from pathlib import Path

import pytest

def test_steady():
    assert True

@pytest.mark.flaky(reruns=1)
def test_flaky():
    count = Path(__file__).with_name("count")
    n = int(count.read_text()) if count.exists() else 0
    count.write_text(str(n + 1))
    assert n % 2 == 1
"""


def test_a_junit_report_gives_the_tests_that_failed_or_errored(tmp_path: Path) -> None:
    report = tmp_path / "run.xml"
    report.write_text(JUNIT)
    assert read_junit(report) == (
        3,
        ["e2e/test_a.py::test_bad[chromium]", "e2e/test_b.py::test_setup"],
    )
    assert read_junit(tmp_path / "missing.xml") == (0, [])


def test_the_verdict_tells_flaky_tests_from_failing_ones() -> None:
    results = [
        RunResult(1, 1, 10.0, 5, ["t::twice", "t::once"]),
        RunResult(2, 1, 10.0, 5, ["t::twice"]),
        RunResult(3, 0, 10.0, 5, []),
    ]
    assert verdict(results).splitlines() == [
        "flake-check: 3 runs, 1 clean; failures:",
        "  t::twice: failed in 2 of 3 runs (flaky)",
        "  t::once: failed in 1 of 3 runs (flaky)",
    ]
    assert "(fails every run)" in verdict(results[:2])
    assert verdict(results[2:]) == "flake-check: 1 runs, 1 clean, 0 failures: no flakes"
    assert not RunResult(4, 2, 1.0).clean  # pytest failed before any test: not clean


def test_runs_a_suite_n_times_and_reports_each_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "test_sample.py").write_text(FLAKY)
    monkeypatch.chdir(tmp_path)

    # The runner's own options need pytest-rerunfailures (--force-reruns) and pytest-html
    # (--html); the sample suite needs no other plugin.
    plugins = only_plugins("rerunfailures", "html", "metadata")
    exit_code = main(
        ["--runs", "2", "--output", str(tmp_path / "out"), "--", "suite", "-q", *plugins]
    )

    printed = capsys.readouterr().out
    assert exit_code == 1
    assert "run 1/2: 2 tests, 1 failed" in printed
    assert "run 2/2: 2 tests, clean" in printed
    assert "suite/test_sample.py::test_flaky: failed in 1 of 2 runs (flaky)" in printed
    assert (tmp_path / "out" / "run-2.xml").exists()
