"""``--browser-ws``: the scenarios drive a browser a Playwright server (a grid) launched.

Each recipe in docs/remote-browsers.md runs here, so CI keeps them true: ``run-server --unsafe``
told which Chromium to launch, ``launch-server --config`` naming it itself, and a server that
cannot launch a browser ending the run with one line.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mock_portal.testing.remote_browser import connect_options, launch_problem
from tests.harness.inner_runs import only_plugins, refused_in_process, without_plugins

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mock_portal.testing.plugin import PortalHandle

ROOT = Path(__file__).resolve().parents[2]
PLAYWRIGHT = Path(sys.executable).parent / "playwright"
# A quick scenario that needs no sign-in (two page loads): the point is where the browser is.
SCENARIOS = (
    "e2e/test_system_status.py::"
    "test_status_page_lists_every_system_as_available_then_shows_an_outage_and_its_message",
)


@contextmanager
def playwright_server(*args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Playwright's CLI serving on loopback; yields the ws:// endpoint it prints."""
    server = subprocess.Popen(  # noqa: S603 (Playwright's own CLI)
        [str(PLAYWRIGHT), *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group: the CLI's Node child goes with it
    )
    with server:
        try:
            assert server.stdout is not None
            endpoint = re.search(r"ws://\S+", server.stdout.readline())
            assert endpoint, "the Playwright server did not say where it listens"
            yield endpoint.group(0)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def run_scenarios(
    endpoint: str, chromium: str | None, portal: PortalHandle
) -> subprocess.CompletedProcess[str]:
    """The scenarios against this session's ``portal``, named with ``--portal-url`` as
    docs/remote-browsers.md has it (the browser must reach the portal), so the run starts none
    of its own; the suite's plugins it uses nothing of are off (tests/harness/inner_runs.py)."""
    env = {**os.environ, "MOCK_PORTAL_BROWSER_WS": endpoint}
    env.pop("MOCK_PORTAL_CHROMIUM", None)
    if chromium:
        env["MOCK_PORTAL_CHROMIUM"] = chromium
    return subprocess.run(  # noqa: S603 (this interpreter running pytest)
        [
            sys.executable,
            "-m",
            "pytest",
            *SCENARIOS,
            "-q",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=-p no:html",
            *without_plugins(),
            *("--portal-url", portal.spot_url, "--admin-token", portal.admin_token),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_run_server_unsafe_launches_the_chromium_the_client_names(portal: PortalHandle) -> None:
    # The local server has no browser of its own here; --unsafe lets the client name one.
    with playwright_server("run-server", "--host", "127.0.0.1", "--port", "0", "--unsafe") as ws:
        result = run_scenarios(ws, _local_chromium(), portal)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_launch_server_with_a_config_needs_no_unsafe(tmp_path: Path, portal: PortalHandle) -> None:
    config = tmp_path / "launch-server.json"
    config.write_text(
        json.dumps(
            {"executablePath": _local_chromium(), "headless": True, "host": "127.0.0.1", "port": 0}
        )
    )
    with playwright_server("launch-server", "--browser", "chromium", "--config", str(config)) as ws:
        result = run_scenarios(ws, None, portal)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_a_server_without_the_browser_ends_the_run_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    portal: PortalHandle,
) -> None:
    """The run ends in ``pytest_configure``, before any test or browser of its own: it runs in
    this process (inner_runs.refused_in_process; the check's Playwright runs in a thread of its
    own), sparing a Python start and the suite's imports (issue 20)."""
    # Without --unsafe, run-server drops the client's executablePath (microsoft/playwright#22855)
    # and looks for its own download, which an empty browsers folder does not have.
    browsers = tmp_path / "browsers"  # empty
    browsers.mkdir()
    server_env = {**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(browsers)}
    (tmp_path / "test_page.py").write_text("def test_x(page):\n    page.goto('/')\n")
    with playwright_server(
        "run-server", "--host", "127.0.0.1", "--port", "0", env=server_env
    ) as ws:
        monkeypatch.setenv("MOCK_PORTAL_BROWSER_WS", ws)
        monkeypatch.setenv("MOCK_PORTAL_CHROMIUM", _local_chromium())
        result = refused_in_process(
            capsys,
            tmp_path,
            *only_plugins("mock_portal", "playwright"),
            *("-p", "no:cacheprovider"),
            *("--portal-url", portal.spot_url, "--admin-token", portal.admin_token),
        )
    assert result.ret == pytest.ExitCode.USAGE_ERROR, result.stdout.str() + result.stderr.str()
    errors = [line for line in result.stderr.lines if line.startswith("ERROR:")]
    assert len(errors) == 1, result.stderr.str()
    assert f"has no browser at {browsers}" in errors[0]
    assert "run-server --unsafe" in errors[0]
    assert "launch-server --config" in errors[0]
    assert "passed" not in result.stdout.str()
    assert "error" not in result.stdout.str().lower()  # no test ran, so none errored


def test_nothing_listening_is_one_line_naming_the_endpoint() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoint = f"ws://127.0.0.1:{port}/"
    problem = launch_problem(connect_options(endpoint, headless=True, executable=None), 10_000)
    assert problem is not None
    assert problem.startswith(f"nothing answers at {endpoint}")
    assert "\n" not in problem


def _local_chromium() -> str:
    from mock_portal.testing.browser import find_chromium, playwright_executable

    choice = find_chromium(playwright_executable())
    assert choice is not None
    return choice.executable or playwright_executable() or ""
