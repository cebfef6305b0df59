"""The CPU time of a command and every process it starts, Chromium's included.

``time`` and ``resource.getrusage(RUSAGE_CHILDREN)`` count only the descendants that were waited
for, and Playwright's Chromium processes are not reaped into pytest's accounting, so a browser
suite's CPU is undercounted. A control group counts every process in it, whoever its parent: the
command is put into a cgroup of its own before it starts (Linux's cgroup v1 ``cpuacct``
controller, ``cpuacct.usage`` in nanoseconds, or cgroup v2's ``cpu.stat`` ``usage_usec``;
kernel.org's cgroup-v1/cpuacct and cgroup-v2 documents). Creating one needs root (or a
delegated subtree): where that cannot be done, no figure is given rather than a wrong one.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

V1 = Path("/sys/fs/cgroup/cpuacct")
V2 = Path("/sys/fs/cgroup")


@dataclass
class CpuGroup:
    """A cgroup a command joins before it starts (``wrap``); ``seconds()`` is the CPU time of
    everything that ran in it so far."""

    folder: Path
    usage: Callable[[Path], float]

    def wrap(self, command: list[str]) -> list[str]:
        """``command`` run by a shell that first moves itself into the group, then becomes the
        command (``exec``): everything it starts is born inside."""
        join = 'echo $$ > "$0/cgroup.procs" && exec "$@"'
        return ["sh", "-c", join, str(self.folder), *command]

    def seconds(self) -> float:
        return self.usage(self.folder)


def _v1_usage(folder: Path) -> float:
    return int((folder / "cpuacct.usage").read_text()) / 1e9


def _v2_usage(folder: Path) -> float:
    for line in (folder / "cpu.stat").read_text().splitlines():
        name, _, value = line.partition(" ")
        if name == "usage_usec":
            return int(value) / 1e6
    raise RuntimeError(f"no usage_usec in {folder / 'cpu.stat'}")


@contextlib.contextmanager
def cpu_group() -> Iterator[CpuGroup | None]:
    """A fresh cgroup for one command, removed afterwards; None where none can be made."""
    name = f"benchmark-{uuid.uuid4().hex[:12]}"
    if (V1 / "cpuacct.usage").exists():
        folder, usage = V1 / name, _v1_usage
    elif (V2 / "cgroup.controllers").exists():
        folder, usage = V2 / name, _v2_usage
    else:
        yield None
        return
    try:
        folder.mkdir()
    except OSError:  # not root, or no delegation
        yield None
        return
    try:
        yield CpuGroup(folder, usage)
    finally:
        with contextlib.suppress(OSError):  # a straggler still in it: left for the kernel
            folder.rmdir()
