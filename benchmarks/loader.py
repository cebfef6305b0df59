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


async def run(spec: dict[str, object]) -> dict[str, float]:
    url = urlsplit(str(spec["url"]))
    host, port = url.hostname or "127.0.0.1", url.port or 80
    body = str(spec.get("body", "")).encode()
    headers = {"Host": f"{host}:{port}", "Content-Length": str(len(body))}
    headers.update(spec.get("headers", {}))  # type: ignore[arg-type]
    head = f"{spec.get('method', 'GET')} {url.path or '/'}{'?' + url.query if url.query else ''}"
    lines = [f"{head} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
    seconds = float(spec.get("seconds", 5))  # type: ignore[arg-type]
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    connections = int(spec.get("connections", 50))  # type: ignore[call-overload]
    errors = await asyncio.gather(
        *(_connection(host, port, request, deadline, latencies) for _ in range(connections))
    )
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / seconds,
        "p50_ms": cuts[49],
        "p99_ms": cuts[98],
        "errors": sum(errors),
    }


def main() -> int:
    print(json.dumps(asyncio.run(run(json.load(sys.stdin)))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
