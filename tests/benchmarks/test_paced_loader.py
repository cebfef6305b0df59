"""The benchmark's paced load (benchmarks/loader.py): requests go out on a fixed schedule and a
late answer's latency counts from when its request was due (wrk2's correction for coordinated
omission), so a stall shows in the percentiles instead of slowing the load down."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from benchmarks.loader import Spec, _Schedule, run
from mock_portal.testing.event_loops import run_apart


def test_each_connection_sends_on_its_own_staggered_schedule() -> None:
    schedules = [_Schedule(100.0, 40.0, 4, index, 1.0) for index in range(4)]

    times = sorted(t for schedule in schedules for t in schedule)

    # 40 requests/s for 1 s over 4 connections: 40 requests, 25 ms apart, the first at the start.
    assert len(times) == 40
    assert times[0] == pytest.approx(100.0)
    assert [b - a for a, b in itertools.pairwise(times)] == pytest.approx([0.025] * 39)
    # Each connection sends every 100 ms (4 connections / 40 requests/s).
    assert list(schedules[1])[:2] == pytest.approx([100.025, 100.125])


class _StallingServer:
    """Answers each HTTP/1.1 request at once with a 2-byte body, except that it holds its
    ``stall_after``-th answer for ``stall`` seconds (the stall under test, on the server's side).
    """

    def __init__(self, stall_after: int, stall: float) -> None:
        self.stall_after, self.stall, self.answered = stall_after, stall, 0

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                await reader.readuntil(b"\r\n\r\n")
                self.answered += 1
                if self.answered == self.stall_after:
                    await asyncio.sleep(self.stall)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
        except asyncio.IncompleteReadError:  # the load generator closed the connection
            pass
        finally:
            writer.close()


async def _paced_against(
    server: _StallingServer, connections: int, rate: float
) -> dict[str, float]:
    listening = await asyncio.start_server(server.serve, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    async with listening:
        return await run(
            Spec(f"http://127.0.0.1:{port}/", connections=connections, seconds=1.0, rate=rate)
        )


def test_a_stall_counts_against_every_request_due_during_it() -> None:
    server = _StallingServer(stall_after=5, stall=0.3)

    # One connection at 50 requests/s for 1 s: a request due every 20 ms. The 5th answer takes
    # 300 ms, so the ~15 requests due meanwhile go out late, and each counts its lateness.
    result = run_apart(_paced_against(server, connections=1, rate=50.0))

    assert server.answered == 50  # every scheduled request was sent, none dropped
    assert result["errors"] == 0
    # Timed from when each went out, only the stalled request would be slow and the p90 fast;
    # timed from the schedule, the ~15 requests due during the stall (30 %) are slow too.
    assert result["p90_ms"] > 100
    assert result["p50_ms"] < 100


def test_back_to_back_the_same_stall_is_one_slow_answer() -> None:
    server = _StallingServer(stall_after=5, stall=0.3)

    result = run_apart(_paced_against(server, connections=1, rate=0.0))

    # Saturated, the load waits out the stall and carries on: the stall is one sample of many.
    assert server.answered > 100
    assert result["p90_ms"] < 100
