"""Failed tests are retried once with recording on; passing only on the retry fails the run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.harness.inner_runs import only_plugins

# The checkout: fixtures/ is this repository's folder, not part of the installed distribution.
ROOT = Path(__file__).resolve().parents[2]

SUITE = """
import json, pathlib
import pytest

LOG = pathlib.Path("attempts.jsonl")

def _note(request, name):
    with LOG.open("a") as log:
        options = {o: getattr(request.config.option, o) for o in ("tracing", "video", "screenshot")}
        log.write(json.dumps({"test": name, **options}) + "\\n")

def test_flaky(request):
    _note(request, "flaky")
    assert len([l for l in LOG.read_text().splitlines() if '"flaky"' in l]) > 1

def test_fine(request):
    _note(request, "fine")
"""


# pytest-rerunfailures' exit code for a run that only a flaky test fails (--fail-on-flaky).
FLAKY_EXIT = 7
# What the subject needs of the installed plugins: pytest-rerunfailures retries, pytest-playwright
# owns --tracing/--video/--screenshot, pytest-xdist runs the -n 1 cases (inner_runs.py says why
# no others).
PLUGINS = only_plugins("rerunfailures", "playwright", "xdist")


@pytest.fixture(autouse=True)
def _checkout_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The subprocess runs in a folder of its own, and finds ``fixtures.retry_artifacts`` as the
    checkout's root conftest does: with the checkout on ``sys.path``."""
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), *([path] if path else [])]))


# The retry options of pyproject.toml's addopts, which a pytester run does not read.
RETRY_OPTIONS = (*PLUGINS, "-p", "fixtures.retry_artifacts", "--reruns=1", "--fail-on-flaky", "-rR")


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    pytester.makepyfile(test_suite=SUITE)
    return pytester.runpytest_subprocess(*RETRY_OPTIONS, *args)


def test_a_test_passing_only_on_its_retry_fails_the_run(pytester: pytest.Pytester) -> None:
    result = _run(pytester)
    assert result.ret == FLAKY_EXIT
    # pytest-rerunfailures lists the attempts; the plugin says what they mean for the run.
    result.stdout.fnmatch_lines(
        [
            "*rerun test summary info*",
            "RERUN *test_flaky*",
            "PASSED *test_flaky*",
            "1 flaky test(s): the run fails (--fail-on-flaky)*",
        ]
    )
    attempts = (pytester.path / "attempts.jsonl").read_text().splitlines()
    first, retry, fine = (line for line in attempts)
    assert '"tracing": "off"' in first  # nothing recorded while it might pass
    # Kept whatever the retry's outcome (tests/harness/test_flaky_reports.py: the files).
    assert '"tracing": "on"' in retry
    assert '"video": "on"' in retry
    assert '"screenshot": "on"' in retry
    assert '"tracing": "off"' in fine  # the next test records nothing again


def test_allow_flaky_passes_and_explicit_options_apply_to_every_attempt(
    pytester: pytest.Pytester,
) -> None:
    """Two independent options in one inner run, each outcome asserted (one pytest start fewer,
    issue 20): ``--allow-flaky`` lists the flaky test but passes the run; ``--tracing on`` given
    explicitly holds for every attempt, the retry included, instead of the retry's own."""
    result = _run(pytester, "--allow-flaky", "--tracing", "on")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*1 flaky test(s): allowed by --allow-flaky*"])
    attempts = (pytester.path / "attempts.jsonl").read_text().splitlines()
    assert len(attempts) == 3  # the flaky test twice, the fine one once
    assert all('"tracing": "on"' in line for line in attempts)


def test_a_flaky_test_fails_the_run_under_xdist_too(pytester: pytest.Pytester) -> None:
    # pytest-rerunfailures' own --fail-on-flaky leaves an xdist run's exit status at 0.
    result = _run(pytester, "-n", "1")
    assert result.ret == FLAKY_EXIT
    result.stdout.fnmatch_lines(["RERUN *test_flaky*", "1 flaky test(s): the run fails*"])
    retry = (pytester.path / "attempts.jsonl").read_text().splitlines()[1]
    assert '"tracing": "on"' in retry


def test_a_test_failing_its_retry_too_is_a_failure_not_a_flake(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_broken="def test_broken():\n    assert False\n")
    result = pytester.runpytest_subprocess(*RETRY_OPTIONS, "-n", "1")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["RERUN *test_broken*", "FAILED *test_broken*"])
    result.stdout.no_fnmatch_line("*flaky test(s)*")
