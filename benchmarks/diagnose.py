"""``har diagnose``'s speed and memory on a generated capture of about 100 MB (issue 24, part 6).

Measured in a fresh process, as ``benchmarks.captures`` measures ``har sanitize`` and its floor
(``json.load`` + ``json.dump`` of the same file): the whole command as a user runs it, reading the
file, sanitizing it in memory and running every rule, with no output file. Target: at least 0.3x
the floor's MB/s, peak memory at most 3x the file. Seconds are CPU seconds, as
``benchmarks.captures`` measures them.

Usage: ``python -m benchmarks --only captures`` (the rows sit beside ``har sanitize``'s).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.captures import Measured, _peak_kib, best_of, cpu_seconds


def _measure_diagnose(path: Path) -> Measured:
    from mock_portal.captures.diagnose import diagnose_file

    before = _peak_kib()
    started = cpu_seconds()
    diagnosis = diagnose_file(path)
    json.dumps(diagnosis.as_json())
    return Measured(cpu_seconds() - started, _peak_kib() - before, path.stat().st_size)


def measure(path: Path) -> Measured:
    """The fastest of a few fresh processes, as ``benchmarks.captures`` measures its rows."""
    return best_of([sys.executable, "-m", "benchmarks.diagnose", "--measure", str(path)])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.diagnose", description=__doc__)
    parser.add_argument("--measure", type=Path, required=True)
    measured = _measure_diagnose(parser.parse_args(argv).measure)
    print(json.dumps({k: getattr(measured, k) for k in ("seconds", "peak_kib", "file_bytes")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
