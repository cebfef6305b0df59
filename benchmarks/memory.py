"""Memory after many logins: the portal's RSS and the size of each per-namespace table, after
10,000 live sessions and then on to 100,000 logins (fixtures/login_churn.py).

The first 10,000 log in 0.1 s apart by the mock's clock and never log off, so all their sessions
are alive at once. The rest log in a second apart, every other one logging off, so expiry (and
past 50,000 entries, each table's cap) has to keep up. Bounded means the table sizes stop
growing and RSS levels off.

Each login is, by default, the OIDC journey as the store sees it (``login_in_store``: the
handlers' own state functions, without pages or signatures), which makes 100,000 of them take
seconds; ``tests/world/test_bounded_state.py`` checks it leaves exactly what a login over HTTP
leaves.
``--http`` makes each one the whole journey over in-process HTTP instead: about 5 ms a login on
this two-core machine, so 100,000 take about 9 minutes.

Run from the project root: ``.venv/bin/python -m benchmarks.memory`` (``--logins``,
``--sessions`` for a shorter run, ``--http`` for whole journeys).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import sys
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fixtures.inprocess import InProcessServer
from fixtures.login_churn import LoginChurn, table_sizes

if TYPE_CHECKING:
    from collections.abc import Callable

NAMESPACE = "memory-benchmark"
Via = Literal["store", "http"]
COLUMNS = ("spot.sessions", "idm.sessions", "idm.access_tokens", "spot.used_states", "outbox")


def rss_mib() -> float:
    """This process's resident memory now (Linux), else its peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@dataclass(frozen=True)
class Checkpoint:
    label: str
    logins: int
    sizes: dict[str, int]
    rss_mib: float
    seconds: float


def checkpoint(churn: LoginChurn, started: float, label: str) -> Checkpoint:
    gc.collect()  # what the portal holds, not garbage waiting for the collector
    return Checkpoint(
        label, churn.logins, table_sizes(churn.world), rss_mib(), time.perf_counter() - started
    )


def print_header() -> None:
    header = "  ".join(f"{c:>17}" for c in COLUMNS)
    print(f"{'':<22} {'logins':>8}  {header}  {'journal':>7}  {'RSS MiB':>8}  {'seconds':>7}")


def print_checkpoint(point: Checkpoint) -> None:
    cells = "  ".join(f"{point.sizes[c]:>17,}" for c in COLUMNS)
    print(
        f"{point.label:<22} {point.logins:>8,}  {cells}  {point.sizes['journal']:>7,}  "
        f"{point.rss_mib:>8.1f}  {point.seconds:>7.0f}",
        flush=True,
    )


async def measure(
    sessions: int,
    logins: int,
    users: int,
    on_checkpoint: Callable[[Checkpoint], None] = lambda _: None,
    via: Via = "store",
) -> list[Checkpoint]:
    """Idle, after ``sessions`` live sessions, then at each quarter of ``logins``, each login
    made ``via`` the store's own functions or whole over HTTP."""
    points: list[Checkpoint] = []

    def note(point: Checkpoint) -> None:
        points.append(point)
        on_checkpoint(point)

    with InProcessServer() as portal:
        started = time.perf_counter()
        churn = LoginChurn(portal, NAMESPACE, users=users, step=timedelta(seconds=0.1))
        note(checkpoint(churn, started, "portal started"))
        async with portal.async_client(NAMESPACE) as client:

            async def login(log_off: bool) -> None:
                if via == "http":
                    await churn.login(client, log_off=log_off)
                else:
                    churn.login_in_store(log_off=log_off)

            while churn.logins < sessions:
                await login(log_off=False)
            note(checkpoint(churn, started, f"{sessions:,} live sessions"))
            churn.step = timedelta(seconds=1)
            quarters = {logins // 4, logins // 2, 3 * logins // 4, logins}
            for mark in sorted(q for q in quarters if q > sessions):
                while churn.logins < mark:
                    await login(log_off=churn.logins % 2 == 0)
                note(checkpoint(churn, started, f"{mark:,} logins"))
        await portal.aclose()
    return points


async def run(sessions: int, logins: int, users: int, via: Via) -> None:
    print_header()
    await measure(sessions, logins, users, print_checkpoint, via)


def progress(point: Checkpoint) -> None:
    print(
        f"   {point.label}: {point.rss_mib:.1f} MiB after {point.seconds:,.0f} s",
        file=sys.stderr,
        flush=True,
    )


async def run_for_json(sessions: int, logins: int, users: int, via: Via) -> None:
    """Progress on stderr, the checkpoints as JSON on stdout (for ``python -m benchmarks``,
    which runs this in a process of its own so that RSS is the portal's alone)."""
    points = await measure(sessions, logins, users, progress, via)
    print(json.dumps([asdict(point) for point in points]))


def checkpoints_from_json(text: str) -> list[Checkpoint]:
    return [Checkpoint(**point) for point in json.loads(text)]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__)
    parser.add_argument("--sessions", type=int, default=10_000, help="live sessions first")
    parser.add_argument("--logins", type=int, default=100_000, help="logins in all")
    parser.add_argument("--users", type=int, default=1_000, help="distinct users logging in")
    parser.add_argument(
        "--http", action="store_true", help="each login the whole journey over HTTP (slow)"
    )
    parser.add_argument("--json", action="store_true", help="checkpoints as JSON on stdout")
    args = parser.parse_args()
    via: Via = "http" if args.http else "store"
    report = run_for_json if args.json else run
    asyncio.run(report(args.sessions, max(args.logins, args.sessions), args.users, via))


if __name__ == "__main__":
    main()
