"""CI's critical path: the slowest job of ``.github/workflows/e2e.yml``, installs and lint included.

The test job's shards are rebuilt here the way pytest-split builds them in CI: the tests pytest
collects now, in its order, split by the algorithm the workflow names (pytest-split's default,
``duration_based_chunks``, when it names none) into ``--splits`` groups using the durations in
``.test_durations`` (a test missing there counts as the mean, as pytest-split counts it). A
shard's tests run on ``-n`` workers, so its pytest time is estimated as pytest's start-up and
collection (measured: the collection run here) plus its summed durations over the workers.

Installs are measured on this machine: a fresh virtualenv with the project and its test extra
(``scripts/_venv.sh test`` does the same; CI restores pip's cache, as this machine has its
wheels at hand), finding the harness's Chromium (``python -m mock_portal.testing.browser
ensure``, which ``scripts/test`` runs in every shard; CI's ``playwright install --with-deps
chromium`` step, apt packages included, cannot be timed on a machine that has them, and is not
counted), and ``scripts/lint`` without mypy's and ruff's caches (the lint job runs it alone,
on a fresh runner). The merge job that follows the
shards (a small install and a merge of reports) is not counted.

``python -m benchmarks.ci_path`` prints the estimate without the install measurements.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

import pytest
from pytest_split import algorithms

if TYPE_CHECKING:
    from _pytest import nodes

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "e2e.yml"
DURATIONS = ROOT / ".test_durations"
INSTALL_TIMEOUT = 1_200
IDS_ENV = "CI_PATH_TEST_IDS"  # where the collection hook below writes the test ids


@dataclass(frozen=True)
class ShardPlan:
    """How the workflow runs its test shards."""

    splits: int
    workers: int
    algorithm: str


def shard_plan(workflow: str) -> ShardPlan:
    """The pytest-split and xdist options of the workflow's test command."""
    command = next(
        (line for line in workflow.splitlines() if "--splits" in line and "scripts/test" in line),
        None,
    )
    if command is None:
        raise ValueError("the workflow runs no `scripts/test ... --splits N` command")
    splits = re.search(r"--splits[= ](\d+)", command)
    workers = re.search(r"(?:-n|--numprocesses)[= ]?(\d+)", command)
    algorithm = re.search(r"--splitting-algorithm[= ](\w+)", command)
    if splits is None:
        raise ValueError(f"no --splits count in: {command.strip()}")
    return ShardPlan(
        int(splits.group(1)),
        int(workers.group(1)) if workers else 1,
        algorithm.group(1) if algorithm else "duration_based_chunks",
    )


@dataclass(frozen=True)
class Shard:
    group: int  # 1-based, as the workflow's matrix names it
    tests: int
    summed_seconds: float  # its tests' durations, added up (see ``split``)
    balanced_seconds: float  # the same as pytest-split reckons it when it makes the shards


def split(plan: ShardPlan, test_ids: list[str], durations: dict[str, float]) -> list[Shard]:
    """The shards pytest-split makes of ``test_ids`` (its own algorithm, called as it calls it).

    pytest-split looks a test's duration up by its id, and some tests are collected as several
    items under one id (Schemathesis's API fuzz: one item per operation, each under the test's
    id): each of those items gets the whole recorded duration when the shards are made. The
    recorded duration is the id's total, so a shard's time here gives each such item its share
    of it (the total over the count); a test without a duration counts as the mean of the
    others, as in pytest-split."""
    items = cast("list[nodes.Item]", [SimpleNamespace(nodeid=test) for test in test_ids])
    groups = algorithms.Algorithms[plan.algorithm].value(plan.splits, items, durations)
    known = {test: durations[test] for test in set(test_ids) if test in durations}
    mean = sum(known.values()) / len(known) if known else 1.0
    copies = Counter(test_ids)

    def share(test: str) -> float:
        return known.get(test, mean) / copies[test]

    return [
        Shard(
            i + 1,
            len(group.selected),
            sum(share(item.nodeid) for item in group.selected),
            group.duration,
        )
        for i, group in enumerate(groups)
    ]


def collect() -> tuple[list[str], float]:
    """The suite's test ids in pytest's order, as pytest-split sees them (this module's
    collection hook writes them), and how long collecting them took (pytest's start-up with
    the suite's plugins and its collection: what each shard pays first)."""
    with tempfile.TemporaryDirectory(prefix="ci-collect-") as folder:
        listing = Path(folder) / "ids.json"
        began = time.monotonic()
        command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        collected = subprocess.run(  # noqa: S603 (pytest, our arguments)
            [*command, "-p", "benchmarks.ci_path"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
            env={**os.environ, IDS_ENV: str(listing)},
        )
        seconds = time.monotonic() - began
        if not listing.exists():
            raise RuntimeError("pytest collected nothing:\n" + collected.stdout + collected.stderr)
        ids: list[str] = json.loads(listing.read_text())
    return ids, seconds


def pytest_collection_finish(session: pytest.Session) -> None:
    """Loaded by :func:`collect` only (``-p benchmarks.ci_path``): the collected ids, in order."""
    path = os.environ.get(IDS_ENV)
    if path:
        Path(path).write_text(json.dumps([item.nodeid for item in session.items]))


def _timed(command: list[str], **options: Any) -> float:
    began = time.monotonic()
    subprocess.run(  # noqa: S603 (our own commands)
        command, check=True, capture_output=True, timeout=INSTALL_TIMEOUT, **options
    )
    return time.monotonic() - began


@dataclass(frozen=True)
class Installs:
    project_seconds: float  # a fresh virtualenv, then pip install -e .[test]
    browser_seconds: float  # python -m mock_portal.testing.browser ensure
    lint_seconds: float  # scripts/lint, without mypy's and ruff's caches


def measure_installs() -> Installs:
    with tempfile.TemporaryDirectory(prefix="ci-install-") as folder:
        venv = Path(folder) / "venv"
        project = _timed([sys.executable, "-m", "venv", str(venv)])
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        project += _timed([*pip, "--disable-pip-version-check", "-e", f"{ROOT}[test]"])
    # What scripts/test runs in every shard. CI's own `playwright install --with-deps chromium`
    # step installs system packages with apt, which cannot be timed on a machine that has them.
    browser = _timed([sys.executable, "-m", "mock_portal.testing.browser", "ensure"], cwd=ROOT)
    with tempfile.TemporaryDirectory(prefix="ci-lint-") as caches:
        # Without this checkout's mypy and ruff caches, as on a fresh runner.
        cold = {**os.environ, "MYPY_CACHE_DIR": caches, "RUFF_NO_CACHE": "true"}
        lint = _timed(["bash", str(ROOT / "scripts" / "lint")], cwd=ROOT, env=cold)
    return Installs(project, browser, lint)


@dataclass(frozen=True)
class Estimate:
    plan: ShardPlan
    shards: list[Shard]
    startup_seconds: float
    collected: int
    without_duration: int  # collected tests the durations file does not know
    shared_ids: int  # items collected under an id another item has too

    def pytest_seconds(self, shard: Shard) -> float:
        return self.startup_seconds + shard.summed_seconds / self.plan.workers

    @property
    def slowest(self) -> Shard:
        return max(self.shards, key=self.pytest_seconds)


def estimate() -> Estimate:
    plan = shard_plan(WORKFLOW.read_text())
    durations: dict[str, float] = json.loads(DURATIONS.read_text())
    test_ids, startup = collect()
    shards = split(plan, test_ids, durations)
    unknown = sum(1 for test in test_ids if test not in durations)
    shared = sum(n for n in Counter(test_ids).values() if n > 1)
    return Estimate(plan, shards, startup, len(test_ids), unknown, shared)


def main() -> int:
    found = estimate()
    for shard in found.shards:
        print(
            f"shard {shard.group} of {found.plan.splits}: {shard.tests} tests, "
            f"{shard.summed_seconds:,.1f} s summed ({shard.balanced_seconds:,.1f} s as "
            f"pytest-split reckons it), about {found.pytest_seconds(shard):,.1f} s at "
            f"-n {found.plan.workers}"
        )
    print(f"{found.without_duration} of {found.collected} tests have no recorded duration")
    print(f"{found.shared_ids} items share their test id with another")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
