"""The stand-in load generator when wrk is missing: keep-alive HTTP/1.1 over asyncio streams.

Reads a JSON spec on stdin (url, method, headers, body, connections, seconds), runs that many
connections back to back for that long, and prints requests/s and latency percentiles as JSON.
Plain streams rather than an HTTP library: the client must cost the CPU as little as it can.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


async def _connection(
    host: str, port: int, request: bytes, deadline: float, latencies: list[float]
) -> int:
    errors = 0
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.monotonic() < deadline:
            began = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append((time.perf_counter() - began) * 1000)
            if status >= 400:
                errors += 1
    finally:
        writer.close()
    return errors


@dataclass(frozen=True)
class Spec:
    url: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    connections: int = 50
    seconds: float = 5.0


async def run(spec: Spec) -> dict[str, float]:
    url = urlsplit(spec.url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    body = spec.body.encode()
    headers = {"Host": f"{host}:{port}", "Content-Length": str(len(body)), **spec.headers}
    target = (url.path or "/") + (f"?{url.query}" if url.query else "")
    lines = [f"{spec.method} {target} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
    deadline = time.monotonic() + spec.seconds
    latencies: list[float] = []
    errors = await asyncio.gather(
        *(_connection(host, port, request, deadline, latencies) for _ in range(spec.connections))
    )
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / spec.seconds,
        "p50_ms": cuts[49],
        "p99_ms": cuts[98],
        "errors": sum(errors),
    }


def main() -> int:
    print(json.dumps(asyncio.run(run(Spec(**json.load(sys.stdin))))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
