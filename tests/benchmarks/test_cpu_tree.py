"""benchmarks/cpu_tree.py: a command's CPU counts every process it starts, grandchildren
included, and nothing of the process that measures it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.cpu_tree import cpu_group

# A child that starts a grandchild and does not wait for it to be counted by anyone but the group:
# each spins for 0.3 s of CPU.
SPIN = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass\n"
PARENT = (
    "import subprocess, sys\n"
    f"child = subprocess.Popen([sys.executable, '-c', {SPIN!r}])\n" + SPIN + "child.wait()\n"
)


def test_a_command_and_its_children_are_counted_and_the_measurer_is_not() -> None:
    with cpu_group() as group:
        if group is None:
            pytest.skip("no cgroup can be made here (not root, or no cpuacct/cgroup v2)")
        subprocess.run(group.wrap([sys.executable, "-c", PARENT]), check=True)  # noqa: S603
        measured = group.seconds()

    # Two interpreters' start-up plus 0.6 s of spinning; a group missing the grandchild would
    # read about 0.35 s, one counting this test's process would read far more.
    assert 0.6 <= measured < 3.0
