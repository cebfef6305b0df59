"""``mock-portal har ...``: the commands on a provider's HAR capture (DESIGN.md, "Reported
captures", **Contract**).

Each command is a function that adds its parser to the ``har`` sub-parser and names the handler
that runs it (``set_defaults(run=...)``); :data:`COMMANDS` lists them, so a new one is one function
here (or in its own module) and one name in that tuple. The handlers import the capture code only
when they run: ``--help`` and a bad flag answer at once.

Exit codes of ``har sanitize``: 0 written, 2 unreadable or not a HAR (one line saying why, never
a traceback), 3 refused (the sanitized copy still held something that must not leave).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

Register = Callable[[Any], None]  # argparse's _SubParsersAction is private


def add_sanitize(commands: Any) -> None:
    sanitize = commands.add_parser(
        "sanitize",
        help="write a copy of a HAR capture with no secret and no PHI in it",
        description="Write a copy of IN.har that keeps the flow a diagnosis needs (entries, "
        "methods, hosts, paths, status codes, timings, sizes, cache and error fields, OAuth "
        "errors, token times) and replaces every secret and every piece of PHI with a "
        "placeholder such as [redacted:cookie:412:1f2e3d4c] (kind, length, and a tag equal "
        "for equal values within the file). Counts per kind go to stderr, never a value. "
        "Exit 0: written; 2: unreadable or not a HAR; 3: refused, because the copy still held "
        "something that must not leave (nothing is written). See docs/captures.md.",
    )
    sanitize.add_argument("input", metavar="IN.har", type=Path, help="the capture to sanitize")
    sanitize.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default=None,
        help="where to write it (default IN.sanitized.har beside the input; - for stdout)",
    )
    sanitize.set_defaults(run=run_sanitize)


# The ``har`` sub-commands, in the order --help lists them.
COMMANDS: tuple[Register, ...] = (add_sanitize,)


def register(commands: Any, extra: tuple[Register, ...] = ()) -> None:
    """Add ``har`` and its sub-commands to the top-level sub-parsers ``commands``."""
    har = commands.add_parser(
        "har",
        help="sanitize a provider's HAR capture of a failing log in",
        description="Work on a HAR capture (Chrome, Edge, Firefox, Safari or Playwright) of a "
        "failing log in. See docs/captures.md for how to capture one.",
    )
    subcommands = har.add_subparsers(dest="har_command", required=True, metavar="COMMAND")
    for add in (*COMMANDS, *extra):
        add(subcommands)


def run(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] = args.run
    return handler(args)


def default_output(path: Path) -> Path:
    """``capture.har`` -> ``capture.sanitized.har`` beside it."""
    stem = path.name[: -len(".har")] if path.name.lower().endswith(".har") else path.name
    return path.with_name(f"{stem}.sanitized.har")


def _counts_line(counts: Mapping[str, int]) -> str:
    if not counts:
        return "nothing redacted"
    return ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))


def run_sanitize(args: argparse.Namespace) -> int:
    from mock_portal.captures.har import NotAHar, read_har  # only this command needs them
    from mock_portal.captures.sanitize import SanitizeRefused, sanitize

    source: Path = args.input
    try:
        har = read_har(source)
    except NotAHar as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        result = sanitize(har)
    except SanitizeRefused as exc:
        print(f"error: {source}: {exc}", file=sys.stderr)
        return 3
    del har
    if args.output == "-":
        sys.stdout.write(result.text)
        sys.stdout.flush()
        where = "stdout"
    else:
        target = Path(args.output) if args.output else default_output(source)
        try:
            _write_atomically(target, result.text)
        except OSError as exc:
            print(f"error: {target}: cannot be written ({exc.strerror or exc})", file=sys.stderr)
            return 2
        where = str(target)
    print(f"sanitized {source} -> {where}", file=sys.stderr)
    print(f"redacted: {_counts_line(result.counts)}", file=sys.stderr)
    return 0


def _write_atomically(target: Path, text: str) -> None:
    """Whole or not at all: a half-written copy is never left where the sanitized one goes."""
    folder = target.parent if str(target.parent) else Path()
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
