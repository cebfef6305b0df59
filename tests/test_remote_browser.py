"""``--browser-ws``: the scenarios drive a browser a Playwright server (a grid) launched."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_scenarios_run_in_a_remote_browser() -> None:
    playwright = Path(sys.executable).parent / "playwright"
    server = subprocess.Popen(  # noqa: S603 (Playwright's own CLI)
        [str(playwright), "run-server", "--host", "127.0.0.1", "--port", "0", "--unsafe"],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the CLI's Node child goes with it
    )
    with server:
        try:
            assert server.stdout is not None
            endpoint = re.search(r"ws://\S+", server.stdout.readline())
            assert endpoint, "the Playwright server did not say where it listens"
            env = {**os.environ, "MOCK_PORTAL_BROWSER_WS": endpoint.group(0)}
            if not os.environ.get("MOCK_PORTAL_CHROMIUM"):
                # The local server has no browser of its own here; tell it which to launch.
                env["MOCK_PORTAL_CHROMIUM"] = _local_chromium()
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    # Two quick scenarios that need no sign-in: the point is where the browser is.
                    "e2e/test_system_status.py::test_status_page_lists_idm_hets_fiss_and_spot_as_available",
                    "e2e/test_system_status.py::test_status_page_shows_an_outage_and_its_message",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "-o",
                    "addopts=-p no:html",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def _local_chromium() -> str:
    from fixtures.browser import find_chromium, playwright_executable

    choice = find_chromium(playwright_executable())
    assert choice is not None
    return choice.executable or playwright_executable() or ""
