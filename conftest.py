"""Wires pytest-playwright to the mock portal: its URL, the browser, a namespace per test.

The portal itself (started in-process on free ports, or ``--portal-url``) and the admin and
persona fixtures live in ``fixtures/pytest_plugin.py``.
"""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

from fixtures import remote_browser
from fixtures.admin_client import NAMESPACE_HEADER
from fixtures.browser import ENV_VAR as CHROMIUM_ENV
from fixtures.browser import BrowserNotFound, find_chromium, playwright_ffmpeg

if TYPE_CHECKING:
    from playwright.sync_api import Playwright

    from fixtures.pytest_plugin import PortalHandle

# Property tests judge correctness, not speed (benchmarks/ measures speed): no deadline, which
# a busy CI machine would trip at random, and the same examples on every run, with no example
# database left behind, so a failure reproduces from the log alone.
settings.register_profile("portal", deadline=None, derandomize=True, database=None)
settings.load_profile("portal")

pytest_plugins = [
    "fixtures.pytest_plugin",
    "fixtures.beneficiaries",
    "fixtures.error_coverage",
    "fixtures.retry_artifacts",
    "fixtures.inprocess",
    "fixtures.fuzzing",
]


@pytest.fixture(scope="session")
def base_url(portal: PortalHandle) -> str:
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
    """With ``--browser-ws``, check once, before any test, that the server launches a browser:
    otherwise every browser test would fail with the same error."""
    options = _remote_options(config)
    if options is None or hasattr(config, "workerinput"):  # xdist workers: the controller did
        return
    problem = remote_browser.launch_problem(options)
    if problem is not None:
        raise pytest.UsageError(problem)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
    playwright: Playwright,
    connect_options: dict[str, Any] | None,
    pytestconfig: pytest.Config,
) -> dict[str, Any]:
    if connect_options is not None:
        return browser_type_launch_args  # the remote server launches its own browser
    try:
        choice = find_chromium(
            playwright.chromium.executable_path, headless=not pytestconfig.getoption("--headed")
        )
    except BrowserNotFound as exc:
        raise pytest.UsageError(str(exc)) from exc
    if choice is None:
        raise pytest.UsageError(
            "no Chromium found: run `python -m fixtures.browser ensure` (the README's test "
            "command does), or set MOCK_PORTAL_CHROMIUM"
        )
    if choice.executable is None:
        return browser_type_launch_args
    return {**browser_type_launch_args, "executable_path": choice.executable}


@pytest.fixture
def browser_context_args(
    browser_context_args: dict[str, Any],
    base_url: str,
    portal_namespace: str,
    pytestconfig: pytest.Config,
    _pw_artifacts_folder: tempfile.TemporaryDirectory[str],
) -> dict[str, Any]:
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
    # Decided per test, not per session: a test's retry records video even when its first
    # attempt did not (fixtures/retry_artifacts.py). Without ffmpeg, no video at all.
    args.pop("record_video_dir", None)
    wants_video = pytestconfig.getoption("--video") in ("on", "retain-on-failure")
    if wants_video and playwright_ffmpeg().exists():
        args["record_video_dir"] = _pw_artifacts_folder.name
    return args


def pytest_report_header(config: pytest.Config) -> str:
    if playwright_ffmpeg().exists():
        return "videos of failed tests: on"
    return (
        "videos of failed tests: OFF, Playwright's ffmpeg is missing "
        "(run `python -m fixtures.browser ensure`, as the README's test command does)"
    )
