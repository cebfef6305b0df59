"""The arguments of a pytest run inside a test that loads only the plugins its subject needs.

Every installed plugin costs each pytest process its imports and set-up, whether the run uses it
or not: a one-test run starts in 1.9 s of CPU with all fourteen of this environment's (the
schemathesis plugin alone about 0.5 s), in 0.6 s with three (issue 20). An outer test whose
subject is, say, the retry plugin with pytest-rerunfailures gains nothing from Faker's,
Hypothesis's or schemathesis's plugins in its inner runs; pytest's ``--disable-plugin-autoload``
turns off loading by entry point and ``-p NAME`` loads the ones named, still through their entry
points (pytest's docs, "How to install and use plugins": https://docs.pytest.org/en/stable/
how-to/plugins.html; pytest-dev/pytest#14113 on ``-p`` by entry-point name). xdist's workers are
started with the same arguments, so they load the same few.

Usage::

    pytester.runpytest_subprocess(*only_plugins("playwright", "rerunfailures"), "-rR")
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING

# httpx imports httpcore at its first client; imported here, with the test modules, it is in
# every pytester snapshot, so no pytester test's end drops it from under httpx (see
# refused_in_process).
import httpcore  # noqa: F401
import pytest

if TYPE_CHECKING:
    from pathlib import Path

# `-p NAME` marks the module NAME for assert rewriting, and pytest warns when a module of that
# name is imported already: `html` is also the standard library's (imported before any plugin),
# and an xdist worker has imported `xdist` before it reads its arguments. Neither holds the run's
# tests, so the warning says nothing about them.
_ALREADY_IMPORTED = ("-W", "ignore::pytest.PytestAssertRewriteWarning")


def only_plugins(*names: str) -> list[str]:
    """``--disable-plugin-autoload`` and ``-p NAME`` for each installed plugin's entry-point name
    (``playwright``, ``rerunfailures``, ``xdist``, ``mock_portal``..., and ``html`` with
    ``metadata``, which pytest-html needs)."""
    args = ["--disable-plugin-autoload"]
    for name in names:
        args += ["-p", name]
    return [*args, *_ALREADY_IMPORTED]


# Installed plugins that no run about the portal's own harness uses: schemathesis's and
# Hypothesis's alone cost each pytest start about 1 s of CPU here (issue 20).
UNRELATED = (
    "schemathesis",
    "hypothesispytest",
    "faker",
    "html",
    "html_fixtures",
    "metadata",
    "anyio",  # its plugin imports AnyIO's backends: about 0.1 s
)


def without_plugins(*names: str) -> list[str]:
    """``-p no:NAME`` for each name (``UNRELATED`` unless told): for runs whose subject is that
    pytest finds plugins by their entry points, so autoloading stays on."""
    args: list[str] = []
    for name in names or UNRELATED:
        args += ["-p", f"no:{name}"]
    return args


def refused_in_process(
    capsys: pytest.CaptureFixture[str], folder: Path, *args: str
) -> pytest.RunResult:
    """A pytest run in ``folder`` that ``pytest_configure`` refuses (a usage error, exit 4), in
    this process: no Python start and no plugin imports, about 1 CPU-second a run (issue 20).
    Refused before collection, it imports no test module, so nothing of it clashes with a later
    run. ``-s``: the run writes to ``sys.stdout``/``sys.stderr``, so ``capsys`` has its output.

    Not pytester: its in-process run, and its fixture at each test's end, drop every module
    imported first meanwhile, while modules this process had already keep references into them
    (httpx builds its map of httpcore's errors at its first request: with httpcore imported again
    the map no longer matched, and a refused connection escaped as httpcore's own error). What
    this run imports stays imported, as if this process had imported it itself."""
    capsys.readouterr()  # what the test printed before is not the run's
    began = time.monotonic()
    with contextlib.chdir(folder):
        ret = pytest.main(["-s", *args])
    out, err = capsys.readouterr()
    return pytest.RunResult(ret, out.splitlines(), err.splitlines(), time.monotonic() - began)
