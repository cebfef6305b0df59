"""The command line run in this process: ``main(argv)`` with pytest's ``capsys``, for the tests
whose subject is what a command prints and returns, not the process around it (a subprocess per
call cost each test a Python start and the portal's imports). The console script and
``python -m mock_portal`` themselves keep their own subprocess tests (tests/cli/test_packaging.py,
test_json_has_the_contracts_shape_and_exit_0 in tests/captures/test_diagnose_cli.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mock_portal.cli.commands import main

if TYPE_CHECKING:
    import pytest


@dataclass(frozen=True)
class Ran:
    """What a subprocess would have given: the exit status and both streams."""

    returncode: int
    stdout: str
    stderr: str


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> Ran:
    """``python -m mock_portal ARGV...``, in this process; argparse's exit is an exit status."""
    capsys.readouterr()  # only this command's output
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse refusing a flag, as the process would exit
        status = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()
    return Ran(status, out, err)
