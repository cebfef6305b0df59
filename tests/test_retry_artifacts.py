"""Failed tests are retried once with recording on; passing only on the retry fails the run."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

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


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    pytester.makepyfile(test_suite=SUITE)
    return pytester.runpytest_subprocess("-p", "fixtures.retry_artifacts", "--reruns=1", *args)


def test_a_test_passing_only_on_its_retry_fails_the_run(pytester: pytest.Pytester) -> None:
    result = _run(pytester)
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*FLAKY (failed, then passed on its retry): *test_flaky*"])
    attempts = (pytester.path / "attempts.jsonl").read_text().splitlines()
    first, retry, fine = (line for line in attempts)
    assert '"tracing": "off"' in first  # nothing recorded while it might pass
    assert '"tracing": "retain-on-failure"' in retry
    assert '"video": "retain-on-failure"' in retry
    assert '"screenshot": "only-on-failure"' in retry
    assert '"tracing": "off"' in fine  # the next test records nothing again


def test_allow_flaky_lists_it_but_passes(pytester: pytest.Pytester) -> None:
    result = _run(pytester, "--allow-flaky")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*1 flaky test(s): allowed by --allow-flaky*"])


def test_options_given_explicitly_apply_to_every_attempt(pytester: pytest.Pytester) -> None:
    _run(pytester, "--tracing", "on")
    attempts = (pytester.path / "attempts.jsonl").read_text().splitlines()
    assert all('"tracing": "on"' in line for line in attempts)
