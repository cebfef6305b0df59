"""pytest-playwright's own options, honoured or refused with one line: ``--base-url`` names a
running portal as ``--portal-url`` does; another ``--browser`` than Chromium uses Playwright's
own download of it, or the run stops saying what to install; scenarios that need Chromium are
skipped with their reason under another browser.

Outside runs are pytest runs in a scratch folder, with no conftest: what a user of
the distribution gets from its plugin and pytest-playwright, both loaded through their entry
points, and no other installed plugin (tests/harness/inner_runs.py says why). A run that opens a
browser is a pytest process of its own (Playwright's sync API is not started twice in one
process); a run refused before any test starts runs in this process
(``inner_runs.refused_in_process``), which spares it a Python start and the plugins' imports:
about 1 CPU-second each (issue 20).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

import pytest

from mock_portal.testing.browser import missing_browser, playwright_executable
from mock_portal.testing.playwright_fixtures import pytest_runtest_setup
from tests.harness.inner_runs import only_plugins, refused_in_process

if TYPE_CHECKING:
    from pathlib import Path

    from mock_portal.testing.plugin import PortalHandle

TARGETS_THE_PORTAL = """
from playwright.sync_api import Page, expect


def test_the_portal_is_the_one_named(portal):
    assert portal.spot_url == "{spot_url}"


def test_the_browser_opens_spot_there(page: Page, base_url):
    assert base_url == "{spot_url}"
    page.goto("/")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
"""


PLUGINS = (*only_plugins("mock_portal", "playwright"), "-p", "no:cacheprovider")


def _outside(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(*PLUGINS, *args)


def _refused(
    capsys: pytest.CaptureFixture[str], folder: Path, test: str, *args: str
) -> pytest.RunResult:
    """A run of ``test`` in ``folder`` that ``pytest_configure`` stops (a usage error): no test,
    browser or portal starts."""
    (folder / "test_refused.py").write_text(test)
    return refused_in_process(capsys, folder, *PLUGINS, *args)


def test_base_url_targets_a_running_portal(pytester: pytest.Pytester, portal: PortalHandle) -> None:
    pytester.makepyfile(test_there=TARGETS_THE_PORTAL.format(spot_url=portal.spot_url))

    result = _outside(pytester, "--base-url", portal.spot_url, "--admin-token", portal.admin_token)

    assert result.ret == 0, result.stdout.str() + result.stderr.str()
    result.assert_outcomes(passed=2)


def test_base_url_without_a_portal_there_stops_the_run_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = "http://127.0.0.1:9"  # the discard port: nothing listens

    result = _refused(
        capsys,
        tmp_path,
        "def test_x(portal):\n    pass\n",
        "--base-url",
        nowhere,
        "--admin-token",
        "t",
    )

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = [line for line in result.stderr.lines if line.startswith("ERROR:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"ERROR: --base-url {nowhere}: no mock portal answers there")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--base-url", "http://127.0.0.1:9"], "--base-url http://127.0.0.1:9 needs that portal"),
        (
            ["--base-url", "http://127.0.0.1:9", "--portal-url", "http://127.0.0.1:10"],
            "name two portals; give one",
        ),
    ],
)
def test_base_url_refusals_name_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    result = _refused(capsys, tmp_path, "def test_x():\n    pass\n", *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert expected in result.stderr.str()


def test_a_browser_playwright_has_not_downloaded_stops_the_run_saying_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = missing_browser("webkit", playwright_executable("webkit"))
    if missing is None:
        pytest.skip("Playwright's WebKit is installed on this machine")
    result = _refused(capsys, tmp_path, "def test_x(page):\n    pass\n", "--browser", "webkit")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    output = result.stdout.lines + result.stderr.lines
    assert [line for line in output if line.startswith("ERROR:")] == [f"ERROR: {missing}"]
    assert "playwright install --with-deps webkit" in missing


def _item(browser: str | None, reason: str | None) -> pytest.Item:
    marker = None if reason is None else pytest.mark.chromium_only(reason).mark
    params = {} if browser is None else {"browser_name": browser}
    item = SimpleNamespace(
        get_closest_marker=lambda name: marker if name == "chromium_only" else None,
        callspec=SimpleNamespace(params=params),
    )
    return cast("pytest.Item", item)


def test_a_chromium_only_scenario_is_skipped_with_its_reason_under_another_browser() -> None:
    with pytest.raises(pytest.skip.Exception) as skipped:
        pytest_runtest_setup(_item("webkit", "clears the cache through CDP"))
    assert str(skipped.value) == "Chromium only (webkit runs): clears the cache through CDP"


@pytest.mark.parametrize(
    ("browser", "reason"),
    [("chromium", "through CDP"), (None, "through CDP"), ("firefox", None)],
)
def test_other_scenarios_and_chromium_runs_are_not_skipped(
    browser: str | None, reason: str | None
) -> None:
    pytest_runtest_setup(_item(browser, reason))  # no skip raised
