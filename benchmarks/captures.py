"""``har sanitize`` on a large capture, beside the floor of any Python tool that must read and
write the same file: ``json.load`` + ``json.dump`` (issue 24, "Speed": at least 0.3x the floor's
MB/s, peak memory at most 3x the file's size).

The capture is generated (never a real one): log-in journeys through IDM into SPOT, each with
HTML pages, IDX JSON calls, a form post, a script bundle and base64 images, with fresh cookies and
tokens per journey, repeated until the file reaches the asked size (about 100 MB by default, a
bound not a target: it stops at the first journey past it). Each measurement runs in a process of
its own, so peak RSS is that command's alone.

``python -m benchmarks.captures --measure FILE`` sanitizes FILE and prints one JSON object
(seconds, peak RSS over the process's start, file size): what the benchmark's row reads.

Seconds are the measuring process's CPU time (user + system, :func:`cpu_seconds`), for the
command and its floor alike: both are one thread reading, computing and writing, so on a quiet
machine CPU time is their wall time, and on this one, whose two cores other work shares, wall time
measured the neighbours (the floor alone swung from 28 to 99 MB/s between runs). Each figure is
the fastest of :data:`RUNS` fresh processes (:func:`best_of`).
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mock_portal.captures.vocabulary import names

DEFAULT_MB = 100
_WORDS = tuple(
    sorted(
        names(
            "eligibility claim status provider beneficiary information system available "
            "entered medicare part coverage date service submit help desk contact page "
            "results request the of and to for with your please log in out home access"
        )
    )
)


def _page(rng: random.Random, size: int) -> str:
    rows: list[str] = []
    while sum(map(len, rows)) < size:
        words = " ".join(rng.choice(_WORDS) for _ in range(12))
        rows.append(
            f'<tr class="row"><td data-field="x">{words}</td><td>{rng.randint(1, 999)}</td></tr>'
        )
    return (
        "<!DOCTYPE html><html><head><title>SPOT</title><script>var cfg = {mode: 'spot', "
        f"token: '{rng.getrandbits(128):032x}'}};</script></head><body><table>"
        + "".join(rows)
        + "</table></body></html>"
    )


def _entry(
    url: str, status: int, mime: str, text: str, *, encoding: str = "", **request: Any
) -> dict[str, Any]:
    content: dict[str, Any] = {"size": len(text), "mimeType": mime, "text": text}
    if encoding:
        content["encoding"] = encoding
    return {
        "startedDateTime": "2026-01-07T15:00:00.000Z",
        "time": 35.2,
        "request": {
            "method": request.pop("method", "GET"),
            "url": url,
            "httpVersion": "http/2.0",
            "headers": request.pop("headers", []),
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": 0,
            **request,
        },
        "response": {
            "status": status,
            "statusText": "",
            "httpVersion": "http/2.0",
            "headers": [
                {"name": "content-type", "value": mime},
                {"name": "cache-control", "value": "no-store"},
            ],
            "cookies": [],
            "content": content,
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(text),
        },
        "cache": {},
        "timings": {"send": 0.1, "wait": 30.0, "receive": 5.1},
        "_resourceType": "document",
    }


def _journey(rng: random.Random, bundle: str, image: str) -> list[dict[str, Any]]:
    spot, idm = "https://spot.fcso.com", "https://idm.cms.gov"
    session = f"{rng.getrandbits(160):040x}"
    cookie = [{"name": "cookie", "value": f"JSESSIONID={session}; idx={rng.getrandbits(96):024x}"}]
    state = f"{rng.getrandbits(96):024x}"
    idx = json.dumps(
        {
            "version": "1.0.0",
            "stateHandle": f"02{rng.getrandbits(160):040x}",
            "expiresAt": "2026-01-07T15:20:00.000Z",
            "remediation": {
                "type": "array",
                "value": [{"name": "identify", "href": f"{idm}/idp/idx/identify"}],
            },
            "messages": {
                "type": "array",
                "value": [{"message": "Authentication failed", "class": "ERROR"}],
            },
        }
    )
    mbi = "1EG4TE5MK73"
    return [
        _entry(f"{spot}/", 200, "text/html", _page(rng, 40_000)),
        _entry(
            f"{spot}/static/app.{rng.getrandbits(32):08x}.js", 200, "application/javascript", bundle
        ),
        _entry(f"{spot}/static/logo.png", 200, "image/png", image, encoding="base64"),
        _entry(
            f"{idm}/oauth2/default/v1/authorize?client_id=0oaSPOT&response_type=code&scope=openid&state={state}",
            302,
            "text/html",
            "",
        ),
        _entry(
            f"{idm}/idp/idx/introspect",
            200,
            "application/ion+json",
            idx,
            method="POST",
            headers=cookie,
        ),
        _entry(
            f"{idm}/idp/idx/identify",
            401,
            "application/ion+json",
            idx,
            method="POST",
            headers=cookie,
            postData={
                "mimeType": "application/json",
                "text": json.dumps({"identifier": "user", "credentials": {"passcode": "x" * 12}}),
            },
        ),
        _entry(
            f"{spot}/callback?code={rng.getrandbits(96):024x}&state={state}", 302, "text/html", ""
        ),
        _entry(
            f"{spot}/eligibility",
            200,
            "text/html",
            _page(rng, 60_000),
            method="POST",
            headers=cookie,
            postData={
                "mimeType": "application/x-www-form-urlencoded",
                "text": f"mbi={mbi}&last_name=Doe&first_name=Pat&date_of_birth=01%2F02%2F1950",
            },
        ),
    ]


def generate(path: Path, megabytes: int = DEFAULT_MB, seed: int = 0) -> int:
    """Write a capture of about ``megabytes`` MB to ``path``; its size in bytes."""
    rng = random.Random(seed)
    bundle = "".join(
        f"function f{i}(a){{return a*{i}+{rng.randint(0, 9)};}}\n" for i in range(20_000)
    )
    image = base64.b64encode(rng.randbytes(60_000)).decode()
    entries: list[dict[str, Any]] = []
    size = 0
    while size < megabytes * 1_000_000:
        journey = _journey(rng, bundle, image)
        size += len(json.dumps(journey))
        entries += journey
    har = {
        "log": {
            "version": "1.2",
            "creator": {"name": "benchmarks.captures", "version": "1"},
            "pages": [],
            "entries": entries,
        }
    }
    with path.open("w", encoding="utf-8") as file:
        json.dump(har, file, indent=1)
    return path.stat().st_size


def cpu_seconds() -> float:
    """This process's CPU time so far (user + system), in seconds."""
    return time.process_time()


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


@dataclass(frozen=True)
class Measured:
    seconds: float  # CPU seconds (cpu_seconds)
    peak_kib: int  # peak RSS over the RSS before the file was read
    file_bytes: int

    @property
    def mb_per_second(self) -> float:
        return self.file_bytes / 1e6 / self.seconds


def _measure_sanitize(path: Path) -> Measured:
    from mock_portal.captures.har import read_har
    from mock_portal.captures.sanitize import sanitize

    before = _peak_kib()
    started = cpu_seconds()
    result = sanitize(read_har(path))
    with tempfile.TemporaryFile("w", encoding="utf-8") as out:
        out.write(result.text)
    return Measured(cpu_seconds() - started, _peak_kib() - before, path.stat().st_size)


def _measure_floor(path: Path) -> Measured:
    before = _peak_kib()
    started = cpu_seconds()
    with path.open(encoding="utf-8") as file:
        har = json.load(file)
    with tempfile.TemporaryFile("w", encoding="utf-8") as out:
        json.dump(har, out, ensure_ascii=False, indent=2)
    return Measured(cpu_seconds() - started, _peak_kib() - before, path.stat().st_size)


# Fresh processes per measurement. Even CPU time moves with the neighbours here (shared caches and
# cores: the floor's CPU seconds varied by a third between runs), so the fastest of a few is
# taken, for the command and its floor alike, and the largest peak.
RUNS = 3


def best_of(command: list[str], runs: int = RUNS) -> Measured:
    """The fastest of ``runs`` runs of ``command`` (each prints one :class:`Measured` as JSON),
    with the largest peak memory of them."""
    measured = []
    for _ in range(runs):
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True, timeout=1_800)  # noqa: S603 (our own module)
        measured.append(Measured(**json.loads(done.stdout)))
    fastest = min(measured, key=lambda m: m.seconds)
    return Measured(fastest.seconds, max(m.peak_kib for m in measured), fastest.file_bytes)


def measure(path: Path, what: str) -> Measured:
    """The best of :data:`RUNS` measurements, each in a fresh process (``what``: ``sanitize`` or
    ``floor``)."""
    return best_of(
        [sys.executable, "-m", "benchmarks.captures", "--measure", str(path), "--what", what]
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.captures", description=__doc__)
    parser.add_argument("--measure", type=Path, required=True)
    parser.add_argument("--what", choices=("sanitize", "floor"), default="sanitize")
    args = parser.parse_args(argv)
    run = _measure_sanitize if args.what == "sanitize" else _measure_floor
    measured = run(args.measure)
    print(
        json.dumps(
            {
                "seconds": measured.seconds,
                "peak_kib": measured.peak_kib,
                "file_bytes": measured.file_bytes,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
