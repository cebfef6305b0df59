"""pytest-playwright pointed at the mock portal: its URL, the browser, a namespace per test.

Registered by ``mock_portal.testing.plugin``'s ``pytest_configure`` when pytest-playwright is
active, after it, so that these fixtures override its own (``base_url``, ``connect_options``,
``browser_type_launch_args``, ``browser_context_args``).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from mock_portal.testing import remote_browser
from mock_portal.testing.browser import (
    ENSURE_COMMAND,
    BrowserNotFound,
    find_chromium,
    missing_browser,
    playwright_executable,
    playwright_ffmpeg,
)
from mock_portal.testing.browser import ENV_VAR as CHROMIUM_ENV
from mock_portal.world.store import NAMESPACE_HEADER

if TYPE_CHECKING:
    from playwright.sync_api import Playwright

    from mock_portal.testing.plugin import PortalHandle


@pytest.fixture(scope="session")
def base_url(portal: PortalHandle) -> str:
    """SPOT's base URL: ``page.goto("/")`` opens SPOT's landing page."""
    return portal.spot_url


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config) -> dict[str, Any] | None:
    """With ``--browser-ws``, pytest-playwright connects to that server instead of launching.

    The server launches the browser with the options in this header, in Playwright's own
    (camelCase) names; an explicit ``$MOCK_PORTAL_CHROMIUM`` is a path on the server.
    """
    return _remote_options(pytestconfig)


def _remote_options(config: pytest.Config) -> dict[str, Any] | None:
    endpoint = config.getoption("--browser-ws")
    if not endpoint:
        return None
    return remote_browser.connect_options(
        endpoint,
        headless=not config.getoption("--headed"),
        executable=os.environ.get(CHROMIUM_ENV),
    )


def pytest_configure(config: pytest.Config) -> None:
    """Check once, before any test, that the browser can be had: with ``--browser-ws`` that
    the server launches one; with ``--browser firefox`` or ``webkit`` that Playwright's own
    download of it is installed. Otherwise every browser test would fail with the same error.
    Raises ``pytest.UsageError`` (one line saying what to install or change) when not."""
    if hasattr(config, "workerinput"):  # xdist workers: the controller checked
        return
    options = _remote_options(config)
    if options is not None:
        problem = remote_browser.launch_problem(options)
        if problem is not None:
            raise pytest.UsageError(problem)
        return
    for browser in dict.fromkeys(config.getoption("--browser") or ()):
        if browser != "chromium":
            problem = missing_browser(browser, playwright_executable(browser))
            if problem is not None:
                raise pytest.UsageError(problem)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A scenario marked ``chromium_only(reason)`` is skipped, with its reason, under another
    ``--browser`` (pytest-playwright parametrizes ``browser_name`` from ``--browser``)."""
    marker = item.get_closest_marker("chromium_only")
    callspec = getattr(item, "callspec", None)
    browser = callspec.params.get("browser_name") if callspec is not None else None
    if marker is not None and browser not in (None, "chromium"):
        reason = marker.args[0] if marker.args else "needs Chromium"
        pytest.skip(f"Chromium only ({browser} runs): {reason}")


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
    playwright: Playwright,
    connect_options: dict[str, Any] | None,
    pytestconfig: pytest.Config,
    browser_name: str,
) -> dict[str, Any]:
    """pytest-playwright's launch arguments with the Chromium ``mock_portal.testing.browser``
    finds. Raises ``pytest.UsageError`` when there is none. Another ``--browser`` (checked in
    ``pytest_configure``) or a ``--browser-channel`` is Playwright's to launch."""
    if connect_options is not None:
        return browser_type_launch_args  # the remote server launches its own browser
    if browser_name != "chromium" or pytestconfig.getoption("--browser-channel"):
        return browser_type_launch_args
    try:
        choice = find_chromium(
            playwright.chromium.executable_path, headless=not pytestconfig.getoption("--headed")
        )
    except BrowserNotFound as exc:
        raise pytest.UsageError(str(exc)) from exc
    if choice is None:
        raise pytest.UsageError(
            f"no Chromium found: run `{ENSURE_COMMAND}` (the README's test command does), "
            f"or set {CHROMIUM_ENV}"
        )
    if choice.executable is None:
        return browser_type_launch_args
    return {**browser_type_launch_args, "executable_path": choice.executable}


def har_path(config: pytest.Config, nodeid: str) -> Path | None:
    """Where ``--record-har DIR`` puts the capture of the test ``nodeid`` (None: not recording)."""
    folder = config.getoption("--record-har")
    if not folder:
        return None
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", nodeid).strip("-")[:180]
    return Path(folder) / f"{name}.har"


@pytest.fixture
def browser_context_args(
    browser_context_args: dict[str, Any],
    base_url: str,
    portal_namespace: str,
    pytestconfig: pytest.Config,
    _pw_artifacts_folder: tempfile.TemporaryDirectory[str],
    request: pytest.FixtureRequest,
) -> dict[str, Any]:
    """pytest-playwright's context arguments: SPOT as ``base_url``, the test's namespace on
    every request, and video only where it can be recorded."""
    # Every request the browser makes carries the test's namespace, so parallel tests (and
    # parallel workers sharing one portal) never see each other's users, mail or outages.
    # A header rather than a cookie: the cache scenarios clear cookies, and it must survive.
    # portal_namespace, not just its name: the portal serves a page only in a namespace the
    # control API created.
    args = {
        **browser_context_args,
        "base_url": base_url,
        "extra_http_headers": {NAMESPACE_HEADER: portal_namespace},
    }
    # Decided per test, not per session: a test's retry may record video when its first
    # attempt did not (the checkout's fixtures/retry_artifacts.py). Without ffmpeg, no video.
    args.pop("record_video_dir", None)
    wants_video = pytestconfig.getoption("--video") in ("on", "retain-on-failure")
    if wants_video and playwright_ffmpeg().exists():
        args["record_video_dir"] = _pw_artifacts_folder.name
    # A HAR of the whole test, written when its context closes (Playwright's record_har_path;
    # "full" mode with bodies embedded, as DevTools' "Save all as HAR with content" does).
    har = har_path(pytestconfig, request.node.nodeid)
    if har is not None:
        har.parent.mkdir(parents=True, exist_ok=True)
        args["record_har_path"] = str(har)
        args["record_har_content"] = "embed"
    return args


def pytest_report_header(config: pytest.Config) -> str:
    if playwright_ffmpeg().exists():
        return "videos of failed tests: on"
    return (
        "videos of failed tests: OFF, Playwright's ffmpeg is missing "
        f"(run `{ENSURE_COMMAND}`, as the README's test command does)"
    )
