"""The distribution as installed: the ``mock-portal`` console script, one version, the license."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import mock_portal

DISTRIBUTION = "spot-idm-mock-portal"


def test_the_console_script_has_every_sub_command_of_python_m_mock_portal() -> None:
    script = Path(sys.executable).parent / "mock-portal"
    assert script.exists(), "install the project (pip install -e .) to get the console script"
    by_script = subprocess.run(  # noqa: S603 (our own console script)
        [str(script), "--help"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    by_module = subprocess.run(
        [sys.executable, "-m", "mock_portal", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert by_script.startswith("usage: mock-portal ")
    assert by_script.replace("mock-portal", "python -m mock_portal") == by_module
    for command in ("serve", "reproduce"):
        assert command in by_script


def test_the_version_is_written_once() -> None:
    assert metadata.version(DISTRIBUTION) == mock_portal.__version__


def test_the_license_ships_with_the_distribution() -> None:
    info = metadata.metadata(DISTRIBUTION)
    assert info["License-Expression"] == "MIT"
    files = [str(f) for f in metadata.files(DISTRIBUTION) or []]
    assert any(f.endswith("LICENSE") for f in files), files
