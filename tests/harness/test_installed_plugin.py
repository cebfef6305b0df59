"""The harness is a plugin of the installed distribution: a project with none of this checkout's
files, and no conftest, gets ``portal``, ``make_user`` and a ``page`` pointed at SPOT.

Each test runs ``python -m pytest`` in an empty folder outside the checkout, with the checkout
kept off ``sys.path`` (no ``PYTHONPATH``; ``-m`` adds only that folder), against the distribution
this interpreter has installed (editable, from this checkout). A fresh virtualenv would prove the
same at the cost of an install per run; docs/harness.md gives those manual commands.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mock_portal.testing.no_playwright import MISSING
from tests.harness.inner_runs import without_plugins

if TYPE_CHECKING:
    from mock_portal.testing.plugin import PortalHandle

ROOT = Path(__file__).resolve().parents[2]

# A QA engineer's whole project: one file, plain Playwright locators, the plugin's fixtures.
OUTSIDE_TEST = """
import importlib.util

from playwright.sync_api import Page, expect


def test_the_checkout_is_not_importable() -> None:
    # Only the installed distribution: not the checkout's fixtures/ or e2e/.
    assert importlib.util.find_spec("fixtures") is None
    assert importlib.util.find_spec("e2e") is None


def test_a_user_signs_in(page: Page, portal, make_user) -> None:
    user = make_user(spot_access="approved", mfa=False)
    page.goto("/")
    assert page.url.startswith(portal.spot_url)
    page.get_by_role("link", name="Log in").click()
    # IDM's first page: how to sign in (idm_sign_in "chooser", the default)
    idm = page.get_by_role("region", name="EUA/IDM User ID")
    idm.get_by_role("button", name="Continue").click()
    page.get_by_label("User ID", exact=True).fill(user.user_id)
    page.get_by_label("Password").fill(user.password)
    page.get_by_label("I agree to the Terms & Conditions").check()
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log off")).to_be_visible()
    assert page.url == portal.spot_url + "/home"
"""

# The same project where Playwright is missing (the distribution installed without its test
# extra): tests without a browser pass, a browser test fails with the plugin's one message.
WITHOUT_PLAYWRIGHT_TEST = """
def test_plain() -> None:
    assert 1 + 1 == 2


def test_control_api(portal, make_user) -> None:
    user = make_user(mfa=False)
    assert user.user_id and user.password and "@" in user.email


def test_browser(page) -> None:
    page.goto("/")
"""

# An import of a name in sys.modules that is None raises ImportError: Playwright "not installed".
BLOCK_PLAYWRIGHT = (
    "import sys; sys.modules['playwright'] = None; import pytest; "
    "raise SystemExit(pytest.main(sys.argv[1:]))"
)


# pytest finds the plugin by its entry point (autoloading stays on); plugins of the test extra
# that this project's tests use nothing of are off (tests/harness/inner_runs.py says why).
OUTSIDE_OPTIONS = ("-p", "no:cacheprovider", *without_plugins())


def _outside_env() -> dict[str, str]:
    """This environment without the checkout on the path and without this run's pytest state
    (xdist worker, addopts, plugin settings), as a shell in another project would have it."""
    return {
        name: value
        for name, value in os.environ.items()
        if name != "PYTHONPATH" and not name.startswith("PYTEST_")
    }


def _portal_options(config: pytest.Config, *names: str) -> list[str]:
    """This run's portal and browser options (``names``, all three unless told), so the outside
    run tests the same portal and browser server (a grid) when given; without them it starts
    its own, as the plugin does."""
    options: list[str] = []
    for option in names or ("--portal-url", "--admin-token", "--browser-ws"):
        value = config.getoption(option)
        if value:
            options += [option, value]
    return options


def _run(folder: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        command,
        cwd=folder,
        env=_outside_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty folder outside the checkout."""
    folder = tmp_path / "qa-project"
    folder.mkdir()
    assert ROOT not in folder.resolve().parents
    return folder


def test_an_outside_project_signs_a_user_in_with_plain_pytest(
    project: Path, pytestconfig: pytest.Config, portal: PortalHandle
) -> None:
    (project / "test_portal.py").write_text(OUTSIDE_TEST)
    # This session's portal, named as a QA project names a running one: the next test covers
    # the plugin starting its own in an outside project, and one portal start is enough.
    running = ["--portal-url", portal.spot_url, "--admin-token", portal.admin_token]

    result = _run(
        project,
        [
            *(sys.executable, "-m", "pytest", *OUTSIDE_OPTIONS, *running),
            *_portal_options(pytestconfig, "--browser-ws"),
        ],
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
    assert not list(project.glob("conftest.py"))
    importing = _run(project, [sys.executable, "-c", "import fixtures"])
    assert "No module named 'fixtures'" in importing.stderr


def test_without_playwright_only_browser_tests_fail_with_one_message(
    project: Path, pytestconfig: pytest.Config
) -> None:
    (project / "test_portal.py").write_text(WITHOUT_PLAYWRIGHT_TEST)
    # -p no:playwright: pytest-playwright's entry point, which would fail to import.
    command = [sys.executable, "-c", BLOCK_PLAYWRIGHT, "-p", "no:playwright"]

    # The plugin starts a portal of its own here (unless this run names one), with Playwright
    # missing: the portal needs none of it.
    portal = _portal_options(pytestconfig, "--portal-url", "--admin-token")

    result = _run(project, [*command, *OUTSIDE_OPTIONS, *portal])

    output = result.stdout + result.stderr
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, output
    assert "2 passed, 1 error" in result.stdout, output
    assert MISSING in " ".join(result.stdout.split()), output
    assert "fixture 'page' not found" not in output


def test_the_entry_point_imports_nothing_beyond_pytest(project: Path) -> None:
    """pytest imports every installed plugin in every run: ours must cost a project that does
    not use it nothing, and work without the test extra."""
    script = (
        "import sys; before = set(sys.modules); import mock_portal.testing.plugin; "
        "new = {m.split('.')[0] for m in set(sys.modules) - before}; "
        "print(sorted(new - {'mock_portal', 'pytest', '_pytest'} - set(sys.stdlib_module_names)))"
    )

    result = _run(project, [sys.executable, "-c", script])

    assert result.returncode == 0, result.stderr
    third_party = result.stdout.strip()
    # pytest's own dependencies come with it; nothing of the portal's or Playwright's.
    for name in ("playwright", "httpx", "starlette", "pydantic", "faker", "uvicorn"):
        assert f"'{name}'" not in third_party
