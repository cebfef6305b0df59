"""Which Chromium the suite launches: the explicit one, Playwright's own, or the system's, and
the system's headless shell before its full browser when the run is headless."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mock_portal.testing.browser import ENV_VAR, HEADLESS_SHELL, BrowserNotFound, find_chromium

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """The executables this fake machine has on its PATH: name -> path."""
    installed: dict[str, str] = {}
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr("mock_portal.testing.browser.shutil.which", installed.get)
    return installed


def test_headless_runs_prefer_the_systems_headless_shell(system: dict[str, str]) -> None:
    system.update({"chromium": "/usr/bin/chromium", HEADLESS_SHELL: "/usr/bin/shell"})

    choice = find_chromium(None)

    assert choice is not None
    assert (choice.executable, choice.source) == ("/usr/bin/shell", "system")


def test_headed_runs_need_the_full_browser(system: dict[str, str]) -> None:
    system.update({"chromium": "/usr/bin/chromium", HEADLESS_SHELL: "/usr/bin/shell"})

    choice = find_chromium(None, headless=False)

    assert choice is not None
    assert choice.executable == "/usr/bin/chromium"


def test_without_the_shell_the_full_browser_runs_headless_too(system: dict[str, str]) -> None:
    system["chromium"] = "/usr/bin/chromium"

    choice = find_chromium(None)

    assert choice is not None
    assert choice.executable == "/usr/bin/chromium"


def test_playwrights_own_download_comes_before_the_system(
    system: dict[str, str], tmp_path: Path
) -> None:
    system[HEADLESS_SHELL] = "/usr/bin/shell"
    downloaded = tmp_path / "chrome"
    downloaded.write_text("")

    choice = find_chromium(str(downloaded))

    assert choice is not None
    assert (choice.executable, choice.source) == (None, "Playwright's download")


def test_an_explicit_path_comes_first_and_must_be_executable(
    system: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system[HEADLESS_SHELL] = "/usr/bin/shell"
    explicit = tmp_path / "my-chromium"
    explicit.write_text("")
    monkeypatch.setenv(ENV_VAR, str(explicit))

    with pytest.raises(BrowserNotFound, match="not an executable"):
        find_chromium(None)

    explicit.chmod(0o755)
    choice = find_chromium(None)
    assert choice is not None
    assert choice.executable == str(explicit)


def test_no_browser_at_all_is_none(system: dict[str, str]) -> None:
    assert find_chromium(None) is None
