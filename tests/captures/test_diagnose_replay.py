"""``reproduce FILE.har [--write-test PATH]``: a diagnosed capture becomes the mock's scenarios,
and a pytest file that passes with plain ``pytest`` outside this repository. The command runs in
this process (tests/cli/inprocess.py); the written file runs in a plain ``pytest`` of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mock_portal.captures.diagnose import diagnose_file
from mock_portal.captures.replay import NO_WALK_YET, walk_for, write_test
from mock_portal.cli import reproduce
from tests.cli.inprocess import run_main
from tests.harness.inner_runs import without_plugins

if TYPE_CHECKING:
    from mock_portal.testing.plugin import PortalHandle

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "captures"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own module)
        [sys.executable, *args], capture_output=True, text=True, cwd=cwd, timeout=600, check=False
    )


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.har")))
def test_every_capture_writes_a_test_that_compiles(name: str) -> None:
    diagnosis = diagnose_file(FIXTURES / name)
    source = write_test(diagnosis, name)
    compile(source, name, "exec")
    for finding in diagnosis.findings:
        walk = walk_for(finding)
        if walk is None:  # named, so a code arriving without a walk is a deliberate gap
            assert finding.code in NO_WALK_YET, finding.code
            assert f"# {finding.code}: the mock has no walk for this code yet." in source
            continue
        assert finding.code not in NO_WALK_YET, finding.code
        assert f"def test_{walk.key.lower().split(':')[0]}" in source


def test_the_walk_follows_the_mechanism_the_diagnosis_names() -> None:
    cookies = diagnose_file(FIXTURES / "ngx001-header-too-large.har").findings[0]
    cached = diagnose_file(FIXTURES / "cch001-replayed-state.har").findings[0]
    hets = diagnose_file(FIXTURES / "sys002-system-down-page.har").findings[0]
    idm = diagnose_file(FIXTURES / "idm004-okta-temporarily-unavailable.har").findings[0]
    assert [walk_for(f).key for f in (cookies, cached, hets, idm)] == [  # type: ignore[union-attr]
        "STALE_SESSION:cookies",
        "STALE_SESSION",
        "SYSTEM_UNAVAILABLE:HETS",
        "SYSTEM_UNAVAILABLE:IDM",
    ]


def test_the_written_test_passes_with_plain_pytest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, portal: PortalHandle
) -> None:
    """Written by the command, run from a folder with no conftest and no repository config,
    against this session's portal named as a user names a running one (``--portal-url``): the
    plugin starting a portal of its own is tests/harness/test_installed_plugin.py's subject, and
    a second start cost this run the server's imports and build (issue 20)."""
    target = tmp_path / "test_replayed.py"
    # The scenarios' run, which follows the writing, is not what this test checks: with no
    # checkout found the command stops there (exit 3) instead of starting a pytest of e2e/.
    monkeypatch.setattr(reproduce, "project_root", lambda: None)
    capture = FIXTURES / "idm001-okta-not-assigned.har"
    written = run_main("reproduce", str(capture), "--write-test", str(target))
    assert written.returncode == reproduce.CANNOT_RUN
    assert "ACCESS_NOT_ASSIGNED" in written.stdout
    assert target.is_file()
    # Installed plugins the written test uses nothing of (schemathesis's, Hypothesis's...) are
    # off: each costs the run its imports (tests/harness/inner_runs.py); the mock's plugin and
    # pytest-playwright load by their entry points, as in the user's plain `pytest`.
    plugins = without_plugins()
    running = ("--portal-url", portal.spot_url, "--admin-token", portal.admin_token)
    result = _run(
        *("-m", "pytest", "-q", "-p", "no:cacheprovider", *plugins, *running, str(target)),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "1 passed" in result.stdout


def test_an_unreadable_capture_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.har"
    broken.write_text("{")
    result = run_main("reproduce", str(broken))
    assert result.returncode == 2
    assert "not JSON" in result.stderr


def test_write_test_needs_a_capture() -> None:
    result = run_main("reproduce", "cookie too large", "--write-test", "x.py")
    assert result.returncode == 2
    assert "needs a HAR file" in result.stderr
