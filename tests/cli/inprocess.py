"""The command line run in this process: ``main(argv)`` with its output caught, for the tests
whose subject is what a command prints and returns, not the process around it (a subprocess per
call cost each test a Python start and the portal's imports). The console script and
``python -m mock_portal`` themselves keep their own subprocess tests (tests/cli/test_packaging.py,
tests/cli/test_cli.py's ``serve``, test_json_has_the_contracts_shape_and_exit_0 in
tests/captures/test_diagnose_cli.py)."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from mock_portal.cli.commands import main


@dataclass(frozen=True)
class Ran:
    """What a subprocess would have given: the exit status and both streams."""

    returncode: int
    stdout: str
    stderr: str


def run_main(*argv: str) -> Ran:
    """``python -m mock_portal ARGV...``, in this process; argparse's exit is an exit status.
    Only what goes through ``sys.stdout``/``sys.stderr`` is caught (a child process the command
    starts writes to the test's own streams)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exit_:  # argparse refusing a flag, as the process would exit
            status = exit_.code if isinstance(exit_.code, int) else 2
    return Ran(status, out.getvalue(), err.getvalue())
