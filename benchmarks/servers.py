"""Servers the benchmarks measure, each in its own process: the portal (``serve``) and the
framework floor (``benchmarks/bare_app.py``), started, waited for, measured and stopped the
same way."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import TracebackType

START_TIMEOUT = 30.0
ADMIN_TOKEN = "benchmark-token"  # noqa: S105 (a loopback-only benchmark portal)


def rss_kib(pid: int) -> int:
    """Resident memory of a process, from Linux's /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    if found is None:
        raise RuntimeError("no VmRSS in /proc (the benchmarks read Linux's /proc)")
    return int(found.group(1))


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (user + system), from Linux's /proc. On a shared
    machine this, per request served, is steadier than requests per second."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # Fields after the command name, which is in parentheses and may hold spaces.
    fields = stat[stat.rindex(")") + 2 :].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def wait_until_answers(url: str, process: subprocess.Popen[str]) -> float:
    """Poll ``url`` until it answers 200; returns when that happened (monotonic seconds)."""
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers(url):
        if process.poll() is not None:
            said = process.stdout.read() if process.stdout else ""
            raise RuntimeError(
                f"the server stopped (exit {process.returncode}) before {url} answered:\n{said}"
            )
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {START_TIMEOUT} s")
        time.sleep(0.005)  # a benchmark's polling interval, not a test's wait
    return time.monotonic()


@dataclass
class Served:
    """A running server process and where it answers."""

    process: subprocess.Popen[str]
    url: str
    idm_url: str | None
    started_in: float  # seconds from spawn to the first answer of its readiness URL

    def rss_kib(self) -> int:
        return rss_kib(self.process.pid)

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=START_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()

    def __enter__(self) -> Served:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _lines(process: subprocess.Popen[str]) -> Iterator[str]:
    # Not ``yield from process.stdout``: closing this generator early would close the pipe
    # too (yield from closes its sub-iterator), and the server would die writing its log.
    assert process.stdout is not None
    return iter(process.stdout.readline, "")


def start_portal(*extra: str) -> Served:
    """``python -m mock_portal serve`` on free ports; ready once ``/__admin/health`` answers."""
    command = [sys.executable, "-m", "mock_portal", "serve", "--spot-port", "0", "--idm-port", "0"]
    command += ["--quiet", "--no-demo-users", "--admin-token", ADMIN_TOKEN, *extra]
    began = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 (our own module, fixed arguments)
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    spot = idm = None
    for line in _lines(process):
        if found := re.search(r"SPOT\s+(http://\S+?)/\s", line):
            spot = found.group(1)
        if found := re.search(r"IDM\s+(http://\S+?)/\s", line):
            idm = found.group(1)
        if spot and idm:
            break
    if spot is None or idm is None:
        raise RuntimeError("serve stopped before printing its URLs")
    ready = wait_until_answers(spot + "/__admin/health", process)
    return Served(process, spot, idm, ready - began)


def start_bare_app() -> Served:
    """The framework floor (``benchmarks/bare_app.py``); ready once ``/`` answers."""
    began = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.bare_app"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = None
    for line in _lines(process):
        if found := re.search(r"listening (http://\S+)", line):
            url = found.group(1)
            break
    if url is None:
        raise RuntimeError("the bare app stopped before saying where it listens")
    ready = wait_until_answers(url + "/", process)
    return Served(process, url, None, ready - began)
