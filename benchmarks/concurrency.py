"""Many users at once against a portal of its own (a ``serve`` subprocess, so the server has a
core the clients do not share) or a running one: the load of ``tests/benchmarks/test_load.py`` at
any size.

Run from the project root: ``.venv/bin/python -m benchmarks.concurrency --users 500``, or
against a running portal with ``--portal-url URL --admin-token T``. (``benchmarks/load.py`` is
another thing: requests per second and latency, for the performance brief.)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import secrets
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from fixtures.load import LoadPlan, run_load

SPOT_LINE = re.compile(r"SPOT\s+(http://\S+?)/\s")


@contextlib.contextmanager
def served(token: str) -> Iterator[tuple[str, int]]:
    """A portal in a subprocess: its SPOT URL and process id."""
    options = ("--spot-port", "0", "--idm-port", "0", "--quiet", "--no-demo-users")
    process = subprocess.Popen(  # noqa: S603 (our own module)
        [sys.executable, "-m", "mock_portal", "serve", *options, "--admin-token", token],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = ""
        for line in process.stdout:
            banner += line
            if "Press Ctrl+C" in line:
                break
        found = SPOT_LINE.search(banner)
        if found is None:
            raise RuntimeError(f"serve did not start:\n{banner}")
        yield found.group(1), process.pid
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def rss_mib(pid: int) -> float | None:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.concurrency", description=__doc__)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--lookups", type=int, default=3)
    parser.add_argument("--mfa-every", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=600.0)
    parser.add_argument("--portal-url", default=None)
    parser.add_argument("--admin-token", default=None)
    args = parser.parse_args()
    plan = LoadPlan(args.users, args.lookups, args.mfa_every, args.time_limit)
    if args.portal_url:
        report = asyncio.run(run_load(args.portal_url.rstrip("/"), args.admin_token, plan))
        server_rss = None
    else:
        token = secrets.token_urlsafe(24)
        with served(token) as (spot_url, pid):
            report = asyncio.run(run_load(spot_url, token, plan))
            server_rss = rss_mib(pid)
    print(report.summary())
    if server_rss is not None:
        print(f"server RSS after the run: {server_rss:.1f} MiB")
    for problem in report.problems[:20]:
        print("  " + problem)
    sys.exit(1 if report.problems else 0)


if __name__ == "__main__":
    main()
