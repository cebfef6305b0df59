"""What the test suite costs: whole-suite wall time at ``-n 0`` and ``-n 2`` (the 60-second
target is at ``-n 2``; their ratio is reported without a target), the time per browser
scenario, and the harness's overhead per scenario against a bare Playwright script."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bare_playwright import sign_in_rounds
from benchmarks.cpu_tree import cpu_group
from benchmarks.harness_scenario import ROUNDS
from benchmarks.servers import ADMIN_TOKEN, start_portal

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class SuiteRun:
    workers: int
    wall_seconds: float
    tests: int
    failures: int
    scenario_seconds: list[float]  # each browser scenario: setup, call and teardown
    cpu_seconds: float | None = None  # every process of the run, Chromium's included

    @property
    def median(self) -> float:
        return statistics.median(self.scenario_seconds)

    @property
    def p95(self) -> float:
        """Within the scenarios' own range (``inclusive``: the default method extrapolates past
        the slowest of a few), and the only one's time when there is one."""
        if len(self.scenario_seconds) < 2:
            return self.scenario_seconds[0]
        return statistics.quantiles(self.scenario_seconds, n=20, method="inclusive")[18]


def _pytest(args: list[str], workdir: Path) -> tuple[float, Path, float | None]:
    """Run pytest as users do (the suite's own options), its reports kept out of test-results.
    Returns its wall seconds, its JUnit file, and the CPU seconds of it and every process it
    started (None where no cgroup can be made: ``benchmarks/cpu_tree.py``)."""
    junit = workdir / "junit.xml"
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args,
        "--junitxml", str(junit),
        "--html", str(workdir / "report.html"),
        "--output", str(workdir / "artifacts"),
        "--error-coverage-report", str(workdir / "error-coverage.json"),
    ]  # fmt: skip
    # With bytecode caches, as scripts/test runs pytest (scripts/_venv.sh): where the
    # environment turns them off, every worker would compile ~500 modules again.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with cpu_group() as group:
        began = time.monotonic()
        subprocess.run(  # noqa: S603 (pytest, our arguments)
            command if group is None else group.wrap(command),
            cwd=ROOT,
            check=False,
            capture_output=True,
            timeout=900,
            env=env,
        )
        wall = time.monotonic() - began
        cpu = None if group is None else group.seconds()
    return wall, junit, cpu


def _cases(junit: Path) -> list[ET.Element]:
    return list(ET.parse(junit).getroot().iter("testcase"))  # noqa: S314


def run_suite(workers: int, paths: list[str] | None = None) -> SuiteRun:
    """The suite (or ``paths`` of it) at ``-n workers``, as users run it."""
    with tempfile.TemporaryDirectory(prefix="suite-benchmark-") as folder:
        wall, junit, cpu = _pytest(["-n", str(workers), *(paths or [])], Path(folder))
        cases = _cases(junit)
    failures = sum(
        1 for case in cases if case.find("failure") is not None or case.find("error") is not None
    )
    scenarios = [
        float(case.get("time", "0"))
        for case in cases
        if (case.get("classname") or "").startswith("e2e.")
    ]
    return SuiteRun(workers, wall, len(cases), failures, scenarios, cpu)


@dataclass(frozen=True)
class Overhead:
    harness_seconds: float  # median per scenario under pytest and the harness's fixtures
    bare_seconds: float  # median per round of the bare Playwright script

    @property
    def ratio(self) -> float:
        return self.harness_seconds / self.bare_seconds


def measure_overhead() -> Overhead:
    """The same sign-in, under the harness and as a bare script, against one running portal:
    bare, harness, bare (half the bare rounds on each side), so that a machine getting slower
    or faster during the measurement weighs on both alike. Two runs of the old order (all bare
    rounds, then all harness ones) gave 1.22x and 0.89x a minute apart."""
    half = ROUNDS // 2
    with start_portal() as portal, tempfile.TemporaryDirectory() as folder:
        # The first round of each block pays for warming up (the browser's first page).
        bare = sign_in_rounds(portal.url, ADMIN_TOKEN, half)[1:]
        _, junit, _ = _pytest(
            [
                "benchmarks/harness_scenario.py",
                "--portal-url",
                portal.url,
                "--admin-token",
                ADMIN_TOKEN,
            ],
            Path(folder),
        )
        harness = [float(case.get("time", "0")) for case in _cases(junit)]
        bare += sign_in_rounds(portal.url, ADMIN_TOKEN, half)[1:]
    if len(harness) != ROUNDS:
        raise RuntimeError(f"the harness scenario ran {len(harness)} of {ROUNDS} rounds")
    return Overhead(statistics.median(harness[1:]), statistics.median(bare))
