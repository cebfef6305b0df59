"""A load generator over keep-alive HTTP/1.1 on asyncio streams, in two modes.

- **Back to back** (``rate`` 0): the stand-in for wrk where wrk is missing; each connection asks
  again as soon as it is answered, so the server runs saturated.
- **Paced** (``rate`` > 0, requests/s over all connections): each connection sends on its own
  fixed schedule, and a request's latency counts from the moment it was *due*, not from when it
  went out. That is wrk2's correction for coordinated omission (giltene/wrk2's README): a load
  generator that waits for a slow answer before sending the next request leaves the requests
  that would have queued behind it out of the percentiles. No packaged tool does this here
  (Debian has wrk and hey, neither paced from the schedule), hence our own.

Reads a JSON spec on stdin (url, method, headers, body, connections, seconds, rate), and prints
requests/s, latency percentiles (ms) and errors as JSON. Plain streams rather than an HTTP
library: the client must cost the CPU as little as it can.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> int:
    """One request and its whole answer on a kept-alive connection; returns the status."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return status


async def _connection(
    host: str, port: int, request: bytes, due_times: Iterable[float], latencies: list[float]
) -> int:
    """Sends a request at each of ``due_times`` (``perf_counter`` seconds), or at once when
    the previous answer came after it; each latency counts from when its request was due.
    Returns how many answers were errors (4xx, 5xx)."""
    errors = 0
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for due in due_times:
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            status = await _exchange(reader, writer, request)
            latencies.append((time.perf_counter() - due) * 1000)
            if status >= 400:
                errors += 1
    finally:
        writer.close()
    return errors


def _back_to_back(deadline: float) -> Iterator[float]:
    """Due now, every time, until ``deadline``: the next request goes out as the last answer
    arrives, and its latency is the exchange's own."""
    while (now := time.perf_counter()) < deadline:
        yield now


@dataclass(frozen=True)
class _Schedule:
    """When connection ``index`` of ``connections`` sends, in ``perf_counter`` seconds: the
    ``rate * seconds`` requests are due ``1 / rate`` apart from ``start``, dealt to the
    connections in turn (so each sends every ``connections / rate`` seconds)."""

    start: float
    rate: float
    connections: int
    index: int
    seconds: float

    def __iter__(self) -> Iterator[float]:
        total = round(self.rate * self.seconds)
        for number in range(self.index, total, self.connections):
            yield self.start + number / self.rate


@dataclass(frozen=True)
class Spec:
    url: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    connections: int = 50
    seconds: float = 5.0
    rate: float = 0.0  # requests/s over all connections; 0: back to back


async def run(spec: Spec) -> dict[str, float]:
    url = urlsplit(spec.url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    body = spec.body.encode()
    headers = {"Host": f"{host}:{port}", "Content-Length": str(len(body)), **spec.headers}
    target = (url.path or "/") + (f"?{url.query}" if url.query else "")
    lines = [f"{spec.method} {target} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
    start = time.perf_counter()
    latencies: list[float] = []
    if spec.rate > 0:
        schedules = [
            _Schedule(start, spec.rate, spec.connections, index, spec.seconds)
            for index in range(spec.connections)
        ]
        errors = await asyncio.gather(
            *(_connection(host, port, request, when, latencies) for when in schedules)
        )
    else:
        deadline = start + spec.seconds
        errors = await asyncio.gather(
            *(
                _connection(host, port, request, _back_to_back(deadline), latencies)
                for _ in range(spec.connections)
            )
        )
    elapsed = time.perf_counter() - start  # past ``seconds`` by the last answers' wait
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": cuts[49],
        "p90_ms": cuts[89],
        "p99_ms": cuts[98],
        "errors": sum(errors),
    }


def main() -> int:
    print(json.dumps(asyncio.run(run(Spec(**json.load(sys.stdin))))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
