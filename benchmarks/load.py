"""A bounded HTTP load from a separate process: requests/s and latency percentiles.

wrk (Debian's package; installed here when missing on Debian as root) is the load generator:
written in C, it leaves the CPU to the server under test. Where it cannot be had, a small
asyncio client (``benchmarks/loader.py``) in its own process stands in, and the table says so.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CONNECTIONS = 50
SECONDS = 5
ANSWER_TIMEOUT = 30  # seconds wrk waits for one answer


@dataclass(frozen=True)
class Request:
    url: str
    method: str = "GET"
    headers: tuple[tuple[str, str], ...] = ()
    body: str = ""


@dataclass(frozen=True)
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    tool: str
    requests: int = 0  # answered in all (wrk's "N requests in"), for CPU time per request


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    debian_root = Path("/etc/debian_version").exists() and os.geteuid() == 0
    if found is None and debian_root and shutil.which("apt-get"):
        subprocess.run(
            [  # noqa: S607 (the system's sh, as the test command's installer uses)
                "sh",
                "-c",
                "apt-get install -y -qq wrk >/dev/null 2>&1 || "
                "(apt-get update -qq && apt-get install -y -qq wrk >/dev/null)",
            ],
            check=False,
        )
        found = shutil.which("wrk")
    return found


def _lua(request: Request) -> str:
    lines = [f"wrk.method = {json.dumps(request.method)}", f"wrk.body = {json.dumps(request.body)}"]
    lines += [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in request.headers]
    return "\n".join(lines) + "\n"


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(value: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s)", value)
    if found is None:
        raise ValueError(f"wrk printed a latency I cannot read: {value!r}")
    return float(found.group(1)) * _UNITS[found.group(2)]


def run_wrk(wrk: str, request: Request, connections: int, seconds: int) -> LoadResult:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(request))
    try:
        output = subprocess.run(  # noqa: S603 (wrk with our own arguments)
            [
                wrk,
                "-t1",
                f"-c{connections}",
                f"-d{seconds}s",
                "--latency",
                # wrk's own 2 s would count a slower answer as a socket error and leave it out
                # of the percentiles: on a busy machine that hides the very tail p99 is about.
                f"--timeout={ANSWER_TIMEOUT}s",
                "-s",
                script.name,
                request.url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + ANSWER_TIMEOUT + 30,
        ).stdout
    finally:
        Path(script.name).unlink()
    return parse_wrk(output)


def parse_wrk(output: str) -> LoadResult:
    """What ``wrk --latency`` printed: requests/s, p50, p99, errors, requests answered."""
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", output, re.MULTILINE))
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    answered = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    if rps is None or answered is None or "50" not in percentiles or "99" not in percentiles:
        raise RuntimeError("wrk's output was not what it should be:\n" + output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*", output)
    errors = int(bad.group(1)) if bad else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(0)))
    return LoadResult(
        float(rps.group(1)),
        _ms(percentiles["50"]),
        _ms(percentiles["99"]),
        errors,
        "wrk",
        int(answered.group(1)),
    )


def run_python(request: Request, connections: int, seconds: int, rate: float = 0.0) -> LoadResult:
    """``benchmarks/loader.py`` in its own process: back to back, or paced at ``rate``
    requests/s over all connections (latency counted from each request's scheduled time)."""
    spec = json.dumps(
        {
            "url": request.url,
            "method": request.method,
            "headers": dict(request.headers),
            "body": request.body,
            "connections": connections,
            "seconds": seconds,
            "rate": rate,
        }
    )
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.loader"],
        input=spec,
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    data = json.loads(output)
    return LoadResult(
        data["rps"],
        data["p50_ms"],
        data["p99_ms"],
        data["errors"],
        "python, paced" if rate > 0 else "python",
        round(data["rps"] * seconds),
    )


def run_paced(
    request: Request, rate: float, connections: int = CONNECTIONS, seconds: int = SECONDS
) -> LoadResult:
    """Latency at an offered load below saturation: ``rate`` requests/s spread over
    ``connections`` kept-alive connections, each request's latency counted from when it was
    due (wrk2's correction for coordinated omission; ``benchmarks/loader.py``). Its
    ``requests_per_second`` is what was served; below ``rate``, the server could not keep up."""
    return run_python(request, connections, seconds, rate)


def run_load(
    request: Request, connections: int = CONNECTIONS, seconds: int = SECONDS
) -> LoadResult:
    wrk = ensure_wrk()
    if wrk is not None:
        return run_wrk(wrk, request, connections, seconds)
    return run_python(request, connections, seconds)
