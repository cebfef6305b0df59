"""A run's reports survive the next run until it replaces them, and a listing
(``--collect-only``) in between: pytest-playwright empties its
``--output`` folder (``test-results/``) as each run starts (``delete_output_dir``), so the
suite's reports are written to ``reports/`` (pyproject.toml's addopts, fixtures/error_coverage.py).

Three real pytest runs in a scratch folder, each in its own process with pytest-playwright loaded
and this project's report options read from pyproject.toml.
"""

from __future__ import annotations

import shlex
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from fixtures.error_coverage import REPORT_NAME, REPORTS
from tests.harness.inner_runs import only_plugins

if TYPE_CHECKING:
    import pytest

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"
REPORT_OPTIONS = ("--junitxml", "--html", "--self-contained-html")


def _report_addopts() -> list[str]:
    """The report options of this project's own addopts (so the test follows them)."""
    options = tomllib.loads(PYPROJECT.read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    return [option for option in options if option.startswith(REPORT_OPTIONS)]


SECOND_RUN = f"""
from pathlib import Path


def test_second_run_starts_with_the_first_runs_reports():
    # pytest-playwright's delete_output_dir (an autouse session fixture) has run by now ...
    assert not Path("test-results/left-by-the-first-run.txt").exists()
    # ... and the first run's reports are still there.
    assert "test_first_run" in Path("{REPORTS}/junit.xml").read_text()
    assert "test_first_run" in Path("{REPORTS}/report.html").read_text()
    assert "test_first_run" in Path("{REPORTS}/{REPORT_NAME}").read_text()
"""


def test_a_second_run_keeps_the_first_runs_reports_until_it_replaces_them(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(PYPROJECT.parent))  # for -p fixtures.error_coverage
    addopts = _report_addopts()
    assert any(option.startswith(f"--junitxml={REPORTS}/") for option in addopts)
    assert any(option.startswith(f"--html={REPORTS}/") for option in addopts)
    pytester.makeini(
        "[pytest]\naddopts = "
        + " ".join(shlex.quote(option) for option in addopts)
        + "\nmarkers =\n    covers(*codes): codes\n"
    )
    pytester.makepyfile(
        test_one="""
import pytest
from pathlib import Path

@pytest.mark.covers("SIGN_IN_FAILED")
def test_first_run():
    Path("test-results").mkdir(exist_ok=True)
    Path("test-results/left-by-the-first-run.txt").write_text("an artifact")
"""
    )
    # pytest-playwright (its delete_output_dir is the subject) and pytest-html; no other plugin.
    plugins = [
        *only_plugins("playwright", "html", "metadata"),
        *("-p", "fixtures.error_coverage", "-p", "no:cacheprovider"),
    ]
    first = pytester.runpytest_subprocess(*plugins, "test_one.py")
    assert first.ret == 0, first.stdout.str() + first.stderr.str()
    assert (pytester.path / "test-results" / "left-by-the-first-run.txt").exists()

    # A listing between the two (an IDE's test discovery) runs nothing and writes no report.
    listing = pytester.runpytest_subprocess(*plugins, "--collect-only", "-q", "test_one.py")
    assert listing.ret == 0, listing.stdout.str() + listing.stderr.str()

    pytester.makepyfile(test_two=SECOND_RUN)
    second = pytester.runpytest_subprocess(*plugins, "test_two.py")
    assert second.ret == 0, second.stdout.str() + second.stderr.str()

    # Replaced at the second run's end.
    junit = (pytester.path / REPORTS / "junit.xml").read_text()
    assert "test_second_run_starts_with_the_first_runs_reports" in junit
    assert "test_first_run" not in junit
